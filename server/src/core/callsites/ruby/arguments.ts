// What a call passes besides the name: identifier keywords (`user:`, the API helper's
// `project_id:`) and additional properties (`additional_properties: { ... }`, top-level `label:`),
// with their ranges and literal types; opaque when a splat or a variable hides them.
import { AssocNode, CallNode, ForwardingArgumentsNode, HashNode, KeywordHashNode, SplatNode } from '@ruby/prism/src/nodes.js';
import type { PropertyArg, Range } from '../../model';
import { endOf, hashKey, type Nesting, type Node, type SourceRanges } from './nodes';
import { valueTypeOf, type ConstantTable } from './names';

/** Identifier keywords and additional properties passed by one call. */
export interface CallArguments {
  identifiers: string[];
  properties: PropertyArg[];
  argsOpaque: boolean;
  argsRange?: Range;
  propertiesRange?: Range;
}

export const IDENTIFIER_KEYWORDS: ReadonlySet<string> = new Set([
  'user',
  'project',
  'namespace',
  'feature_enabled_by_namespace_ids',
]);

/** The properties GitLab moves from top-level keywords into additional_properties (spec §4.1). */
const BASE_PROPERTY_KEYWORDS: ReadonlySet<string> = new Set(['label', 'property', 'value']);

export interface KeywordOptions {
  /** Positional arguments before the keywords (the event name); more positionals make it opaque. */
  positional: number;
  /** Keyword → identifier it stands for, beyond the plain ones (the API helper's `project_id:`). */
  identifierAliases?: Readonly<Record<string, string>>;
  /** Whether top-level `label:`/`property:`/`value:` keywords count as properties. */
  topLevelBaseProperties?: boolean;
}

/**
 * The whole argument list's range: inside the parentheses when there are any (so an empty `()`
 * still has a place to complete in), else from the first argument to the last.
 */
export function argumentsRange(call: CallNode, ranges: SourceRanges): Range | undefined {
  if (call.openingLoc && call.closingLoc && call.closingLoc.startOffset >= endOf(call.openingLoc)) {
    return ranges.between(endOf(call.openingLoc), call.closingLoc.startOffset);
  }
  if (call.openingLoc) {
    const end = call.arguments_ ? endOf(call.arguments_.location) : endOf(call.openingLoc);
    return ranges.between(endOf(call.openingLoc), end);
  }
  return call.arguments_ ? ranges.of(call.arguments_.location) : undefined;
}

/** Reads identifier keywords and additional properties from a call's arguments. */
export function readCallArguments(
  call: CallNode,
  options: KeywordOptions,
  nesting: Nesting,
  constants: ConstantTable,
  ranges: SourceRanges,
): CallArguments {
  const result: CallArguments = {
    identifiers: [],
    properties: [],
    argsOpaque: false,
    argsRange: argumentsRange(call, ranges),
  };
  const args = call.arguments_?.arguments_ ?? [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const isLast = i === args.length - 1;
    if (isLast && (arg instanceof KeywordHashNode || (arg instanceof HashNode && i >= options.positional))) {
      readKeywords(arg.elements, options, nesting, constants, ranges, result);
    } else if (i >= options.positional || arg instanceof SplatNode || arg instanceof ForwardingArgumentsNode) {
      // A positional after the name is a keyword hash held in a variable
      // (`track_internal_event(e, opts)`); splats and `...` forward arguments we cannot see.
      result.argsOpaque = true;
    }
  }
  return result;
}

function readKeywords(
  elements: Node[],
  options: KeywordOptions,
  nesting: Nesting,
  constants: ConstantTable,
  ranges: SourceRanges,
  result: CallArguments,
): void {
  for (const element of elements) {
    if (!(element instanceof AssocNode)) {
      result.argsOpaque = true; // **splat
      continue;
    }
    const key = hashKey(element.key);
    if (!key) {
      result.argsOpaque = true; // a computed key could be anything
      continue;
    }
    const identifier = IDENTIFIER_KEYWORDS.has(key.name) ? key.name : options.identifierAliases?.[key.name];
    if (identifier !== undefined) {
      if (!result.identifiers.includes(identifier)) result.identifiers.push(identifier);
    } else if (key.name === 'additional_properties') {
      readAdditionalProperties(element.value, nesting, constants, ranges, result);
    } else if (options.topLevelBaseProperties && BASE_PROPERTY_KEYWORDS.has(key.name)) {
      result.properties.push({
        key: key.name,
        range: ranges.of(key.loc),
        valueType: valueTypeOf(element.value, nesting, constants),
      });
    }
  }
}

/** Properties from an `additional_properties:` value; anything but a hash literal is opaque. */
export function readAdditionalProperties(
  value: Node,
  nesting: Nesting,
  constants: ConstantTable,
  ranges: SourceRanges,
  result: CallArguments,
): void {
  if (!(value instanceof HashNode)) {
    result.argsOpaque = true;
    return;
  }
  result.propertiesRange = ranges.of(value.location);
  for (const element of value.elements) {
    const key = element instanceof AssocNode ? hashKey(element.key) : null;
    if (!(element instanceof AssocNode) || !key) {
      result.argsOpaque = true; // `**extra` or a computed key
      continue;
    }
    result.properties.push({
      key: key.name,
      range: ranges.of(key.loc),
      valueType: valueTypeOf(element.value, nesting, constants),
    });
  }
}
