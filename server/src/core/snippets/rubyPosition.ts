// Whether a Ruby offset is where a statement may start: in a file, class, method or block body,
// not inside a call's arguments, a hash, an array or a string. Read from Prism's tree of the text
// with the word being typed blanked out, so the half-typed word does not decide the parse.
import {
  BeginNode, BlockNode, CaseNode, ClassNode, DefNode, ElseNode, EnsureNode, ForNode, IfNode, InNode, LambdaNode, ModuleNode,
  ProgramNode, RescueNode, SingletonClassNode, StatementsNode, StringNode, UnlessNode, UntilNode, WhenNode, WhileNode, XStringNode,
} from '@ruby/prism/src/nodes.js';
import type { Node } from '@ruby/prism/src/nodes.js';
import { parseRuby, type ParseResult } from '../callsites/ruby/prism';

/** Node classes whose inside is a sequence of statements (classes, not names: the bundle is minified). */
const BODIES = [
  ProgramNode, StatementsNode, ClassNode, ModuleNode, SingletonClassNode, DefNode, BlockNode, LambdaNode, BeginNode, IfNode,
  UnlessNode, ElseNode, WhileNode, UntilNode, ForNode, CaseNode, WhenNode, InNode, EnsureNode, RescueNode,
];

function innermostContaining(node: Node, byte: number): Node {
  for (const child of node.compactChildNodes()) {
    const start = child.location.startOffset;
    if (start < byte && byte < start + child.location.length) return innermostContaining(child, byte);
  }
  return node;
}

const contains = (loc: { startOffset: number; length: number } | null | undefined, byte: number) => !!loc && loc.startOffset <= byte && byte <= loc.startOffset + loc.length;

/** Inside a string's text: a heredoc's body lies outside the node's own location (its opener). */
function inStringText(node: Node, byte: number): boolean {
  if ((node instanceof StringNode || node instanceof XStringNode) && (contains(node.contentLoc, byte) || contains(node.location, byte))) return true;
  return node.compactChildNodes().some((child) => inStringText(child, byte));
}

/** `wordStart`..`offset` is the word being typed (UTF-16 offsets into `text`). */
export function isRubyStatementPosition(text: string, wordStart: number, offset: number): boolean {
  const blanked = text.slice(0, wordStart) + ' '.repeat(offset - wordStart) + text.slice(offset);
  let result: ParseResult | null;
  try {
    result = parseRuby(blanked);
  } catch {
    return false;
  }
  if (!result) return false;
  const byte = Buffer.byteLength(blanked.slice(0, wordStart), 'utf8');
  if (result.comments.some((c) => contains(c.location, byte)) || inStringText(result.value, byte)) return false;
  const inner = innermostContaining(result.value, byte);
  return BODIES.some((body) => inner instanceof body);
}
