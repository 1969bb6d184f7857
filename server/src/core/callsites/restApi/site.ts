// Services outside the monolith may track through GitLab's REST API: `POST
// /api/v4/usage_data/track_event` with a JSON body `{"event": "name", ...}`, or `track_events`
// with `{"events": [{"event": ...}, ...]}`. A body counts when the path string and the event field
// are written in the same call or literal (what each language's reader decides); this file builds
// the site all of them report, and reads a body written as JSON text (shell, Go strings).
import type { CallSite, PropertyArg, Range } from '../../model';
import { typeOfJsonValue } from '../jsonKeys';

/** What every file holding such a call contains (the bulk path `track_events` too). */
export const REST_PATH_NEEDLE = 'usage_data/track_event';

/** Keys of the body that identify the actor, as the API names them. */
const IDENTIFIER_KEYS = new Set(['namespace_id', 'project_id', 'user_id']);

export interface RestEventField {
  /** The name when written as a plain string, else null (a pattern may say more). */
  value: string | null;
  namePattern?: string;
  range: Range;
  nameRange?: Range;
}

export interface RestBodyFacts {
  /** Keys of the event's object besides `event`. */
  keys: string[];
  /** `additional_properties`' keys when written as a literal object, with ranges and value types. */
  properties: PropertyArg[];
  /** additional_properties is not a literal object (a variable, a spread): properties unknown. */
  opaque: boolean;
}

export function restCallSite(field: RestEventField, body: RestBodyFacts, argsRange?: Range): CallSite {
  return {
    event: field.value,
    dynamic: field.value === null,
    kind: 'rest.track_event',
    refersTo: 'event',
    range: field.range,
    ...(field.nameRange ? { nameRange: field.nameRange } : {}),
    ...(field.namePattern ? { namePattern: field.namePattern } : {}),
    identifiers: body.keys.filter((k) => IDENTIFIER_KEYS.has(k)),
    properties: body.properties,
    argsOpaque: body.opaque,
    ...(argsRange ? { argsRange } : {}),
  };
}

/**
 * Sites of a body written as JSON text (`-d '{"event": "x"}'`, a Go raw string), parsed with
 * JSON.parse; ranges come from where each name is written. `at` maps a text offset to a range.
 * Not JSON (a template with %s, shell variables): no site, since the name is not known.
 */
export function sitesOfJsonText(json: string, offset: number, at: (from: number, to: number) => Range): CallSite[] {
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    return [];
  }
  const objects = eventObjects(body);
  const sites: CallSite[] = [];
  let searchFrom = 0;
  for (const o of objects) {
    const name = o.event as string;
    // The n-th event object's name is the n-th `"event": "name"` in the text.
    const m = new RegExp(`"event"\\s*:\\s*"(${escapeRegExp(name)})"`, 'g');
    m.lastIndex = searchFrom;
    const found = m.exec(json);
    if (!found) continue;
    searchFrom = m.lastIndex;
    const nameFrom = offset + found.index + found[0].length - name.length - 1;
    const range = at(nameFrom - 1, nameFrom + name.length + 1);
    const props = o.additional_properties;
    const isObject = props !== undefined && props !== null && typeof props === 'object' && !Array.isArray(props);
    const properties: PropertyArg[] = isObject
      ? Object.entries(props as Record<string, unknown>).map(([key, v]) => ({ key, range, valueType: typeOfJsonValue(v) }))
      : [];
    sites.push(
      restCallSite(
        { value: name, range, nameRange: at(nameFrom, nameFrom + name.length) },
        { keys: Object.keys(o), properties, opaque: props !== undefined && !isObject },
      ),
    );
  }
  return sites;
}

/** The objects naming an event: the body itself, or each element of its `events`. */
function eventObjects(body: unknown): Record<string, unknown>[] {
  if (!body || typeof body !== 'object') return [];
  const o = body as Record<string, unknown>;
  if (typeof o.event === 'string') return [o];
  if (Array.isArray(o.events)) return o.events.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object' && typeof (e as Record<string, unknown>).event === 'string');
  return [];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
