// Additional properties written in JS: the keys of an object literal (trackEvent's second
// argument, JSON.stringify({...}) in data-event-additional) or of a JSON string.
import type * as t from '@babel/types';
import { literalString, literalTypeOf, memberCallee, propertyKeyName, spanOf, unwrap } from './ast';
import type { JsScope } from './scope';
import type { RawProperty, Span } from './sites';
import { jsonObjectKeys } from '../jsonKeys';

export interface ReadProperties {
  properties: RawProperty[];
  /** Some keys cannot be known statically (spread, computed key, a variable). */
  opaque: boolean;
  /** The object literal the keys are written in, when there is one. */
  objectSpan?: Span;
}

/** Literal keys of an object literal; opaque when a spread or computed key hides some. */
export function readObjectProperties(object: t.ObjectExpression, scope: JsScope): ReadProperties {
  const properties: RawProperty[] = [];
  let opaque = false;
  for (const prop of object.properties) {
    if (prop.type === 'SpreadElement') {
      opaque = true;
      continue;
    }
    const key = propertyKeyName(prop);
    if (key === null) {
      opaque = true;
      continue;
    }
    const valueType = prop.type === 'ObjectMethod' ? 'other' : valueTypeOf(prop.value, scope);
    properties.push({ key, span: spanOf(prop.key), valueType });
  }
  return { properties, opaque, objectSpan: spanOf(object) };
}

/** literalTypeOf, except that a same-file string constant counts as a string. */
export function valueTypeOf(value: t.Node, scope: JsScope): RawProperty['valueType'] {
  const type = literalTypeOf(value);
  if (type !== 'dynamic') return type;
  const n = unwrap(value);
  if ((n.type === 'Identifier' || n.type === 'MemberExpression') && scope.resolveString(n, 0) !== null) return 'string';
  return 'dynamic';
}

/**
 * Custom properties from a data-event-additional value: a JSON string literal, or
 * JSON.stringify({...}). Invalid JSON yields nothing (the runtime ignores it too); anything
 * else is opaque.
 */
export function readAdditionalValue(value: t.Node, scope: JsScope, text: string): ReadProperties {
  const n = unwrap(value);
  const literal = literalString(n);
  if (literal) return { properties: propertiesFromJson(literal.value, literal.contents, spanOf(n), text), opaque: false };
  if (n.type === 'CallExpression') {
    const callee = memberCallee(n.callee);
    const arg = n.arguments[0] ? unwrap(n.arguments[0]) : null;
    if (callee && callee.property === 'stringify' && unwrapsTo(callee.object, 'JSON') && arg?.type === 'ObjectExpression') {
      return readObjectProperties(arg, scope);
    }
  }
  return { properties: [], opaque: true };
}

/**
 * Keys of a JSON object written as a string whose contents sit at `contents` in `text`. When the
 * source spells the JSON exactly (no escapes, no entities) each key gets its own range;
 * otherwise every key points at the whole value.
 */
export function propertiesFromJson(json: string, contents: Span, whole: Span, text: string): RawProperty[] {
  const keys = jsonObjectKeys(json);
  if (!keys) return [];
  const exact = text.slice(contents[0], contents[1]) === json;
  return keys.map((k) => ({
    key: k.key,
    span: exact ? ([contents[0] + k.start, contents[0] + k.end] as const) : whole,
    valueType: k.valueType,
  }));
}

function unwrapsTo(node: t.Node, name: string): boolean {
  const n = unwrap(node);
  return n.type === 'Identifier' && n.name === name;
}
