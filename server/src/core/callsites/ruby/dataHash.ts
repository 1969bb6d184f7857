// Data attributes written as Ruby hashes in view code (helpers, components, presenters), the way
// HAML writes them (haml/hash.ts): `data: { event_tracking: 'e', event_label: 'l' }` or
// `'data-event-tracking' => 'e'` in any hash, with the event_* siblings as properties.
import { AssocNode, CallNode, HashNode, KeywordHashNode, StringNode, SymbolNode } from '@ruby/prism/src/nodes.js';
import type { PropertyArg } from '../../model';
import { attributeValueType, propertyOfAttribute } from '../js/sites';
import { propertiesFromJson } from '../js/properties';
import { endOf, literalName, type Nesting, type Node, type SourceRanges } from './nodes';
import { valueTypeOf, type ConstantTable } from './names';
import type { CallArguments } from './arguments';

/** Where view helpers live: a method there is callable from every template (Rails' helper :all). */
export const VIEW_HELPER_FILE = /^(?:ee\/|jh\/)?app\/helpers\/.+\.rb$/;

/** A hash carrying a data-event-tracking attribute. */
export interface DataAttribute {
  /** The expression giving the event name. */
  name: Node;
  /** The hash holding it and its siblings. */
  hash: HashNode | KeywordHashNode;
  /** How the sibling keys start: `event_` in a `data:` hash, `data_event_` in a flat one. */
  prefix: 'event_' | 'data_event_';
}

function keyOf(element: Node): string | null {
  const literal = element instanceof AssocNode ? literalName(element.key) : null;
  return literal ? literal.value.replace(/-/g, '_') : null;
}

function valueAt(hash: HashNode | KeywordHashNode, key: string): Node | null {
  const element = hash.elements.find((e) => keyOf(e) === key);
  return element instanceof AssocNode ? element.value : null;
}

/** The data attribute a hash literal carries: its own `'data-event-tracking' =>`, or its `data: {…}`'s. */
export function dataAttributeOf(hash: HashNode | KeywordHashNode): DataAttribute | null {
  const flat = valueAt(hash, 'data_event_tracking');
  if (flat) return { name: flat, hash, prefix: 'data_event_' };
  const data = valueAt(hash, 'data');
  const inner = data instanceof HashNode ? valueAt(data, 'event_tracking') : null;
  return inner && data instanceof HashNode ? { name: inner, hash: data, prefix: 'event_' } : null;
}

/** The properties the attribute's siblings send (event_label, event_property, event_value, event_additional). */
export function dataAttributeArguments(attribute: DataAttribute, text: string, nesting: Nesting, constants: ConstantTable, ranges: SourceRanges): CallArguments {
  const args: CallArguments = { identifiers: [], properties: [], argsOpaque: false };
  for (const element of attribute.hash.elements) {
    const key = keyOf(element);
    if (!(element instanceof AssocNode) || key === null) {
      args.argsOpaque = true; // **options may hold any attribute
      continue;
    }
    if (!key.startsWith(attribute.prefix)) continue;
    const attributeName = 'data_event_' + key.slice(attribute.prefix.length);
    const keyLiteral = literalName(element.key)!;
    const property = propertyOfAttribute(attributeName);
    if (property) {
      // A symbol is rendered into the attribute as its name.
      const written = element.value instanceof SymbolNode ? 'string' : valueTypeOf(element.value, nesting, constants);
      const value = literalName(element.value);
      args.properties.push({ key: property, range: ranges.of(keyLiteral.contentLoc), valueType: attributeValueType(property, written, value?.value) });
    } else if (attributeName === 'data_event_additional') {
      args.properties.push(...additionalProperties(element.value, text, nesting, constants, ranges, args));
    }
  }
  return args;
}

/** event_additional: a JSON string, or a hash literal with `.to_json`; anything else is opaque. */
function additionalProperties(value: Node, text: string, nesting: Nesting, constants: ConstantTable, ranges: SourceRanges, args: CallArguments): PropertyArg[] {
  if (value instanceof StringNode && literalName(value)) {
    const contents: [number, number] = [ranges.offset(value.contentLoc.startOffset), ranges.offset(endOf(value.contentLoc))];
    const whole: [number, number] = [ranges.offset(value.location.startOffset), ranges.offset(endOf(value.location))];
    return propertiesFromJson(value.unescaped.value, contents, whole, text).map((p) => ({ key: p.key, range: ranges.ofUtf16(p.span[0], p.span[1]), valueType: p.valueType }));
  }
  if (value instanceof CallNode && value.name === 'to_json' && value.receiver instanceof HashNode) {
    const hash = value.receiver;
    args.propertiesRange = ranges.of(hash.location);
    return hash.elements.flatMap((element) => {
      const key = element instanceof AssocNode ? literalName(element.key) : null;
      if (!key || !(element instanceof AssocNode)) {
        args.argsOpaque = true;
        return [];
      }
      return [{ key: key.value, range: ranges.of(key.contentLoc), valueType: valueTypeOf(element.value, nesting, constants) }];
    });
  }
  args.argsOpaque = true;
  return [];
}
