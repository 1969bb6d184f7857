// Babel plumbing for the JS finders: parser options per file type, a generic AST walk, and
// small questions about expressions (is it a literal? of what type?).
import { parse, parseExpression, type ParserPlugin, type ParserOptions } from '@babel/parser';
import type * as t from '@babel/types';
import type { LiteralType } from '../../model';
import type { Span } from './sites';
import { jsOverBudget } from '../../budget/jsNesting';
import type { OverBudget } from '../../budget/limits';

export type JsDialect = 'js' | 'ts' | 'tsx';

export function dialectOfPath(relPath: string): JsDialect {
  if (/\.tsx$/i.test(relPath)) return 'tsx';
  if (/\.[mc]?ts$/i.test(relPath)) return 'ts';
  return 'js';
}

function parserOptions(dialect: JsDialect, startIndex: number): ParserOptions {
  // JSX is off for .ts because `<T>value` is a type assertion there; Flow is never used here.
  const plugins: ParserPlugin[] =
    dialect === 'js' ? ['jsx'] : dialect === 'tsx' ? ['typescript', 'jsx'] : ['typescript'];
  plugins.push('decorators-legacy');
  return {
    sourceType: 'unambiguous',
    errorRecovery: true,
    // Be permissive: these are files being edited, and we only look for calls.
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowSuperOutsideMethod: true,
    allowUndeclaredExports: true,
    attachComment: false,
    startIndex,
    plugins,
  };
}

export interface ParsedProgram {
  program: t.Program;
  recoveredErrors: number;
}

/** Thrown by parseProgram for a text nested deeper than the budget (Babel is not called). */
export class JsNestingError extends Error {
  constructor(readonly over: OverBudget) {
    super(over.message);
  }
}

/** Parses a whole file; throws (like Babel) when the error is not recoverable, or JsNestingError over the budget. */
export function parseProgram(text: string, dialect: JsDialect): ParsedProgram {
  const over = jsOverBudget(text);
  if (over) throw new JsNestingError(over);
  const file = parse(text, parserOptions(dialect, 0));
  return { program: file.program, recoveredErrors: file.errors?.length ?? 0 };
}

/**
 * Parses a piece of a larger text (a Vue attribute value, a slice around a call) so that node
 * offsets are offsets in the larger text. Expressions first; statements (`a(); b()` in an
 * `@click` handler) as a fallback. Null when neither parses.
 */
export function parseFragment(fragment: string, startIndex: number, dialect: JsDialect): t.Node | null {
  // A template attribute nested 1,000 deep cost Babel seconds, like a whole file would.
  if (jsOverBudget(fragment)) return null;
  try {
    return parseExpression(fragment, parserOptions(dialect, startIndex));
  } catch {
    try {
      return parse(fragment, parserOptions(dialect, startIndex)).program;
    } catch {
      return null;
    }
  }
}

/** Keys of Babel nodes that never lead to child nodes (skipped to keep the walk cheap). */
const NON_CHILD_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'errors', 'comments', 'tokens']);

function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Calls visit for every node under root (root included), depth-first, without recursion. */
export function walk(root: t.Node, visit: (node: t.Node) => void): void {
  const stack: t.Node[] = [root];
  while (stack.length) {
    const node = stack.pop() as t.Node;
    visit(node);
    // Babel nodes are plain objects whose child-bearing keys vary by type; reading them through
    // an index signature is the generic way to walk every node type.
    const fields = node as unknown as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (NON_CHILD_KEYS.has(key)) continue;
      const value = fields[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) stack.push(value[i]);
      } else if (isNode(value)) stack.push(value);
    }
  }
}

export function spanOf(node: t.Node): Span {
  return [node.start ?? 0, node.end ?? node.start ?? 0];
}

/** Strips what does not change a value: TS assertions (`as`, `satisfies`, `<T>`), non-null `!`, parentheses. */
export function unwrap(node: t.Node): t.Node {
  let n = node;
  for (let guard = 0; guard < 20; guard++) {
    if (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSTypeAssertion' || n.type === 'ParenthesizedExpression') {
      n = n.expression;
    } else return n;
  }
  return n;
}

/** A string written literally: 'x', "x" or `x` without ${}. */
export function literalString(node: t.Node): { value: string; contents: Span } | null {
  const n = unwrap(node);
  if (n.type === 'StringLiteral') {
    const [start, end] = spanOf(n);
    return { value: n.value, contents: [start + 1, end - 1] };
  }
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0 && n.quasis.length === 1) {
    const [start, end] = spanOf(n);
    return { value: n.quasis[0].value.cooked ?? n.quasis[0].value.raw, contents: [start + 1, end - 1] };
  }
  return null;
}

/** The static name of a property key (`a`, 'a', 1, ['a']); null for computed keys. */
export function propertyKeyName(prop: t.ObjectProperty | t.ObjectMethod): string | null {
  const key = prop.key;
  if (!prop.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  if (prop.computed) {
    const s = literalString(key);
    return s ? s.value : null;
  }
  return null;
}

/** The type a value has when it is written as a literal; 'dynamic' when only runtime knows. */
export function literalTypeOf(node: t.Node): LiteralType {
  const n = unwrap(node);
  switch (n.type) {
    case 'StringLiteral':
    case 'TemplateLiteral':
      return 'string';
    case 'NumericLiteral':
      return 'number';
    case 'BooleanLiteral':
      return 'boolean';
    case 'NullLiteral':
      return 'nil';
    case 'Identifier':
      return n.name === 'undefined' ? 'nil' : 'dynamic';
    case 'UnaryExpression':
      if ((n.operator === '-' || n.operator === '+') && unwrap(n.argument).type === 'NumericLiteral') return 'number';
      if (n.operator === '!') return 'boolean';
      if (n.operator === 'void') return 'nil';
      return 'dynamic';
    case 'ObjectExpression':
    case 'ArrayExpression':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassExpression':
    case 'RegExpLiteral':
    case 'BigIntLiteral':
      return 'other';
    default:
      return 'dynamic';
  }
}

/** `name.member` where name is an identifier: the common callee shape, optional chains included. */
export function memberCallee(node: t.Node): { object: t.Node; property: string } | null {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return null;
  if (!node.computed && node.property.type === 'Identifier') return { object: node.object, property: node.property.name };
  const s = node.computed ? literalString(node.property) : null;
  return s ? { object: node.object, property: s.value } : null;
}
