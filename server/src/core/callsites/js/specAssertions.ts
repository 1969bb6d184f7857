// Frontend specs (spec §4.5) name events in assertions on the tracking spy:
//   const { trackEventSpy } = bindInternalEventDocument(wrapper.element);
//   expect(trackEventSpy).toHaveBeenCalledWith('click_button', { label: 'x' }, undefined);
// and older specs spy on the method itself: expect(InternalEvents.trackEvent).toHaveBeenCalledWith(...).
// They are references to the event, so rename edits them and a typo in them is caught.
import type * as t from '@babel/types';
import { memberCallee, unwrap } from './ast';
import { readObjectProperties } from './properties';
import type { JsScope } from './scope';
import type { RawSite } from './sites';

/** Matchers whose arguments are those of a call; for NthCalledWith the first one is the call number. */
const MATCHER_NAME_ARGUMENT: ReadonlyMap<string, number> = new Map([
  ['toHaveBeenCalledWith', 0],
  ['toHaveBeenLastCalledWith', 0],
  ['toHaveBeenNthCalledWith', 1],
  ['toBeCalledWith', 0],
  ['lastCalledWith', 0],
  ['nthCalledWith', 1],
]);

/** `trackEventSpy`, `spy.trackEvent`, `InternalEvents.trackEvent`, `mockTrackEvent`: what the spy is called. */
const SPY_NAME = /trackEvent(Spy)?$/i;

function spyName(node: t.Node): string | null {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  return memberCallee(n)?.property ?? null;
}

/** The `expect(spy)` a matcher hangs on, through `.not`, `.resolves` and the like. */
function expectedValue(matcherObject: t.Node): t.Node | null {
  let n = unwrap(matcherObject);
  for (let guard = 0; guard < 4; guard++) {
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee);
      return callee.type === 'Identifier' && callee.name === 'expect' && n.arguments[0] ? n.arguments[0] : null;
    }
    const member = memberCallee(n);
    if (!member) return null;
    n = unwrap(member.object);
  }
  return null;
}

/** Cheap shape test for the candidate walk: a call of one of the matchers. */
export function isSpyAssertion(node: t.CallExpression | t.OptionalCallExpression): boolean {
  const member = memberCallee(unwrap(node.callee));
  return member !== null && MATCHER_NAME_ARGUMENT.has(member.property);
}

export function siteFromSpyAssertion(call: t.CallExpression | t.OptionalCallExpression, scope: JsScope): RawSite | null {
  const member = memberCallee(unwrap(call.callee));
  const at = member ? MATCHER_NAME_ARGUMENT.get(member.property) : undefined;
  if (!member || at === undefined) return null;
  const spy = expectedValue(member.object);
  const name = spy && spyName(spy);
  if (!name || !SPY_NAME.test(name)) return null;
  const nameArg = call.arguments[at];
  if (!nameArg || nameArg.type === 'SpreadElement' || nameArg.type === 'ArgumentPlaceholder') return null;
  // expect.any(String) and other asymmetric matchers say nothing about which event.
  if (unwrap(nameArg).type === 'CallExpression') return null;
  const site: RawSite = { kind: 'jest.track_event_spy', ...scope.resolveEventName(nameArg), properties: [], argsOpaque: true };
  const propsArg = call.arguments[at + 1];
  const props = propsArg && unwrap(propsArg);
  if (props?.type === 'ObjectExpression') {
    const read = readObjectProperties(props, scope);
    site.properties = read.properties;
    site.argsOpaque = read.opaque;
    site.propertiesSpan = read.objectSpan;
  }
  return site;
}
