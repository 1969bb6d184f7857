// Reading Prism nodes into call-site facts: where a node is (UTF-16 ranges), what event name an
// argument denotes (literal, constant defined in the same file, or dynamic), and what keyword
// arguments a call passes (identifiers, additional properties). Shared by index.ts (application
// code) and rspec.ts (spec helpers).
import {
  ArrayNode,
  AssocNode,
  CallNode,
  ConstantPathNode,
  ConstantReadNode,
  ElseNode,
  EmbeddedStatementsNode,
  FalseNode,
  FloatNode,
  ForwardingArgumentsNode,
  HashNode,
  IfNode,
  ImaginaryNode,
  IntegerNode,
  InterpolatedStringNode,
  InterpolatedSymbolNode,
  KeywordHashNode,
  LambdaNode,
  NilNode,
  ParenthesesNode,
  RangeNode,
  RationalNode,
  RegularExpressionNode,
  SelfNode,
  SplatNode,
  StatementsNode,
  StringNode,
  SymbolNode,
  TrueNode,
  XStringNode,
} from '@ruby/prism/src/nodes.js';
import type { Location, Node } from '@ruby/prism/src/nodes.js';
import type { LiteralType, PropertyArg, Range, RubyConstantRef } from '../../model';
import { patternOfParts, type NamePart } from '../../namePatterns';
import { LineIndex, Utf8OffsetMap } from '../../text';

export type { Location, Node };

/**
 * Lexical nesting at a point of the file: the full name of each enclosing class/module, outermost
 * first (`module A; class B::C` gives ["A", "A::B::C"]). Constants are looked up through it.
 */
export type Nesting = readonly string[];

/** Converts Prism's UTF-8 byte offsets into LSP ranges for one text. */
export class SourceRanges {
  private readonly utf8: Utf8OffsetMap;
  private readonly lines: LineIndex;

  constructor(text: string) {
    this.utf8 = new Utf8OffsetMap(text);
    this.lines = new LineIndex(text);
  }

  /** UTF-16 offset of a UTF-8 byte offset. */
  offset(byte: number): number {
    return this.utf8.toUtf16(byte);
  }

  between(startByte: number, endByte: number): Range {
    return this.lines.range(this.utf8.toUtf16(startByte), this.utf8.toUtf16(endByte));
  }

  of(loc: Location): Range {
    return this.between(loc.startOffset, loc.startOffset + loc.length);
  }
}

export function endOf(loc: Location): number {
  return loc.startOffset + loc.length;
}

/** `Gitlab::InternalEvents` for a constant (path) node, with a leading `::` when absolute; else null. */
export function constantPathName(node: Node | null, describedClass?: string | null): string | null {
  if (node instanceof ConstantReadNode) return node.name;
  if (node instanceof ConstantPathNode && node.name !== null) {
    if (node.parent === null) return `::${node.name}`;
    const parent = constantPathName(node.parent, describedClass);
    return parent === null ? null : `${parent}::${node.name}`;
  }
  // In a spec, `described_class::EVENT` is a constant of the class the example group describes.
  if (describedClass && node instanceof CallNode && node.name === 'described_class' && !node.receiver && !node.arguments_) return describedClass;
  return null;
}

/** A string or symbol literal written in place, with where its characters are (quotes excluded). */
interface Literal {
  value: string;
  node: StringNode | SymbolNode;
  contentLoc: Location;
}

/** `'e'`, `"e"`, `%q(e)`, `:e`, `:"e"`, and the same with `.freeze`; heredocs are not names. */
export function literalName(node: Node | null): Literal | null {
  if (node instanceof CallNode && node.name === 'freeze' && !node.arguments_ && !node.block) {
    return literalName(node.receiver);
  }
  if (node instanceof StringNode) {
    if (isHeredoc(node)) return null;
    return { value: node.unescaped.value, node, contentLoc: node.contentLoc };
  }
  if (node instanceof SymbolNode && node.valueLoc) {
    return { value: node.unescaped.value, node, contentLoc: node.valueLoc };
  }
  return null;
}

function isHeredoc(node: StringNode): boolean {
  // The opening of a heredoc is the `<<~NAME` token, away from the content; a name there would
  // give misleading ranges, and nobody writes event names that way.
  return node.openingLoc !== null && node.contentLoc.startOffset !== endOf(node.openingLoc);
}

type ConstantDefinition = { value: Node; nesting: Nesting } | 'ambiguous';

/**
 * Constants assigned a literal in this file (`EVENT = 'e'`, `EVENT = 'e'.freeze`,
 * `Foo::EVENT = :e`, `EVENT = OTHER_EVENT`), keyed by full name. Lookup follows Ruby's lexical
 * rule (innermost enclosing class/module outwards, then top level), ignoring ancestors.
 */
