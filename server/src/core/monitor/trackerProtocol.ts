// The Snowplow tracker protocol, as trackers send it to a collector: GET /i with the parameters in
// the query string, or POST /com.snowplowanalytics.snowplow/tp2 with a payload_data envelope holding
// a batch of parameter maps. This file turns either into decoded events or into the reason a
// payload is bad, the way Snowplow Micro sorts what it receives into "good" and "bad".
// Pure: no I/O, no clock (the caller passes the receipt time).

/** One event's tracker parameters (`e`, `eid`, `se_ac`, `cx`, …), all strings as on the wire. */
export type TrackerParams = Record<string, string>;

/** A self-describing JSON: an Iglu schema URI and its data. */
export interface SelfDescribingJson {
  schema: string;
  data: unknown;
}

export type EventType = 'struct' | 'unstruct' | 'page_view' | 'page_ping' | 'transaction' | 'transaction_item';

const EVENT_TYPES: Record<string, EventType> = {
  se: 'struct',
  ue: 'unstruct',
  pv: 'page_view',
  pp: 'page_ping',
  tr: 'transaction',
  ti: 'transaction_item',
};

/** A structured event's five fields (`se_ca`, `se_ac`, `se_la`, `se_pr`, `se_va`). */
export interface StructuredFields {
  category?: string;
  action: string;
  label?: string;
  property?: string;
  value?: number;
}

/** An event as the tracker described it, before any GitLab meaning is read into it. */
export interface TrackerEvent {
  eventType: EventType;
  eventId?: string;
  /** `dtm`: when the device created the event (ms since the epoch). */
  deviceCreatedAt?: number;
  structured?: StructuredFields;
  selfDescribing?: SelfDescribingJson;
  contexts: SelfDescribingJson[];
  params: TrackerParams;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
const bad = <T>(reason: string): Decoded<T> => ({ ok: false, reason });

const PAYLOAD_DATA = /^iglu:com\.snowplowanalytics\.snowplow\/payload_data\/jsonschema\/1-0-\d+$/;
const CONTEXTS = /^iglu:com\.snowplowanalytics\.snowplow\/contexts\/jsonschema\/1-0-\d+$/;
const UNSTRUCT = /^iglu:com\.snowplowanalytics\.snowplow\/unstruct_event\/jsonschema\/1-0-\d+$/;
const IGLU_URI = /^iglu:([a-zA-Z0-9_.-]+)\/([a-zA-Z0-9_-]+)\/jsonschema\/(\d+)-(\d+)-(\d+)$/;

/**
 * Vendors whose schemas a Snowplow pipeline for GitLab resolves: Snowplow's own (Iglu Central) and
 * GitLab's registry, plus the few Iglu Central vendors the JS trackers' plugins emit. Micro rejects
 * a schema it cannot resolve; so do we, so a typo in a schema URI is caught here as it would be there.
 */
const KNOWN_VENDOR = /^(com\.snowplowanalytics(\.[a-z0-9_-]+)*|com\.gitlab|com\.google\.analytics|org\.w3|com\.iab\.snowplow)$/;

/** Why an Iglu schema URI would not resolve, or undefined when it would. */
export function schemaProblem(uri: unknown): string | undefined {
  if (typeof uri !== 'string') return 'a self-describing JSON without a string "schema"';
  const m = IGLU_URI.exec(uri);
  if (!m) return `'${uri}' is not an Iglu schema URI (iglu:vendor/name/jsonschema/M-R-A)`;
  if (!KNOWN_VENDOR.test(m[1])) return `schema '${uri}' is from vendor '${m[1]}', which neither GitLab's nor Snowplow's registry publishes`;
  return undefined;
}

/** `iglu:com.gitlab/gitlab_standard/jsonschema/1-1-0` → `com.gitlab/gitlab_standard`. */
export function schemaName(uri: string): string | undefined {
  const m = IGLU_URI.exec(uri);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** The parameters of a GET /i request's query string. */
export function paramsFromQuery(query: string): TrackerParams {
  const out: TrackerParams = {};
  for (const [k, v] of new URLSearchParams(query)) out[k] = v;
  return out;
}

/** The batch of parameter maps in a tp2 POST body (a payload_data self-describing JSON). */
export function paramsFromPostBody(body: string): Decoded<TrackerParams[]> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return bad(`the body is not JSON (${(e as Error).message})`);
  }
  if (!isObject(json)) return bad('the body is not a payload_data JSON object');
  if (typeof json.schema !== 'string' || !PAYLOAD_DATA.test(json.schema)) return bad(`the body's schema is not payload_data 1-0-x (got ${describe(json.schema)})`);
  if (!Array.isArray(json.data)) return bad('payload_data has no "data" array');
  const batch: TrackerParams[] = [];
  for (const [i, item] of json.data.entries()) {
    if (!isObject(item)) return bad(`payload_data item ${i} is not an object`);
    const params: TrackerParams = {};
    for (const [k, v] of Object.entries(item)) {
      // Trackers send strings; a number is accepted as its text, as collectors do.
      if (typeof v === 'string') params[k] = v;
      else if (typeof v === 'number' && Number.isFinite(v)) params[k] = String(v);
      else return bad(`payload_data item ${i}: parameter '${k}' is ${describe(v)}, not a string`);
    }
    batch.push(params);
  }
  return ok(batch);
}

