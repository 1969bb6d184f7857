// The string constants a JS/TS module exports, as plain data: what an imported event-name
// constant can resolve to. Only values the module writes out (strings, and objects of them, through
// its own consts and Object.freeze) count; anything computed is left out. Re-exports are kept as
// specifiers for the resolver to follow.
import type * as t from '@babel/types';
import { dialectOfPath, parseProgram, propertyKeyName, unwrap } from './ast';
import { JsScope } from './scope';

/** A string, or an object whose values are constants (e.g. `TRACKING_EVENTS.CLICK`). */
export type ConstantValue = string | { readonly [key: string]: ConstantValue };

export interface ModuleExports {
  /** Exported name ('default' for the default export) → its value, when it is a constant. */
  values: Map<string, ConstantValue>;
  /** `export { a as b } from 'x'` (names: exported → imported) and `export * from 'x'`. */
  reexports: { specifier: string; names: Map<string, string> | '*' }[];
}

/** Objects nest this deep at most; deeper values are not event names in practice. */
const MAX_DEPTH = 4;

export function readModuleExports(text: string, relPath: string): ModuleExports {
  const result: ModuleExports = { values: new Map(), reexports: [] };
  let program: t.Program;
  try {
    program = parseProgram(text, dialectOfPath(relPath)).program;
  } catch {
    return result; // not parseable even with recovery: it exports nothing we can read
  }
  const scope = new JsScope();
  const exported = new Map<string, t.Node>(); // exported name → the node holding its value
  for (const statement of program.body) {
    if (statement.type === 'VariableDeclaration' || statement.type === 'ImportDeclaration') scope.collect(statement);
    else if (statement.type === 'ExportNamedDeclaration') readNamedExport(statement, scope, exported, result);
    else if (statement.type === 'ExportAllDeclaration' && statement.exportKind !== 'type') {
      result.reexports.push({ specifier: statement.source.value, names: '*' });
    } else if (statement.type === 'ExportDefaultDeclaration') {
      exported.set('default', statement.declaration);
    }
  }
  for (const [name, node] of exported) {
    // `import { A } from './b'; export { A }` passes b's constant on: a re-export.
    const binding = node.type === 'Identifier' && !scope.consts.has(node.name) ? scope.imports.get(node.name) : undefined;
    if (binding && binding.imported !== '*') result.reexports.push({ specifier: binding.source, names: new Map([[name, binding.imported]]) });
    const value = binding ? null : constantOf(node, scope, 0);
    if (value !== null) result.values.set(name, value);
  }
  return result;
}

function readNamedExport(statement: t.ExportNamedDeclaration, scope: JsScope, exported: Map<string, t.Node>, result: ModuleExports): void {
  if (statement.exportKind === 'type') return;
  const declaration = statement.declaration;
  if (declaration?.type === 'VariableDeclaration') {
    scope.collect(declaration);
    for (const d of declaration.declarations) if (d.id.type === 'Identifier') exported.set(d.id.name, d.id);
    return;
  }
  const names = new Map<string, string>();
  for (const spec of statement.specifiers) {
    if (spec.type !== 'ExportSpecifier' || spec.exportKind === 'type') continue;
    const as = spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value;
    if (statement.source) names.set(as, spec.local.name);
    else exported.set(as, spec.local);
  }
  if (statement.source && names.size) result.reexports.push({ specifier: statement.source.value, names });
}

/** The constant a node denotes in the module's scope, or null when it is computed. */
function constantOf(node: t.Node, scope: JsScope, depth: number): ConstantValue | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrap(node);
  const value = scope.resolveString(n, 0);
  if (value !== null) return value;
  const object = scope.resolveObject(n, 0);
  if (!object) return null;
  const out: Record<string, ConstantValue> = {};
  for (const prop of object.properties) {
    if (prop.type !== 'ObjectProperty') continue;
    const key = propertyKeyName(prop);
    const v = key === null ? null : constantOf(prop.value, scope, depth + 1);
    if (key !== null && v !== null) out[key] = v;
  }
  return out;
}