export class ConstantTable {
  private readonly definitions = new Map<string, ConstantDefinition>();

  define(fullName: string, value: Node, nesting: Nesting): void {
    const name = fullName.startsWith('::') ? fullName.slice(2) : fullName;
    const previous = this.definitions.get(name);
    // A second assignment (e.g. in the other branch of an if) makes the value unknowable.
    if (previous !== undefined) this.definitions.set(name, 'ambiguous');
    else this.definitions.set(name, { value, nesting });
  }

  /** True when this file assigns the constant a reference may mean (whatever the value). */
  definesAny(reference: string, nesting: Nesting): boolean {
    return candidateNames(reference, nesting).some((c) => this.definitions.has(c));
  }

  /** Every constant of the file whose value is a string or symbol literal, by full name. */
  strings(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [name, definition] of this.definitions) {
      if (definition === 'ambiguous') continue;
      const literal = literalName(this.resolve(definition.value, definition.nesting) ?? definition.value);
      if (literal) out.set(name, literal.value);
    }
    return out;
  }

  /** The literal node a constant reference ends at, or null when not defined here (or a cycle). */
  resolve(reference: Node, nesting: Nesting, depth = 0): Node | null {
    if (depth > 8) return null;
    const path = constantPathName(reference);
    if (path === null) return null;
    for (const candidate of candidateNames(path, nesting)) {
      const definition = this.definitions.get(candidate);
      if (definition === undefined) continue;
      if (definition === 'ambiguous') return null;
      const value = definition.value;
      if (value instanceof ConstantReadNode || value instanceof ConstantPathNode) {
        return this.resolve(value, definition.nesting, depth + 1);
      }
      return value;
    }
    return null;
  }
}

/**
 * The full names a constant reference may mean, in Ruby's lexical lookup order: inside each
 * enclosing namespace, innermost first, then at the top level.
 */
export function candidateNames(reference: string, nesting: Nesting): string[] {
  if (reference.startsWith('::')) return [reference.slice(2)];
  return [...nesting.map((_, i) => `${nesting[nesting.length - 1 - i]}::${reference}`), reference];
}

/** The event-name part of a CallSite. */
export interface EventName {
  event: string | null;
  dynamic: boolean;
  range: Range;
  nameRange?: Range;
  namePattern?: string;
  rubyConstant?: RubyConstantRef;
}

/** What the argument `node` names: a literal, a constant resolved in this file, or nothing known. */
export function eventNameOf(node: Node, nesting: Nesting, constants: ConstantTable, ranges: SourceRanges, describedClass?: string | null): EventName {
  const range = ranges.of(node.location);
  const literal = literalName(node);
  if (literal) return { event: literal.value, dynamic: false, range, nameRange: ranges.of(literal.contentLoc) };
  if (node instanceof ConstantReadNode || node instanceof ConstantPathNode) {
    const resolved = literalName(constants.resolve(node, nesting));
    if (resolved) return { event: resolved.value, dynamic: false, range };
    const name = constantPathName(node, describedClass);
    // Not assigned in this file: maybe in the file the autoloader would load it from.
    if (name && !constants.definesAny(name, nesting)) return { event: null, dynamic: true, range, rubyConstant: { name, nesting: [...nesting] } };
  }
  const parts = namePartsOf(node, nesting, constants, 0);
  // "#{PREFIX}_click" with PREFIX a constant of this file is a name known before run time.
  if (parts && parts.every((p) => p !== null)) return { event: parts.join(''), dynamic: false, range };
  const namePattern = parts ? patternOfParts(parts) : undefined;
  return namePattern ? { event: null, dynamic: true, range, namePattern } : { event: null, dynamic: true, range };
}

/**
 * The expressions a name argument may take: each branch of a ternary
 * (`open ? 'close_x' : 'open_x'`) is a name of its own, with its own range, so each is checked,
 * linked and renamed; anything else is the argument itself.
 */
export function nameBranches(node: Node, depth = 0): Node[] {
  const branches = depth < 4 ? alternativesOf(node) : null;
  return branches ? branches.flatMap((b) => nameBranches(b, depth + 1)) : [node];
}

