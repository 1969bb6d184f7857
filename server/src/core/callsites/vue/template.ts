// Call sites in a Vue template: data-event-tracking attributes (static or bound) with their
// data-event-* siblings, and trackEvent(...) / attribute maps inside any directive or
// interpolation expression, each expression parsed with Babel at its file offset.
import type { AttributeNode, DirectiveNode, ElementNode, RootNode, SimpleExpressionNode, TemplateChildNode } from '@vue/compiler-core';
import { BUDGET } from '../../budget/limits';
import { jsOverBudget } from '../../budget/jsNesting';
import { parseFragment, type JsDialect } from '../js/ast';
import { siteFromAttributes, type AttributeEntry, type AttributeValue } from '../js/attributes';
import { collectSites } from '../js/calls';
import type { JsScope } from '../js/scope';
import type { RawSite, Span } from '../js/sites';
import { wrapperCallSites, type Wrapper } from '../js/wrappers';

// Node type numbers from @vue/compiler-core's NodeTypes (a const enum, so not importable as values).
const ELEMENT = 1;
const SIMPLE_EXPRESSION = 4;
const INTERPOLATION = 5;
const ATTRIBUTE = 6;
const DIRECTIVE = 7;

/** Directives whose value is not a JS expression (`item in items`, slot props). */
const NON_EXPRESSION_DIRECTIVES = new Set(['for', 'slot']);

export interface TemplateContext {
  /** The whole .vue file. */
  text: string;
  /** Resolves `$options.X` and <script setup> constants. */
  scope: JsScope;
  mixinInFile: boolean;
  dialect: JsDialect;
  /** The components' wrapper methods (`trackAction(name)`), which template handlers call. */
  wrappers?: ReadonlyMap<string, Wrapper>;
}

export interface TemplateScan {
  sites: RawSite[];
  /** Expressions Babel could not parse. */
  parseErrors: number;
  /** The first expression nested past the budget, which Babel was not given (a file diagnostic). */
  gaveUp?: { offset: number; message: string };
}

export function findTemplateSites(root: RootNode, ctx: TemplateContext): TemplateScan {
  const scan: TemplateScan = { sites: [], parseErrors: 0 };
  const stack: TemplateChildNode[] = [...root.children];
  while (stack.length) {
    const node = stack.pop() as TemplateChildNode;
    if (node.type === ELEMENT) {
      const element = node as ElementNode;
      visitElement(element, ctx, scan);
      stack.push(...element.children);
    } else if (node.type === INTERPOLATION && node.content.type === SIMPLE_EXPRESSION) {
      searchExpression(node.content as SimpleExpressionNode, ctx, scan);
    }
    // Comments (<!-- data-event-tracking="x" -->) and text are not call sites.
  }
  return scan;
}

function visitElement(element: ElementNode, ctx: TemplateContext, scan: TemplateScan): void {
  const entries: AttributeEntry[] = [];
  let hasSpread = false;
  for (const prop of element.props) {
    if (prop.type === ATTRIBUTE) {
      const attr = prop as AttributeNode;
      const start = attr.loc.start.offset;
      entries.push({ name: attr.name, nameSpan: [start, start + attr.name.length], value: staticValue(attr, [start, start + attr.name.length], ctx.text) });
      continue;
    }
    if (prop.type !== DIRECTIVE) continue;
    const directive = prop as DirectiveNode;
    if (NON_EXPRESSION_DIRECTIVES.has(directive.name)) continue;
    const exp = directive.exp && directive.exp.type === SIMPLE_EXPRESSION ? (directive.exp as SimpleExpressionNode) : null;
    const parsed = exp ? searchExpression(exp, ctx, scan) : null;
    if (directive.name !== 'bind') continue;
    const arg = directive.arg && directive.arg.type === SIMPLE_EXPRESSION ? (directive.arg as SimpleExpressionNode) : null;
    if (!arg) {
      hasSpread = true; // v-bind="attrs" may set any attribute
      continue;
    }
    if (!arg.isStatic) continue; // :[name]="..."
    const nameSpan: Span = [arg.loc.start.offset, arg.loc.end.offset];
    const value: AttributeValue = parsed ? { kind: 'expression', node: parsed } : { kind: 'unknown', span: exp ? [exp.loc.start.offset, exp.loc.end.offset] : nameSpan };
    entries.push({ name: arg.content, nameSpan, value });
  }
  scan.sites.push(...siteFromAttributes({ entries, span: startTagSpan(element, ctx.text), hasSpread }, ctx.scope, ctx.text));
}

function staticValue(attr: AttributeNode, nameSpan: Span, text: string): AttributeValue {
  if (!attr.value) return { kind: 'unknown', span: nameSpan };
  const start = attr.value.loc.start.offset;
  const end = attr.value.loc.end.offset;
  const quoted = end - start >= 2 && (text[start] === '"' || text[start] === "'") && text[end - 1] === text[start];
  return { kind: 'text', value: attr.value.content, span: [start, end], contents: quoted ? [start + 1, end - 1] : [start, end] };
}

/** Parses one template expression at its file offset and collects the sites inside it. */
function searchExpression(exp: SimpleExpressionNode, ctx: TemplateContext, scan: TemplateScan): ReturnType<typeof parseFragment> {
  const start = exp.loc.start.offset;
  const source = ctx.text.slice(start, exp.loc.end.offset);
  if (!source.trim()) return null;
  const over = jsOverBudget(source);
  if (over) {
    // Only this expression goes unread; the rest of the file is still checked.
    scan.gaveUp ??= {
      offset: start + over.offset,
      message: `This template expression nests more than ${BUDGET.jsDepth} brackets deep, more than the JavaScript parser is given; tracking calls in it are not checked.`,
    };
    scan.parseErrors++;
    return null;
  }
  const node = parseFragment(source, start, ctx.dialect);
  if (!node) {
    scan.parseErrors++;
    return null;
  }
  const siteContext = { text: ctx.text, scope: ctx.scope, mixinInFile: ctx.mixinInFile, template: true };
  scan.sites.push(...collectSites(node, siteContext));
  if (ctx.wrappers?.size) scan.sites.push(...wrapperCallSites(node, ctx.wrappers, siteContext));
  return node;
}

/** `<tag ...attributes>`: from the element's start to the `>` after its last attribute. */
function startTagSpan(element: ElementNode, text: string): Span {
  const start = element.loc.start.offset;
  const lastProp = element.props[element.props.length - 1];
  const from = lastProp ? lastProp.loc.end.offset : start;
  const close = text.indexOf('>', from);
  const end = close < 0 || close > element.loc.end.offset ? element.loc.end.offset : close + 1;
  return [start, end];
}
