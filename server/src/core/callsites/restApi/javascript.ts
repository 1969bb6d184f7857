// REST callers in JS/TS: `fetch(`${base}/api/v4/usage_data/track_event`, { method: 'POST', body:
// JSON.stringify({ event: 'x' }) })`, axios.post(path, { event: 'x' }) and the like, read from
// Babel's tree: a call (or `new`) whose arguments hold the path string, and each object literal in
// them with an `event` key (the bulk body's `events` array included).
import type * as t from '@babel/types';
import type { CallSite, PropertyArg } from '../../model';
import { LineIndex } from '../../text';
import { parseProgram, dialectOfPath, literalString, literalTypeOf, propertyKeyName, unwrap, walk } from '../js/ast';
import { patternOfParts, type NamePart } from '../../namePatterns';
import { REST_PATH_NEEDLE, restCallSite } from './site';

function holdsPath(node: t.Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'StringLiteral' && n.value.includes(REST_PATH_NEEDLE)) found = true;
    if (n.type === 'TemplateElement' && n.value.raw.includes(REST_PATH_NEEDLE)) found = true;
  });
  return found;
}

function templateParts(node: t.Node): NamePart[] | null {
  const n = unwrap(node);
  if (n.type !== 'TemplateLiteral') return null;
  const parts: NamePart[] = [];
  n.quasis.forEach((q, i) => {
    if (q.value.raw) parts.push(q.value.cooked ?? q.value.raw);
    if (i < n.expressions.length) parts.push(null);
  });
  return parts;
}

export function findJsRestCalls(text: string, relPath: string): CallSite[] {
  if (!text.includes(REST_PATH_NEEDLE)) return [];
  let program: t.Program;
  try {
    program = parseProgram(text, dialectOfPath(relPath)).program;
  } catch {
    return [];
  }
  const lines = new LineIndex(text);
  const range = (from: number, to: number) => lines.range(from, to);
  const sites = new Map<number, CallSite>();
  walk(program, (node) => {
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return;
    if (!node.arguments.some(holdsPath)) return;
    for (const arg of node.arguments) {
      walk(arg, (o) => {
        if (o.type !== 'ObjectExpression') return;
        const props = o.properties.filter((p): p is t.ObjectProperty => p.type === 'ObjectProperty');
        const event = props.find((p) => propertyKeyName(p) === 'event');
        if (!event) return;
        const value = event.value as t.Node;
        const literal = literalString(value);
        const parts = literal ? null : templateParts(value);
        const extra = props.find((p) => propertyKeyName(p) === 'additional_properties');
        const extraValue = extra ? unwrap(extra.value as t.Node) : null;
        const properties: PropertyArg[] =
          extraValue?.type === 'ObjectExpression'
            ? extraValue.properties.flatMap((p) => {
                const key = p.type === 'ObjectProperty' ? propertyKeyName(p) : null;
                return key && p.type === 'ObjectProperty' ? [{ key, range: range(p.key.start!, p.key.end!), valueType: literalTypeOf(p.value as t.Node) }] : [];
              })
            : [];
        const opaque = o.properties.some((p) => p.type === 'SpreadElement') || (!!extraValue && (extraValue.type !== 'ObjectExpression' || extraValue.properties.some((p) => p.type === 'SpreadElement')));
        sites.set(
          value.start!,
          restCallSite(
            {
              value: literal?.value ?? null,
              namePattern: parts ? patternOfParts(parts) : undefined,
              range: range(value.start!, value.end!),
              nameRange: literal ? range(literal.contents[0], literal.contents[1]) : undefined,
            },
            { keys: props.map((p) => propertyKeyName(p) ?? ''), properties, opaque },
            range(node.start!, node.end!),
          ),
        );
      });
    }
  });
  return [...sites.values()];
}
