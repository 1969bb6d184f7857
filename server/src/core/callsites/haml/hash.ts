// Turns Ruby tokens into hashes and argument lists, then reads the data-event-* attributes out of
// them. Two spellings exist: a data hash (`data: { event_tracking: 'e', event_label: 'l' }`, keys
// with _ or -) and flat keys (`'data-event-tracking' => 'e'` in an attribute hash or helper call).
import type { LiteralType } from '../../model';
import type { RubyToken } from './lexer';
import { patternOfParts } from '../../namePatterns';
import { propertiesFromJson } from '../js/properties';
import { attributeValueType, propertyOfAttribute, withName, type EventName, type RawProperty, type RawSite, type Span } from '../js/sites';

export interface RubyContainer {
  /** '{', '(' or '[' — null for a code line's argument list written without parentheses. */
  bracket: string | null;
  span: Span;
  entries: RubyEntry[];
}

export type RubyItem = { token: RubyToken } | { container: RubyContainer };

export interface RubyEntry {
  /** The key as written (`event_tracking`, `data-event-tracking`); null for a positional item. */
  key: string | null;
  keySpan?: Span;
  value: RubyItem[];
  /** `**options`: the hash may hold any key. */
  splat: boolean;
}

/** Every container in a token list (the outermost, bracket-less list first). */
export function parseContainers(tokens: RubyToken[]): RubyContainer[] {
  const all: RubyContainer[] = [];
  parseList(tokens, 0, null, all);
  return all;
}

function parseList(tokens: RubyToken[], from: number, open: RubyToken | null, all: RubyContainer[]): { container: RubyContainer; next: number } {
  const start = open ? open.start : (tokens[from]?.start ?? 0);
  const container: RubyContainer = { bracket: open ? open.text : null, span: [start, start], entries: [] };
  all.push(container);
  let items: RubyItem[] = [];
  let end = start;
  let pos = from;
  while (pos < tokens.length) {
    const token = tokens[pos];
    if (token.kind === 'close') {
      if (open) {
        container.entries.push(...entryOf(items));
        container.span = [start, token.end];
        return { container, next: pos + 1 };
      }
      pos++; // a stray closer at the top: ignore it
      continue;
    }
    if (token.kind === 'comma') {
      container.entries.push(...entryOf(items));
      items = [];
      end = token.end;
      pos++;
      continue;
    }
    if (token.kind === 'open') {
      const inner = parseList(tokens, pos + 1, token, all);
      items.push({ container: inner.container });
      end = inner.container.span[1];
      pos = inner.next;
      continue;
    }
    items.push({ token });
    end = token.end;
    pos++;
  }
  container.entries.push(...entryOf(items)); // unclosed (half-typed): keep what is there
  container.span = [start, end];
  return { container, next: pos };
}

export function entryOf(items: RubyItem[]): RubyEntry[] {
  if (items.length === 0) return [];
  const first = 'token' in items[0] ? items[0].token : null;
  const second = items[1] && 'token' in items[1] ? items[1].token : null;
  if (first?.kind === 'label') return [{ key: first.text, keySpan: [first.start, first.end], value: items.slice(1), splat: false }];
  if (first && (first.kind === 'string' || first.kind === 'symbol') && second?.kind === 'rocket') {
    return [{ key: first.text, keySpan: [first.start, first.end], value: items.slice(2), splat: false }];
  }
  return [{ key: null, value: items, splat: first?.kind === 'splat' }];
}

// ---------------------------------------------------------------------------------------------

const KEYWORDS: ReadonlySet<string> = new Set(['true', 'false', 'nil', 'self']);

/** How a name (constant or local) assigned in the file resolves; undefined when unknown. */
export type ResolveName = (name: string) => string | undefined;

/**
 * The call site a hash or argument list describes, or null when it has no event key.
 * `event_tracking:` only means something in a data hash (`data: {...}`, or a hash built in code
 * and passed as data later), always written in braces: `mayBeDataHash` says this container can be
 * one. `data-event-tracking` is a whole attribute name and counts in any attribute list.
 */
