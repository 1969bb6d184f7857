// What a file declares that an event name may refer to: `const EVENT = 'e'`, object constants
// (`TRACKING.CLICK`), the Vue component options object (`$options.EVENT`) and imported bindings.
// Resolution here is shallow and same-file; a name imported from another module is recorded as
// an ImportedConstant, which the project index resolves (importedConstants.ts). Anything else
// stays dynamic.
import type * as t from '@babel/types';
import type { ImportedConstant } from '../../model';
import { patternOfParts, type NamePart } from '../../namePatterns';
import { literalString, memberCallee, propertyKeyName, spanOf, unwrap } from './ast';
import type { EventName } from './sites';

/** What a local name imported from a module stands for. */
interface ImportBinding {
  source: string;
  /** The exported name; '*' for `import * as ns`, 'default' for a default import. */
  imported: string;
}

/** A component options object and the scope its values are written in. */
interface OptionsObject {
  object: t.ObjectExpression;
  scope: JsScope;
}

export class JsScope {
  /** Initializer of each `const` name; null when the name is declared more than once. */
  readonly consts = new Map<string, t.Node | null>();
  readonly options: OptionsObject[] = [];
  /** Names bound by `import` declarations (type-only imports excluded). */
  readonly imports = new Map<string, ImportBinding>();
  /** True when the code calls `InternalEvents.mixin()`. */
  usesMixin = false;

