// The lowest levels of the Events view: what refers to an event (the metrics counting it, its
// tracking calls, its specs, calls whose built name may be it), and the names tracked in code that
// no definition has, each with the calls naming it.
import * as path from 'node:path';
import type { CallSiteKind, Diagnostic } from '../model';
import type { EventDefinition, MetricDefinition } from '../definitions';
import { timeFrameLabel } from '../definitions';
import type { EventFacts } from '../definitionFacts';
import type { ProjectIndex } from '../projectIndex';
import type { FileCallSite } from '../rules/types';
import { metricSummaryMarkdown } from '../features/describe';
import { isSpecReference } from '../specReferences';
import { MultiMap } from '../multiMap';
import { compareText, type FactsCache } from './filters';
import { childPath, encodeId, plural, type ExplorerFilters, type ExplorerNode, type NodePath } from './types';

const CALL_FORM: Record<CallSiteKind, string> = {
  'ruby.track_internal_event': 'Ruby: track_internal_event',
  'ruby.internal_events_track_event': 'Ruby: Gitlab::InternalEvents.track_event',
  'ruby.controller_macro': 'Ruby: controller track_internal_event macro',
  'ruby.api_track_event': 'Ruby: API track_event',
  'rspec.trigger_internal_events': 'RSpec: trigger_internal_events',
  'rspec.shared_example': "RSpec: 'internal event tracking' shared example",
  'rspec.increment_usage_metrics': 'RSpec: increment_usage_metrics',
  'js.internal_events_track_event': 'JS: InternalEvents.trackEvent',
  'js.mixin_track_event': 'JS/Vue: trackEvent (mixin)',
  'js.data_attribute': 'data-event-tracking attribute',
  'jest.track_event_spy': 'Jest: assertion on trackEventSpy',
  'haml.data_attribute': 'HAML: data event_tracking',
  'haml.partial_local': "HAML: a partial's local it puts in a data hash",
  'haml.helper_argument': 'HAML: a view helper argument it puts in a data hash',
  'ruby.data_attribute': 'Ruby view code: data event_tracking',
  'python.internal_events_client': 'Python: InternalEventsClient.track_event',
  'pytest.track_event_assertion': 'pytest: assertion on the mocked client',
  'rest.track_event': 'REST API: usage_data/track_event',
  custom: 'custom call form',
  'monitor.received': 'received by the event monitor',
};

export function eventLeaves(index: ProjectIndex, parent: NodePath, f: EventFacts): ExplorerNode[] {
  const diagnosticsOf = new Map(f.callDiagnostics.map((c) => [c.call, c.diagnostics]));
  const nodes: ExplorerNode[] = f.metrics.map((m) => metricLeaf(index, parent, m));
  for (const call of f.calls) nodes.push(callLeaf(parent, 'callSite', call, diagnosticsOf.get(call) ?? []));
  for (const call of f.specs) nodes.push(callLeaf(parent, 'spec', call, diagnosticsOf.get(call) ?? []));
  for (const call of f.possibleCalls) nodes.push(callLeaf(parent, 'possibleCallSite', call, []));
  if (f.def.internal && !f.def.removed && f.metrics.length === 0 && f.def.action) {
    nodes.push({
      id: encodeId(childPath(parent, 'hint', 'new-metric')),
      kind: 'hint',
      label: 'No metric counts this event',
      description: 'New Metric…',
      tooltip: 'Create a metric counting this event (weekly or monthly unique users, or a total).',
      expandable: false,
      event: f.def.action,
    });
  }
  return nodes;
}

function metricLeaf(index: ProjectIndex, parent: NodePath, m: MetricDefinition): ExplorerNode {
  const rules = m.events.filter((e) => e.name);
  const uniques = [...new Set(rules.map((e) => e.unique).filter((u): u is string => !!u))];
  const filtered = rules.some((e) => e.filter.length > 0);
  const frames = m.timeFrames.map(timeFrameLabel).join(', ') || 'no time frame';
  return {
    id: encodeId(childPath(parent, 'metric', m.file)),
    kind: 'metric',
    label: m.keyPath ?? path.posix.basename(m.file),
    description: [frames, uniques.length ? `unique ${uniques.join(', ')}` : 'total', filtered ? 'filtered' : ''].filter(Boolean).join(' · '),
    tooltip: metricSummaryMarkdown(index, m),
    expandable: false,
    location: { file: m.file, range: m.keyPathRange ?? zeroRange() },
  };
}

