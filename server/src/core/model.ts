// The vocabulary every layer shares. Plain data, no LSP imports: positions are 0-based lines and
// UTF-16 columns (the same convention as LSP, so the server converts nothing).

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable codes shown in the editor and in every CLI format. */
export type DiagnosticCode =
  // definitions (issue 2)
  | 'yaml-syntax'
  | 'schema'
  | 'duplicate-action'
  | 'category-on-internal-event'
  | 'legacy-internal-marker'
  | 'unknown-metric-event'
  | 'duplicate-key-path'
  | 'unique-not-declared'
  | 'unknown-filter-property'
  | 'mixed-unique-total'
  | 'milestone-not-string'
  | 'placeholder'
  | 'wrong-folder'
  | 'filename-mismatch'
  | 'guessed-product-group'
  | 'file-unreadable'
  // a source file whose calls could not be read (over the nesting budget, the parser gave up)
  | 'calls-not-checked'
  // code (issue 3)
  | 'unknown-event'
  | 'undeclared-property'
  | 'property-type'
  | 'missing-identifier'
  | 'undeclared-base-property'
  | 'unused-event'
  | 'event-without-metric'
  // received events (the event monitor)
  | 'duplicate-event-id'
  | 'bad-payload';

export interface Diagnostic {
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** Machine-readable facts for quick fixes (e.g. the suggested name, the event name). */
  data?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Tracking calls found in source code.

/** Which syntactic form a call site was found in (shown in the CLI's JSON as `kind`). */
export type CallSiteKind =
  | 'ruby.track_internal_event' // track_internal_event('e', ...)
  | 'ruby.internal_events_track_event' // Gitlab::InternalEvents.track_event('e', ...)
  | 'ruby.controller_macro' // track_internal_event :index, name: 'e'
  | 'ruby.api_track_event' // track_event('e', ...) under lib/api/
  | 'rspec.trigger_internal_events' // trigger_internal_events('a', 'b') / not_trigger_internal_events
  | 'rspec.shared_example' // let(:event) { 'e' } + it_behaves_like 'internal event tracking'
  | 'rspec.increment_usage_metrics' // increment_usage_metrics('key.path') (refers to a metric)
  | 'js.internal_events_track_event' // InternalEvents.trackEvent('e', {...})
  | 'js.mixin_track_event' // this.trackEvent('e') / template trackEvent('e') with InternalEvents.mixin()
  | 'js.data_attribute' // data-event-tracking="e" / 'data-event-tracking': 'e'
  | 'jest.track_event_spy' // expect(trackEventSpy).toHaveBeenCalledWith('e', {...})
  | 'haml.data_attribute' // data: { event_tracking: 'e' } / 'data-event-tracking' => 'e'
  | 'haml.partial_local' // render 'shared/x', tracking_event: 'e' (the partial puts it in a data hash)
  | 'haml.helper_argument' // restore_button(tracking_event: 'e') (an app/helpers method puts it in a data hash)
  | 'ruby.data_attribute' // data: { event_tracking: 'e' } in Ruby view code (helpers, components)
  | 'python.internal_events_client' // internal_event_client.track_event('e', ...) on an InternalEventsClient
  | 'pytest.track_event_assertion' // client.track_event.assert_called_once_with('e', ...)
  | 'rest.track_event' // POST /api/v4/usage_data/track_event(s) with {"event": "e"} (any language)
  | 'custom' // a form configured in settings
  | 'monitor.received'; // an event the event monitor received at run time (no place in a file)

export type LiteralType = 'string' | 'number' | 'boolean' | 'nil' | 'other' | 'dynamic';

/** One key passed in a call's additional properties (label/property/value or a custom key). */
export interface PropertyArg {
  key: string;
  /** Range of the key itself (for diagnostics). */
  range: Range;
  /** Type of the value when written as a literal; 'dynamic' for a variable or expression. */
  valueType: LiteralType;
}

export interface CallSite {
  /** The event name (or metric key path when refersTo is 'metric'); null when dynamic. */
  event: string | null;
  dynamic: boolean;
  kind: CallSiteKind;
  refersTo: 'event' | 'metric';
  /** Range of the event-name argument at the call (for a constant: the constant reference). */
  range: Range;
  /**
   * Range of the string's contents, quotes excluded, when the name is a literal written at the
   * call (what completion replaces and rename edits). Absent for constants and dynamic names.
   */
  nameRange?: Range;
  /** Identifier keywords passed: 'user', 'project', 'namespace', 'feature_enabled_by_namespace_ids'. */
  identifiers: string[];
  /** Additional properties passed as literal keys. */
  properties: PropertyArg[];
  /**
   * True when the properties cannot be known statically (a variable, a splat, a spread), so
   * property and identifier checks must not fire.
   */
  argsOpaque: boolean;
  /** The whole argument list (or attribute hash), for identifier-keyword completion. */
  argsRange?: Range;
  /** The additional-properties object/hash literal, for property-key completion. */
  propertiesRange?: Range;
  /**
   * Set when the name is a constant imported from another module (JS/TS/Vue). The finder sees one
   * file only, so it leaves the site dynamic; the project index reads the module and fills in
   * `event` (see importedConstants.ts).
   */
  importedConstant?: ImportedConstant;
  /**
   * For a name built at run time from literal pieces (`"click_#{kind}"`, `` `view_${page}` ``):
   * the name with `*` for each run-time part (namePatterns.ts). Absent when the pieces say too
   * little.
   */
  namePattern?: string;
  /** Set when the name is a Ruby constant defined in another file; the index resolves it. */
  rubyConstant?: RubyConstantRef;
  /**
   * Set when the name is a literal handed to a partial or a view helper, which is what puts it in
   * a data hash: the finder cannot see that file, so the index checks it (passedOnNames.ts) and
   * keeps the site only if the partial or helper passes the value on as the event name.
   */
  passedOn?: PassedOnName;
  /**
   * Where the name is used through a let or a local when the site is the literal it was followed
   * to (`trigger_internal_events(event_name)`, `*events`): hover, go-to-definition and references
   * answer there too.
   */
  usedAt?: Range[];
}

/** `render 'shared/x', tracking_event: 'e'` or `restore_button(tracking_event: 'e')`, as the index resolves it. */
export interface PassedOnName {
  /** The name written at the call: what the site names once the index confirms it. */
  value: string;
  via: 'partial' | 'helper';
  /** The local (`tracking_event`) or keyword the value is passed as. */
  name: string;
  /** Partial: the files Rails may render for it, in lookup order. */
  partialFiles?: string[];
  /** Helper: the method called. */
  method?: string;
  /** Set by the index: the partial or helper file that passes the value on. */
  target?: string;
}

/**
 * A Ruby constant the file does not define (`Gitlab::Foo::EVENT`, `EVENT` from a parent class):
 * its name as written and the lexical nesting it was written in, for the index to look up in
 * the file Rails' autoloader would load it from.
 */
export interface RubyConstantRef {
  name: string;
  /** Full names of the enclosing classes/modules, outermost first. */
  nesting: string[];
  /** For an element of a hash constant (`EVENTS[:create]`): the key as written, `:create` or `"create"`. */
  key?: string;
}

/** `import { TRACKING } from '~/x/constants'` then `TRACKING.CLICK`: specifier and ['TRACKING', 'CLICK']. */
export interface ImportedConstant {
  /** The module specifier as written in the import. */
  specifier: string;
  /** The exported name, then property names into an exported object. */
  path: string[];
}

/** What a call-site finder returns for one file. */
export interface CallSiteScan {
  callSites: CallSite[];
  /** Parse errors the parser recovered from (informational; never fatal). */
  parseErrors: number;
  /**
   * Set when the file could not be read for calls at all (nested over the budget, or the parser
   * gave up): the sites are then missing, not absent. Offset in the text, and words for people.
   */
  gaveUp?: { offset: number; message: string };
}

/** A call form configured in settings, for services outside the monolith. */
export interface CustomCallForm {
  /** File extensions it applies to, e.g. [".py"]; matched by a language-agnostic scanner. */
  extensions: string[];
  /** Receiver name, e.g. "InternalEventsClient"; empty or absent for a bare call. */
  receiver?: string;
  method: string;
  /** 0-based position of the event-name argument. */
  argumentIndex: number;
}
