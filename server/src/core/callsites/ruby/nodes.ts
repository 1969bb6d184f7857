// Reading Prism nodes: where a node is (UTF-16 ranges), the literal a node is, the branches of a
// ternary, a call's positional and keyword arguments, the value a local is assigned once. What an
// expression names as an event is in names.ts, what a call passes in arguments.ts.
import {
  AssocNode,
  CallNode,
  ConstantPathNode,
  ConstantReadNode,
  DefNode,
  ElseNode,
  IfNode,
  KeywordHashNode,
  LocalVariableAndWriteNode,
  LocalVariableOperatorWriteNode,
  LocalVariableOrWriteNode,
  LocalVariableTargetNode,
  LocalVariableWriteNode,
  ParenthesesNode,
  SelfNode,
  StatementsNode,
  StringNode,
  SymbolNode,
} from '@ruby/prism/src/nodes.js';
import type { Location, Node } from '@ruby/prism/src/nodes.js';
import type { Range } from '../../model';
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

  /** The range between two UTF-16 offsets (what offset() gives). */
  ofUtf16(start: number, end: number): Range {
    return this.lines.range(start, end);
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
export interface Literal {
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

/** The key written in a hash element (`user:`, `'user' =>`, `:user =>`), with its content range. */
export function hashKey(key: Node): { name: string; loc: Location } | null {
  const literal = literalName(key);
  return literal ? { name: literal.value, loc: literal.contentLoc } : null;
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

/**
 * The value a local variable holds when its scope (a method's or a block's body) assigns it
 * exactly once (`event = enabled ? 'enable_x' : 'disable_x'`, `events = %w[a b]`); null when it
 * is assigned more than once, in another way (`||=`, `a, b = ...`) or not at all (a parameter).
 */
export function singleAssignment(body: Node | null, name: string): Node | null {
  let value: Node | null = null;
  let writes = 0;
  const stack: Node[] = body ? [body] : [];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (node instanceof LocalVariableWriteNode && node.name === name) {
      writes++;
      value = node.value;
    } else if (
      (node instanceof LocalVariableTargetNode ||
        node instanceof LocalVariableOrWriteNode ||
        node instanceof LocalVariableAndWriteNode ||
        node instanceof LocalVariableOperatorWriteNode) &&
      node.name === name
    ) {
      return null;
    }
    if (node instanceof DefNode) continue; // a nested method has its own locals
    stack.push(...node.compactChildNodes());
  }
  return writes === 1 ? value : null;
}
