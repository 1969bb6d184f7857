// RSpec forms (spec §4.2): the trigger_internal_events / increment_usage_metrics matchers and the
// 'internal event tracking' / 'internal event not tracked' shared examples fed by
// `let(:event) { 'e' }`. Names are followed to where they are written: a let
// (`trigger_internal_events(event_name)` with `let(:event_name) { 'e' }`), a local assigned once
// (`events = %w[a b]`, `trigger_internal_events(*events)`), each element of a splatted array; the
// site is that literal, so diagnostics and rename land on it. The shared examples and lets need the
// block structure of the whole file (which let is visible where), so this collector records groups
// while index.ts walks the tree (specGroups.ts) and produces the sites at the end.
import { BlockNode, CallNode, DefNode, SymbolNode } from '@ruby/prism/src/nodes.js';
import type { CallSite } from '../../model';
import { constantPathName, endOf, isSelfCall, literalName, positionalArguments } from './nodes';
import type { Nesting, Node, SourceRanges } from './nodes';
import { SpecGroup, letScopes, letValue, nameSources, scopesOf, type LetDefinition, type SharedExample } from './specGroups';
import { eventNameOf, valueTypeOf, type ConstantTable } from './names';
import { readAdditionalProperties, readCallArguments, type CallArguments } from './arguments';

const TRIGGER_MATCHERS: ReadonlySet<string> = new Set(['trigger_internal_events', 'not_trigger_internal_events']);
const METRIC_MATCHERS: ReadonlySet<string> = new Set(['increment_usage_metrics', 'not_increment_usage_metrics']);
const LET_METHODS: ReadonlySet<string> = new Set([
  'let',
  'let!',
  'let_it_be',
  'let_it_be_with_reload',
  'let_it_be_with_refind',
]);
const INCLUDE_METHODS: ReadonlySet<string> = new Set(['it_behaves_like', 'include_examples', 'it_should_behave_like']);
/** GitLab's shared examples reading `let(:event)`: the one that tracks, and the one that must not. */
const SHARED_EXAMPLES: ReadonlyMap<string, SharedExample> = new Map([
  ['internal event tracking', 'tracked'],
  ['internal event not tracked', 'not-tracked'],
]);
export const SHARED_EXAMPLE_NAMES: readonly string[] = [...SHARED_EXAMPLES.keys()];
/** The lets the shared example turns into identifiers. */
const IDENTIFIER_LETS = ['user', 'project', 'namespace'];
/** Legacy lets the shared example still reads as base properties (spec §4.2). */
const BASE_PROPERTY_LETS = ['label', 'property', 'value'];
/** How far up a receiver chain `.with` may sit from its matcher (`.on_click.once.with`). */
const MAX_CHAIN = 6;

export class RspecCollector {
  readonly root = new SpecGroup(null);
  /** Matcher call → the `.with(...)` chained after it. */
  private readonly withCalls = new Map<CallNode, CallNode>();
  private readonly matcherSites: Array<() => CallSite[]> = [];

  constructor(
    private readonly constants: ConstantTable,
    private readonly ranges: SourceRanges,
  ) {}

  /** The group for the block passed to `owner` (a new scope for lets). */
  groupForBlock(parent: SpecGroup, owner: CallNode): SpecGroup {
    const group = new SpecGroup(parent);
    if (owner.block instanceof BlockNode) group.scope = owner.block;
    group.isInclusionBlock = isSharedExampleInclusion(owner);
    const described = describedClassOf(owner);
    if (described) group.describedClass = described;
    return group;
  }

  /** Looks at one call; records what matters to specs. */
  visitCall(call: CallNode, nesting: Nesting, group: SpecGroup, method: DefNode | null): void {
    const name = call.name;
    if (name === 'with') this.recordWith(call);
    else if (!isSelfCall(call)) return;
    else if (TRIGGER_MATCHERS.has(name)) this.addMatcher(call, nesting, 'event', group, method);
    else if (METRIC_MATCHERS.has(name)) this.addMatcher(call, nesting, 'metric', group, method);
    else if (LET_METHODS.has(name)) this.recordLet(call, nesting, group);
    else {
      const example = sharedExampleIncluded(call);
      if (example) group.includedExamples.add(example);
    }
  }

