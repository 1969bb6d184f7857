// Offset-based call-site records shared by the JavaScript, Vue and HAML finders. Finders work in
// UTF-16 offsets (what Babel, the Vue compiler and String indices all use) and convert to
// line/column ranges once, at the end, through LineIndex.
import type { CallSite, CallSiteKind, ImportedConstant, LiteralType, PassedOnName, RubyConstantRef } from '../../model';
import type { LineIndex } from '../../text';

/** [start, end) in UTF-16 offsets of the whole file. */
export type Span = readonly [start: number, end: number];

export interface RawProperty {
  key: string;
  span: Span;
  valueType: LiteralType;
}

/** A call site before line/column conversion: its name (EventName), kind and arguments. */
export interface RawSite extends EventName {
  kind: CallSiteKind;
  passedOn?: PassedOnName;
  properties: RawProperty[];
  argsOpaque: boolean;
  argsSpan?: Span;
  propertiesSpan?: Span;
}

/** The event name as found at a call: a literal, a resolved constant, or unknown. */
export interface EventName {
  event: string | null;
  dynamic: boolean;
  span: Span;
  /** Only for a literal written at the call: its contents, quotes excluded. */
  nameSpan?: Span;
  /** Only for a name imported from another module, which the index resolves. */
  imported?: ImportedConstant;
  /** Only for a name built at run time from literal pieces (namePatterns.ts). */
  namePattern?: string;
  /** Only for a Ruby constant (in HAML) the file does not assign: the index resolves it. */
  rubyConstant?: RubyConstantRef;
  /** Only in HAML: a bare local the file does not assign (in a partial, what its caller passes). */
  local?: string;
}

/** The same site naming another event (a branch of a conditional name): only the name differs. */
export function withName(site: RawSite, name: EventName): RawSite {
  const { nameSpan: _n, imported: _i, namePattern: _p, rubyConstant: _r, passedOn: _o, local: _l, ...rest } = site;
  return { ...rest, ...name };
}

export function toCallSite(site: RawSite, lines: LineIndex): CallSite {
  const callSite: CallSite = {
    event: site.event,
    dynamic: site.dynamic,
    kind: site.kind,
    refersTo: 'event',
    range: lines.range(site.span[0], site.span[1]),
    // JS ids (user/project/namespace) come from the page context, never from the call.
    identifiers: [],
    properties: site.properties.map((p) => ({ key: p.key, range: lines.range(p.span[0], p.span[1]), valueType: p.valueType })),
    argsOpaque: site.argsOpaque,
  };
  if (site.nameSpan) callSite.nameRange = lines.range(site.nameSpan[0], site.nameSpan[1]);
  if (site.argsSpan) callSite.argsRange = lines.range(site.argsSpan[0], site.argsSpan[1]);
  if (site.imported) callSite.importedConstant = site.imported;
  if (site.namePattern) callSite.namePattern = site.namePattern;
  if (site.rubyConstant) callSite.rubyConstant = site.rubyConstant;
  if (site.passedOn) callSite.passedOn = site.passedOn;
  if (site.propertiesSpan) callSite.propertiesRange = lines.range(site.propertiesSpan[0], site.propertiesSpan[1]);
  return callSite;
}

/** Orders sites by position and drops exact duplicates (the same name at the same span found twice). */
export function sortAndDedupe(sites: RawSite[]): RawSite[] {
  const seen = new Set<string>();
  const out: RawSite[] = [];
  for (const s of [...sites].sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1])) {
    // The event is part of the identity: a const holding a conditional gives two names at one span.
    const id = `${s.kind}:${s.span[0]}:${s.span[1]}:${s.event}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Declarative data attributes: the names are the same in HTML, Vue, JS maps and HAML (where
// `event_label` is written with underscores and rendered with dashes).

/** The attribute that carries the event name. */
export const EVENT_ATTRIBUTE = 'data-event-tracking';
/** The attribute whose JSON object carries custom properties. */
export const ADDITIONAL_ATTRIBUTE = 'data-event-additional';

/** Sibling attributes that carry the standard properties, by the property they fill. */
const PROPERTY_ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['data-event-label', 'label'],
  ['data-event-property', 'property'],
  ['data-event-value', 'value'],
]);

/** 'label' for 'data-event-label' (and for HAML's 'data_event_label'); undefined otherwise. */
export function propertyOfAttribute(attributeName: string): string | undefined {
  return PROPERTY_ATTRIBUTES.get(attributeName.replace(/_/g, '-'));
}

/**
 * The type a data-attribute value has at runtime. The browser reads every attribute as a string
 * and parses `data-event-value` with parseInt, so a numeric string there counts as a number
 * (otherwise `data-event-value="3"`, the only way to write it in plain HTML, would look wrong).
 */
export function attributeValueType(property: string, written: LiteralType, stringValue?: string): LiteralType {
  if (property === 'value' && written === 'string' && stringValue !== undefined && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(stringValue)) {
    return 'number';
  }
  return written;
}