  /** Records facts from one node; called for every node of a program. */
  collect(node: t.Node): void {
    if (node.type === 'VariableDeclaration' && node.kind === 'const') {
      for (const d of node.declarations) if (d.id.type === 'Identifier' && d.init) this.defineConst(d.id.name, d.init);
    } else if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') {
      const callee = memberCallee(node.callee);
      if (callee && callee.property === 'mixin' && isIdentifier(callee.object, 'InternalEvents')) this.usesMixin = true;
      // <script setup>: defineOptions({ EVENT: 'e' }) makes $options.EVENT available.
      if (node.callee.type === 'Identifier' && node.callee.name === 'defineOptions') this.addOptions(node.arguments[0]);
    } else if (node.type === 'ExportDefaultDeclaration') {
      this.addOptions(node.declaration);
    } else if (node.type === 'ImportDeclaration' && node.importKind !== 'type' && node.importKind !== 'typeof') {
      for (const spec of node.specifiers) this.addImport(spec, node.source.value);
    }
  }

  private addImport(spec: t.ImportDeclaration['specifiers'][number], source: string): void {
    if (spec.type === 'ImportSpecifier') {
      if (spec.importKind === 'type' || spec.importKind === 'typeof') return;
      const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
      this.imports.set(spec.local.name, { source, imported });
    } else {
      this.imports.set(spec.local.name, { source, imported: spec.type === 'ImportDefaultSpecifier' ? 'default' : '*' });
    }
  }

  defineConst(name: string, init: t.Node): void {
    // Declared twice (shadowing, or two branches): which one applies is not worth guessing.
    this.consts.set(name, this.consts.has(name) ? null : init);
  }

  addOptions(node: t.Node | undefined): void {
    if (!node) return;
    const n = unwrap(node);
    // export default { ... } / defineComponent({ ... }) / Vue.extend({ ... }) / a const holding one.
    const object = this.resolveObject(n, 0) ?? (n.type === 'CallExpression' && n.arguments[0] ? this.resolveObject(n.arguments[0], 0) : null);
    if (object) this.options.push({ object, scope: this });
  }

  /** Lets `$options.X` in this scope see another block's options (a Vue file's two scripts). */
  adoptOptionsFrom(other: JsScope): void {
    for (const o of other.options) if (!this.options.includes(o)) this.options.push(o);
  }

  /**
   * Every event name an argument may denote: each branch of a conditional
   * (`open ? 'close_x' : 'open_x'`) is a name of its own, with its own span; anything else is
   * the one name resolveEventName reads.
   */
  resolveEventNames(node: t.Node, depth = 0): EventName[] {
    const n = unwrap(node);
    if (n.type === 'ConditionalExpression' && depth < 4) {
      return [...this.resolveEventNames(n.consequent, depth + 1), ...this.resolveEventNames(n.alternate, depth + 1)];
    }
    // `const event = open ? 'close_x' : 'open_x'`: each value, reported at the reference.
    const init = n.type === 'Identifier' ? this.consts.get(n.name) : undefined;
    if (init && unwrap(init).type === 'ConditionalExpression' && depth < 4) {
      const span = spanOf(node);
      return this.resolveEventNames(init, depth + 1).map(({ nameSpan: _inDeclaration, ...name }) => ({ ...name, span }));
    }
    return [this.resolveEventName(node)];
  }

  /** The event name an argument or attribute value denotes. */
  resolveEventName(node: t.Node): EventName {
    const span = spanOf(node);
    const literal = literalString(node);
    if (literal) return { event: literal.value, dynamic: false, span, nameSpan: literal.contents };
    const value = this.resolveString(node, 0);
    if (value !== null) return { event: value, dynamic: false, span };
    const imported = this.importedConstant(node, 0);
    if (imported && imported.path.length) return { event: null, dynamic: true, span, imported };
    const parts = this.nameParts(node, 0);
    // `${PREFIX}_click` with PREFIX a constant of this file is a name known before run time.
    if (parts && parts.every((p) => p !== null)) return { event: parts.join(''), dynamic: false, span };
    const namePattern = parts ? patternOfParts(parts) : undefined;
    return namePattern ? { event: null, dynamic: true, span, namePattern } : { event: null, dynamic: true, span };
  }

  /** The pieces of a template literal or `+` concatenation; null when the node is neither. */
  private nameParts(node: t.Node, depth: number): NamePart[] | null {
    if (depth > 8) return null;
    const n = unwrap(node);
    if (n.type === 'TemplateLiteral') {
      const out: NamePart[] = [];
      n.quasis.forEach((quasi, i) => {
        out.push(quasi.value.cooked ?? quasi.value.raw);
        const expression = n.expressions[i];
        if (expression) out.push(...(this.nameParts(expression, depth + 1) ?? [this.resolveString(expression, 0)]));
      });
      return out;
    }
    if (n.type === 'BinaryExpression' && n.operator === '+') {
      const left = this.nameParts(n.left, depth + 1) ?? this.knownString(n.left);
      const right = this.nameParts(n.right, depth + 1) ?? this.knownString(n.right);
      if (!left && !right) return null;
      return [...(left ?? [null]), ...(right ?? [null])];
    }
    return null;
  }

  private knownString(node: t.Node): NamePart[] | null {
    const value = this.resolveString(node, 0);
    return value === null ? null : [value];
  }

  /**
   * The exported constant a reference reaches through imports: `EVENT` (imported), `ns.EVENT`
   * (`import * as ns`), `TRACKING.CLICK` (an imported object), also through a local const or the
   * component options. Null when no import is involved.
   */
  importedConstant(node: t.Node, depth: number): ImportedConstant | null {
    if (depth > 12) return null;
    const n = unwrap(node);
    if (n.type === 'Identifier') {
      const init = this.consts.get(n.name);
      if (init) return this.importedConstant(init, depth + 1);
      const binding = this.consts.has(n.name) ? undefined : this.imports.get(n.name);
      if (!binding) return null;
      return { specifier: binding.source, path: binding.imported === '*' ? [] : [binding.imported] };
    }
    const member = memberCallee(n);
    if (!member) return null;
    if (isOptionsReference(member.object)) {
      for (const o of this.options) {
        const value = findProperty(o.object, member.property);
        if (value) return o.scope.importedConstant(value, depth + 1);
      }
      return null;
    }
    const base = this.importedConstant(member.object, depth + 1);
    if (base) return { specifier: base.specifier, path: [...base.path, member.property] };
    const object = this.resolveObject(member.object, depth + 1);
    const value = object ? findProperty(object, member.property) : null;
    return value ? this.importedConstant(value, depth + 1) : null;
  }

  /** The string a constant reference stands for, or null. */
  resolveString(node: t.Node, depth: number): string | null {
    if (depth > 12) return null;
    const n = unwrap(node);
    const literal = literalString(n);
    if (literal) return literal.value;
    const target = this.resolveReference(n, depth);
    return target ? target.scope.resolveString(target.node, depth + 1) : null;
  }

  /** The object literal a reference stands for (through consts and Object.freeze), or null. */
  resolveObject(node: t.Node, depth: number): t.ObjectExpression | null {
    if (depth > 12) return null;
    const n = unwrap(node);
    if (n.type === 'ObjectExpression') return n;
    // Object.freeze({ ... }) is how constant maps are usually written.
    if (n.type === 'CallExpression') {
      const callee = memberCallee(n.callee);
      if (callee && callee.property === 'freeze' && isIdentifier(callee.object, 'Object') && n.arguments[0]) {
        return this.resolveObject(n.arguments[0], depth + 1);
      }
      return null;
    }
    const target = this.resolveReference(n, depth);
    return target ? target.scope.resolveObject(target.node, depth + 1) : null;
  }

  /** What an identifier or member expression refers to: a const initializer or an object value. */
  private resolveReference(n: t.Node, depth: number): { node: t.Node; scope: JsScope } | null {
    if (n.type === 'Identifier') {
      const init = this.consts.get(n.name);
      return init ? { node: init, scope: this } : null;
    }
    const member = memberCallee(n);
    if (!member) return null;
    if (isOptionsReference(member.object)) {
      for (const o of this.options) {
        const value = findProperty(o.object, member.property);
        if (value) return { node: value, scope: o.scope };
      }
      return null;
    }
    const object = this.resolveObject(member.object, depth + 1);
    const value = object ? findProperty(object, member.property) : null;
    return value ? { node: value, scope: this } : null;
  }
}

function isIdentifier(node: t.Node, name: string): boolean {
  const n = unwrap(node);
  return n.type === 'Identifier' && n.name === name;
}

/** `$options` (in a template) or `this.$options` / `vm.$options` (in script). */
function isOptionsReference(node: t.Node): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name === '$options';
  const member = memberCallee(n);
  return member !== null && member.property === '$options';
}

/** The value of a named property; a shorthand `{ EVENT }` yields the identifier EVENT. */
function findProperty(object: t.ObjectExpression, name: string): t.Node | null {
  let found: t.Node | null = null;
  for (const prop of object.properties) {
    if (prop.type !== 'ObjectProperty') continue;
    if (propertyKeyName(prop) === name) found = prop.value; // the last one wins, as at runtime
  }
  return found;
}