  /** All RSpec call sites, once the whole file has been walked. */
  finish(): CallSite[] {
    const sites: CallSite[] = [];
    for (const make of this.matcherSites) sites.push(...make());
    for (const group of [this.root, ...this.root.descendants()]) {
      if (group.eventLets.length === 0) continue;
      const examples = this.sharedExamplesSeen(group);
      if (examples.size === 0) continue;
      for (const eventLet of group.eventLets) sites.push(...this.sharedExampleSites(eventLet, group, examples.has('tracked')));
    }
    return mergeSitesAtOneLiteral(sites);
  }

  private recordWith(withCall: CallNode): void {
    let receiver = withCall.receiver;
    for (let depth = 0; depth < MAX_CHAIN && receiver instanceof CallNode; depth++) {
      if (TRIGGER_MATCHERS.has(receiver.name) && isSelfCall(receiver)) {
        // The walk is top-down, so the outermost `.with` is seen first and wins.
        if (!this.withCalls.has(receiver)) this.withCalls.set(receiver, withCall);
        return;
      }
      receiver = receiver.receiver;
    }
  }

  private addMatcher(call: CallNode, nesting: Nesting, refersTo: 'event' | 'metric', group: SpecGroup, method: DefNode | null): void {
    const names = positionalArguments(call);
    if (names.length === 0) return;
    this.matcherSites.push(() => {
      const args = refersTo === 'event' ? this.matcherArguments(call, nesting) : opaqueArguments();
      const scopes = method ? [method] : scopesOf(group);
      const sources = names.flatMap((nameNode) => nameSources({ node: nameNode, nesting }, group, scopes).map((source) => ({ source, nameNode })));
      return sources.map(({ source, nameNode }) => ({
        ...eventNameOf(source.node, source.nesting, this.constants, this.ranges, group.describedClass),
        ...this.usedAt(source.node, nameNode),
        kind: refersTo === 'event' ? 'rspec.trigger_internal_events' : 'rspec.increment_usage_metrics',
        refersTo,
        identifiers: [...args.identifiers],
        properties: [...args.properties],
        argsOpaque: args.argsOpaque,
        argsRange: args.argsRange,
        propertiesRange: args.propertiesRange,
      }));
    });
  }

  /** The argument a name was followed from, when the site is elsewhere (a let's or local's literal, not a ternary's branch). */
  private usedAt(site: Node, written: Node): Pick<CallSite, 'usedAt'> {
    const inside = site.location.startOffset >= written.location.startOffset && endOf(site.location) <= endOf(written.location);
    return inside ? {} : { usedAt: [this.ranges.of(written.location)] };
  }

  /**
   * Identifiers and properties a matcher expects, from its `.with(...)`. Without one the matcher
   * constrains nothing, so there is nothing to check: reported as opaque.
   */
  private matcherArguments(call: CallNode, nesting: Nesting): CallArguments {
    const withCall = this.withCalls.get(call);
    if (!withCall) return opaqueArguments();
    return readCallArguments(withCall, { positional: 0 }, nesting, this.constants, this.ranges);
  }

  private recordLet(call: CallNode, nesting: Nesting, group: SpecGroup): void {
    const first = positionalArguments(call)[0];
    if (!(first instanceof SymbolNode)) return;
    const name = first.unescaped.value;
    // Within one group a later let overrides an earlier one, as in RSpec.
    group.lets.set(name, { call, nesting, group });
    if (name === 'event') group.eventLets.push({ call, nesting, group });
  }

  /**
   * The shared examples a `let(:event)` in `group` feeds: included in this group or an enclosing
   * one (lets are inherited downwards), or in a nested group (which inherits this let).
   */
  private sharedExamplesSeen(group: SpecGroup): Set<SharedExample> {
    const seen = new Set<SharedExample>();
    for (const g of [...group.ancestorsAndSelf(), ...group.descendants()]) for (const e of g.includedExamples) seen.add(e);
    return seen;
  }

  /**
   * The sites a `let(:event)` gives: its value followed to the names it holds. With
   * 'internal event tracking' the other lets are the call's identifiers and properties; the
   * 'not tracked' example alone checks nothing of them (opaque).
   */
  private sharedExampleSites(eventLet: LetDefinition, group: SpecGroup, tracked: boolean): CallSite[] {
    const value = letValue(eventLet.call);
    if (!value) return [];
    const args = tracked ? this.sharedExampleArguments(group) : opaqueArguments();
    const scopes = letScopes(eventLet);
    return nameSources({ node: value, nesting: eventLet.nesting }, group, scopes).map((source) => ({
      ...eventNameOf(source.node, source.nesting, this.constants, this.ranges, group.describedClass),
      ...this.usedAt(source.node, value),
      kind: 'rspec.shared_example',
      refersTo: 'event',
      ...args,
      identifiers: [...args.identifiers],
      properties: [...args.properties],
    }));
  }

