// The Events view: event definitions by product group (then by feature category when a group has
// many), by category or by folder; each event with its findings as badges; and the names code
// tracks that no definition has. Children of an event are in eventLeaves.ts.
import * as path from 'node:path';
import type { EventDefinition } from '../definitions';
import { eventFindings, type EventFacts } from '../definitionFacts';
import type { ProjectIndex } from '../projectIndex';
import { MultiMap } from '../multiMap';
import { eventSummaryMarkdown } from '../features/describe';
import { allEvents, bucketsOf, compareBuckets, eventPasses, type FactsCache } from './filters';
import { eventLeaves, undefinedEventNodes, undefinedEventsNode, undefinedEventCalls } from './eventLeaves';
import { childPath, encodeId, keyOf, plural, type EventGrouping, type ExplorerAnswer, type ExplorerFilters, type ExplorerNode, type NodeFlag, type NodePath } from './types';

/** A product group with more events than this (after filtering) is split by feature category. */
export const CATEGORY_SPLIT = 25;

const BUCKET_KIND: Record<EventGrouping, 'group' | 'category' | 'folder'> = { group: 'group', category: 'category', folder: 'folder' };

export function eventRoots(index: ProjectIndex, filters: ExplorerFilters, facts: FactsCache): ExplorerAnswer {
  const all = allEvents(index);
  const groupBy = filters.groupBy ?? 'group';
  const buckets = new MultiMap<string, EventDefinition>();
  for (const def of all) {
    if (!eventPasses(def, filters, facts)) continue;
    for (const bucket of bucketsOf(def, groupBy)) buckets.add(bucket, def);
  }
  const nodes = [...buckets.keys()].sort(compareBuckets).map((key) => bucketNode([[BUCKET_KIND[groupBy], key]], key, buckets.get(key), facts));
  // Names with no definition belong to no group: shown unless the view is narrowed to some groups.
  if (!filters.groups) {
    const undefinedEvents = undefinedEventsNode(facts, filters, all);
    if (undefinedEvents) nodes.push(undefinedEvents);
  }
  return { nodes, total: all.length };
}

export function eventChildren(index: ProjectIndex, parent: NodePath, filters: ExplorerFilters, facts: FactsCache): ExplorerNode[] {
  const [lastKind, lastKey] = parent[parent.length - 1];
  if (lastKind === 'event') {
    const def = index.definitionIn(lastKey);
    return def?.kind === 'event' ? eventLeaves(index, parent, facts.event(def)) : [];
  }
  if (lastKind === 'undefinedEvents') return undefinedEventNodes(facts, parent, filters, allEvents(index));
  if (lastKind === 'undefinedEvent') return undefinedEventCalls(index, parent, lastKey);
  const defs = allEvents(index).filter((def) => inBucket(def, parent) && eventPasses(def, filters, facts));
  // A large group gets a level of feature categories; a category node below a group lists its events.
  if (lastKind === 'group' && defs.length > CATEGORY_SPLIT) {
    const byCategory = new MultiMap<string, EventDefinition>();
    for (const def of defs) for (const c of bucketsOf(def, 'category')) byCategory.add(c, def);
    return [...byCategory.keys()].sort(compareBuckets).map((c) => bucketNode(childPath(parent, 'category', c), c, byCategory.get(c), facts));
  }
  return defs.map((def) => eventNode(index, parent, facts.event(def)));
}

/** True when the event is listed under every (kind, key) pair of the path. */
function inBucket(def: EventDefinition, parent: NodePath): boolean {
  const group = keyOf(parent, 'group');
  const category = keyOf(parent, 'category');
  const folder = keyOf(parent, 'folder');
  if (group !== undefined && !bucketsOf(def, 'group').includes(group)) return false;
  if (category !== undefined && !bucketsOf(def, 'category').includes(category)) return false;
  if (folder !== undefined && !bucketsOf(def, 'folder').includes(folder)) return false;
  return group !== undefined || category !== undefined || folder !== undefined;
}

function bucketNode(nodePath: NodePath, label: string, defs: EventDefinition[], facts: FactsCache): ExplorerNode {
  const all = defs.map((d) => facts.event(d));
  const withProblems = all.filter((f) => f.errors + f.warnings > 0).length;
  const unused = all.filter((f) => f.unused).length;
  const noMetric = all.filter((f) => f.noMetric).length;
  const noSpec = all.filter((f) => f.noSpec).length;
  const flagged = all.filter((f) => f.errors + f.warnings > 0 || f.unused || f.noMetric).length;
  const findings = [
    withProblems && `${plural(withProblems, 'event')} with errors or warnings`,
    unused && `${unused} unused`,
    noMetric && `${noMetric} without a metric`,
    noSpec && `${noSpec} without a spec`,
  ].filter(Boolean);
  return {
    id: encodeId(nodePath),
    kind: nodePath[nodePath.length - 1][0] as ExplorerNode['kind'],
    label,
    description: [plural(defs.length, 'event'), flagged ? `${flagged} flagged` : ''].filter(Boolean).join(' · '),
    tooltip: `**${label}**: ${plural(defs.length, 'event')}${findings.length ? `\n\n${findings.map((f) => `- ${f}`).join('\n')}` : ''}`,
    expandable: true,
    severity: worstSeverity(all),
  };
}

function worstSeverity(all: { errors: number; warnings: number }[]): ExplorerNode['severity'] {
  if (all.some((f) => f.errors > 0)) return 'error';
  return all.some((f) => f.warnings > 0) ? 'warning' : undefined;
}

function eventNode(index: ProjectIndex, parent: NodePath, f: EventFacts): ExplorerNode {
  const def = f.def;
  const { flags: findings, words } = eventFindings(f);
  const flags: NodeFlag[] = f.def.internal && !f.def.removed ? [...findings, 'internal'] : findings;
  const problems = [...f.diagnostics, ...f.callDiagnostics.flatMap((c) => c.diagnostics)].filter((d) => d.severity === 'error' || d.severity === 'warning');
  const problemLines = problems.slice(0, 5).map((d) => `- ${d.severity}: ${d.message}`);
  if (problems.length > 5) problemLines.push(`- … and ${problems.length - 5} more`);
  return {
    id: encodeId(childPath(parent, 'event', def.file)),
    kind: 'event',
    label: def.action ?? path.posix.basename(def.file),
    description: words.join(' · '),
    tooltip: [eventSummaryMarkdown(index, def), problemLines.length ? `**Problems**\n${problemLines.join('\n')}` : ''].filter(Boolean).join('\n\n'),
    expandable: true,
    severity: f.errors ? 'error' : f.warnings ? 'warning' : undefined,
    flags,
    location: { file: def.file, range: def.actionRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    event: def.action,
  };
}