/** One parameter map → the event it describes, or the reason Micro would call it bad. */
export function decodeTrackerEvent(params: TrackerParams): Decoded<TrackerEvent> {
  const e = params.e;
  if (e === undefined) return bad("no event type: the 'e' parameter is missing");
  const eventType = EVENT_TYPES[e];
  if (!eventType) return bad(`unknown event type e=${JSON.stringify(e)}`);
  const contexts = decodeContexts(params);
  if (!contexts.ok) return contexts;
  const event: TrackerEvent = { eventType, eventId: params.eid, contexts: contexts.value, params };
  if (params.dtm !== undefined) {
    const dtm = Number(params.dtm);
    if (!Number.isFinite(dtm)) return bad(`dtm '${params.dtm}' is not a timestamp in milliseconds`);
    event.deviceCreatedAt = dtm;
  }
  if (eventType === 'struct') {
    if (!params.se_ac) return bad('a structured event (e=se) without an action (se_ac)');
    const structured: StructuredFields = { action: params.se_ac, category: params.se_ca, label: params.se_la, property: params.se_pr };
    if (params.se_va !== undefined && params.se_va !== '') {
      const value = Number(params.se_va);
      if (!Number.isFinite(value)) return bad(`se_va '${params.se_va}' is not a number: a structured event's value must be numeric (property-type)`);
      structured.value = value;
    }
    event.structured = structured;
  }
  if (eventType === 'unstruct') {
    const ue = selfDescribingParam(params, 'ue_pr', 'ue_px', UNSTRUCT, 'unstruct_event');
    if (!ue.ok) return ue;
    if (!ue.value) return bad('a self-describing event (e=ue) without ue_pr or ue_px');
    if (!isObject(ue.value.data)) return bad('unstruct_event has no self-describing "data" object');
    const inner = ue.value.data as Partial<SelfDescribingJson>;
    const problem = schemaProblem(inner.schema);
    if (problem) return bad(`the self-describing event: ${problem}`);
    event.selfDescribing = { schema: inner.schema as string, data: inner.data };
  }
  return ok(event);
}

function decodeContexts(params: TrackerParams): Decoded<SelfDescribingJson[]> {
  const envelope = selfDescribingParam(params, 'co', 'cx', CONTEXTS, 'contexts');
  if (!envelope.ok) return envelope;
  if (!envelope.value) return ok([]);
  const data = envelope.value.data;
  if (!Array.isArray(data)) return bad('the contexts envelope has no "data" array');
  const out: SelfDescribingJson[] = [];
  for (const [i, c] of data.entries()) {
    if (!isObject(c)) return bad(`context ${i} is not a self-describing JSON object`);
    const problem = schemaProblem(c.schema);
    if (problem) return bad(`context ${i}: ${problem}`);
    out.push({ schema: c.schema as string, data: c.data });
  }
  return ok(out);
}

/** A JSON parameter sent plain (`co`, `ue_pr`) or base64url-encoded (`cx`, `ue_px`). */
function selfDescribingParam(params: TrackerParams, plain: string, encoded: string, envelope: RegExp, what: string): Decoded<SelfDescribingJson | undefined> {
  let text = params[plain];
  let from = plain;
  if (text === undefined && params[encoded] !== undefined) {
    from = encoded;
    const decoded = decodeBase64Url(params[encoded]);
    if (decoded === undefined) return bad(`${encoded} is not valid base64`);
    text = decoded;
  }
  if (text === undefined) return ok(undefined);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return bad(`${from} is not JSON (${(e as Error).message})`);
  }
  if (!isObject(json) || typeof json.schema !== 'string' || !envelope.test(json.schema)) return bad(`${from} is not a ${what} envelope (schema ${describe(isObject(json) ? json.schema : json)})`);
  return ok({ schema: json.schema, data: json.data });
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Strict base64/base64url to UTF-8; undefined when the text is not base64 (Buffer alone would skip bad characters). */
export function decodeBase64Url(text: string): string | undefined {
  const trimmed = text.trim();
  if (!BASE64.test(trimmed) || trimmed.replace(/=+$/, '').length % 4 === 1) return undefined;
  const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return decoded;
}

export function encodeBase64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? v.slice(0, 80) + '…' : v);
  return typeof v;
}