function callLeaf(parent: NodePath, kind: 'callSite' | 'spec' | 'possibleCallSite', call: FileCallSite, diagnostics: Diagnostic[]): ExplorerNode {
  const { file, site } = call;
  const line = site.range.start.line + 1;
  const problems = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  const where = path.posix.dirname(file);
  const what = kind === 'possibleCallSite' ? `name built at run time: ${site.namePattern}` : problems[0]?.message;
  return {
    id: encodeId(childPath(parent, kind, `${file}:${site.range.start.line}:${site.range.start.character}`)),
    kind,
    label: `${path.posix.basename(file)}:${line}`,
    description: [where === '.' ? '' : where, what].filter(Boolean).join(' · '),
    tooltip: [`\`${file}:${line}\` — ${CALL_FORM[site.kind]}`, ...problems.map((d) => `- ${d.severity}: ${d.message}`)].join('\n\n'),
    expandable: false,
    severity: problems.some((d) => d.severity === 'error') ? 'error' : problems.length ? 'warning' : undefined,
    location: { file, range: site.range },
  };
}

function zeroRange() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Calls naming an event no definition of the view has, by name (the unknown-event rule's verdict). */
function undefinedCalls(facts: FactsCache, defined: EventDefinition[]): MultiMap<string, FileCallSite> {
  const memo = facts.memo.get('undefinedCalls') as MultiMap<string, FileCallSite> | undefined;
  if (memo) return memo;
  const index = facts.index;
  const known = new Set(defined.map((d) => d.action));
  const byName = new MultiMap<string, FileCallSite>();
  for (const call of index.callSites()) {
    const name = call.site.event;
    if (call.site.refersTo !== 'event' || !name || known.has(name)) continue;
    if (!index.callSiteDiagnostics(call.file, call.site).some((d) => d.code === 'unknown-event')) continue;
    byName.add(name, call);
  }
  facts.memo.set('undefinedCalls', byName);
  return byName;
}

function matching(names: MultiMap<string, FileCallSite>, filters: ExplorerFilters): string[] {
  const needle = filters.search?.trim().toLowerCase();
  return [...names.keys()].filter((n) => !needle || n.includes(needle)).sort(compareText);
}

export function undefinedEventsNode(facts: FactsCache, filters: ExplorerFilters, defined: EventDefinition[]): ExplorerNode | undefined {
  const names = undefinedCalls(facts, defined);
  const shown = matching(names, filters);
  if (!shown.length) return undefined;
  const calls = shown.reduce((n, name) => n + names.get(name).length, 0);
  return {
    id: encodeId([['undefinedEvents', '']]),
    kind: 'undefinedEvents',
    label: 'Tracked, not defined',
    description: `${plural(shown.length, 'event')} · ${plural(calls, 'call')}`,
    tooltip: 'Names tracking calls use that no event definition has. The quick fix at a call writes the definition.',
    expandable: true,
    severity: 'error',
  };
}

export function undefinedEventNodes(facts: FactsCache, parent: NodePath, filters: ExplorerFilters, defined: EventDefinition[]): ExplorerNode[] {
  const names = undefinedCalls(facts, defined);
  return matching(names, filters).map((name) => {
    const calls = names.get(name);
    return {
      id: encodeId(childPath(parent, 'undefinedEvent', name)),
      kind: 'undefinedEvent',
      label: name,
      description: plural(calls.length, 'call'),
      tooltip: `**${name}**\n\nNo event definition has this action. Open a call and use the quick fix *Create event definition*.`,
      expandable: true,
      severity: 'error',
      flags: ['missing'],
      location: { file: calls[0].file, range: calls[0].site.range },
      event: name,
    };
  });
}

export function undefinedEventCalls(index: ProjectIndex, parent: NodePath, name: string): ExplorerNode[] {
  return index
    .callSitesOf(name)
    .filter((c) => c.site.refersTo === 'event')
    .map((call) => callLeaf(parent, isSpecReference(call.file, call.site) ? 'spec' : 'callSite', call, index.callSiteDiagnostics(call.file, call.site)));
}
