// The structure of a spec file as RSpec sees it: groups (describe/context/it/... blocks), the lets
// each defines and the locals each block owns; and, from a group, where a name written in it
// comes from: the let it calls, the local assigned once, the elements of a splatted array.
import { ArrayNode, BlockNode, CallNode, DefNode, LocalVariableReadNode, ProgramNode, SplatNode, StatementsNode } from '@ruby/prism/src/nodes.js';
import { nameBranches, singleAssignment } from './nodes';
import type { Nesting, Node } from './nodes';

export type SharedExample = 'tracked' | 'not-tracked';

/** How many lets or locals a name is followed through (`let(:event) { event_name }`). */
const MAX_HOPS = 4;

/** A `let` seen in a group, with the nesting its body is evaluated in. */
export interface LetDefinition {
  call: CallNode;
  nesting: Nesting;
  group: SpecGroup;
}

/** A node that owns local variables: a method, a block, the file. */
export type Scope = DefNode | BlockNode | ProgramNode;

/** An expression holding a name, with the nesting its constants are looked up in. */
export interface NameSource {
  node: Node;
  nesting: Nesting;
}

/** The block of a describe/context/it_behaves_like/... call: the scope lets are visible in. */
export class SpecGroup {
  readonly children: SpecGroup[] = [];
  /** The shared examples (`it_behaves_like 'internal event tracking'`) included directly in this group. */
  readonly includedExamples = new Set<SharedExample>();
  /** The block (or, for the root, the file) whose local variables the group's code sees first. */
  scope: Scope | null = null;
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

/**
 * The expressions a name argument stands for, followed through lets (`event_name` with
 * `let(:event_name) { 'e' }`, the nearest one visible from `group`), locals assigned once in
 * their scope, splatted arrays (`*events`, one per element) and ternaries. Anything else is the
 * argument itself.
 */
export function nameSources(source: NameSource, group: SpecGroup, scopes: Scope[], hops = 0): NameSource[] {
  const { node, nesting } = source;
  if (hops > MAX_HOPS) return [source];
  if (node instanceof SplatNode) {
    const list = node.expression ? nameSources({ node: node.expression, nesting }, group, scopes, hops + 1) : [];
    const elements = list.length === 1 && list[0].node instanceof ArrayNode ? list[0].node.elements : null;
    if (!elements) return [source];
    return elements.flatMap((element) => nameSources({ node: element, nesting: list[0].nesting }, group, scopes, hops + 1));
  }
  return nameBranches(node).flatMap((branch): NameSource[] => {
    if (branch instanceof LocalVariableReadNode) {
      const scope = scopes.find((s) => s.locals.includes(branch.name));
      const value = scope ? singleAssignment(scopeBody(scope), branch.name) : null;
      return value ? nameSources({ node: value, nesting }, group, scopes, hops + 1) : [{ node: branch, nesting }];
    }
    const let_ = isLetReference(branch) ? nearestLet(group, branch.name) : undefined;
    const value = let_ && letValue(let_.call);
    if (!let_ || !value) return [{ node: branch, nesting }];
    const letScopes = [...(let_.call.block instanceof BlockNode ? [let_.call.block] : []), ...scopesOf(let_.group)];
    return nameSources({ node: value, nesting: let_.nesting }, group, letScopes, hops + 1);
  });
}

/** A bare word that may call a let (`event_name`): no receiver, arguments or block. */
function isLetReference(node: Node): node is CallNode {
  return node instanceof CallNode && node.isVariableCall() && !node.receiver && !node.arguments_ && !node.block;
}

/** The let `name` as the code in `group` sees it: the nearest group defining it, inwards out. */
function nearestLet(group: SpecGroup, name: string): LetDefinition | undefined {
  for (const g of group.ancestorsAndSelf()) {
    const found = g.lets.get(name);
    if (found) return found;
  }
  return undefined;
}

/** The local-variable scopes code in `group` sees, innermost first. */
export function scopesOf(group: SpecGroup): Scope[] {
  return group.ancestorsAndSelf().flatMap((g) => (g.scope ? [g.scope] : []));
}

function scopeBody(scope: Scope): Node | null {
  return scope instanceof ProgramNode ? scope.statements : scope.body;
}

/** The scopes a let's body sees: its own block, then those of the group defining it. */
export function letScopes(definition: LetDefinition): Scope[] {
  return [...(definition.call.block instanceof BlockNode ? [definition.call.block] : []), ...scopesOf(definition.group)];
}

/** The expression a `let(:x) { ... }` returns (its last statement), or null when empty. */
export function letValue(call: CallNode): Node | null {
  const block = call.block;
  if (!(block instanceof BlockNode) || !(block.body instanceof StatementsNode)) return null;
  const body = block.body.body;
  const last = body[body.length - 1];
  return last ?? null;
}
