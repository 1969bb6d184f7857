// Ruby call sites (spec §4.1, §4.2, §4.7), read from Prism's syntax tree so that comments,
// strings, heredocs and =begin blocks never count, and half-typed code still yields what the
// parser recovered. One top-down walk collects constants, calls and RSpec groups; names are
// resolved afterwards, once every constant of the file is known.
import {
  BlockNode,
  CallNode,
  ClassNode,
  ConstantPathWriteNode,
  ConstantWriteNode,
  DefNode,
  HashNode,
  KeywordHashNode,
  LocalVariableReadNode,
  ModuleNode,
  ProgramNode,
  SymbolNode,
} from '@ruby/prism/src/nodes.js';
import type { CallSite, CallSiteKind, CallSiteScan } from '../../model';
import { PrismFailure, initPrism, parseRuby } from './prism';
import { SourceRanges, constantPathName, nameBranches, isSelfCall, keywordValue, positionalArguments, singleAssignment } from './nodes';
import type { Nesting, Node } from './nodes';
import { ConstantTable, eventNameOf, type EventName } from './names';
import { argumentsRange, readCallArguments, type KeywordOptions } from './arguments';
import { RspecCollector } from './rspec';
import { TokenFilter } from './tokenFilter';
import type { SpecGroup } from './specGroups';
import { nameArgument, nameParameter, type Wrapper } from './wrappers';
import { VIEW_HELPER_FILE, dataAttributeArguments, dataAttributeOf } from './dataHash';

/** Loads Prism once; safe to call repeatedly. Without it findRubyCallSites finds nothing. */
export function initRubyParser(): Promise<void> {
  return initPrism();
}

const INTERNAL_EVENTS_RECEIVERS: ReadonlySet<string> = new Set(['Gitlab::InternalEvents', 'InternalEvents']);
/** Grape endpoints get the `track_event` helper; elsewhere a bare track_event is something else. */
const API_PATH = /^(ee\/)?lib\/api\//;
/** The API helper takes ids rather than records. */
const API_IDENTIFIER_ALIASES: Readonly<Record<string, string>> = { project_id: 'project', namespace_id: 'namespace' };

/** One node still to visit, with the lexical context it sits in. */
interface Frame {
  node: Node;
  nesting: Nesting;
  group: SpecGroup;
  /** The method the node is in, for its local variables. */
  method: DefNode | null;
}

/** Never throws: on any failure it returns the sites found so far. */
export function findRubyCallSites(text: string, relPath: string): CallSiteScan {
  const scan: CallSiteScan = { callSites: [], parseErrors: 0 };
  try {
    const parsed = parseRuby(text);
    if (!parsed) return scan;
    scan.parseErrors = parsed.errors.length;
    const scanner = new RubyScanner(text, relPath.replace(/\\/g, '/'));
    try {
      scanner.walk(parsed.value, new TokenFilter(text, scanner.ranges));
      // Calls to the file's wrapper methods, now that they are known.
      const wrappers = scanner.wrapperNames();
      if (wrappers.length) scanner.walk(parsed.value, new TokenFilter(text, scanner.ranges, wrappers), true);
    } finally {
      scan.callSites = scanner.finish();
    }
  } catch (err) {
    // Prism gave up on this text (see parseRuby): report it as a parse error, not as "no sites".
    if (err instanceof PrismFailure) {
      scan.parseErrors = Math.max(scan.parseErrors, 1);
      scan.gaveUp = { offset: err.offset, message: err.message };
    }
    // Anything else is a bug in the walk; it must not take the server down: keep what was found.
  }
  return scan;
}

/**
 * The string constants a Ruby file assigns, by full name (`Gitlab::Foo::EVENT` → 'e'): what a
 * constant used in another file can resolve to. Empty when the file does not parse.
 */
export function findRubyConstants(text: string): Map<string, string> {
  try {
    const parsed = parseRuby(text);
    if (!parsed) return new Map();
    const scanner = new RubyScanner(text, '');
    scanner.walk(parsed.value, new TokenFilter(text, scanner.ranges));
    return scanner.constants.strings();
  } catch {
    return new Map();
  }
}

/**
 * The methods of a view helper file (app/helpers) that put one of their keyword parameters in a
 * data hash as the event name, with those keywords. Empty when the file does not parse.
 */
export function findRubyHelperPassThroughs(text: string, relPath: string): Map<string, Set<string>> {
  try {
    const parsed = parseRuby(text);
    if (!parsed) return new Map();
    const scanner = new RubyScanner(text, relPath);
    scanner.walk(parsed.value, new TokenFilter(text, scanner.ranges));
    return scanner.helperKeywords;
  } catch {
    return new Map();
  }
}

class RubyScanner {
  readonly ranges: SourceRanges;
  readonly constants = new ConstantTable();
  private readonly rspec: RspecCollector;
  /** Application-code sites, built once constants are known. */
  private readonly pending: Array<() => CallSite | null> = [];