/** The two value expressions of a ternary (also in parentheses), or null. */
function alternativesOf(node: Node): [Node, Node] | null {
  if (node instanceof ParenthesesNode) {
    const body = node.body instanceof StatementsNode ? node.body.body : [];
    return body.length === 1 ? alternativesOf(body[0]) : null;
  }
  // A ternary is an IfNode without the `if` keyword; both branches hold one expression.
  if (!(node instanceof IfNode) || node.ifKeywordLoc !== null) return null;
  const whenTrue = node.statements?.body;
  const otherwise = node.subsequent instanceof ElseNode ? node.subsequent.statements?.body : undefined;
  return whenTrue?.length === 1 && otherwise?.length === 1 ? [whenTrue[0], otherwise[0]] : null;
}

/**
 * The pieces of a string built from literals, constants and run-time values: an interpolated
 * string or a `+` concatenation. Null when the node is not such a string at all.
 */
function namePartsOf(node: Node | null, nesting: Nesting, constants: ConstantTable, depth: number): NamePart[] | null {
  if (!node || depth > 8) return null;
  const literal = literalName(node);
  if (literal) return [literal.value];
  if (node instanceof ConstantReadNode || node instanceof ConstantPathNode) {
    const resolved = literalName(constants.resolve(node, nesting));
    return resolved ? [resolved.value] : null;
  }
  if (node instanceof InterpolatedStringNode) {
    const out: NamePart[] = [];
    for (const part of node.parts) {
      if (part instanceof StringNode) out.push(part.unescaped.value);
      else if (part instanceof EmbeddedStatementsNode && part.statements?.body.length === 1) {
        out.push(...(namePartsOf(part.statements.body[0], nesting, constants, depth + 1) ?? [null]));
      } else out.push(null);
    }
    return out;
  }
  if (node instanceof CallNode && node.name === '+' && node.receiver && node.arguments_?.arguments_.length === 1) {
    const left = namePartsOf(node.receiver, nesting, constants, depth + 1);
    const right = namePartsOf(node.arguments_.arguments_[0], nesting, constants, depth + 1);
    if (!left && !right) return null;
    return [...(left ?? [null]), ...(right ?? [null])];
  }
  return null;
}

/** The type a property value has when written as a literal (constants are looked through). */
export function valueTypeOf(node: Node, nesting: Nesting, constants: ConstantTable): LiteralType {
  if (node instanceof ConstantReadNode || node instanceof ConstantPathNode) {
    const resolved = constants.resolve(node, nesting);
    return resolved ? valueTypeOf(resolved, nesting, constants) : 'dynamic';
  }
  if (node instanceof CallNode && node.name === 'freeze' && node.receiver && !node.arguments_) {
    const inner = valueTypeOf(node.receiver, nesting, constants);
    return inner === 'string' ? 'string' : 'dynamic';
  }
  if (node instanceof StringNode || node instanceof InterpolatedStringNode || node instanceof XStringNode) {
    return 'string';
  }
  if (
    node instanceof IntegerNode ||
    node instanceof FloatNode ||
    node instanceof RationalNode ||
    node instanceof ImaginaryNode
  ) {
    return 'number';
  }
  if (node instanceof TrueNode || node instanceof FalseNode) return 'boolean';
  if (node instanceof NilNode) return 'nil';
  if (
    node instanceof ArrayNode ||
    node instanceof HashNode ||
    node instanceof SymbolNode ||
    node instanceof InterpolatedSymbolNode ||
    node instanceof RangeNode ||
    node instanceof RegularExpressionNode ||
    node instanceof LambdaNode
  ) {
    return 'other';
  }
  return 'dynamic';
}

/** Identifier keywords and additional properties passed by one call. */
export interface CallArguments {
  identifiers: string[];
  properties: PropertyArg[];
  argsOpaque: boolean;
  argsRange?: Range;
  propertiesRange?: Range;
}

export const IDENTIFIER_KEYWORDS: ReadonlySet<string> = new Set([
  'user',
  'project',
  'namespace',
  'feature_enabled_by_namespace_ids',
]);

/** The properties GitLab moves from top-level keywords into additional_properties (spec §4.1). */
const BASE_PROPERTY_KEYWORDS: ReadonlySet<string> = new Set(['label', 'property', 'value']);

export interface KeywordOptions {
  /** Positional arguments before the keywords (the event name); more positionals make it opaque. */
  positional: number;
  /** Keyword → identifier it stands for, beyond the plain ones (the API helper's `project_id:`). */
  identifierAliases?: Readonly<Record<string, string>>;
  /** Whether top-level `label:`/`property:`/`value:` keywords count as properties. */
  topLevelBaseProperties?: boolean;
}

/** The key written in a hash element (`user:`, `'user' =>`, `:user =>`), with its content range. */
function hashKey(key: Node): { name: string; loc: Location } | null {
  const literal = literalName(key);
  return literal ? { name: literal.value, loc: literal.contentLoc } : null;
}

