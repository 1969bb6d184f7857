// Snowplow Micro's REST API shapes, both ways: the session's events as /micro/all, /micro/good and
// /micro/bad answer them (so GitLab's monitor.rb and any script written for Micro work against our
// collector), and Micro's own answers read back into tracker parameters (attach mode).
import type { BadEvent, CheckedEvent } from './session';
import { isObject, type TrackerEvent, type TrackerParams } from './trackerProtocol';

const CONTEXTS_SCHEMA = 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0';
const UNSTRUCT_SCHEMA = 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0';

/** The schema Micro reports for each event type (`schema` of a good event). */
const EVENT_SCHEMA: Record<TrackerEvent['eventType'], string> = {
  struct: 'iglu:com.google.analytics/event/jsonschema/1-0-0',
  unstruct: '',
  page_view: 'iglu:com.snowplowanalytics.snowplow/page_view/jsonschema/1-0-0',
  page_ping: 'iglu:com.snowplowanalytics.snowplow/page_ping/jsonschema/1-0-0',
  transaction: 'iglu:com.snowplowanalytics.snowplow/transaction/jsonschema/1-0-0',
  transaction_item: 'iglu:com.snowplowanalytics.snowplow/transaction_item/jsonschema/1-0-0',
};

export interface MicroCounts {
  total: number;
  good: number;
  bad: number;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

function igluParts(schema: string): { vendor: string; name: string; format: string; version: string } | undefined {
  const m = /^iglu:([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(schema);
  return m ? { vendor: m[1], name: m[2], format: m[3], version: m[4] } : undefined;
}

/** One good event as Micro's /micro/good lists it. */
export function toMicroGood(e: CheckedEvent): Record<string, unknown> {
  const t = e.tracker;
  const schema = t.eventType === 'unstruct' ? (t.selfDescribing?.schema ?? '') : EVENT_SCHEMA[t.eventType];
  const parts = igluParts(schema);
  const p = t.params;
  return {
    event: {
      app_id: p.aid ?? null,
      platform: p.p ?? null,
      collector_tstamp: iso(e.receivedAt),
      dvce_created_tstamp: iso(t.deviceCreatedAt),
      dvce_sent_tstamp: p.stm !== undefined && Number.isFinite(Number(p.stm)) ? iso(Number(p.stm)) : null,
      event: t.eventType,
      event_id: t.eventId ?? null,
      name_tracker: p.tna ?? null,
      v_tracker: p.tv ?? null,
      user_id: p.uid ?? null,
      page_url: p.url ?? null,
      se_category: t.structured?.category ?? null,
      se_action: t.structured?.action ?? null,
      se_label: t.structured?.label ?? null,
      se_property: t.structured?.property ?? null,
      se_value: t.structured?.value ?? null,
      contexts: { schema: CONTEXTS_SCHEMA, data: t.contexts },
      unstruct_event: t.selfDescribing ? { schema: UNSTRUCT_SCHEMA, data: t.selfDescribing } : null,
      event_vendor: parts?.vendor ?? null,
      event_name: parts?.name ?? null,
      event_format: parts?.format ?? null,
      event_version: parts?.version ?? null,
    },
    rawEvent: {
      api: { vendor: 'com.snowplowanalytics.snowplow', version: e.path === '/i' ? 'i' : 'tp2' },
      parameters: p,
    },
    eventType: t.eventType,
    schema,
    contexts: t.contexts.map((c) => c.schema),
  };
}

/** One bad payload as Micro's /micro/bad lists it. */
export function toMicroBad(b: BadEvent): Record<string, unknown> {
  return {
    collectorPayload: {
      timestamp: iso(b.receivedAt),
      path: b.payload.path ?? null,
      querystring: b.payload.query ?? null,
      body: b.payload.body ?? null,
    },
    rawEvent: b.payload.params ? { parameters: b.payload.params } : null,
    errors: [b.reason],
  };
}

export function readMicroCounts(json: unknown): MicroCounts | undefined {
  if (!isObject(json)) return undefined;
  const { total, good, bad } = json;
  return typeof total === 'number' && typeof good === 'number' && typeof bad === 'number' ? { total, good, bad } : undefined;
}

/** A good event read back from a real Micro: its tracker parameters and when Micro received it. */
export interface MicroGoodEntry {
  key: string;
  params: TrackerParams;
  receivedAt?: number;
}

/** Micro's /micro/good answer → tracker parameters, falling back to the enriched fields. */
export function readMicroGood(json: unknown): MicroGoodEntry[] {
  if (!Array.isArray(json)) return [];
  const out: MicroGoodEntry[] = [];
  for (const item of json) {
    if (!isObject(item)) continue;
    const event = isObject(item.event) ? item.event : {};
    const raw = isObject(item.rawEvent) && isObject(item.rawEvent.parameters) ? item.rawEvent.parameters : undefined;
    const params: TrackerParams = {};
    if (raw) for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') params[k] = v;
    if (!raw) Object.assign(params, paramsFromEnriched(event));
    const collected = typeof event.collector_tstamp === 'string' ? Date.parse(event.collector_tstamp) : NaN;
    const receivedAt = Number.isFinite(collected) ? collected : undefined;
    out.push({ key: `${params.eid ?? JSON.stringify(params)}|${String(event.collector_tstamp ?? '')}`, params, receivedAt });
  }
  return out;
}

const TYPE_CODE: Record<string, string> = { struct: 'se', unstruct: 'ue', page_view: 'pv', page_ping: 'pp', transaction: 'tr', transaction_item: 'ti' };

function paramsFromEnriched(event: Record<string, unknown>): TrackerParams {
  const params: TrackerParams = {};
  const set = (k: string, v: unknown) => {
    if (typeof v === 'string') params[k] = v;
    else if (typeof v === 'number') params[k] = String(v);
  };
  set('e', TYPE_CODE[String(event.event)] ?? event.event);
  set('eid', event.event_id);
  set('se_ca', event.se_category);
  set('se_ac', event.se_action);
  set('se_la', event.se_label);
  set('se_pr', event.se_property);
  set('se_va', event.se_value);
  set('aid', event.app_id);
  set('p', event.platform);
  if (typeof event.dvce_created_tstamp === 'string' && Number.isFinite(Date.parse(event.dvce_created_tstamp))) params.dtm = String(Date.parse(event.dvce_created_tstamp));
  if (isObject(event.contexts)) params.co = JSON.stringify(event.contexts);
  if (isObject(event.unstruct_event)) params.ue_pr = JSON.stringify(event.unstruct_event);
  return params;
}

/** Micro's /micro/bad answer → one reason per entry. */
export function readMicroBad(json: unknown): { key: string; reason: string }[] {
  if (!Array.isArray(json)) return [];
  return json.filter(isObject).map((item) => {
    const errors = Array.isArray(item.errors) ? item.errors.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [];
    return { key: JSON.stringify(item).slice(0, 2000), reason: errors.join('; ') || 'Snowplow Micro reported this payload as bad' };
  });
}
