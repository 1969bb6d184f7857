// The "New Metric…" command's engine: the metric options GitLab's CLI offers for a set of events
// (spec §5, New Metric flow), and the metric files for the chosen ones (key and path per §2.6,
// field order NEW_METRIC_FIELDS).
import type { EventDefinition, MetricDefinition } from '../definitions';
import type { ProjectIndex } from '../projectIndex';
import { introducedByUrlValue, productGroupValue } from './createMetrics';
import { metricKey } from './metricKey';
import { internalEventNamed, yamlScalar } from './newEvent';
import type { FileExists } from './types';

/** In the order the options are listed; also the order of an array time_frame (as the CLI writes it). */
export const TIME_FRAMES = ['28d', '7d', 'all'];
const TIME_FRAME_WORD: Record<string, string> = { '7d': 'Weekly', '28d': 'Monthly', all: 'Total' };

/** What a metric may count uniquely, and the declaration on the event that makes it possible. */
const UNIQUES: { unique: string; declaredBy: (e: EventDefinition) => boolean; counts: string }[] = [
  { unique: 'user.id', declaredBy: (e) => e.identifiers.includes('user'), counts: 'unique users' },
  { unique: 'project.id', declaredBy: (e) => e.identifiers.includes('project'), counts: 'unique projects' },
  { unique: 'namespace.id', declaredBy: (e) => e.identifiers.includes('namespace'), counts: 'unique namespaces' },
  ...['label', 'property', 'value'].map((p) => ({ unique: p, declaredBy: (e: EventDefinition) => e.properties.has(p), counts: `unique ${p} values` })),
];

export interface MetricOption {
  timeFrame: string;
  /** Absent: a total count. */
  unique?: string;
  label: string;
  keyPath: string;
  path: string;
  /** The file of a metric that already counts the same thing. */
  exists?: string;
}

export interface MetricChoiceRequest {
  timeFrames: string[];
  unique?: string;
  /** The author's part of this metric's description (else the request's, else a default). */
  description?: string;
}

export interface NewMetricsRequest {
  events: string[];
  choices: MetricChoiceRequest[];
  /** The author's part of the description; the CLI's prefix is put in front of it. */
  description?: string;
}

type Event = EventDefinition & { action: string };
export type Resolved<T> = T | { error: string };

function resolveEvents(index: ProjectIndex, names: string[]): Resolved<Event[]> {
  if (names.length === 0) return { error: 'Choose at least one event.' };
  const events: Event[] = [];
  for (const name of new Set(names)) {
    const event = internalEventNamed(index, name);
    if (!event) return { error: `'${name}' is not a defined internal event.` };
    events.push(event);
  }
  return events;
}

/** "Monthly count of unique users", "Weekly/Monthly count of", "Total count of". */
export function descriptionPrefix(timeFrames: string[], unique: string | undefined): string {
  const when = TIME_FRAMES.filter((t) => timeFrames.includes(t)).map((t) => TIME_FRAME_WORD[t]).join('/');
  const what = UNIQUES.find((u) => u.unique === unique)?.counts;
  return `${when} count of${what ? ` ${what}` : ''}`;
}

function sameNames(m: MetricDefinition, events: string[]): boolean {
  const names = m.events.map((e) => e.name ?? '');
  return names.length === events.length && events.every((e) => names.includes(e));
}

/** A metric already counting these events (no filters, same unique) over this time frame. */
function equivalentMetric(index: ProjectIndex, events: string[], timeFrame: string, unique: string | undefined): MetricDefinition | undefined {
  return index
    .metricsCounting(events[0])
    .find((m) => sameNames(m, events) && m.events.every((e) => e.unique === unique && e.filter.length === 0) && m.timeFrames.includes(timeFrame));
}