/**
 * The whole argument list's range: inside the parentheses when there are any (so an empty `()`
 * still has a place to complete in), else from the first argument to the last.
 */
export function argumentsRange(call: CallNode, ranges: SourceRanges): Range | undefined {
  if (call.openingLoc && call.closingLoc && call.closingLoc.startOffset >= endOf(call.openingLoc)) {
    return ranges.between(endOf(call.openingLoc), call.closingLoc.startOffset);
  }
  if (call.openingLoc) {
    const end = call.arguments_ ? endOf(call.arguments_.location) : endOf(call.openingLoc);
    return ranges.between(endOf(call.openingLoc), end);
  }
  return call.arguments_ ? ranges.of(call.arguments_.location) : undefined;
}

/** Reads identifier keywords and additional properties from a call's arguments. */
export function readCallArguments(
  call: CallNode,
  options: KeywordOptions,
  nesting: Nesting,
  constants: ConstantTable,
  ranges: SourceRanges,
): CallArguments {
  const result: CallArguments = {
    identifiers: [],
    properties: [],
    argsOpaque: false,
    argsRange: argumentsRange(call, ranges),
  };
  const args = call.arguments_?.arguments_ ?? [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const isLast = i === args.length - 1;
    if (isLast && (arg instanceof KeywordHashNode || (arg instanceof HashNode && i >= options.positional))) {
      readKeywords(arg.elements, options, nesting, constants, ranges, result);
    } else if (i >= options.positional || arg instanceof SplatNode || arg instanceof ForwardingArgumentsNode) {
      // A positional after the name is a keyword hash held in a variable
      // (`track_internal_event(e, opts)`); splats and `...` forward arguments we cannot see.
      result.argsOpaque = true;
    }
  }
  return result;
}

function readKeywords(
  elements: Node[],
  options: KeywordOptions,
  nesting: Nesting,
  constants: ConstantTable,
  ranges: SourceRanges,
  result: CallArguments,
): void {
  for (const element of elements) {
    if (!(element instanceof AssocNode)) {
      result.argsOpaque = true; // **splat
      continue;
    }
    const key = hashKey(element.key);
    if (!key) {
      result.argsOpaque = true; // a computed key could be anything
      continue;
    }
    const identifier = IDENTIFIER_KEYWORDS.has(key.name) ? key.name : options.identifierAliases?.[key.name];
    if (identifier !== undefined) {
      if (!result.identifiers.includes(identifier)) result.identifiers.push(identifier);
    } else if (key.name === 'additional_properties') {
      readAdditionalProperties(element.value, nesting, constants, ranges, result);
    } else if (options.topLevelBaseProperties && BASE_PROPERTY_KEYWORDS.has(key.name)) {
      result.properties.push({
        key: key.name,
        range: ranges.of(key.loc),
        valueType: valueTypeOf(element.value, nesting, constants),
      });
    }
  }
}

/** Properties from an `additional_properties:` value; anything but a hash literal is opaque. */
export function readAdditionalProperties(
  value: Node,
  nesting: Nesting,
  constants: ConstantTable,
  ranges: SourceRanges,
  result: CallArguments,
): void {
  if (!(value instanceof HashNode)) {
    result.argsOpaque = true;
    return;
  }
  result.propertiesRange = ranges.of(value.location);
  for (const element of value.elements) {
    const key = element instanceof AssocNode ? hashKey(element.key) : null;
    if (!(element instanceof AssocNode) || !key) {
      result.argsOpaque = true; // `**extra` or a computed key
      continue;
    }
    result.properties.push({
      key: key.name,
      range: ranges.of(key.loc),
      valueType: valueTypeOf(element.value, nesting, constants),
    });
  }
}

/** The value of keyword `name` in a call's trailing keyword hash, if written. */
export function keywordValue(call: CallNode, name: string): Node | null {
  const args = call.arguments_?.arguments_ ?? [];
  const last = args[args.length - 1];
  if (!(last instanceof KeywordHashNode)) return null;
  for (const element of last.elements) {
    if (element instanceof AssocNode && hashKey(element.key)?.name === name) return element.value;
  }
  return null;
}

/** Positional (non-keyword) arguments of a call. */
export function positionalArguments(call: CallNode): Node[] {
  const args = call.arguments_?.arguments_ ?? [];
  return args.filter((arg) => !(arg instanceof KeywordHashNode));
}

/** True for a bare call (`foo(...)`) or one on `self` (`self.foo(...)`). */
export function isSelfCall(call: CallNode): boolean {
  return call.receiver === null || call.receiver instanceof SelfNode;
}
