// The Metrics view: metric definitions by time frame, then data source; each metric with its
// events, and flagged when an event it counts is missing, removed or unused. A metric with an
// array time_frame is listed under each of its time frames, by the key path it has there.
import * as path from 'node:path';
import type { MetricDefinition } from '../definitions';
import { metricFindings, type MetricFacts } from '../definitionFacts';
import type { ProjectIndex } from '../projectIndex';
import { MultiMap } from '../multiMap';
import { metricSummaryMarkdown } from '../features/describe';
import { compareBuckets, compareText, metricPasses, type FactsCache } from './filters';
import { childPath, encodeId, keyOf, plural, type ExplorerAnswer, type ExplorerFilters, type ExplorerNode, type NodePath } from './types';

const NO_TIME_FRAME = '(no time_frame)';
const NO_DATA_SOURCE = '(no data_source)';
const TIME_FRAME_TITLE: Record<string, string> = { '7d': 'Weekly (7d)', '28d': 'Monthly (28d)', all: 'All time (all)', none: 'Not time-based (none)' };
const TIME_FRAME_ORDER = ['7d', '28d', 'all', 'none'];

function timeFramesOf(m: MetricDefinition): string[] {
  return m.timeFrames.length ? m.timeFrames : [NO_TIME_FRAME];
}

function compareTimeFrames(a: string, b: string): number {
  const rank = (t: string) => (TIME_FRAME_ORDER.includes(t) ? TIME_FRAME_ORDER.indexOf(t) : TIME_FRAME_ORDER.length);
  return rank(a) - rank(b) || compareBuckets(a, b);
}

function sortedMetrics(index: ProjectIndex): MetricDefinition[] {
  return index.metrics().sort((a, b) => compareText(a.keyPath ?? a.file, b.keyPath ?? b.file) || compareText(a.file, b.file));
}

export function metricRoots(index: ProjectIndex, filters: ExplorerFilters, facts: FactsCache): ExplorerAnswer {
  const all = sortedMetrics(index);
  const byFrame = new MultiMap<string, MetricDefinition>();
  for (const m of all) {
    if (!metricPasses(m, filters, facts)) continue;
    for (const tf of timeFramesOf(m)) byFrame.add(tf, m);
  }
  const nodes = [...byFrame.keys()].sort(compareTimeFrames).map((tf) => bucketNode([['timeFrame', tf]], TIME_FRAME_TITLE[tf] ?? tf, byFrame.get(tf), facts));
  return { nodes, total: all.length };
}

export function metricChildren(index: ProjectIndex, parent: NodePath, filters: ExplorerFilters, facts: FactsCache): ExplorerNode[] {
  const [lastKind, lastKey] = parent[parent.length - 1];
  const timeFrame = keyOf(parent, 'timeFrame');
  if (lastKind === 'metric') {
    const def = index.definitionIn(lastKey);
    return def?.kind === 'metric' ? metricEventNodes(parent, facts.metric(def)) : [];
  }
  if (timeFrame === undefined) return [];
  const inFrame = sortedMetrics(index).filter((m) => timeFramesOf(m).includes(timeFrame) && metricPasses(m, filters, facts));
  if (lastKind === 'timeFrame') {
    const bySource = new MultiMap<string, MetricDefinition>();
    for (const m of inFrame) bySource.add(m.dataSource || NO_DATA_SOURCE, m);
    return [...bySource.keys()].sort(compareBuckets).map((ds) => bucketNode(childPath(parent, 'dataSource', ds), ds, bySource.get(ds), facts));
  }
  if (lastKind === 'dataSource') return inFrame.filter((m) => (m.dataSource || NO_DATA_SOURCE) === lastKey).map((m) => metricNode(index, parent, timeFrame, facts.metric(m)));
  return [];
}

function flaggedCount(all: MetricFacts[]): number {
  return all.filter((f) => metricFindings(f).words.length > 0).length;
}

function bucketNode(nodePath: NodePath, label: string, metrics: MetricDefinition[], facts: FactsCache): ExplorerNode {
  const all = metrics.map((m) => facts.metric(m));
  const flagged = flaggedCount(all);
  return {
    id: encodeId(nodePath),
    kind: nodePath[nodePath.length - 1][0] as ExplorerNode['kind'],
    label,
    description: [plural(metrics.length, 'metric'), flagged ? `${flagged} flagged` : ''].filter(Boolean).join(' · '),
    expandable: true,
    severity: all.some((f) => f.errors) ? 'error' : all.some((f) => f.warnings) ? 'warning' : undefined,
  };
}

function metricNode(index: ProjectIndex, parent: NodePath, timeFrame: string, f: MetricFacts): ExplorerNode {
  const m = f.def;
  const { flags, words } = metricFindings(f);
  const keyPath = m.expandedKeyPaths.find((k) => k.timeFrame === timeFrame)?.keyPath ?? m.keyPath;
  const problems = f.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `- ${d.severity}: ${d.message}`);
  return {
    id: encodeId(childPath(parent, 'metric', m.file)),
    kind: 'metric',
    label: keyPath ?? path.posix.basename(m.file),
    description: [countedAs(m), ...words].join(' · '),
    tooltip: [metricSummaryMarkdown(index, m), problems.length ? `**Problems**\n${problems.join('\n')}` : ''].filter(Boolean).join('\n\n'),
    expandable: m.events.some((e) => e.name),
    severity: f.errors || f.events.some((e) => e.state === 'missing') ? 'error' : f.warnings || f.events.some((e) => e.state === 'removed') ? 'warning' : undefined,
    flags,
    location: { file: m.file, range: m.keyPathRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
  };
}

/** "unique user.id", "total" or "sum(value)", as the first rule counts (the rules agree, or a rule flags them). */
function countedAs(m: MetricDefinition): string {
  const rule = m.events.find((e) => e.name);
  if (!rule) return m.dataSource ?? 'no events';
  return rule.operator ?? (rule.unique ? `unique ${rule.unique}` : 'total');
}

const EVENT_STATE_WORD = { ok: '', missing: 'no definition', removed: 'removed', unused: 'unused', legacy: 'legacy' } as const;

function metricEventNodes(parent: NodePath, f: MetricFacts): ExplorerNode[] {
  return f.events.map(({ name, state, definition }) => {
    const rules = f.def.events.filter((e) => e.name === name);
    const rule = rules[0];
    const details = [
      rule?.unique ? `unique ${rule.unique}` : 'total',
      rule?.filter.length ? `filter ${rule.filter.map((x) => x.key).join(', ')}` : '',
      rule?.operator ?? '',
      EVENT_STATE_WORD[state],
    ];
    const at = definition?.actionRange ? { file: definition.file, range: definition.actionRange } : rule?.nameRange ? { file: f.def.file, range: rule.nameRange } : undefined;
    return {
      id: encodeId(childPath(parent, 'metricEvent', name)),
      kind: 'metricEvent' as const,
      label: name,
      description: details.filter(Boolean).join(' · '),
      tooltip: definition?.description ? `**${name}**\n\n${definition.description}` : `**${name}**\n\n_No event definition has this action._`,
      expandable: false,
      severity: state === 'missing' ? ('error' as const) : state === 'removed' ? ('warning' as const) : undefined,
      flags: state === 'ok' ? [] : [state],
      location: at,
      event: definition && !definition.removed ? name : undefined,
    };
  });
}
