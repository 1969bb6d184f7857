// Tracking calls in Python services (AI Gateway, Duo Workflow): `track_event` on an
// InternalEventsClient (see clientNames.ts), with the name as a literal, a module constant or an
// f-string (a pattern of its literal pieces); `InternalEventAdditionalProperties(label=, property=,
// value=, **extra)` read for properties; and pytest assertions on a mocked client
// (`client.track_event.assert_called_once_with("event", ...)`) as spec references. REST calls to
// the usage-data API in the same blocks are read by ../restApi/python.ts from the same trees.
//
// Parser: @lezer/python, a real error-tolerant Python grammar in plain JavaScript. Measured against
// tree-sitter-python 0.25.0 through web-tree-sitter 0.25.10 on the same generated 1,000-line
// service files (2 vCPUs, load 3.3-4.4): whole file parsed and walked, lezer p50 15-17 ms / p95
// 27-37 ms, tree-sitter p50 19-21 ms / p95 30-40 ms; only the blocks around needle lines (7 per
// file), lezer p50 3.1-3.8 ms / p95 4.6-5.9 ms, tree-sitter p50 3.9-4.8 ms / p95 6.0-6.9 ms.
// Lezer is faster here and needs no .wasm to ship nor asynchronous start-up in each thread.
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import type { CallSite, CallSiteKind, CallSiteScan, LiteralType, PropertyArg, Range } from '../../model';
import { patternOfParts } from '../../namePatterns';
import { childrenOf, formatStringParts, memberChain, readArguments, stringLiteral, textOf, type PythonArguments } from './nodes';
import { CLIENT_CLASS, CONVENTIONAL_CLIENT_NAME, collectClientNames, isClientReceiver } from './clientNames';
import { filePosition, hitLines, makeWindow, windowsAround, type PythonWindow } from './windows';
import { findPythonRestCalls, REST_PATH_NEEDLE } from '../restApi/python';

/** Lines holding one of these are parsed (with their block); the rest of the file never is. */
export const PYTHON_NEEDLES = ['track_event', CLIENT_CLASS, CONVENTIONAL_CLIENT_NAME, REST_PATH_NEEDLE];

const PROPERTIES_CLASS = 'InternalEventAdditionalProperties';
const ASSERTIONS = new Set(['assert_called_with', 'assert_called_once_with', 'assert_any_call']);
/** Keyword arguments the client reads as identifiers. */
const IDENTIFIER_KEYWORDS = new Set(['user_id', 'project_id', 'namespace_id', 'feature_enabled_by_namespace_ids']);

export interface ParsedWindow {
  window: PythonWindow;
  top: SyntaxNode;
  range(from: number, to: number): Range;
}

export function findPythonCallSites(text: string, _relPath: string): CallSiteScan {
  const lines = text.split(/\r?\n/);
  const parsed = windowsAround(lines, hitLines(lines, PYTHON_NEEDLES)).map(parseWindow);
  const clients = new Set<string>();
  for (const p of parsed) collectClientNames(p.top, p.window.text, clients);
  const constants = new ModuleConstants(lines);
  const callSites: CallSite[] = [];
  let parseErrors = 0;
  for (const p of parsed) {
    const cursor = p.top.cursor();
    do {
      if (cursor.name === '⚠') parseErrors++;
      if (cursor.name !== 'CallExpression') continue;
      const site = readTrackingCall(cursor.node, p, clients, constants);
      if (site) callSites.push(site);
    } while (cursor.next());
    callSites.push(...findPythonRestCalls(p));
  }
  return { callSites, parseErrors };
}

export function parseWindow(window: PythonWindow): ParsedWindow {
  const top = parser.parse(window.text).topNode;
  return { window, top, range: (from, to) => ({ start: filePosition(window, from), end: filePosition(window, to) }) };
}

