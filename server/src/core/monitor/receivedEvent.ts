// What a received Snowplow event means in GitLab's terms: the event name, the identifiers and
// properties the definition talks about, read from the structured fields and GitLab's two
// contexts (gitlab_standard: user/project/namespace ids, plan and the custom properties in
// `extra`; gitlab_service_ping: the internal event's name and data source).
import { isObject, schemaName, type TrackerEvent } from './trackerProtocol';

export const STANDARD_CONTEXT = 'com.gitlab/gitlab_standard';
export const SERVICE_PING_CONTEXT = 'com.gitlab/gitlab_service_ping';

/** The identifier fields of gitlab_standard, by the definition's identifier name. */
export const IDENTIFIER_FIELDS = {
  user: 'user_id',
  project: 'project_id',
  namespace: 'namespace_id',
  feature_enabled_by_namespace_ids: 'feature_enabled_by_namespace_ids',
} as const;

export type IdentifierName = keyof typeof IDENTIFIER_FIELDS;
export type IdValue = string | number | (string | number)[] | null;

export interface ReceivedEvent {
  /** Arrival order in this session, from 1. */
  seq: number;
  /** When the collector received it (ms since the epoch). */
  receivedAt: number;
  /** Where it came from: our own collector, or a Snowplow Micro we attached to. */
  source: 'collector' | 'micro';
  tracker: TrackerEvent;
  /** The event name: the structured action (for an internal event, its definition's action). */
  name?: string;
  category?: string;
  label?: string;
  property?: string;
  value?: number;
  /** Custom additional properties: gitlab_standard's `extra`. */
  extra: Record<string, unknown>;
  /** user_id, project_id, namespace_id, feature_enabled_by_namespace_ids; null when absent or null. */
  ids: Record<IdentifierName, IdValue>;
  plan?: string;
  /** True when the event carries gitlab_service_ping: GitLab sent it as an internal event. */
  internal: boolean;
  servicePing?: { eventName?: string; dataSource?: string };
  /** Set when the event carries no gitlab_standard context at all. */
  noStandardContext: boolean;
}

function idValue(v: unknown): IdValue {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v !== '') return v;
  if (Array.isArray(v)) {
    const ids = v.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number');
    return ids.length ? ids : null;
  }
  return null;
}

/** Reads GitLab's meaning out of a decoded tracker event. */
export function readReceivedEvent(tracker: TrackerEvent, seq: number, receivedAt: number, source: ReceivedEvent['source']): ReceivedEvent {
  let standard: Record<string, unknown> | undefined;
  let servicePing: ReceivedEvent['servicePing'];
  for (const c of tracker.contexts) {
    const name = schemaName(c.schema);
    if (name === STANDARD_CONTEXT && isObject(c.data)) standard = c.data;
    else if (name === SERVICE_PING_CONTEXT && isObject(c.data)) {
      const d = c.data;
      servicePing = {
        eventName: typeof d.event_name === 'string' ? d.event_name : undefined,
        dataSource: typeof d.data_source === 'string' ? d.data_source : undefined,
      };
    }
  }
  const s = tracker.structured;
  const ids = {} as Record<IdentifierName, IdValue>;
  for (const [identifier, field] of Object.entries(IDENTIFIER_FIELDS) as [IdentifierName, string][]) ids[identifier] = idValue(standard?.[field]);
  return {
    seq,
    receivedAt,
    source,
    tracker,
    name: s?.action ?? servicePing?.eventName,
    category: s?.category,
    label: s?.label,
    property: s?.property,
    value: s?.value,
    extra: isObject(standard?.extra) ? (standard!.extra as Record<string, unknown>) : {},
    ids,
    plan: typeof standard?.plan === 'string' ? standard.plan : undefined,
    internal: servicePing !== undefined,
    servicePing,
    noStandardContext: standard === undefined,
  };
}

/** The value of an additional property as a metric's filter or unique key reads it. */
export function propertyValue(e: ReceivedEvent, key: string): unknown {
  if (key === 'label') return e.label;
  if (key === 'property') return e.property;
  if (key === 'value') return e.value;
  return e.extra[key];
}
