// Reading @lezer/python's tree: its nodes are untyped (a name and a span), arguments are flat
// sequences (`name = value` is three siblings) and strings keep their prefix and quotes.
import type { SyntaxNode } from '@lezer/common';
import type { NamePart } from '../../namePatterns';

export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

export function textOf(node: SyntaxNode, text: string): string {
  return text.slice(node.from, node.to);
}

export interface PythonArguments {
  positional: SyntaxNode[];
  keywords: Map<string, { name: SyntaxNode; value: SyntaxNode }>;
  /** `*args` or `**kwargs` was passed: what else the call receives is unknown. */
  splat: boolean;
}

/** An ArgList's positional and keyword arguments. */
export function readArguments(argList: SyntaxNode, text: string): PythonArguments {
  const args: PythonArguments = { positional: [], keywords: new Map(), splat: false };
  const kids = childrenOf(argList).filter((k) => !['(', ')', ','].includes(k.name));
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.name === '*' || k.name === '**') {
      args.splat = true;
      i++;
    } else if (k.name === 'VariableName' && kids[i + 1]?.name === 'AssignOp' && kids[i + 2]) {
      args.keywords.set(textOf(k, text), { name: k, value: kids[i + 2] });
      i += 2;
    } else if (k.name !== '⚠') args.positional.push(k);
  }
  return args;
}

/** `a.b.c` as ['a', 'b', 'c']; null when a part is not a plain name (a call, a subscript). */
export function memberChain(node: SyntaxNode, text: string): string[] | null {
  if (node.name === 'VariableName') return [textOf(node, text)];
  if (node.name !== 'MemberExpression') return null;
  const kids = childrenOf(node);
  const object = kids[0];
  const property = kids[kids.length - 1];
  if (!object || property?.name !== 'PropertyName' || kids[1]?.name !== '.') return null;
  const head = memberChain(object, text);
  return head ? [...head, textOf(property, text)] : null;
}

const STRING_START = /^([rRbBuUfF]{0,2})('''|"""|'|")/;

export interface StringLiteral {
  value: string;
  /** Offsets of the characters between the quotes. */
  contentFrom: number;
  contentTo: number;
}

/** A String node's value (no escapes in event names; a string with one is left alone), or null. */
export function stringLiteral(node: SyntaxNode, text: string): StringLiteral | null {
  if (node.name !== 'String') return null;
  const raw = textOf(node, text);
  const m = STRING_START.exec(raw);
  if (!m || /[bB]/.test(m[1])) return null;
  const quote = m[2];
  if (raw.length < m[0].length + quote.length || !raw.endsWith(quote)) return null;
  const contentFrom = node.from + m[0].length;
  const contentTo = node.to - quote.length;
  const value = text.slice(contentFrom, contentTo);
  if (value.includes('\\')) return null;
  return { value, contentFrom, contentTo };
}

/** An f-string's literal pieces and its replacements (null), e.g. ['request_', null]. */
export function formatStringParts(node: SyntaxNode, text: string): NamePart[] | null {
  if (node.name !== 'FormatString') return null;
  const raw = textOf(node, text);
  const m = STRING_START.exec(raw);
  if (!m) return null;
  const parts: NamePart[] = [];
  let at = node.from + m[0].length;
  const end = node.to - m[2].length;
  for (const r of childrenOf(node)) {
    if (r.name !== 'FormatReplacement') continue;
    if (r.from > at) parts.push(text.slice(at, r.from));
    parts.push(null);
    at = r.to;
  }
  if (end > at) parts.push(text.slice(at, end));
  // `{{` is a literal brace: such a text is no event name anyway, and the pattern check drops it.
  return parts;
}
