// The view's filters ("problems only", "my groups", text search) as predicates. The facts of a
// definition are computed at most once per state of the index (FactsCache), and only for
// definitions the cheap filters (group, text) kept.
import * as path from 'node:path';
import type { EventDefinition, MetricDefinition } from '../definitions';
import { eventFacts, eventNeedsAttention, isUnused, metricFacts, metricNeedsAttention, type EventFacts, type MetricFacts } from '../definitionFacts';
import type { ProjectIndex } from '../projectIndex';
import { normalizedSlug } from '../suggest';
import type { EventGrouping, ExplorerFilters } from './types';

export const NO_GROUP = '(no product group)';
export const NO_CATEGORY = '(no product category)';

/**
 * The facts of definitions for one state of the index: kept while the index does not change, so
 * the requests for the levels of a tree reuse what the first level computed.
 */
export class FactsCache {
  private static readonly byIndex = new WeakMap<ProjectIndex, FactsCache>();

  static for(index: ProjectIndex): FactsCache {
    let cache = FactsCache.byIndex.get(index);
    if (!cache || cache.generation !== index.generation) FactsCache.byIndex.set(index, (cache = new FactsCache(index)));
    return cache;
  }

  private readonly generation: number;
  private readonly events = new Map<EventDefinition, EventFacts>();
  private readonly metrics = new Map<MetricDefinition, MetricFacts>();
  private readonly unused = new Map<EventDefinition, boolean>();

  /** Memoised answers of other kinds (the names no definition has), by key. */
  readonly memo = new Map<string, unknown>();

  constructor(readonly index: ProjectIndex) {
    this.generation = index.generation;
  }

  event(def: EventDefinition): EventFacts {
    let f = this.events.get(def);
    if (!f) this.events.set(def, (f = eventFacts(this.index, def)));
    return f;
  }

  metric(def: MetricDefinition): MetricFacts {
    let f = this.metrics.get(def);
    if (!f) this.metrics.set(def, (f = metricFacts(this.index, def, (e) => this.isUnused(e))));
    return f;
  }

  private isUnused(def: EventDefinition): boolean {
    let u = this.events.get(def)?.unused ?? this.unused.get(def);
    if (u === undefined) this.unused.set(def, (u = isUnused(this.index, def)));
    return u;
  }
}

function inGroups(group: string | undefined, filters: ExplorerFilters): boolean {
  if (!filters.groups) return true;
  return !!group && filters.groups.some((g) => normalizedSlug(g) === normalizedSlug(group));
}

function matchesText(filters: ExplorerFilters, ...texts: (string | undefined)[]): boolean {
  const needle = filters.search?.trim().toLowerCase();
  return !needle || texts.some((t) => t?.toLowerCase().includes(needle));
}

/** Every event definition of the view (removed ones too), sorted by action. */
export function allEvents(index: ProjectIndex): EventDefinition[] {
  return [...index.events(), ...index.removedEvents()].sort(byAction);
}

function byAction(a: EventDefinition, b: EventDefinition): number {
  return compareText(a.action ?? a.file, b.action ?? b.file) || compareText(a.file, b.file);
}

export function eventPasses(def: EventDefinition, filters: ExplorerFilters, facts: FactsCache): boolean {
  if (!inGroups(def.productGroup, filters)) return false;
  if (!matchesText(filters, def.action, def.description)) return false;
  return !filters.problemsOnly || eventNeedsAttention(facts.event(def));
}

export function metricPasses(def: MetricDefinition, filters: ExplorerFilters, facts: FactsCache): boolean {
  if (!inGroups(def.productGroup, filters)) return false;
  if (!matchesText(filters, def.keyPath, def.description, ...def.events.map((e) => e.name))) return false;
  return !filters.problemsOnly || metricNeedsAttention(facts.metric(def));
}

/** The first-level buckets an event is listed under (an event in two categories is in both). */
export function bucketsOf(def: EventDefinition, groupBy: EventGrouping): string[] {
  switch (groupBy) {
    case 'category':
      return def.productCategories.length ? def.productCategories : [NO_CATEGORY];
    case 'folder':
      return [path.posix.dirname(def.file)];
    default:
      return [def.productGroup || NO_GROUP];
  }
}

/** Code-point order: names are ASCII slugs and paths, and localeCompare costs far more on thousands. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts bucket names alphabetically, the "(no …)" buckets last. */
export function compareBuckets(a: string, b: string): number {
  const unnamed = (s: string) => (s.startsWith('(') ? 1 : 0);
  return unnamed(a) - unnamed(b) || compareText(a, b);
}
