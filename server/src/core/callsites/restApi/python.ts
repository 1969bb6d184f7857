// REST callers in Python: `requests.post(f"{url}/api/v4/usage_data/track_event", json={"event":
// "x", ...})`, httpx and the like, read from the same parsed blocks as the client calls
// (../python/index.ts): a call whose arguments hold the path string, and each dict in them with an
// "event" key (the bulk body's `events` list included).
import type { SyntaxNode } from '@lezer/common';
import type { CallSite, LiteralType, PropertyArg } from '../../model';
import { patternOfParts } from '../../namePatterns';
import { childrenOf, formatStringParts, stringLiteral, textOf } from '../python/nodes';
import type { ParsedWindow } from '../python/index';
import { REST_PATH_NEEDLE, restCallSite } from './site';

export { REST_PATH_NEEDLE };

function descendants(node: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const c = node.cursor();
  do if (c.name === name) out.push(c.node);
  while (c.next() && c.from < node.to);
  return out;
}

function holdsPath(argList: SyntaxNode, text: string): boolean {
  return [...descendants(argList, 'String'), ...descendants(argList, 'FormatString')].some((s) => textOf(s, text).includes(REST_PATH_NEEDLE));
}

/** A dict's entries as [key, value] pairs (string keys only). */
function dictEntries(dict: SyntaxNode, text: string): [string, SyntaxNode, SyntaxNode][] {
  const kids = childrenOf(dict).filter((k) => !['{', '}', ','].includes(k.name));
  const out: [string, SyntaxNode, SyntaxNode][] = [];
  for (let i = 0; i < kids.length; i++) {
    if (kids[i + 1]?.name !== ':' || !kids[i + 2]) continue;
    const key = stringLiteral(kids[i], text);
    if (key) out.push([key.value, kids[i], kids[i + 2]]);
    i += 2;
  }
  return out;
}

function valueType(node: SyntaxNode): LiteralType {
  if (node.name === 'String' || node.name === 'FormatString') return 'string';
  if (node.name === 'Number') return 'number';
  if (node.name === 'Boolean') return 'boolean';
  if (node.name === 'None') return 'nil';
  return node.name === 'DictionaryExpression' || node.name === 'ArrayExpression' ? 'other' : 'dynamic';
}

export function findPythonRestCalls(p: ParsedWindow): CallSite[] {
  const text = p.window.text;
  if (!text.includes(REST_PATH_NEEDLE)) return [];
  const sites = new Map<string, CallSite>();
  for (const call of descendants(p.top, 'CallExpression')) {
    const argList = childrenOf(call)[1];
    if (argList?.name !== 'ArgList' || !holdsPath(argList, text)) continue;
    for (const dict of descendants(argList, 'DictionaryExpression')) {
      const entries = dictEntries(dict, text);
      const event = entries.find(([k]) => k === 'event');
      if (!event) continue;
      const nameNode = event[2];
      const literal = stringLiteral(nameNode, text);
      const parts = literal ? null : formatStringParts(nameNode, text);
      const props = entries.find(([k]) => k === 'additional_properties')?.[2];
      const properties: PropertyArg[] =
        props?.name === 'DictionaryExpression'
          ? dictEntries(props, text).map(([key, k, v]) => ({ key, range: p.range(k.from, k.to), valueType: valueType(v) }))
          : [];
      const site = restCallSite(
        {
          value: literal?.value ?? null,
          namePattern: parts ? patternOfParts(parts) : undefined,
          range: p.range(nameNode.from, nameNode.to),
          nameRange: literal ? p.range(literal.contentFrom, literal.contentTo) : undefined,
        },
        { keys: entries.map(([k]) => k), properties, opaque: !!props && props.name !== 'DictionaryExpression' },
        p.range(argList.from, argList.to),
      );
      sites.set(`${nameNode.from}`, site);
    }
  }
  return [...sites.values()];
}
