// Finds tracking call sites in a Babel AST: InternalEvents.trackEvent(...), the mixin's
// this.trackEvent(...) (and bare trackEvent(...) in Vue templates), plus the attribute forms
// delegated to attributes.ts and the spec assertions delegated to specAssertions.ts.
import type * as t from '@babel/types';
import type { CallSiteKind } from '../../model';
import { literalTypeOf, memberCallee, spanOf, unwrap, walk } from './ast';
import { isAttributeObject, isTrackedJsxElement, siteFromAttributeObject, siteFromJsxElement } from './attributes';
import { readObjectProperties } from './properties';
import { isSpyAssertion, siteFromSpyAssertion } from './specAssertions';
import { withName } from './sites';
import type { JsScope } from './scope';
import type { RawSite, Span } from './sites';

export interface JsSiteContext {
  /** The whole file's text: node offsets index into it. */
  text: string;
  scope: JsScope;
  /** The file uses InternalEvents.mixin(), so this.trackEvent / template trackEvent count. */
  mixinInFile: boolean;
  /** Parsing a Vue template expression, where the mixin method is called without `this.`. */
  template: boolean;
}

/**
 * Nodes that may be call sites: calls of a `trackEvent` method or function, attribute maps and
 * JSX elements with data-event-tracking. Gathered in the same walk that fills `scope` (one walk
 * per file matters for megabyte-sized bundles); judged later, once the scope is complete.
 */
export function findCandidates(root: t.Node, scope: JsScope | null): t.Node[] {
  const candidates: t.Node[] = [];
  walk(root, (node) => {
    scope?.collect(node);
    if (isCandidate(node)) candidates.push(node);
  });
  return candidates;
}

function isCandidate(node: t.Node): boolean {
  switch (node.type) {
    case 'CallExpression':
    case 'OptionalCallExpression': {
      const callee = unwrap(node.callee);
      if (callee.type === 'Identifier') return callee.name === 'trackEvent';
      return memberCallee(callee)?.property === 'trackEvent' || isSpyAssertion(node);
    }
    case 'ObjectExpression':
      return isAttributeObject(node);
    case 'JSXOpeningElement':
      return isTrackedJsxElement(node);
    default:
      return false;
  }
}

export function sitesFromCandidates(candidates: t.Node[], ctx: JsSiteContext): RawSite[] {
  const sites: RawSite[] = [];
  for (const node of candidates) {
    if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') sites.push(...sitesFromCall(node, ctx));
    else if (node.type === 'ObjectExpression') sites.push(...siteFromAttributeObject(node, ctx.scope, ctx.text));
    else if (node.type === 'JSXOpeningElement') sites.push(...siteFromJsxElement(node, ctx.scope, ctx.text));
  }
  return sites;
}

/** Sites in a small standalone tree (a Vue template expression) whose scope is already known. */
export function collectSites(root: t.Node, ctx: JsSiteContext): RawSite[] {
  return sitesFromCandidates(findCandidates(root, null), ctx);
}

export function callKind(callee: t.Node, ctx: JsSiteContext): CallSiteKind | null {
  const member = memberCallee(callee);
  if (member) {
    if (member.property !== 'trackEvent') return null;
    const receiver = unwrap(member.object);
    if (receiver.type === 'Identifier' && receiver.name === 'InternalEvents') return 'js.internal_events_track_event';
    if (receiver.type === 'ThisExpression' && ctx.mixinInFile) return 'js.mixin_track_event';
    return null;
  }
  const bare = unwrap(callee);
  if (bare.type === 'Identifier' && bare.name === 'trackEvent' && ctx.template && ctx.mixinInFile) return 'js.mixin_track_event';
  return null;
}

/** The sites of one call: one, or one per branch of a conditional name. */
function sitesFromCall(call: t.CallExpression | t.OptionalCallExpression, ctx: JsSiteContext): RawSite[] {
  const kind = callKind(call.callee, ctx);
  if (!kind) {
    const assertion = isSpyAssertion(call) ? siteFromSpyAssertion(call, ctx.scope) : null;
    return assertion ? [assertion] : [];
  }
  const [nameArg, propsArg] = call.arguments;
  if (!nameArg) return []; // `trackEvent()`: nothing to link yet
  const argsSpan = argumentsSpan(call, ctx.text);
  if (nameArg.type === 'SpreadElement' || nameArg.type === 'ArgumentPlaceholder') {
    return [{ kind, event: null, dynamic: true, span: spanOf(nameArg), properties: [], argsOpaque: true, argsSpan }];
  }
  const [first, ...others] = ctx.scope.resolveEventNames(nameArg);
  const site: RawSite = { kind, ...first, properties: [], argsOpaque: false, argsSpan };
  if (propsArg) {
    const props = unwrap(propsArg);
    if (props.type === 'ObjectExpression') {
      const read = readObjectProperties(props, ctx.scope);
      site.properties = read.properties;
      site.argsOpaque = read.opaque;
      site.propertiesSpan = read.objectSpan;
    } else if (literalTypeOf(props) !== 'nil') {
      site.argsOpaque = true; // a variable, a call, a spread: the keys are unknown here
    }
  }
  return [site, ...others.map((name) => withName(site, name))];
}

/** The text between the call's parentheses (what identifier/key completion works inside). */
function argumentsSpan(call: t.CallExpression | t.OptionalCallExpression, text: string): Span {
  const [callStart, callEnd] = spanOf(call);
  const afterCallee = call.typeParameters?.end ?? call.typeArguments?.end ?? call.callee.end ?? callStart;
  let open = text.indexOf('(', afterCallee);
  if (open < 0 || open >= callEnd) open = afterCallee;
  const close = text[callEnd - 1] === ')' ? callEnd - 1 : callEnd;
  return [Math.min(open + 1, close), close];
}