function readTrackingCall(call: SyntaxNode, p: ParsedWindow, clients: ReadonlySet<string>, constants: ModuleConstants): CallSite | null {
  const text = p.window.text;
  const [callee, argList] = childrenOf(call);
  if (callee?.name !== 'MemberExpression' || argList?.name !== 'ArgList') return null;
  const calleeKids = childrenOf(callee);
  const method = textOf(calleeKids[calleeKids.length - 1], text);
  const receiver = calleeKids[0];
  let kind: CallSiteKind;
  if (method === 'track_event' && isClientReceiver(receiver, text, clients)) kind = 'python.internal_events_client';
  else if (ASSERTIONS.has(method) && memberChain(receiver, text)?.at(-1) === 'track_event') kind = 'pytest.track_event_assertion';
  else return null;
  const args = readArguments(argList, text);
  const nameNode = args.positional[0] ?? args.keywords.get('event_name')?.value;
  if (!nameNode) return null;
  const site: CallSite = {
    event: null,
    dynamic: true,
    kind,
    refersTo: 'event',
    range: p.range(nameNode.from, nameNode.to),
    identifiers: [...args.keywords.keys()].filter((k) => IDENTIFIER_KEYWORDS.has(k)),
    properties: [],
    argsOpaque: args.splat,
    argsRange: p.range(argList.from, argList.to),
  };
  readName(site, nameNode, p, constants);
  readProperties(site, args, p);
  return site;
}

function readName(site: CallSite, node: SyntaxNode, p: ParsedWindow, constants: ModuleConstants): void {
  const text = p.window.text;
  const literal = stringLiteral(node, text);
  if (literal) {
    Object.assign(site, { event: literal.value, dynamic: false, nameRange: p.range(literal.contentFrom, literal.contentTo) });
    return;
  }
  const parts = formatStringParts(node, text);
  if (parts) {
    const pattern = patternOfParts(parts);
    if (pattern) site.namePattern = pattern;
    return;
  }
  if (node.name === 'VariableName') {
    const value = constants.value(textOf(node, text));
    if (value !== null) Object.assign(site, { event: value, dynamic: false });
  }
}

function readProperties(site: CallSite, args: PythonArguments, p: ParsedWindow): void {
  const text = p.window.text;
  const value = args.keywords.get('additional_properties')?.value;
  if (!value) return;
  const [callee, argList] = childrenOf(value);
  if (value.name !== 'CallExpression' || !callee || memberChain(callee, text)?.at(-1) !== PROPERTIES_CLASS || argList?.name !== 'ArgList') {
    site.argsOpaque = true; // a variable or a dict built elsewhere
    return;
  }
  const props = readArguments(argList, text);
  if (props.splat) site.argsOpaque = true; // **extra: custom properties known only at run time
  site.propertiesRange = p.range(argList.from, argList.to);
  site.properties = [...props.keywords].map(([key, k]): PropertyArg => ({ key, range: p.range(k.name.from, k.name.to), valueType: literalType(k.value) }));
}

function literalType(node: SyntaxNode): LiteralType {
  switch (node.name) {
    case 'String':
    case 'FormatString':
      return 'string';
    case 'Number':
      return 'number';
    case 'Boolean':
      return 'boolean';
    case 'None':
      return 'nil';
    default:
      return 'dynamic';
  }
}

/**
 * String constants assigned at the top of the module (`EVENT = "x"`, `EVENT: Final = "x"`), read
 * on demand: the line is found by its start and only that statement is parsed.
 */
class ModuleConstants {
  private readonly cache = new Map<string, string | null>();
  constructor(private readonly lines: string[]) {}

  value(name: string): string | null {
    if (!this.cache.has(name)) this.cache.set(name, this.read(name));
    return this.cache.get(name)!;
  }

  private read(name: string): string | null {
    let found: string | null = null;
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (!line.startsWith(name) || !/^\s*[:=]/.test(line.slice(name.length))) continue;
      if (found !== null) return null; // assigned twice: not a constant
      const w = parseWindow(makeWindow(this.lines, i, i + 1));
      const statement = w.top.firstChild;
      const kids = statement?.name === 'AssignStatement' ? childrenOf(statement) : [];
      const value = kids[kids.length - 1];
      const literal = value && kids.length >= 3 ? stringLiteral(value, w.window.text) : null;
      if (!literal) return null;
      found = literal.value;
    }
    return found;
  }
}