  /** What 'internal event tracking' passes: the identifier and property lets it sees. */
  private sharedExampleArguments(group: SpecGroup): CallArguments {
    const scope = this.visibleGroups(group);
    const identifiers = IDENTIFIER_LETS.filter((name) => scope.some((g) => g.lets.has(name)));
    const args: CallArguments = { identifiers, properties: [], argsOpaque: false };
    const nearest = (name: string): LetDefinition | undefined =>
      scope.find((g) => g.lets.has(name))?.lets.get(name);

    const additional = nearest('additional_properties');
    if (additional) {
      const hash = letValue(additional.call);
      if (hash) readAdditionalProperties(hash, additional.nesting, this.constants, this.ranges, args);
      else args.argsOpaque = true;
    }
    for (const key of BASE_PROPERTY_LETS) {
      const definition = nearest(key);
      const keyNode = definition && positionalArguments(definition.call)[0];
      const keyLiteral = literalName(keyNode ?? null);
      if (!definition || !keyLiteral) continue;
      const body = letValue(definition.call);
      args.properties.push({
        key,
        range: this.ranges.of(keyLiteral.contentLoc),
        valueType: body ? valueTypeOf(body, definition.nesting, this.constants) : 'nil',
      });
    }
    return args;
  }

  /**
   * Groups whose lets the shared example sees, nearest first: the it_behaves_like blocks nested
   * under `group` (and the groups between), then `group` itself and its ancestors.
   */
  private visibleGroups(group: SpecGroup): SpecGroup[] {
    const nested: SpecGroup[] = [];
    for (const inclusion of group.descendants().filter((g) => g.isInclusionBlock)) {
      for (let g: SpecGroup | null = inclusion; g && g !== group; g = g.parent) {
        if (!nested.includes(g)) nested.push(g);
      }
    }
    return [...nested, ...group.ancestorsAndSelf()];
  }
}

/** `RSpec.describe Foo::Bar` / `describe Foo::Bar`: 'Foo::Bar'; null for a string description. */
function describedClassOf(call: CallNode): string | null {
  if (call.name !== 'describe') return null;
  const receiver = constantPathName(call.receiver);
  if (call.receiver && receiver !== 'RSpec' && receiver !== '::RSpec') return null;
  const name = constantPathName(positionalArguments(call)[0] ?? null);
  return name ? name.replace(/^::/, '') : null;
}

/** Which of GitLab's internal-event shared examples a call includes, if any. */
function sharedExampleIncluded(call: CallNode): SharedExample | undefined {
  if (!INCLUDE_METHODS.has(call.name) || !isSelfCall(call)) return undefined;
  return SHARED_EXAMPLES.get(literalName(positionalArguments(call)[0] ?? null)?.value ?? '');
}

function isSharedExampleInclusion(call: CallNode): boolean {
  return sharedExampleIncluded(call) !== undefined;
}

/**
 * One site per literal: two matchers naming the same let (or a matcher and the shared example)
 * would otherwise report each problem twice at one place. The site keeps every matcher's
 * properties (each at its own `.with`), and is opaque if any of them is.
 */
function mergeSitesAtOneLiteral(sites: CallSite[]): CallSite[] {
  const byPlace = new Map<string, CallSite>();
  const out: CallSite[] = [];
  for (const site of sites) {
    const { start, end } = site.range;
    const place = `${site.refersTo}:${site.event}:${start.line}:${start.character}:${end.line}:${end.character}`;
    const first = byPlace.get(place);
    if (!first) {
      byPlace.set(place, site);
      out.push(site);
      continue;
    }
    for (const id of site.identifiers) if (!first.identifiers.includes(id)) first.identifiers.push(id);
    for (const p of site.properties) if (!first.properties.some((q) => q.key === p.key && q.range.start.line === p.range.start.line && q.range.start.character === p.range.start.character)) first.properties.push(p);
    first.argsOpaque ||= site.argsOpaque;
    for (const r of site.usedAt ?? []) {
      if (!first.usedAt?.some((q) => q.start.line === r.start.line && q.start.character === r.start.character)) first.usedAt = [...(first.usedAt ?? []), r];
    }
  }
  return out;
}

function opaqueArguments(): CallArguments {
  return { identifiers: [], properties: [], argsOpaque: true };
}
