// Wrapper functions in JS/TS: a function or method of the file that passes one of its parameters
// on as the event name (`const trackDedupedEvent = (eventName, opts) => { ...
// InternalEvents.trackEvent(eventName, props) }`). The file's calls to it
// (`trackDedupedEvent(EVENTS.CLICK, opts)`, `this.trackAction('x')`) name events; the properties
// are the ones the wrapper passes. Only the same file is searched: a name alone says too little.
import type * as t from '@babel/types';
import { literalTypeOf, memberCallee, propertyKeyName, spanOf, unwrap, walk } from './ast';
import { callKind, type JsSiteContext } from './calls';
import { readObjectProperties } from './properties';
import { withName, type RawSite } from './sites';

type FunctionNode = t.Function;

interface NamedFunction {
  name: string;
  fn: FunctionNode;
}

export interface Wrapper {
  /** Which argument of a call to the wrapper is the event name. */
  index: number;
  /** A site as the tracking call inside the wrapper gives it (kind, properties). */
  inner: RawSite;
}

/** Sites for the calls to known wrappers below `root` (a program, or a Vue template expression). */
export function wrapperCallSites(root: t.Node, wrappers: ReadonlyMap<string, Wrapper>, ctx: JsSiteContext): RawSite[] {
  const sites: RawSite[] = [];
  walk(root, (node) => {
    if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return;
    if (callKind(node.callee, ctx)) return; // already a tracking call of its own
    const name = calledName(node.callee);
    const wrapper = name === null ? undefined : wrappers.get(name);
    const arg = wrapper && node.arguments[wrapper.index];
    if (!wrapper || !arg || node.arguments.slice(0, wrapper.index + 1).some((a) => a.type === 'SpreadElement')) return;
    for (const eventName of ctx.scope.resolveEventNames(arg)) sites.push(withName(wrapper.inner, eventName));
  });
  return sites;
}

/** `name(...)` or `this.name(...)`. */
function calledName(callee: t.Node): string | null {
  const c = unwrap(callee);
  if (c.type === 'Identifier') return c.name;
  const member = memberCallee(c);
  return member && unwrap(member.object).type === 'ThisExpression' ? member.property : null;
}

/** The wrapper functions of a program, by the name calls use. */
export function findWrappers(program: t.Node, candidates: t.Node[], ctx: JsSiteContext): Map<string, Wrapper> {
  const wrappers = new Map<string, Wrapper>();
  // Tracking calls naming the event by a plain identifier the file does not define: maybe a
  // parameter. Most files have none, and are not walked again.
  const byParameter: Array<{ node: t.CallExpression | t.OptionalCallExpression; kind: RawSite['kind']; param: string }> = [];
  for (const node of candidates) {
    if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') continue;
    const nameArg = node.arguments[0] && unwrap(node.arguments[0] as t.Node);
    if (nameArg?.type !== 'Identifier' || ctx.scope.consts.has(nameArg.name) || ctx.scope.imports.has(nameArg.name)) continue;
    const kind = callKind(node.callee, ctx);
    if (kind) byParameter.push({ node, kind, param: nameArg.name });
  }
  if (byParameter.length === 0) return wrappers;
  const functions = namedFunctions(program);
  for (const { node, kind, param } of byParameter) {
    // The innermost named function around the call that takes the name as a parameter.
    const around = functions.filter((f) => contains(f.fn, node)).sort((a, b) => spanOf(b.fn)[0] - spanOf(a.fn)[0]);
    for (const { name, fn } of around) {
      const index = fn.params.findIndex((p) => paramName(p) === param);
      if (index < 0) continue;
      if (!wrappers.has(name)) wrappers.set(name, { index, inner: innerSite(node, kind, ctx) });
      break;
    }
  }
  return wrappers;
}

/** What every call through the wrapper passes: the inner call's kind and properties. */
function innerSite(call: t.CallExpression | t.OptionalCallExpression, kind: RawSite['kind'], ctx: JsSiteContext): RawSite {
  const site: RawSite = { kind, event: null, dynamic: true, span: spanOf(call), properties: [], argsOpaque: false };
  const propsArg = call.arguments[1];
  if (!propsArg) return site;
  const props = unwrap(propsArg);
  if (props.type === 'ObjectExpression') {
    const read = readObjectProperties(props, ctx.scope);
    site.properties = read.properties;
    site.argsOpaque = read.opaque;
  } else if (literalTypeOf(props) !== 'nil') site.argsOpaque = true;
  return site;
}

function paramName(param: t.Node): string | null {
  if (param.type === 'Identifier') return param.name;
  if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') return param.left.name;
  return null;
}

function contains(outer: t.Node, inner: t.Node): boolean {
  const [a, b] = spanOf(outer);
  const [c, d] = spanOf(inner);
  return a <= c && d <= b;
}

/** Functions with a name a call can use: declarations, consts, object and class methods, options. */
function namedFunctions(program: t.Node): NamedFunction[] {
  const out: NamedFunction[] = [];
  walk(program, (node) => {
    if (node.type === 'FunctionDeclaration' && node.id) out.push({ name: node.id.name, fn: node });
    else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && isFunction(node.init)) out.push({ name: node.id.name, fn: node.init });
    else if ((node.type === 'ObjectMethod' || node.type === 'ClassMethod') && node.kind === 'method') {
      const name = propertyKeyName(node as t.ObjectMethod);
      if (name) out.push({ name, fn: node });
    } else if (node.type === 'ObjectProperty' && isFunction(node.value)) {
      const name = propertyKeyName(node);
      if (name) out.push({ name, fn: node.value as FunctionNode });
    }
  });
  return out;
}

function isFunction(node: t.Node): node is t.ArrowFunctionExpression | t.FunctionExpression {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}
