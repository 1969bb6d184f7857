// What the Internal Events view and the workspace report say about one definition: its findings
// (problems, unused, no metric, no spec, legacy, removed, placeholders) and what refers to it.
// Everything comes from the index's maps and the rules' own diagnostics, so a badge in the tree or
// a row in a report never disagrees with the Problems panel or `check`.
import type { Diagnostic } from './model';
import type { EventDefinition, MetricDefinition } from './definitions';
import type { ProjectIndex } from './projectIndex';
import type { FileCallSite } from './rules/types';
import { isSpecReference } from './specReferences';

export interface ProblemCounts {
  errors: number;
  warnings: number;
}

export interface EventFacts extends ProblemCounts {
  def: EventDefinition;
  /** The definition file's diagnostics (file-local and cross-file), as the editor shows them. */
  diagnostics: Diagnostic[];
  /** Diagnostics at the tracking calls and specs naming the event. */
  callDiagnostics: { call: FileCallSite; diagnostics: Diagnostic[] }[];
  unused: boolean;
  noMetric: boolean;
  /** An internal event no RSpec matcher, shared example, Jest assertion or test file names. */
  noSpec: boolean;
  /** A legacy Snowplow definition (no `internal_events: true`). */
  legacy: boolean;
  removed: boolean;
  placeholders: number;
  metrics: MetricDefinition[];
  /** Tracking calls outside specs. */
  calls: FileCallSite[];
  specs: FileCallSite[];
  /** Calls whose name, built at run time, may be this event. */
  possibleCalls: FileCallSite[];
}

export function countProblems(diagnostics: readonly Diagnostic[]): ProblemCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

export function eventFacts(index: ProjectIndex, def: EventDefinition): EventFacts {
  const name = def.action;
  const diagnostics = index.diagnostics(def.file);
  const sites = name ? index.callSitesOf(name).filter((c) => c.site.refersTo === 'event') : [];
  const specs = sites.filter((c) => isSpecReference(c.file, c.site));
  const calls = sites.filter((c) => !isSpecReference(c.file, c.site));
  const callDiagnostics = sites.map((call) => ({ call, diagnostics: index.callSiteDiagnostics(call.file, call.site) }));
  const own = countProblems(diagnostics);
  const atCalls = countProblems(callDiagnostics.flatMap((c) => c.diagnostics));
  const has = (code: Diagnostic['code']) => diagnostics.some((d) => d.code === code);
  return {
    def,
    diagnostics,
    callDiagnostics,
    errors: own.errors + atCalls.errors,
    warnings: own.warnings + atCalls.warnings,
    unused: has('unused-event'),
    noMetric: has('event-without-metric'),
    noSpec: def.internal && !def.removed && specs.length === 0,
    legacy: !def.internal,
    removed: def.removed,
    placeholders: diagnostics.filter((d) => d.code === 'placeholder').length,
    metrics: name && !def.removed ? index.metricsCounting(name) : [],
    calls,
    specs,
    possibleCalls: name && def.internal && !def.removed ? index.possibleCallSitesOf(name) : [],
  };
}

/** Worth a look: errors or warnings, or one of the whole-workspace hints nobody lists. */
export function eventNeedsAttention(f: EventFacts): boolean {
  return f.errors + f.warnings > 0 || f.unused || f.noMetric;
}

/** What is wrong with one event a metric counts, as the Metrics view flags it. */
export type MetricEventState = 'ok' | 'missing' | 'removed' | 'unused' | 'legacy';

export interface MetricFacts extends ProblemCounts {
  def: MetricDefinition;
  diagnostics: Diagnostic[];
  placeholders: number;
  /** `status: removed`. */
  removed: boolean;
  events: { name: string; state: MetricEventState; definition?: EventDefinition }[];
}

/** Whether an event definition has the unused-event hint; `metricFacts` asks it once per event a metric counts. */
export type UnusedLookup = (def: EventDefinition) => boolean;

export function isUnused(index: ProjectIndex, def: EventDefinition): boolean {
  return index.diagnostics(def.file).some((d) => d.code === 'unused-event');
}

export function metricFacts(index: ProjectIndex, def: MetricDefinition, unused: UnusedLookup = (e) => isUnused(index, e)): MetricFacts {
  const diagnostics = index.diagnostics(def.file);
  const names = [...new Set(def.events.map((e) => e.name).filter((n): n is string => !!n))];
  return {
    def,
    diagnostics,
    ...countProblems(diagnostics),
    placeholders: diagnostics.filter((d) => d.code === 'placeholder').length,
    removed: def.status === 'removed',
    events: names.map((name) => ({ name, ...metricEventState(index, name, unused) })),
  };
}

function metricEventState(index: ProjectIndex, name: string, unused: UnusedLookup): { state: MetricEventState; definition?: EventDefinition } {
  const definition = index.eventForDisplay(name);
  if (definition) {
    if (!definition.internal) return { state: 'legacy', definition };
    return { state: unused(definition) ? 'unused' : 'ok', definition };
  }
  const removed = index.removedEventNamed(name);
  if (removed) return { state: 'removed', definition: removed };
  return { state: index.isLegacyEvent(name) ? 'legacy' : 'missing' };
}

export function metricNeedsAttention(f: MetricFacts): boolean {
  return f.errors + f.warnings > 0 || f.events.some((e) => e.state === 'missing' || e.state === 'removed' || e.state === 'unused');
}

/** A finding on a definition: what the view's badges and the report's "findings" column say. */
export type Finding = 'problems' | 'removed' | 'legacy' | 'unused' | 'no-metric' | 'no-spec' | 'placeholder' | 'missing-event' | 'removed-event' | 'unused-event';

export interface Findings {
  flags: Finding[];
  /** The same, as the words people read ("2 problems", "no metric"). */
  words: string[];
}

export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : nouns}`;
}

function present(found: [Finding, string | false][]): Findings {
  const kept = found.filter((x): x is [Finding, string] => typeof x[1] === 'string');
  return { flags: kept.map(([flag]) => flag), words: kept.map(([, word]) => word) };
}

export function eventFindings(f: EventFacts): Findings {
  const problems = f.errors + f.warnings;
  return present([
    ['problems', problems > 0 && plural(problems, 'problem')],
    ['removed', f.removed && 'removed'],
    ['legacy', f.legacy && 'legacy'],
    ['unused', f.unused && 'unused'],
    ['no-metric', f.noMetric && 'no metric'],
    ['no-spec', f.noSpec && 'no spec'],
    ['placeholder', f.placeholders > 0 && 'TODOs'],
  ]);
}

export function metricFindings(f: MetricFacts): Findings {
  const problems = f.errors + f.warnings;
  const has = (state: MetricEventState) => f.events.some((e) => e.state === state);
  return present([
    ['problems', problems > 0 && plural(problems, 'problem')],
    ['removed', f.removed && 'removed'],
    ['missing-event', has('missing') && 'missing event'],
    ['removed-event', has('removed') && 'removed event'],
    ['unused-event', has('unused') && 'unused event'],
    ['placeholder', f.placeholders > 0 && 'TODOs'],
  ]);
}
