// The top-level keys of a `data-event-additional` JSON object, with where each key is written, so
// custom properties in '{"k":"v"}' get precise ranges in JS, Vue and HAML alike.
import type { LiteralType } from '../model';

export interface JsonKey {
  key: string;
  /** Offsets of the quoted key inside the JSON text (quotes included). */
  start: number;
  end: number;
  valueType: LiteralType;
}

export function typeOfJsonValue(value: unknown): LiteralType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (value === null) return 'nil';
  return 'other';
}

/** Keys of a JSON object literal; null when the text is not valid JSON or not an object. */
export function jsonObjectKeys(json: string): JsonKey[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const values = parsed as Record<string, unknown>;

  // The text is valid JSON, so a simple scan is exact: a string at depth 1 followed by ':' is a key.
  const keys: JsonKey[] = [];
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      const start = i;
      for (i++; i < json.length && json[i] !== '"'; i++) if (json[i] === '\\') i++;
      const end = i + 1;
      if (depth !== 1) continue;
      let j = end;
      while (j < json.length && /\s/.test(json[j])) j++;
      if (json[j] !== ':') continue;
      const key = JSON.parse(json.slice(start, end)) as string;
      keys.push({ key, start, end, valueType: typeOfJsonValue(values[key]) });
    }
  }
  return keys;
}
