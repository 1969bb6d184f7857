// Shared assertions for the call-site finder tables (JS, Vue, HAML): one expected shape, one check.
import assert from 'node:assert/strict';
import type { CallSite, CallSiteKind, CallSiteScan, LiteralType, PassedOnName, Range } from '../../server/src/core/model';

/** [startLine, startCharacter, endLine, endCharacter], 0-based. */
export type Span = [number, number, number, number];

export interface ExpectedSite {
  event: string | null;
  /** Omitted: not checked (finders with a single kind check it themselves). */
  kind?: CallSiteKind;
  range: Span;
  /** Omitted: the site must have no nameRange. */
  nameRange?: Span;
  /** Defaults to event === null. */
  dynamic?: boolean;
  /** Checked in order, ranges when given. */
  properties?: Array<{ key: string; valueType: LiteralType; range?: Span }>;
  argsOpaque?: boolean;
  argsRange?: Span;
  /** true/false: must be present/absent; a span: must equal it. Omitted: not checked. */
  propertiesRange?: Span | boolean;
  /** The imported constant the index is to resolve; omitted: the site must have none. */
  imported?: { specifier: string; path: string[] };
  /** The pattern of a name built at run time; omitted: the site must have none. */
  namePattern?: string;
  /** A Ruby constant of another file, for the index to resolve; omitted: the site must have none. */
  rubyConstant?: { name: string; nesting: string[] };
  /** A name handed to a partial or helper, for the index to confirm; omitted: the site must have none. */
  passedOn?: PassedOnName;
}

export const span = (r: Range): Span => [r.start.line, r.start.character, r.end.line, r.end.character];

export function checkSite(actual: CallSite, expected: ExpectedSite, label: string): void {
  assert.equal(actual.event, expected.event, `${label}: event`);
  if (expected.kind) assert.equal(actual.kind, expected.kind, `${label}: kind`);
  assert.equal(actual.dynamic, expected.dynamic ?? expected.event === null, `${label}: dynamic`);
  assert.equal(actual.refersTo, 'event', `${label}: refersTo`);
  assert.deepEqual(span(actual.range), expected.range, `${label}: range`);
  assert.deepEqual(actual.nameRange && span(actual.nameRange), expected.nameRange, `${label}: nameRange`);
  assert.deepEqual(actual.identifiers, [], `${label}: identifiers`);
  assert.equal(actual.argsOpaque, expected.argsOpaque ?? false, `${label}: argsOpaque`);
  assert.deepEqual(actual.importedConstant, expected.imported, `${label}: importedConstant`);
  assert.equal(actual.namePattern, expected.namePattern, `${label}: namePattern`);
  assert.deepEqual(actual.rubyConstant, expected.rubyConstant, `${label}: rubyConstant`);
  assert.deepEqual(actual.passedOn, expected.passedOn, `${label}: passedOn`);
  const props = expected.properties ?? [];
  assert.deepEqual(
    actual.properties.map((p) => [p.key, p.valueType]),
    props.map((p) => [p.key, p.valueType]),
    `${label}: properties`,
  );
  props.forEach((p, i) => {
    if (p.range) assert.deepEqual(span(actual.properties[i].range), p.range, `${label}: range of ${p.key}`);
  });
  if (expected.argsRange) assert.deepEqual(actual.argsRange && span(actual.argsRange), expected.argsRange, `${label}: argsRange`);
  if (Array.isArray(expected.propertiesRange)) {
    assert.deepEqual(actual.propertiesRange && span(actual.propertiesRange), expected.propertiesRange, `${label}: propertiesRange`);
  } else if (expected.propertiesRange !== undefined) {
    assert.equal(actual.propertiesRange !== undefined, expected.propertiesRange, `${label}: propertiesRange presence`);
  }
}

export interface ScanCase {
  name: string;
  sites: ExpectedSite[];
  /** 'some': at least one parse error; a number: exactly that many (default 0). */
  parseErrors?: number | 'some';
}

/** Checks a finder's whole answer for one table row: the sites in order and the parse errors. */
export function checkScan(scan: CallSiteScan, c: ScanCase, defaults: Partial<ExpectedSite> = {}): void {
  assert.equal(scan.callSites.length, c.sites.length, `site count: ${scan.callSites.map((s) => s.event).join(', ')}`);
  c.sites.forEach((e, i) => checkSite(scan.callSites[i], { ...defaults, ...e }, `${c.name} #${i}`));
  if (c.parseErrors === 'some') assert.ok(scan.parseErrors > 0, 'parse errors reported');
  else assert.equal(scan.parseErrors, c.parseErrors ?? 0, 'parse errors');
}