export function siteFromContainer(container: RubyContainer, text: string, resolve: ResolveName, mayBeDataHash: boolean): RawSite[] {
  const norm = (key: string | null): string | null => (key === null ? null : key.replace(/-/g, '_'));
  let prefix: string | null = null;
  let eventEntry = mayBeDataHash && container.bracket === '{' ? container.entries.find((e) => norm(e.key) === 'event_tracking') : undefined;
  if (eventEntry) prefix = 'event_';
  else {
    eventEntry = container.entries.find((e) => norm(e.key) === 'data_event_tracking');
    if (eventEntry) prefix = 'data_event_';
  }
  if (!eventEntry || !prefix) return [];

  const [first, ...others] = eventNamesOf(eventEntry, resolve);
  const site: RawSite = {
    kind: 'haml.data_attribute',
    ...first,
    properties: [],
    argsOpaque: false,
    argsSpan: container.span,
  };
  for (const entry of container.entries) {
    if (entry.splat) site.argsOpaque = true;
    const key = norm(entry.key);
    if (!key || !key.startsWith(prefix) || !entry.keySpan) continue;
    const attribute = 'data_event_' + key.slice(prefix.length);
    const property = propertyOfAttribute(attribute);
    if (property) {
      const single = singleToken(entry.value);
      const stringValue = single?.kind === 'string' && !single.interpolated ? single.text : undefined;
      site.properties.push({ key: property, span: entry.keySpan, valueType: attributeValueType(property, valueTypeOf(entry.value, resolve), stringValue) });
    } else if (attribute === 'data_event_additional') {
      readAdditional(entry.value, text, resolve, site);
    }
  }
  return [site, ...others.map((name) => withName(site, name))];
}

/** The names an entry's value may be: both branches of `cond ? 'a' : 'b'`, or the one value. */
export function eventNamesOf(entry: RubyEntry, resolve: ResolveName): EventName[] {
  const branches = ternaryBranches(entry.value);
  if (!branches) return [eventNameOf(entry.value, entry.keySpan, resolve)];
  return branches.map((b) => eventNameOf([b], entry.keySpan, resolve));
}

/** `cond ? X : Y` with X and Y single tokens: [X, Y]. */
function ternaryBranches(items: RubyItem[]): [RubyItem, RubyItem] | null {
  const n = items.length;
  if (n < 5) return null;
  const [question, whenTrue, colon, otherwise] = items.slice(n - 4);
  const isOperator = (item: RubyItem, text: string) => 'token' in item && item.token.kind === 'operator' && item.token.text === text;
  if (!isOperator(question, '?') || !isOperator(colon, ':') || !('token' in whenTrue) || !('token' in otherwise)) return null;
  return [whenTrue, otherwise];
}

function eventNameOf(items: RubyItem[], keySpan: Span | undefined, resolve: ResolveName): EventName {
  const value = withoutFreeze(items);
  const span = itemsSpan(value) ?? keySpan ?? [0, 0];
  const single = singleToken(value);
  if (single?.kind === 'string' && !single.interpolated && !single.unterminated && single.contents) {
    return { event: single.text, dynamic: false, span, nameSpan: single.contents };
  }
  if (single?.kind === 'symbol') {
    return { event: single.text, dynamic: false, span, nameSpan: single.contents ?? [single.start + 1, single.end] };
  }
  if (single && (single.kind === 'constant' || single.kind === 'identifier')) {
    const resolved = resolve(single.text);
    if (resolved !== undefined) return { event: resolved, dynamic: false, span };
    if (single.kind === 'identifier' && !KEYWORDS.has(single.text)) return { event: null, dynamic: true, span, local: single.text };
  }
  const assigned = localAssignsKey(value);
  if (assigned) return { event: null, dynamic: true, span, local: assigned };
  const namePattern = single?.kind === 'string' && single.parts && !single.unterminated ? patternOfParts(single.parts) : undefined;
  if (namePattern) return { event: null, dynamic: true, span, namePattern };
  // `Foo::Bar::EVENT`: the index looks in the Ruby code (a view has no nesting to look through).
  const constant = constantPath(value);
  if (constant?.includes('::') && resolve(constant) === undefined) return { event: null, dynamic: true, span, rubyConstant: { name: constant, nesting: [] } };
  return { event: null, dynamic: true, span };
}

