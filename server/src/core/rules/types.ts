// The shapes of a rule. Three kinds, by what they need to see:
// - FileRule: one definition and its parsed YAML; runs once when the file is parsed.
// - IndexRule: one definition and the index; re-runs when a related file changes.
// - CallSiteRule: one tracking call and the index.
import type { CallSite, Diagnostic, DiagnosticCode } from '../model';
import type { EventDefinition, MetricDefinition } from '../definitions';
import type { RangedYaml } from '../definitionYaml/rangedYaml';
import type { InternalEventMarker } from '../internalMarker';

export interface FileCallSite {
  file: string;
  site: CallSite;
}

/** What rules may ask of the index: read-only, answered from maps, never from the disk. */
export interface IndexView {
  /** Non-removed event definitions with this action (internal and legacy). */
  eventsNamed(action: string): EventDefinition[];
  /**
   * The internal event (internal_events: true, or 16.x's category) with this action: what tracking
   * calls and metrics are checked against. Of two with one action, the first in path order.
   */
  internalEvent(action: string): EventDefinition | undefined;
  /** Metrics (removed ones too: GitLab loads them) whose expanded key paths include this one. */
  metricsWithKeyPath(keyPath: string): MetricDefinition[];
  /** Non-removed metrics counting this event. */
  metricsCounting(event: string): MetricDefinition[];
  callSitesOf(event: string): FileCallSite[];
  /** Calls whose name is built at run time from pieces that can make this name (namePattern). */
  possibleCallSitesOf(event: string): FileCallSite[];
  /** Files whose calls could not be read (calls-not-checked) that mention this name. */
  uncheckedFilesMentioning(name: string): string[];
  /** Names in lib/gitlab/usage_data_counters/hll_redis_legacy_events.yml. */
  isLegacyEvent(name: string): boolean;
  removedEventNamed(name: string): EventDefinition | undefined;
  internalEventNames(): Iterable<string>;
  /** How the workspace's event schema marks internal events (internalMarker.ts). */
  internalEventMarker(): InternalEventMarker;
  /** True once every file of the workspace has been read (whole-workspace rules wait for it). */
  readonly fullyIndexed: boolean;
}

/** What a file rule may know beyond the file: facts of the workspace's schemas. */
export interface FileRuleContext {
  /** How this workspace's event schema marks internal events (internalMarker.ts). */
  internalEventMarker: InternalEventMarker;
}

export interface FileRule<D> {
  code: DiagnosticCode;
  check(def: D, yaml: RangedYaml, context: FileRuleContext): Diagnostic[];
}

export interface IndexRule<D> {
  code: DiagnosticCode;
  check(def: D, index: IndexView): Diagnostic[];
}

export interface CallSiteRule {
  code: DiagnosticCode;
  check(site: CallSite, file: string, index: IndexView): Diagnostic[];
}

export type EventFileRule = FileRule<EventDefinition>;
export type MetricFileRule = FileRule<MetricDefinition>;
export type EventIndexRule = IndexRule<EventDefinition>;
export type MetricIndexRule = IndexRule<MetricDefinition>;

