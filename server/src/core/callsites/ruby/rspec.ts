// RSpec forms (spec §4.2): the trigger_internal_events / increment_usage_metrics matchers and the
// 'internal event tracking' shared example fed by `let(:event) { 'e' }`. The shared example needs
// the block structure of the whole file (which let is visible to which it_behaves_like), so this
// collector records groups while index.ts walks the tree and produces those sites at the end.
import { BlockNode, CallNode, StatementsNode, SymbolNode } from '@ruby/prism/src/nodes.js';
import type { CallSite } from '../../model';
import {
  constantPathName,
  eventNameOf,
  isSelfCall,
  literalName,
  positionalArguments,
  readAdditionalProperties,
  readCallArguments,
  valueTypeOf,
} from './nodes';
import type { CallArguments, ConstantTable, Nesting, Node, SourceRanges } from './nodes';

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
export const SHARED_EXAMPLE_NAME = 'internal event tracking';
/** The lets the shared example turns into identifiers. */
const IDENTIFIER_LETS = ['user', 'project', 'namespace'];
/** Legacy lets the shared example still reads as base properties (spec §4.2). */
const BASE_PROPERTY_LETS = ['label', 'property', 'value'];
/** How far up a receiver chain `.with` may sit from its matcher (`.on_click.once.with`). */
const MAX_CHAIN = 6;

/** A `let` seen in a group, with the nesting its body is evaluated in. */
interface LetDefinition {
  call: CallNode;
  nesting: Nesting;
}

/** The block of a describe/context/it_behaves_like/... call: the scope lets are visible in. */
export class SpecGroup {
  readonly children: SpecGroup[] = [];
  /** `it_behaves_like 'internal event tracking'` written directly in this group. */
  includesSharedExample = false;
  /** True when this group is the block passed to such an it_behaves_like. */
  isInclusionBlock = false;
  readonly lets = new Map<string, LetDefinition>();
  readonly eventLets: LetDefinition[] = [];
  /** The class `described_class` names here: the nearest `describe SomeClass` around. */
  describedClass: string | null;

  constructor(readonly parent: SpecGroup | null) {
    parent?.children.push(this);
    this.describedClass = parent?.describedClass ?? null;
  }

  ancestorsAndSelf(): SpecGroup[] {
    const chain: SpecGroup[] = [];
    for (let g: SpecGroup | null = this; g; g = g.parent) chain.push(g);
    return chain;
  }

  /** Groups below this one (depth first), this one excluded. */
  descendants(): SpecGroup[] {
    const out: SpecGroup[] = [];
    const stack = [...this.children];
    while (stack.length) {
      const g = stack.pop() as SpecGroup;
      out.push(g);
      stack.push(...g.children);
    }
    return out;
  }
}

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
    group.isInclusionBlock = isSharedExampleInclusion(owner);
    const described = describedClassOf(owner);
    if (described) group.describedClass = described;
    return group;
  }

  /** Looks at one call; records what matters to specs. */
  visitCall(call: CallNode, nesting: Nesting, group: SpecGroup): void {
    const name = call.name;
    if (name === 'with') this.recordWith(call);
    else if (!isSelfCall(call)) return;
    else if (TRIGGER_MATCHERS.has(name)) this.addMatcher(call, nesting, 'event', group);
    else if (METRIC_MATCHERS.has(name)) this.addMatcher(call, nesting, 'metric', group);
    else if (LET_METHODS.has(name)) this.recordLet(call, nesting, group);
    else if (isSharedExampleInclusion(call)) group.includesSharedExample = true;
  }

  /** All RSpec call sites, once the whole file has been walked. */
  finish(): CallSite[] {
    const sites: CallSite[] = [];
    for (const make of this.matcherSites) sites.push(...make());
    for (const group of [this.root, ...this.root.descendants()]) {
      if (group.eventLets.length === 0 || !this.seesSharedExample(group)) continue;
      for (const eventLet of group.eventLets) {
        const site = this.sharedExampleSite(eventLet, group);
        if (site) sites.push(site);
      }
    }
    return sites;
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

  private addMatcher(call: CallNode, nesting: Nesting, refersTo: 'event' | 'metric', group: SpecGroup): void {
    const names = positionalArguments(call);
    if (names.length === 0) return;
    this.matcherSites.push(() => {
      const args = refersTo === 'event' ? this.matcherArguments(call, nesting) : opaqueArguments();
      return names.map((nameNode) => ({
        ...eventNameOf(nameNode, nesting, this.constants, this.ranges, group.describedClass),
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
    group.lets.set(name, { call, nesting });
    if (name === 'event') group.eventLets.push({ call, nesting });
  }

  /**
   * Whether a `let(:event)` in `group` feeds the shared example: included in this group or an
   * enclosing one (lets are inherited downwards), or in a nested group (which inherits this let).
   */
  private seesSharedExample(group: SpecGroup): boolean {
    if (group.ancestorsAndSelf().some((g) => g.includesSharedExample)) return true;
    return group.descendants().some((g) => g.includesSharedExample);
  }

  private sharedExampleSite(eventLet: LetDefinition, group: SpecGroup): CallSite | null {
    const value = letValue(eventLet.call);
    if (!value) return null;
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
    return {
      ...eventNameOf(value, eventLet.nesting, this.constants, this.ranges, group.describedClass),
      kind: 'rspec.shared_example',
      refersTo: 'event',
      ...args,
    };
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

function isSharedExampleInclusion(call: CallNode): boolean {
  if (!INCLUDE_METHODS.has(call.name) || !isSelfCall(call)) return false;
  return literalName(positionalArguments(call)[0] ?? null)?.value === SHARED_EXAMPLE_NAME;
}

/** The expression a `let(:x) { ... }` returns (its last statement), or null when empty. */
function letValue(call: CallNode): Node | null {
  const block = call.block;
  if (!(block instanceof BlockNode) || !(block.body instanceof StatementsNode)) return null;
  const body = block.body.body;
  const last = body[body.length - 1];
  return last ?? null;
}

function opaqueArguments(): CallArguments {
  return { identifiers: [], properties: [], argsOpaque: true };
}