/**
 * A partial's optional local read through Rails' `local_assigns`: `local_assigns[:x]` or
 * `local_assigns.fetch(:x, default)` is the local `x`.
 */
function localAssignsKey(items: RubyItem[]): string | null {
  const texts = items.map((item) => ('token' in item ? item.token.text : null));
  const args = items[items.length - 1];
  if (texts[0] !== 'local_assigns' || !('container' in args)) return null;
  const indexed = items.length === 2 && args.container.bracket === '[';
  const fetched = items.length === 4 && texts[1] === '.' && texts[2] === 'fetch' && args.container.bracket === '(';
  const key = indexed || fetched ? singleToken(args.container.entries[0]?.value ?? []) : null;
  return key?.kind === 'symbol' ? key.text : null;
}

/** `A::B::C` (or `::A`) written as tokens, or null. */
function constantPath(items: RubyItem[]): string | null {
  const tokens = items.map((item) => ('token' in item ? item.token : null));
  if (tokens.some((t) => !t || (t.kind !== 'constant' && t.text !== '::'))) return null;
  const text = tokens.map((t) => t!.text).join('');
  return /^(::)?[A-Z]\w*(::[A-Z]\w*)*$/.test(text) ? text : null;
}

function valueTypeOf(items: RubyItem[], resolve: ResolveName): LiteralType {
  const value = withoutFreeze(items);
  if (value.length === 1 && 'container' in value[0]) return 'other'; // a hash or an array
  if (value.length === 2 && 'token' in value[0] && value[0].token.text === '-' && singleToken(value.slice(1))?.kind === 'number') return 'number';
  const single = singleToken(value);
  if (!single) return 'dynamic';
  switch (single.kind) {
    case 'string':
    case 'symbol': // rendered into the attribute as its name
      return 'string';
    case 'number':
      return 'number';
    case 'identifier':
      if (single.text === 'true' || single.text === 'false') return 'boolean';
      if (single.text === 'nil') return 'nil';
      return resolve(single.text) !== undefined ? 'string' : 'dynamic';
    case 'constant':
      return resolve(single.text) !== undefined ? 'string' : 'dynamic';
    default:
      return 'dynamic';
  }
}

/** event_additional: a JSON string, or a hash with `.to_json`; anything else is opaque. */
function readAdditional(items: RubyItem[], text: string, resolve: ResolveName, site: RawSite): void {
  const single = singleToken(items);
  if (single?.kind === 'string' && !single.interpolated && single.contents) {
    site.properties.push(...propertiesFromJson(single.text, single.contents, [single.start, single.end], text));
    return;
  }
  const hash = items[0] && 'container' in items[0] ? items[0].container : null;
  const call = items.slice(1).map((i) => ('token' in i ? i.token.text : '')).join('');
  if (hash && hash.bracket === '{' && call.startsWith('.to_json')) {
    for (const entry of hash.entries) {
      if (entry.splat) site.argsOpaque = true;
      if (entry.key !== null && entry.keySpan) site.properties.push({ key: entry.key, span: entry.keySpan, valueType: valueTypeOf(entry.value, resolve) } satisfies RawProperty);
    }
    site.propertiesSpan = hash.span;
    return;
  }
  site.argsOpaque = true;
}

function singleToken(items: RubyItem[]): RubyToken | null {
  return items.length === 1 && 'token' in items[0] ? items[0].token : null;
}

/** `'e'.freeze` is the same string as `'e'`. */
function withoutFreeze(items: RubyItem[]): RubyItem[] {
  const n = items.length;
  const tail = n >= 3 ? items.slice(n - 2).map((i) => ('token' in i ? i.token.text : '')).join('') : '';
  return tail === '.freeze' ? items.slice(0, n - 2) : items;
}

function itemsSpan(items: RubyItem[]): Span | null {
  if (items.length === 0) return null;
  const edge = (item: RubyItem): Span => ('token' in item ? [item.token.start, item.token.end] : item.container.span);
  return [edge(items[0])[0], edge(items[items.length - 1])[1]];
}
