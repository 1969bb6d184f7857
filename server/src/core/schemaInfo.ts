// Reads the loaded schemas for the editor: which keys are allowed at a path, their descriptions,
// and the enum values of a value. Follows $ref (files, JSON pointers, $anchor) and the branches of
// allOf/anyOf/oneOf/if-then-else, since GitLab's metric schema spreads its rules across them.
import * as path from 'node:path';
import type { JsonSchema, SchemaSet } from './schemaSet';
import type { YamlPath } from './yamlFile';

type Obj = Record<string, unknown>;

interface Located {
  node: Obj;
  file: string;
}

export interface SchemaInfo {
  description?: string;
  /** Allowed keys with their descriptions (first description found wins). */
  properties: Map<string, string | undefined>;
  required: Set<string>;
  enumValues: string[];
}

function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function findAnchor(node: unknown, anchor: string): Obj | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const f = findAnchor(n, anchor);
      if (f) return f;
    }
  } else if (isObj(node)) {
    if (node.$anchor === anchor) return node;
    for (const v of Object.values(node)) {
      const f = findAnchor(v, anchor);
      if (f) return f;
    }
  }
  return undefined;
}

function resolveRef(set: SchemaSet, from: string, ref: string): Located | undefined {
  const [filePart, fragment = ''] = ref.split('#');
  const file = filePart ? path.resolve(path.dirname(from), filePart) : from;
  const root = set.files.get(file) as JsonSchema | undefined;
  if (!isObj(root)) return undefined;
  if (!fragment) return { node: root, file };
  if (!fragment.startsWith('/')) {
    const found = findAnchor(root, fragment);
    return found ? { node: found, file } : undefined;
  }
  let cur: unknown = root;
  for (const seg of fragment.split('/').slice(1)) {
    if (!isObj(cur)) return undefined;
    cur = cur[decodeURIComponent(seg.replace(/~1/g, '/').replace(/~0/g, '~'))];
  }
  return isObj(cur) ? { node: cur, file } : undefined;
}

/** The schema node plus everything it pulls in through $ref and composition keywords. */
function expand(set: SchemaSet, start: Located, seen = new Set<Obj>()): Located[] {
  if (seen.has(start.node)) return [];
  seen.add(start.node);
  const out: Located[] = [start];
  const n = start.node;
  if (typeof n.$ref === 'string') {
    const r = resolveRef(set, start.file, n.$ref);
    if (r) out.push(...expand(set, r, seen));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = n[key];
    if (Array.isArray(list)) for (const sub of list) if (isObj(sub)) out.push(...expand(set, { node: sub, file: start.file }, seen));
  }
  for (const key of ['then', 'else']) {
    const sub = n[key];
    if (isObj(sub)) out.push(...expand(set, { node: sub, file: start.file }, seen));
  }
  return out;
}

function step(set: SchemaSet, nodes: Located[], segment: string | number): Located[] {
  const out: Located[] = [];
  for (const { node, file } of nodes) {
    if (typeof segment === 'number') {
      if (isObj(node.items)) out.push(...expand(set, { node: node.items, file }));
      continue;
    }
    const props = node.properties;
    if (isObj(props) && isObj(props[segment])) out.push(...expand(set, { node: props[segment] as Obj, file }));
    else if (isObj(node.additionalProperties) && !(isObj(props) && segment in props)) {
      out.push(...expand(set, { node: node.additionalProperties, file }));
    }
  }
  return out;
}

export function schemaInfoAt(set: SchemaSet, kind: 'event' | 'metric', at: YamlPath): SchemaInfo {
  const entry = kind === 'event' ? set.eventSchemaPath : set.metricSchemaPath;
  const root = set.files.get(entry);
  const info: SchemaInfo = { properties: new Map(), required: new Set(), enumValues: [] };
  if (!isObj(root)) return info;
  let nodes = expand(set, { node: root, file: entry });
  for (const seg of at) nodes = step(set, nodes, seg);
  const enums = new Set<string>();
  for (const { node } of nodes) {
    if (info.description === undefined && typeof node.description === 'string' && node !== root) info.description = node.description;
    if (isObj(node.properties)) {
      for (const [k, v] of Object.entries(node.properties)) {
        const desc = isObj(v) && typeof v.description === 'string' ? v.description : undefined;
        if (!info.properties.has(k) || (info.properties.get(k) === undefined && desc)) info.properties.set(k, desc);
      }
    }
    if (Array.isArray(node.required)) for (const r of node.required) if (typeof r === 'string') info.required.add(r);
    if (Array.isArray(node.enum)) for (const e of node.enum) if (typeof e === 'string') enums.add(e);
    if (typeof node.const === 'string') enums.add(node.const);
    if (isObj(node.items)) {
      // Lists of enums (tiers, identifiers): offer the item values for the list itself too.
      for (const it of expand(set, { node: node.items, file: entryFileOf(nodes, node) })) {
        if (Array.isArray(it.node.enum)) for (const e of it.node.enum) if (typeof e === 'string') enums.add(e);
      }
    }
  }
  info.enumValues = [...enums];
  return info;
}

function entryFileOf(nodes: Located[], node: Obj): string {
  return nodes.find((n) => n.node === node)?.file ?? '';
}

/** Description of a top-level or nested key, for hover. */
export function describeKey(set: SchemaSet, kind: 'event' | 'metric', at: YamlPath): string | undefined {
  if (at.length === 0) return undefined;
  const parent = schemaInfoAt(set, kind, at.slice(0, -1));
  const last = at[at.length - 1];
  const fromParent = typeof last === 'string' ? parent.properties.get(last) : undefined;
  return fromParent ?? schemaInfoAt(set, kind, at).description;
}