  /** View helper methods passing a keyword parameter on as a data attribute's event name. */
  readonly helperKeywords = new Map<string, Set<string>>();

  constructor(
    private readonly text: string,
    private readonly relPath: string,
  ) {
    this.ranges = new SourceRanges(text);
    this.rspec = new RspecCollector(this.constants, this.ranges);
  }

  /** Methods of the file that pass a parameter on as the event name, by name. */
  private readonly wrappers = new Map<string, Wrapper>();

  /** Calls the first walk read as tracking calls (a second look at them would count them twice). */
  private readonly tracked = new Set<CallNode>();

  wrapperNames(): string[] {
    return [...this.wrappers.keys()];
  }

  /**
   * Iterative, because generated or pathological files can nest deeper than the JS stack.
   * `wrapperCalls`: the second walk, which only looks for calls to the wrapper methods.
   */
  walk(program: Node, filter: TokenFilter, wrapperCalls = false): void {
    if (program instanceof ProgramNode) this.rspec.root.scope = program;
    const stack: Frame[] = [{ node: program, nesting: [], group: this.rspec.root, method: null }];
    while (stack.length) {
      const { node, nesting, group, method } = stack.pop() as Frame;
      const innerMethod = node instanceof DefNode ? node : method;
      let innerNesting = nesting;
      if (node instanceof ClassNode || node instanceof ModuleNode) {
        innerNesting = enterNamespace(nesting, constantPathName(node.constantPath));
      } else if (wrapperCalls) {
        if (node instanceof CallNode) this.visitWrapperCall(node, nesting, method);
      } else if (node instanceof ConstantWriteNode) {
        this.constants.define(qualify(nesting, node.name), node.value, nesting);
      } else if (node instanceof ConstantPathWriteNode) {
        const path = constantPathName(node.target);
        if (path) this.constants.define(path.startsWith('::') ? path : qualify(nesting, path), node.value, nesting);
      } else if (node instanceof CallNode) {
        this.visitCall(node, nesting, group, method);
      } else if (node instanceof HashNode || node instanceof KeywordHashNode) {
        this.visitHash(node, nesting, method);
      }
      const children = node.compactChildNodes();
      // Pushed in reverse so that siblings are visited in source order.
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (!filter.mayContain(child)) continue;
        const childGroup =
          !wrapperCalls && node instanceof CallNode && child === node.block && child instanceof BlockNode
            ? this.rspec.groupForBlock(group, node)
            : group;
        stack.push({ node: child, nesting: innerNesting, group: childGroup, method: innerMethod });
      }
    }
  }

  /** Every site found, in source order; a site that fails to build is skipped, not fatal. */
  finish(): CallSite[] {
    const sites: CallSite[] = [];
    for (const make of this.pending) {
      try {
        const site = make();
        if (site) sites.push(site);
      } catch {
        // skip this one site
      }
    }
    try {
      sites.push(...this.rspec.finish());
    } catch {
      // keep the application-code sites
    }
    return sites.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  }

  /**
   * A hash carrying a data-event-tracking attribute. In a view helper whose keyword parameter is
   * the name (`def restore_button(tracking_event:) … data: { event_tracking: tracking_event }`)
   * it is not a call of its own: the templates calling the helper name the event (haml/calls.ts).
   */
  private visitHash(hash: HashNode | KeywordHashNode, nesting: Nesting, method: DefNode | null): void {
    const attribute = dataAttributeOf(hash);
    if (!attribute) return;
    const parameter = method && attribute.name instanceof LocalVariableReadNode ? nameParameter(method, attribute.name.name) : null;
    if (method && parameter && 'keyword' in parameter && VIEW_HELPER_FILE.test(this.relPath)) {
      const keywords = this.helperKeywords.get(method.name) ?? new Set<string>();
      this.helperKeywords.set(method.name, keywords.add(parameter.keyword));
      return;
    }
    for (const source of this.nameSources(attribute.name, method)) {
      this.pending.push(() => ({
        ...this.nameOf(source, nesting),
        kind: 'ruby.data_attribute',
        refersTo: 'event',
        ...dataAttributeArguments(attribute, this.text, nesting, this.constants, this.ranges),
      }));
    }
  }

  private visitCall(call: CallNode, nesting: Nesting, group: SpecGroup, method: DefNode | null): void {
    switch (call.name) {
      case 'track_internal_event':
        if (!isSelfCall(call)) return;
        if (isControllerMacro(call)) this.addControllerMacro(call, nesting);
        else {
          this.addTrackingCall(call, nesting, method, 'ruby.track_internal_event', {
            positional: 1,
            topLevelBaseProperties: true,
          });
        }
        return;
      case 'track_event':
        if (INTERNAL_EVENTS_RECEIVERS.has(constantPathName(call.receiver)?.replace(/^::/, '') ?? '')) {
          this.addTrackingCall(call, nesting, method, 'ruby.internal_events_track_event', {
            positional: 1,
            topLevelBaseProperties: true,
          });
        } else if (isSelfCall(call) && API_PATH.test(this.relPath)) {
          this.addTrackingCall(call, nesting, method, 'ruby.api_track_event', {
            positional: 1,
            identifierAliases: API_IDENTIFIER_ALIASES,
          });
        }
        return;
      default:
        this.rspec.visitCall(call, nesting, group, method);
    }
  }

  private addTrackingCall(call: CallNode, nesting: Nesting, method: DefNode | null, kind: CallSiteKind, options: KeywordOptions): void {
    const nameNode = positionalArguments(call)[0];
    // `track_internal_event()` or `track_internal_event(user: u)`: no name written yet.
    if (!nameNode) return;
    this.tracked.add(call);
    // The name is a parameter of the method around: a wrapper, whose callers name the events.
    const parameter = method && nameNode instanceof LocalVariableReadNode ? nameParameter(method, nameNode.name) : null;
    if (method && parameter && !this.wrappers.has(method.name)) {
      this.wrappers.set(method.name, { name: method.name, parameter, inner: call, kind, options, nesting });
    }
    // A ternary name gives a site per branch, sharing the call's arguments.
    for (const source of this.nameSources(nameNode, method)) {
      this.pending.push(() => {
        // The file defines its own track_internal_event(...): its calls go through that wrapper.
        const wrapper = this.wrappers.get(call.name);
        if (wrapper && wrapper.inner !== call) return this.wrapperSite(wrapper, source, nesting);
        return { ...this.nameOf(source, nesting), kind, refersTo: 'event', ...readCallArguments(call, options, nesting, this.constants, this.ranges) };
      });
    }
  }

  /** A call to a wrapper method of the file (second walk). */
  private visitWrapperCall(call: CallNode, nesting: Nesting, method: DefNode | null): void {
    const wrapper = this.wrappers.get(call.name);
    const nameNode = wrapper ? nameArgument(call, wrapper.parameter) : null;
    if (!wrapper || !nameNode || this.tracked.has(call)) return;
    for (const source of this.nameSources(nameNode, method)) this.pending.push(() => this.wrapperSite(wrapper, source, nesting));
  }

  /**
   * A site for one call to a wrapper: the name from the call, the identifiers and properties from
   * the tracking call inside the wrapper (what every call to it passes on).
   */
  private wrapperSite(wrapper: Wrapper, source: { node: Node; at?: Node }, nesting: Nesting): CallSite {
    const { argsRange: _inner, propertiesRange: _innerHash, ...passed } = readCallArguments(wrapper.inner, wrapper.options, wrapper.nesting, this.constants, this.ranges);
    return { ...this.nameOf(source, nesting), kind: wrapper.kind, refersTo: 'event', ...passed };
  }

  /**
   * The expressions a call's name argument may take, each with the node whose range the site
   * gets: ternary branches, and through a local variable the method assigns once
   * (`event = on ? 'enable_x' : 'disable_x'`) that value's branches, reported at the variable,
   * as a constant is.
   */
  private nameSources(nameNode: Node, method: DefNode | null): Array<{ node: Node; at?: Node }> {
    return nameBranches(nameNode).flatMap((branch) => {
      const assigned = method && branch instanceof LocalVariableReadNode ? singleAssignment(method.body, branch.name) : null;
      return assigned ? nameBranches(assigned).map((node) => ({ node, at: branch })) : [{ node: branch }];
    });
  }

  private nameOf(source: { node: Node; at?: Node }, nesting: Nesting): EventName {
    const name = eventNameOf(source.node, nesting, this.constants, this.ranges);
    if (!source.at) return name;
    const { nameRange: _literalInAssignment, ...rest } = name;
    return { ...rest, range: this.ranges.of(source.at.location) };
  }

  /**
   * `track_internal_event :index, :show, name: 'e'` in a controller. The controller supplies
   * user/project/namespace through tracking_*_source methods, so identifiers cannot be read
   * from the call: reported as opaque.
   */
  private addControllerMacro(call: CallNode, nesting: Nesting): void {
    const nameNode = keywordValue(call, 'name');
    if (!nameNode) return;
    this.pending.push(() => ({
      ...eventNameOf(nameNode, nesting, this.constants, this.ranges),
      kind: 'ruby.controller_macro',
      refersTo: 'event',
      identifiers: [],
      properties: [],
      argsOpaque: true,
      argsRange: argumentsRange(call, this.ranges),
    }));
  }
}

/** The macro form: controller actions as symbols, the event in `name:`. */
function isControllerMacro(call: CallNode): boolean {
  return positionalArguments(call)[0] instanceof SymbolNode && keywordValue(call, 'name') !== null;
}

function qualify(nesting: Nesting, name: string): string {
  return nesting.length ? `${nesting[nesting.length - 1]}::${name}` : name;
}

function enterNamespace(nesting: Nesting, name: string | null): Nesting {
  // `class self::Foo` or other computed paths: constants inside cannot be addressed reliably.
  if (name === null) return [...nesting, '?'];
  return [...nesting, name.startsWith('::') ? name.slice(2) : qualify(nesting, name)];
}
