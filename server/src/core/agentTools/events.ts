// What a coding agent asks about the workspace's events, answered from the index as plain data
// (the MCP server serialises it): which events exist for a topic, and everything about one event
// (its definition, the metrics counting it, where it is tracked and tested, how to track it).
import type { ProjectIndex } from '../projectIndex';
import type { EventDefinition } from '../definitions';
import { didYouMean } from '../suggest';
import { isSpecReference } from '../specReferences';
import { trackingSnippets, type TrackingSnippet } from '../authoring/trackingSnippets';

export interface EventSummary {
  action: string;
  description?: string;
  file: string;
  productGroup?: string;
  metrics: number;
  callSites: number;
}

export interface EventDetails {
  known: true;
  action: string;
  file: string;
  description?: string;
  identifiers: string[];
  additionalProperties: { name: string; description?: string }[];
  productGroup?: string;
  tiers: string[];
  milestone?: string;
  metrics: { file: string; keyPaths: string[]; timeFrames: string[]; unique?: string; filter: { key: string; value: unknown }[]; status?: string }[];
  /** Where the event is tracked (application code) and asserted (specs), 1-based lines. */
  callSites: { file: string; line: number; kind: string; spec: boolean }[];
  snippets: TrackingSnippet[];
}

export interface UnknownEvent {
  known: false;
  action: string;
  /** Why the name is no internal event when something else has it (a removed or a legacy event). */
  note?: string;
  file?: string;
  didYouMean: string[];
}

function internalEvents(index: ProjectIndex): (EventDefinition & { action: string })[] {
  const out: (EventDefinition & { action: string })[] = [];
  for (const name of index.internalEventNames()) {
    const def = index.internalEvent(name);
    if (def?.action) out.push({ ...def, action: def.action });
  }
  return out;
}

function summary(index: ProjectIndex, def: EventDefinition & { action: string }): EventSummary {
  return {
    action: def.action,
    description: def.description,
    file: def.file,
    productGroup: def.productGroup,
    metrics: index.metricsCounting(def.action).length,
    callSites: index.callSitesOf(def.action).length,
  };
}

/**
 * Internal events whose action or description mentions every word of the query, best first:
 * the action equal to the query, then starting with it, then containing it, then the rest by
 * name. An empty query lists all. `limit` caps the answer; `total` says how many matched.
 */
export function findEvents(index: ProjectIndex, query: string, limit = 25): { total: number; events: EventSummary[] } {
  const words = query.toLowerCase().split(/[\s_]+/).filter(Boolean);
  const q = query.trim().toLowerCase().replace(/\s+/g, '_');
  const rank = (action: string) => (action === q ? 0 : action.startsWith(q) ? 1 : action.includes(q) ? 2 : 3);
  const matches = internalEvents(index).filter((def) => {
    const text = `${def.action} ${def.description ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  matches.sort((a, b) => rank(a.action) - rank(b.action) || (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
  return { total: matches.length, events: matches.slice(0, Math.max(1, limit)).map((d) => summary(index, d)) };
}

/** Everything about one internal event, or the closest names when there is none. */
export function describeEvent(index: ProjectIndex, action: string): EventDetails | UnknownEvent {
  const def = index.internalEvent(action);
  if (!def?.action) {
    const unknown: UnknownEvent = { known: false, action, didYouMean: didYouMean(action, index.internalEventNames()) };
    const removed = index.removedEventNamed(action);
    const legacy = index.eventsNamed(action)[0];
    if (removed) return { ...unknown, note: 'a removed event: its name must not be tracked again', file: removed.file };
    if (legacy) return { ...unknown, note: 'a legacy Snowplow event, not an internal event: track_internal_event cannot send it', file: legacy.file };
    if (index.isLegacyEvent(action)) return { ...unknown, note: 'a legacy Redis HLL event name: choose another name for a new event' };
    return unknown;
  }
  const milestone = def.milestone === undefined ? undefined : String(def.milestone);
  return {
    known: true,
    action: def.action,
    file: def.file,
    description: def.description,
    identifiers: def.identifiers,
    additionalProperties: [...def.properties].map(([name, description]) => ({ name, ...(description ? { description } : {}) })),
    productGroup: def.productGroup,
    tiers: def.tiers,
    ...(milestone ? { milestone } : {}),
    metrics: index.metricsCounting(def.action).map((m) => {
      const rule = m.events.find((e) => e.name === def.action);
      return {
        file: m.file,
        keyPaths: m.expandedKeyPaths.length ? m.expandedKeyPaths.map((k) => k.keyPath) : m.keyPath ? [m.keyPath] : [],
        timeFrames: m.timeFrames,
        ...(rule?.unique ? { unique: rule.unique } : {}),
        filter: (rule?.filter ?? []).map((f) => ({ key: f.key, value: f.value })),
        ...(m.status ? { status: m.status } : {}),
      };
    }),
    callSites: index.callSitesOf(def.action).map(({ file, site }) => ({ file, line: site.range.start.line + 1, kind: site.kind, spec: isSpecReference(file, site) })),
    snippets: trackingSnippets(index, def.action) ?? [],
  };
}
