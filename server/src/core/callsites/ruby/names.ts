// What event name an expression denotes: a literal, a constant (or an element of a hash constant)
// assigned in this file, a string built from such pieces, or nothing known; and the constants a file
// assigns, looked up the way Ruby does.
import {
  AssocNode,
  CallNode,
  ConstantPathNode,
  ConstantReadNode,
  EmbeddedStatementsNode,
  FalseNode,
  FloatNode,
  HashNode,
  ArrayNode,
  ImaginaryNode,
  IntegerNode,
  InterpolatedStringNode,
  InterpolatedSymbolNode,
  LambdaNode,
  NilNode,
  RangeNode,
  RationalNode,
  RegularExpressionNode,
  StringNode,
  SymbolNode,
  TrueNode,
  XStringNode,
} from '@ruby/prism/src/nodes.js';
import type { LiteralType, Range, RubyConstantRef } from '../../model';
import { patternOfParts, type NamePart } from '../../namePatterns';
import { constantPathName, literalName, type Literal, type Nesting, type Node, type SourceRanges } from './nodes';

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
      const value = this.resolve(definition.value, definition.nesting) ?? definition.value;
      const literal = literalName(value);
      if (literal) out.set(name, literal.value);
      // `EVENTS = { create: 'x' }`: each element as `EVENTS[:create]`, what `EVENTS[:create]` reads.
      else for (const [key, element] of literalHashEntries(value)) out.set(`${name}[${key}]`, element);
    }
    return out;
  }

  /** The literal node a constant reference ends at, or null when not defined here (or a cycle). */
  resolve(reference: Node, nesting: Nesting, depth = 0): Node | null {
    const path = constantPathName(reference);
    return path === null ? null : this.resolveName(path, nesting, depth);
  }

  /** The same for a name as written (`Foo::EVENT`, also what `described_class::EVENT` stands for). */
  resolveName(path: string, nesting: Nesting, depth = 0): Node | null {
    if (depth > 8) return null;
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
  const element = hashElementReference(node, describedClass);
  if (element) {
    const hash = constants.resolveName(element.name, nesting);
    const value = hash ? literalName(hashValue(hash, element.key)) : null;
    if (value) return { event: value.value, dynamic: false, range };
    // A hash of another file (the described class's): the index reads it there.
    if (!hash && !constants.definesAny(element.name, nesting)) {
      return { event: null, dynamic: true, range, rubyConstant: { name: element.name, nesting: [...nesting], key: element.key } };
    }
    return { event: null, dynamic: true, range };
  }
  if (node instanceof ConstantReadNode || node instanceof ConstantPathNode) {
    const name = constantPathName(node, describedClass);
    const resolved = literalName(name === null ? null : constants.resolveName(name, nesting));
    if (resolved) return { event: resolved.value, dynamic: false, range };
    // Not assigned in this file: maybe in the file the autoloader would load it from.
    if (name && !constants.definesAny(name, nesting)) return { event: null, dynamic: true, range, rubyConstant: { name, nesting: [...nesting] } };
  }
  const parts = namePartsOf(node, nesting, constants, 0);
  // "#{PREFIX}_click" with PREFIX a constant of this file is a name known before run time.
  if (parts && parts.every((p) => p !== null)) return { event: parts.join(''), dynamic: false, range };
  const namePattern = parts ? patternOfParts(parts) : undefined;
  return namePattern ? { event: null, dynamic: true, range, namePattern } : { event: null, dynamic: true, range };
}

/** A hash key as written: `:create` for a symbol, `"create"` for a string (Ruby tells them apart). */
export function hashKeyText(key: Literal): string {
  return key.node instanceof SymbolNode ? `:${key.value}` : JSON.stringify(key.value);
}

/** `EVENTS[:create]`, `described_class::EVENTS['create']`: the constant's name and the key. */
function hashElementReference(node: Node, describedClass?: string | null): { name: string; key: string } | null {
  if (!(node instanceof CallNode) || node.name !== '[]' || node.block || !node.receiver) return null;
  const args = node.arguments_?.arguments_ ?? [];
  const key = args.length === 1 ? literalName(args[0]) : null;
  const name = key ? constantPathName(node.receiver, describedClass) : null;
  return key && name ? { name, key: hashKeyText(key) } : null;
}

/** A hash literal (also `.freeze`d), or null. */
function hashLiteral(node: Node): HashNode | null {
  if (node instanceof CallNode && node.name === 'freeze' && !node.arguments_ && node.receiver) return hashLiteral(node.receiver);
  return node instanceof HashNode ? node : null;
}

/** The value a hash literal holds under a key written as `hashKeyText` gives it. */
function hashValue(hash: Node, key: string): Node | null {
  for (const element of hashLiteral(hash)?.elements ?? []) {
    const written = element instanceof AssocNode ? literalName(element.key) : null;
    if (written && hashKeyText(written) === key) return (element as AssocNode).value;
  }
  return null;
}

/** The string and symbol values of a hash literal, by key text. */
function literalHashEntries(node: Node): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const element of hashLiteral(node)?.elements ?? []) {
    if (!(element instanceof AssocNode)) continue;
    const key = literalName(element.key);
    const value = literalName(element.value);
    if (key && value) out.push([hashKeyText(key), value.value]);
  }
  return out;
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
