// The workspace report's content, per product group: its events and metrics, which events are
// unused, counted by no metric or covered by no spec, the definitions with errors or placeholder
// values, and the legacy definitions still in use. The same facts as the Internal Events view.
import * as path from 'node:path';
import type { Diagnostic } from '../model';
import type { EventDefinition, MetricDefinition } from '../definitions';
import { countProblems, eventFacts, eventFindings, isUnused, metricFacts, metricFindings, type EventFacts, type MetricFacts } from '../definitionFacts';
import type { ProjectIndex } from '../projectIndex';
import { normalizedSlug } from '../suggest';

export const NO_GROUP = '(no product group)';

export interface ReportEvent {
  action: string;
  file: string;
  line: number;
  calls: number;
  specs: number;
  metrics: number;
  findings: string[];
}

export interface ReportMetric {
  keyPath: string | null;
  file: string;
  line: number;
  timeFrames: string[];
  dataSource: string | null;
  events: string[];
  findings: string[];
}

export interface ReportProblemFile {
  file: string;
  kind: 'event' | 'metric';
  errors: number;
  warnings: number;
  placeholders: number;
  /** The first few messages, 1-based line first. */
  messages: string[];
}

export interface GroupReport {
  group: string;
  events: ReportEvent[];
  metrics: ReportMetric[];
  unusedEvents: string[];
  eventsWithoutMetric: string[];
  eventsWithoutSpec: string[];
  definitionsWithProblems: ReportProblemFile[];
  legacyInUse: { action: string; file: string; calls: number; metrics: number }[];
}

export interface WorkspaceReport {
  /** The folder's name (not its absolute path: reports travel). */
  project: string;
  /** Set when the report was narrowed to one product group. */
  group?: string;
  /** trackingCalls: calls outside specs naming the reported events. */
  totals: { events: number; metrics: number; trackingCalls: number; groups: number };
  groups: GroupReport[];
}

const MESSAGES_LISTED = 3;

function problemFile(file: string, kind: 'event' | 'metric', diagnostics: Diagnostic[], errors: number, warnings: number, placeholders: number): ReportProblemFile | undefined {
  if (errors + warnings === 0) return undefined;
  const listed = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').slice(0, MESSAGES_LISTED);
  return { file, kind, errors, warnings, placeholders, messages: listed.map((d) => `${d.range.start.line + 1}: ${d.message}`) };
}

function reportEvent(f: EventFacts): ReportEvent {
  return {
    action: f.def.action ?? path.posix.basename(f.def.file, '.yml'),
    file: f.def.file,
    line: (f.def.actionRange?.start.line ?? 0) + 1,
    calls: f.calls.length,
    specs: f.specs.length,
    metrics: f.metrics.length,
    findings: eventFindings(f).words,
  };
}

function reportMetric(f: MetricFacts): ReportMetric {
  const m = f.def;
  return {
    keyPath: m.keyPath ?? null,
    file: m.file,
    line: (m.keyPathRange?.start.line ?? 0) + 1,
    timeFrames: m.timeFrames,
    dataSource: m.dataSource ?? null,
    events: [...new Set(m.events.map((e) => e.name).filter((n): n is string => !!n))],
    findings: metricFindings(f).words,
  };
}

function groupOf(def: EventDefinition | MetricDefinition): string {
  return def.productGroup || NO_GROUP;
}

/** The product groups the workspace's definitions name, as written. */
export function productGroupsOf(index: ProjectIndex): string[] {
  return [...new Set([...index.events(), ...index.metrics()].map(groupOf))].sort();
}

/** Removed events are history and stay out; everything else defined is reported, by group. */
export function workspaceReport(index: ProjectIndex, options: { group?: string } = {}): WorkspaceReport {
  const wanted = options.group !== undefined ? normalizedSlug(options.group) : undefined;
  const keep = (group: string) => wanted === undefined || normalizedSlug(group) === wanted;
  const byGroup = new Map<string, GroupReport>();
  const section = (group: string): GroupReport => {
    let g = byGroup.get(group);
    if (!g) {
      g = { group, events: [], metrics: [], unusedEvents: [], eventsWithoutMetric: [], eventsWithoutSpec: [], definitionsWithProblems: [], legacyInUse: [] };
      byGroup.set(group, g);
    }
    return g;
  };
  const unused = new Map<EventDefinition, boolean>();
  let trackingCalls = 0;
  for (const def of index.events()) {
    if (!keep(groupOf(def))) continue;
    const f = eventFacts(index, def);
    unused.set(def, f.unused);
    const g = section(groupOf(def));
    const row = reportEvent(f);
    g.events.push(row);
    trackingCalls += f.calls.length;
    if (f.unused) g.unusedEvents.push(row.action);
    if (f.noMetric) g.eventsWithoutMetric.push(row.action);
    if (f.noSpec) g.eventsWithoutSpec.push(row.action);
    if (f.legacy && f.calls.length + f.metrics.length > 0) g.legacyInUse.push({ action: row.action, file: row.file, calls: f.calls.length, metrics: f.metrics.length });
    const own = countProblems(f.diagnostics);
    const problems = problemFile(def.file, 'event', f.diagnostics, own.errors, own.warnings, f.placeholders);
    if (problems) g.definitionsWithProblems.push(problems);
  }
  for (const def of index.metrics()) {
    if (!keep(groupOf(def))) continue;
    const f = metricFacts(index, def, (e) => unused.get(e) ?? isUnused(index, e));
    const g = section(groupOf(def));
    g.metrics.push(reportMetric(f));
    const problems = problemFile(def.file, 'metric', f.diagnostics, f.errors, f.warnings, f.placeholders);
    if (problems) g.definitionsWithProblems.push(problems);
  }
  const groups = [...byGroup.values()].sort((a, b) => Number(a.group === NO_GROUP) - Number(b.group === NO_GROUP) || (a.group < b.group ? -1 : 1));
  for (const g of groups) {
    g.events.sort((a, b) => (a.action < b.action ? -1 : 1));
    g.metrics.sort((a, b) => ((a.keyPath ?? a.file) < (b.keyPath ?? b.file) ? -1 : 1));
    g.definitionsWithProblems.sort((a, b) => (a.file < b.file ? -1 : 1));
    for (const list of [g.unusedEvents, g.eventsWithoutMetric, g.eventsWithoutSpec]) list.sort();
  }
  return {
    project: path.basename(index.root),
    group: options.group,
    totals: {
      events: groups.reduce((n, g) => n + g.events.length, 0),
      metrics: groups.reduce((n, g) => n + g.metrics.length, 0),
      trackingCalls,
      groups: groups.length,
    },
    groups,
  };
}