/** The file already holding a key path this metric would add (its own or one expanded from an array). */
function keyPathTaken(index: ProjectIndex, keyPaths: string[]): string | undefined {
  for (const keyPath of keyPaths) {
    const taken = index.metricsWithKeyPath(keyPath)[0] ?? index.metrics().find((m) => m.expandedKeyPaths.some((k) => k.keyPath === keyPath));
    if (taken) return taken.file;
  }
  return undefined;
}

const EXPANDED_SUFFIX: Record<string, string> = { '7d': '_weekly', '28d': '_monthly', all: '' };

function keyFor(events: Event[], timeFrames: string[], unique: string | undefined) {
  const timeFrame = timeFrames.length === 1 ? timeFrames[0] : TIME_FRAMES.filter((t) => timeFrames.includes(t));
  const key = metricKey({ unique, events: events.map((e) => e.action), timeFrame, tiers: events[0].tiers });
  const effective = Array.isArray(timeFrame) ? timeFrame.map((t) => key.keyPath + EXPANDED_SUFFIX[t]) : [key.keyPath];
  return { ...key, timeFrame, effective };
}

/** Every option for these events: the uniques all of them declare, each over 28d/7d, totals also all-time. */
export function metricOptions(index: ProjectIndex, eventNames: string[]): Resolved<MetricOption[]> {
  const events = resolveEvents(index, eventNames);
  if ('error' in events) return events;
  const names = events.map((e) => e.action);
  const uniques = [undefined, ...UNIQUES.filter((u) => events.every(u.declaredBy)).map((u) => u.unique)];
  const options: MetricOption[] = [];
  for (const unique of uniques) {
    // Unique counts live in Redis HyperLogLogs kept per week and per month: no all-time uniques.
    for (const timeFrame of unique ? ['28d', '7d'] : TIME_FRAMES) {
      const key = keyFor(events, [timeFrame], unique);
      const exists = equivalentMetric(index, names, timeFrame, unique)?.file ?? keyPathTaken(index, key.effective);
      options.push({ timeFrame, unique, label: descriptionPrefix([timeFrame], unique), keyPath: key.keyPath, path: key.path, ...(exists ? { exists } : {}) });
    }
  }
  return options;
}

function yamlList(key: string, items: string[]): string[] {
  return items.length ? [`${key}:`, ...items.map((i) => `- ${yamlScalar(i)}`)] : [`${key}: []`];
}

const IDENTIFIER_UNIQUES = UNIQUES.filter((u) => u.unique.endsWith('.id'));

/**
 * Why unique counts of users, projects or namespaces are not offered: the events do not declare
 * the identifier (so the call never sends it). Shown where those options would be.
 */
export function missingUniqueReasons(index: ProjectIndex, eventNames: string[]): string[] {
  const events = resolveEvents(index, eventNames);
  if ('error' in events) return [];
  const out: string[] = [];
  for (const event of events) {
    const missing = IDENTIFIER_UNIQUES.filter((u) => !u.declaredBy(event)).map((u) => u.unique.split('.')[0]);
    if (missing.length === 0) continue;
    const what = missing.length === IDENTIFIER_UNIQUES.length ? 'declares no identifiers' : `does not declare ${missing.map((m) => `'${m}'`).join(' or ')} in identifiers`;
    const plural = missing.map((m) => `${m}s`);
    const counted = plural.length === 1 ? plural[0] : `${plural.slice(0, -1).join(', ')} and ${plural[plural.length - 1]}`;
    out.push(`Unique ${counted} cannot be counted: '${event.action}' ${what}.`);
  }
  return out;
}

/** A total count counts every event: a description promising unique users would mislead. */
function descriptionProblem(choice: MetricChoiceRequest, description: string | undefined): string | undefined {
  if (choice.unique || !description || !/\bunique\b|\bdistinct\b/i.test(description)) return undefined;
  return `A total count counts every event, not unique ones: its description must not say '${/\bdistinct\b/i.test(description) ? 'distinct' : 'unique'}'.`;
}

function defaultDescription(names: string[], unique: string | undefined): string {
  const list = names.join(' or ');
  if (unique === 'user.id') return `who triggered ${list}`;
  return unique ? `from ${list} events` : `${list} events`;
}

