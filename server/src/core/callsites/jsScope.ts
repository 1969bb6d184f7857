// What a file declares that an event name may refer to: `const EVENT = 'e'`, object constants
// (`TRACKING.CLICK`) and the Vue component options object (`$options.EVENT`). Resolution is
// deliberately shallow and same-file only; anything else stays dynamic.
import type * as t from '@babel/types';
import { literalString, memberCallee, propertyKeyName, spanOf, unwrap } from './jsAst';
import type { EventName } from './jsSites';

/** A component options object and the scope its values are written in. */
interface OptionsObject {
  object: t.ObjectExpression;
  scope: JsScope;
}

export class JsScope {
  /** Initializer of each `const` name; null when the name is declared more than once. */
  readonly consts = new Map<string, t.Node | null>();
  readonly options: OptionsObject[] = [];
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

  /** The event name an argument or attribute value denotes. */
  resolveEventName(node: t.Node): EventName {
    const span = spanOf(node);
    const literal = literalString(node);
    if (literal) return { event: literal.value, dynamic: false, span, nameSpan: literal.contents };
    const value = this.resolveString(node, 0);
    return value === null ? { event: null, dynamic: true, span } : { event: value, dynamic: false, span };
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

  private resolveObject(node: t.Node, depth: number): t.ObjectExpression | null {
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
