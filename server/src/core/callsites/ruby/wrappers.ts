// Wrapper methods: a method of the file that passes one of its parameters on as the event name
// (`def track_event(event_name, rule) ... track_internal_event(event_name, **params)`), so that
// the file's calls to it (`track_event('create_rule', rule)`) are tracking calls naming events.
// Only calls in the same file count: a method name alone says too little across files.
import {
  CallNode,
  DefNode,
  ForwardingArgumentsNode,
  SplatNode,
  OptionalKeywordParameterNode,
  OptionalParameterNode,
  RequiredKeywordParameterNode,
  RequiredParameterNode,
} from '@ruby/prism/src/nodes.js';
import type { CallSiteKind } from '../../model';
import { isSelfCall, keywordValue, positionalArguments, type Nesting, type Node } from './nodes';
import type { KeywordOptions } from './arguments';

/** Where the wrapper takes the event name: a positional parameter, or a keyword one. */
export type NameParameter = { index: number } | { keyword: string };

export interface Wrapper {
  /** The method's name: what calls to it are found by. */
  name: string;
  parameter: NameParameter;
  /** The tracking call inside it, whose identifiers and properties every call to it passes. */
  inner: CallNode;
  kind: CallSiteKind;
  options: KeywordOptions;
  nesting: Nesting;
}

/** The parameter of `method` called `name`, if it is one the caller fills by position or keyword. */
export function nameParameter(method: DefNode, name: string): NameParameter | null {
  const params = method.parameters;
  if (!params) return null;
  const positional = [...params.requireds, ...params.optionals];
  const index = positional.findIndex((p) => (p instanceof RequiredParameterNode || p instanceof OptionalParameterNode) && p.name === name);
  // Positions after an optional parameter depend on how many arguments a call passes.
  if (index >= 0) return index <= params.requireds.length ? { index } : null;
  const keyword = params.keywords.some((p) => (p instanceof RequiredKeywordParameterNode || p instanceof OptionalKeywordParameterNode) && p.name === name);
  return keyword ? { keyword: name } : null;
}

/** The argument a call to the wrapper passes as the event name, or null. */
export function nameArgument(call: CallNode, parameter: NameParameter): Node | null {
  if (!isSelfCall(call)) return null;
  if ('keyword' in parameter) return keywordValue(call, parameter.keyword);
  const args = call.arguments_?.arguments_ ?? [];
  // `track_event(*args)`: which argument lands where is not written down.
  if (args.some((a) => a instanceof SplatNode || a instanceof ForwardingArgumentsNode)) return null;
  return positionalArguments(call)[parameter.index] ?? null;
}
