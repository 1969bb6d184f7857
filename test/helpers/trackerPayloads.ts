// Tracker parameters as a Snowplow tracker would send them, for unit tables. The protocol and the
// HTTP tests use the real @snowplow/node-tracker instead (monitor-collector.test.ts).
import type { TrackerParams } from '../../server/src/core/monitor/trackerProtocol';

export const STANDARD_SCHEMA = 'iglu:com.gitlab/gitlab_standard/jsonschema/1-1-1';
export const SERVICE_PING_SCHEMA = 'iglu:com.gitlab/gitlab_service_ping/jsonschema/1-0-1';
export const CONTEXTS_SCHEMA = 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0';

export interface InternalEventSpec {
  event: string;
  category?: string;
  label?: string;
  property?: string;
  value?: number;
  user_id?: number | null;
  project_id?: number | null;
  namespace_id?: number | null;
  extra?: Record<string, unknown>;
  eid?: string;
  /** Leave out gitlab_service_ping: a legacy Gitlab::Tracking.event. */
  legacy?: boolean;
}

let counter = 0;

/** The gitlab_standard and gitlab_service_ping contexts GitLab attaches to an internal event. */
export function gitlabContexts(s: InternalEventSpec): { schema: string; data: unknown }[] {
  const standard = { schema: STANDARD_SCHEMA, data: { environment: 'development', source: 'gitlab-rails', plan: 'free', user_id: s.user_id === undefined ? 1 : s.user_id, project_id: s.project_id === undefined ? 2 : s.project_id, namespace_id: s.namespace_id === undefined ? 3 : s.namespace_id, extra: s.extra ?? {} } };
  const ping = { schema: SERVICE_PING_SCHEMA, data: { data_source: 'redis_hll', event_name: s.event } };
  return s.legacy ? [standard] : [standard, ping];
}

export function internalEventParams(s: InternalEventSpec): TrackerParams {
  const params: TrackerParams = {
    e: 'se',
    eid: s.eid ?? `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
    dtm: String(1_764_000_000_000 + counter),
    p: 'srv',
    tv: 'rb-0.8.0',
    aid: 'gitlab',
    se_ca: s.category ?? 'InternalEventTracking',
    se_ac: s.event,
    cx: Buffer.from(JSON.stringify({ schema: CONTEXTS_SCHEMA, data: gitlabContexts(s) })).toString('base64url'),
  };
  if (s.label !== undefined) params.se_la = s.label;
  if (s.property !== undefined) params.se_pr = s.property;
  if (s.value !== undefined) params.se_va = String(s.value);
  return params;
}