function metricText(events: Event[], choice: MetricChoiceRequest, keyPath: string, timeFrame: string | string[], description: string | undefined, version: string | undefined): string {
  const first = events[0];
  const milestone = typeof first.milestone === 'string' ? first.milestone : (version ?? 'TODO');
  const lines = [
    '---',
    `key_path: ${keyPath}`,
    `description: ${yamlScalar(`${descriptionPrefix(choice.timeFrames, choice.unique)} ${description || defaultDescription(events.map((e) => e.action), choice.unique)}`)}`,
    `product_group: ${productGroupValue(first)}`,
    ...(first.productCategories.length ? yamlList('product_categories', first.productCategories) : []),
    'performance_indicator_type: []',
    'value_type: number',
    'status: active',
    `milestone: '${milestone}'`,
    `introduced_by_url: ${introducedByUrlValue(first)}`,
    ...(Array.isArray(timeFrame) ? yamlList('time_frame', timeFrame) : [`time_frame: ${timeFrame}`]),
    'data_source: internal_events',
    'data_category: optional',
    ...yamlList('tiers', first.tiers.length ? first.tiers : ['free', 'premium', 'ultimate']),
    'events:',
    ...events.flatMap((e) => [`- name: ${e.action}`, ...(choice.unique ? [`  unique: ${choice.unique}`] : [])]),
  ];
  return lines.join('\n') + '\n';
}

function choiceProblem(events: Event[], choice: MetricChoiceRequest): string | undefined {
  if (choice.timeFrames.length === 0) return 'Choose at least one time frame.';
  const unknown = choice.timeFrames.find((t) => !TIME_FRAMES.includes(t));
  if (unknown) return `Unknown time frame '${unknown}' (expected ${TIME_FRAMES.join(', ')}).`;
  if (choice.unique === undefined) return undefined;
  const unique = UNIQUES.find((u) => u.unique === choice.unique);
  if (!unique) return `Unknown unique '${choice.unique}'.`;
  if (choice.timeFrames.includes('all')) return 'Unique counts exist only weekly (7d) and monthly (28d).';
  const undeclared = events.find((e) => !unique.declaredBy(e));
  return undeclared ? `'${undeclared.action}' does not declare what '${choice.unique}' needs.` : undefined;
}

/**
 * One metric file per choice (a choice with several time frames becomes one metric with an array
 * time_frame, as the CLI merges options that differ only by time frame). Refuses when any of them
 * already exists, so the author never gets half of a selection.
 */
export function buildNewMetrics(index: ProjectIndex, request: NewMetricsRequest, exists: FileExists = () => false): Resolved<{ path: string; text: string }[]> {
  const events = resolveEvents(index, request.events);
  if ('error' in events) return events;
  const names = events.map((e) => e.action);
  if (request.choices.length === 0) return { error: 'Choose at least one metric.' };
  const files: { path: string; text: string }[] = [];
  for (const choice of request.choices) {
    const description = (choice.description ?? request.description)?.trim() || undefined;
    const problem = choiceProblem(events, choice) ?? descriptionProblem(choice, description);
    if (problem) return { error: problem };
    const key = keyFor(events, [...new Set(choice.timeFrames)], choice.unique);
    for (const timeFrame of choice.timeFrames) {
      const equivalent = equivalentMetric(index, names, timeFrame, choice.unique);
      if (equivalent) return { error: `${equivalent.file} already counts this (${descriptionPrefix([timeFrame], choice.unique).toLowerCase()}).` };
    }
    const taken = keyPathTaken(index, key.effective);
    if (taken) return { error: `${taken} already uses the key path ${key.keyPath}.` };
    if (exists(key.path) || files.some((f) => f.path === key.path)) return { error: `${key.path} already exists.` };
    files.push({ path: key.path, text: metricText(events, choice, key.keyPath, key.timeFrame, description, index.version) });
  }
  return files;
}
