// Which names hold an InternalEventsClient in a Python file: a typed parameter or attribute
// (`client: InternalEventsClient`, `Optional[...]`, `"InternalEventsClient"`, also with a
// `Depends(Provide[...])` default), a name assigned a constructed client, and an attribute
// assigned from such a name (`self.client = client`). Names are kept by their last part, so
// `self.client.track_event` and `client.track_event` both count.
import type { SyntaxNode } from '@lezer/common';
import { childrenOf, memberChain, textOf } from './nodes';

export const CLIENT_CLASS = 'InternalEventsClient';
/** The name GitLab's services give the injected client: a call on it counts without a type. */
export const CONVENTIONAL_CLIENT_NAME = 'internal_event_client';

function lastName(node: SyntaxNode | undefined, text: string): string | null {
  if (!node) return null;
  const chain = memberChain(node, text);
  return chain ? chain[chain.length - 1] : null;
}

function namesClientType(typeDef: SyntaxNode, text: string): boolean {
  return new RegExp(`\\b${CLIENT_CLASS}\\b`).test(textOf(typeDef, text));
}

export function isClientConstruction(node: SyntaxNode, text: string): boolean {
  if (node.name !== 'CallExpression') return false;
  const callee = node.firstChild;
  return !!callee && lastName(callee, text) === CLIENT_CLASS;
}

/** Adds to `names` the client names one parsed block declares. */
export function collectClientNames(top: SyntaxNode, text: string, names: Set<string>): void {
  const assignments: SyntaxNode[] = [];
  const cursor = top.cursor();
  do {
    const node = cursor.node;
    if (node.name === 'ParamList' || node.name === 'AssignStatement') {
      const kids = childrenOf(node);
      for (let i = 1; i < kids.length; i++) {
        if (kids[i].name === 'TypeDef' && namesClientType(kids[i], text)) {
          const name = lastName(kids[i - 1], text);
          if (name) names.add(name);
        }
      }
    }
    if (node.name === 'AssignStatement') assignments.push(node);
  } while (cursor.next());
  // `x = InternalEventsClient(...)`, then `self.x = x` (in source order, which is enough in practice).
  for (const a of assignments) {
    const kids = childrenOf(a);
    const op = kids.findIndex((k) => k.name === 'AssignOp');
    if (op < 1 || !kids[op + 1]) continue;
    const value = kids[op + 1];
    const target = lastName(kids[0], text);
    if (!target) continue;
    const source = lastName(value, text);
    if (isClientConstruction(value, text) || (source !== null && names.has(source))) names.add(target);
  }
}

/** True when `receiver` (what `.track_event` is called on) is an InternalEventsClient. */
export function isClientReceiver(receiver: SyntaxNode, text: string, names: ReadonlySet<string>): boolean {
  if (isClientConstruction(receiver, text)) return true;
  const name = lastName(receiver, text);
  return name !== null && (name === CLIENT_CLASS || name === CONVENTIONAL_CLIENT_NAME || names.has(name));
}
