// The declarative form: an element (JSX, Vue template) or an attribute map (`{ 'data-event-tracking':
// 'e', 'data-event-label': 'l' }`) whose data-event-* attributes describe one click event.
import type * as t from '@babel/types';
import { literalString, propertyKeyName, spanOf, unwrap } from './ast';
import { propertiesFromJson, readAdditionalValue, valueTypeOf } from './properties';
import type { JsScope } from './scope';
import {
  ADDITIONAL_ATTRIBUTE,
  EVENT_ATTRIBUTE,
  attributeValueType,
  propertyOfAttribute,
  withName,
  type EventName,
  type RawSite,
  type Span,
} from './sites';

/** How an attribute's value is written. */
export type AttributeValue =
  /** Static text, e.g. `data-event-tracking="e"`; contents excludes the quotes. */
  | { kind: 'text'; value: string; span: Span; contents: Span }
  /** A JS expression: a bound Vue attribute, a JSX `{...}`, a map's property value. */
  | { kind: 'expression'; node: t.Node }
  /** Written without a usable value (`<a data-event-tracking>`, an unparseable binding). */
  | { kind: 'unknown'; span: Span };

export interface AttributeEntry {
  name: string;
  nameSpan: Span;
  value: AttributeValue;
}

export interface AttributeContainer {
  entries: AttributeEntry[];
  /** The element's start tag or the map's braces. */
  span: Span;
  /** A spread (`{...attrs}`, `v-bind="attrs"`) may add or override attributes. */
  hasSpread: boolean;
}

/**
 * The call site an element or map describes, or null when it has no data-event-tracking.
 * Properties come from the sibling data-event-label/property/value/additional attributes.
 */
export function siteFromAttributes(container: AttributeContainer, scope: JsScope, text: string): RawSite[] {
  const eventEntry = container.entries.find((e) => e.name === EVENT_ATTRIBUTE);
  if (!eventEntry) return [];
  const [first, ...others] = eventNamesOf(eventEntry.value, scope);
  const site: RawSite = {
    kind: 'js.data_attribute',
    ...first,
    properties: [],
    argsOpaque: container.hasSpread,
    argsSpan: container.span,
  };
  for (const entry of container.entries) {
    const property = propertyOfAttribute(entry.name);
    if (property) {
      site.properties.push({ key: property, span: entry.nameSpan, valueType: attributeTypeOf(property, entry.value, scope) });
    } else if (entry.name === ADDITIONAL_ATTRIBUTE) {
      const v = entry.value;
      if (v.kind === 'text') site.properties.push(...propertiesFromJson(v.value, v.contents, v.span, text));
      else if (v.kind === 'expression') {
        const read = readAdditionalValue(v.node, scope, text);
        site.properties.push(...read.properties);
        if (read.opaque) site.argsOpaque = true;
        if (read.objectSpan) site.propertiesSpan = read.objectSpan;
      } else site.argsOpaque = true;
    }
  }
  return [site, ...others.map((name) => withName(site, name))];
}

function eventNamesOf(value: AttributeValue, scope: JsScope): EventName[] {
  if (value.kind === 'text') return [{ event: value.value, dynamic: false, span: value.span, nameSpan: value.contents }];
  if (value.kind === 'expression') return scope.resolveEventNames(value.node);
  return [{ event: null, dynamic: true, span: value.span }];
}

function attributeTypeOf(property: string, value: AttributeValue, scope: JsScope): RawSite['properties'][number]['valueType'] {
  if (value.kind === 'text') return attributeValueType(property, 'string', value.value);
  if (value.kind === 'unknown') return 'dynamic';
  const literal = literalString(value.node);
  return attributeValueType(property, valueTypeOf(value.node, scope), literal?.value);
}

/** `{ 'data-event-tracking': 'e', ... }` anywhere in JS (attrs maps, expected attributes). */
export function siteFromAttributeObject(object: t.ObjectExpression, scope: JsScope, text: string): RawSite[] {
  if (!isAttributeObject(object)) return [];
  const entries: AttributeEntry[] = [];
  let hasSpread = false;
  for (const prop of object.properties) {
    if (prop.type === 'SpreadElement') hasSpread = true;
    if (prop.type !== 'ObjectProperty') continue;
    const name = propertyKeyName(prop);
    if (name !== null) entries.push({ name, nameSpan: spanOf(prop.key), value: { kind: 'expression', node: prop.value } });
  }
  return siteFromAttributes({ entries, span: spanOf(object), hasSpread }, scope, text);
}

/** An object literal with a 'data-event-tracking' key (almost none are: checked first). */
export function isAttributeObject(object: t.ObjectExpression): boolean {
  return object.properties.some((p) => p.type === 'ObjectProperty' && p.key.type === 'StringLiteral' && p.key.value === EVENT_ATTRIBUTE);
}

export function isTrackedJsxElement(element: t.JSXOpeningElement): boolean {
  return element.attributes.some((a) => a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && a.name.name === EVENT_ATTRIBUTE);
}

/** `<button data-event-tracking="e" data-event-label="l">` in JSX/TSX. */
export function siteFromJsxElement(element: t.JSXOpeningElement, scope: JsScope, text: string): RawSite[] {
  const entries: AttributeEntry[] = [];
  let hasSpread = false;
  for (const attr of element.attributes) {
    if (attr.type === 'JSXSpreadAttribute') {
      hasSpread = true;
      continue;
    }
    if (attr.name.type !== 'JSXIdentifier') continue;
    entries.push({ name: attr.name.name, nameSpan: spanOf(attr.name), value: jsxValue(attr) });
  }
  return siteFromAttributes({ entries, span: spanOf(element), hasSpread }, scope, text);
}

function jsxValue(attr: t.JSXAttribute): AttributeValue {
  const value = attr.value;
  if (!value) return { kind: 'unknown', span: spanOf(attr.name) };
  if (value.type === 'StringLiteral') {
    const [start, end] = spanOf(value);
    return { kind: 'text', value: value.value, span: [start, end], contents: [start + 1, end - 1] };
  }
  if (value.type === 'JSXExpressionContainer' && value.expression.type !== 'JSXEmptyExpression') {
    return { kind: 'expression', node: unwrap(value.expression) };
  }
  return { kind: 'unknown', span: spanOf(value) };
}
