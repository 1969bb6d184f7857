// Event and metric definitions as the rest of the engine sees them: typed facts read from a
// parsed definition (RangedYaml), each with the source range of the keys and values rules point at.
import type { Range } from './model';
import type { RangedYaml } from './definitionYaml/rangedYaml';
import { productGroupGuess } from './guessMarker';
import { internalMarking } from './internalMarker';

// Definitions keep facts and ranges only, not the parsed document: thousands of YAML trees would
// cost hundreds of MB, and rules that need the document run once, when the file is parsed.

export interface EventDefinition {
  kind: 'event';
  file: string;
  /** Under a removed/ folder: known as removed, never schema-validated. */
  removed: boolean;
  action?: string;
  actionRange?: Range;
  /** An internal event: `internal_events: true`, or 16.x's `category: InternalEventTracking`. */
  internal: boolean;
  /** Internal through 16.x's category alone (no `internal_events` key): see internalMarker.ts. */
  internalByCategory: boolean;
  category?: string;
  description?: string;
  identifiers: string[];
  /** Declared additional property keys (label, property, value and custom ones) with descriptions. */
  properties: Map<string, string | undefined>;
  productGroup?: string;
  /** Why the product group is a guess, when the file marks it as one (guessMarker.ts). */
  productGroupGuess?: string;
  productCategories: string[];
  tiers: string[];
  milestone?: unknown;
  introducedByUrl?: string;
}

export interface MetricEventRule {
  index: number;
  name?: string;
  nameRange?: Range;
  unique?: string;
  uniqueRange?: Range;
  /** `filter:` entries: the property and the exact value it must have (what the monitor matches). */
  filter: { key: string; range: Range; value: unknown }[];
  operator?: string;
}

export interface MetricDefinition {
  kind: 'metric';
  file: string;
  keyPath?: string;
  keyPathRange?: Range;
  /** time_frame as a list (one element for the string form). */
  timeFrames: string[];
  timeFrameIsArray: boolean;
  /** key paths after array time_frame expansion (spec §2.5), each with its time frame. */
  expandedKeyPaths: { keyPath: string; timeFrame: string }[];
  dataSource?: string;
  status?: string;
  /** Set on removed metrics (GitLab's schema and Danger require it with `milestone_removed`). */
  removedByUrl?: string;
  description?: string;
  productGroup?: string;
  productCategories: string[];
  tiers: string[];
  milestone?: unknown;
  events: MetricEventRule[];
}

export type Definition = EventDefinition | MetricDefinition;

const TIME_FRAME_SUFFIX: Record<string, string> = { '7d': '_weekly', '28d': '_monthly', all: '' };

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function readEvent(file: string, yaml: RangedYaml, removed: boolean): EventDefinition {
  const v = obj(yaml.value);
  const props = new Map<string, string | undefined>();
  for (const [k, desc] of Object.entries(obj(v.additional_properties))) props.set(k, str(obj(desc).description));
  const action = str(v.action);
  const category = str(v.category);
  const marking = internalMarking(v.internal_events, category);
  return {
    kind: 'event',
    file,
    removed,
    action,
    actionRange: action !== undefined ? yaml.valueRange(['action']) : undefined,
    internal: marking !== null,
    internalByCategory: marking === 'category',
    category,
    description: str(v.description),
    identifiers: strings(v.identifiers),
    properties: props,
    productGroup: str(v.product_group),
    ...guessOf(yaml),
    productCategories: strings(v.product_categories),
    tiers: strings(v.tiers),
    milestone: v.milestone,
    introducedByUrl: str(v.introduced_by_url),
  };
}

function guessOf(yaml: RangedYaml): { productGroupGuess?: string } {
  const reason = productGroupGuess(yaml)?.reason;
  return reason ? { productGroupGuess: reason } : {};
}

export function readMetric(file: string, yaml: RangedYaml): MetricDefinition {
  const v = obj(yaml.value);
  const keyPath = str(v.key_path);
  const tf = v.time_frame;
  const timeFrameIsArray = Array.isArray(tf);
  const timeFrames = timeFrameIsArray ? strings(tf) : typeof tf === 'string' ? [tf] : [];
  const expandedKeyPaths =
    keyPath === undefined
      ? []
      : timeFrameIsArray
        ? timeFrames.map((t) => ({ keyPath: keyPath + (TIME_FRAME_SUFFIX[t] ?? ''), timeFrame: t }))
        : [{ keyPath, timeFrame: timeFrames[0] ?? '' }];
  const events: MetricEventRule[] = [];
  if (Array.isArray(v.events)) {
    v.events.forEach((raw, index) => {
      const e = obj(raw);
      const name = str(e.name);
      const unique = str(e.unique);
      events.push({
        index,
        name,
        nameRange: name !== undefined ? yaml.valueRange(['events', index, 'name']) : undefined,
        unique,
        uniqueRange: unique !== undefined ? yaml.valueRange(['events', index, 'unique']) : undefined,
        filter: Object.entries(obj(e.filter)).map(([key, value]) => ({ key, range: yaml.keyRange(['events', index, 'filter', key])!, value })),
        operator: str(e.operator),
      });
    });
  }
  return {
    kind: 'metric',
    file,
    keyPath,
    keyPathRange: keyPath !== undefined ? yaml.valueRange(['key_path']) : undefined,
    timeFrames,
    timeFrameIsArray,
    expandedKeyPaths,
    dataSource: str(v.data_source),
    status: str(v.status),
    removedByUrl: str(v.removed_by_url),
    description: str(v.description),
    productGroup: str(v.product_group),
    productCategories: strings(v.product_categories),
    tiers: strings(v.tiers),
    milestone: v.milestone,
    events,
  };
}

/** Event names a metric counts (internal-events metrics and redis_hll `options.events`). */
export function metricEventNames(m: MetricDefinition): string[] {
  return m.events.map((e) => e.name).filter((n): n is string => n !== undefined);
}

/** "count_distinct_user_id_from_x_weekly (7d)" style label for hovers and lenses. */
export function timeFrameLabel(tf: string): string {
  return tf === '7d' ? 'weekly' : tf === '28d' ? 'monthly' : tf === 'all' ? 'all time' : tf || 'no time frame';
}
