// Quick fix on event-without-metric: write the metrics most events want, the way GitLab's CLI
// would (spec §2.6 for key and path, NEW_METRIC_FIELDS for order), ownership copied from the event.
import type { Diagnostic } from '../model';
import type { EventDefinition, MetricDefinition } from '../definitions';
import type { ProjectIndex } from '../projectIndex';
import { eventOfDiagnostic } from './eventOfDiagnostic';
import { guessComment } from '../guessMarker';
import { metricKey } from './metricKey';
import { yamlScalar } from './newEvent';
import type { AuthoringFix, FileExists } from './types';

export interface MetricChoice {
  title: string;
  unique?: string;
  timeFrame: string | string[];
  descriptionPrefix: string;
}

export const UNIQUE_USERS_WEEKLY_MONTHLY: MetricChoice = {
  title: 'Create weekly and monthly unique-users metric',
  unique: 'user.id',
  timeFrame: ['28d', '7d'],
  descriptionPrefix: 'Weekly/Monthly count of unique users',
};

export const TOTAL_ALL_TIME: MetricChoice = {
  title: 'Create all-time total metric',
  timeFrame: 'all',
  descriptionPrefix: 'Total count of',
};

/** The event's product group for a metric copied from it, still marked when it is a guess. */
export function productGroupValue(event: EventDefinition): string {
  if (!event.productGroup) return 'TODO';
  return yamlScalar(event.productGroup) + (event.productGroupGuess ? guessComment(event.productGroupGuess) : '');
}

/** The event's merge request link, reused as the CLI offers to (spec §5, New Metric flow); else TODO. */
export function introducedByUrlValue(event: EventDefinition): string {
  const url = event.introducedByUrl?.trim();
  return url && /^https?:\/\/\S+$/.test(url) ? yamlScalar(url) : 'TODO';
}

function yamlList(key: string, items: string[]): string[] {
  return items.length ? [`${key}:`, ...items.map((i) => `- ${i}`)] : [`${key}: []`];
}

export function buildMetricDefinition(event: EventDefinition & { action: string }, choice: MetricChoice, version: string | undefined): { path: string; text: string } {
  const key = metricKey({ unique: choice.unique, events: [event.action], timeFrame: choice.timeFrame, tiers: event.tiers });
  const what = choice.unique ? `who triggered ${event.action}` : `${event.action} events`;
  const milestone = typeof event.milestone === 'string' ? event.milestone : (version ?? 'TODO');
  const lines = [
    '---',
    `key_path: ${key.keyPath}`,
    `description: ${choice.descriptionPrefix} ${what}`,
    `product_group: ${productGroupValue(event)}`,
    ...(event.productCategories.length ? yamlList('product_categories', event.productCategories) : []),
    'performance_indicator_type: []',
    'value_type: number',
    'status: active',
    `milestone: '${milestone}'`,
    `introduced_by_url: ${introducedByUrlValue(event)}`,
    ...(Array.isArray(choice.timeFrame) ? yamlList('time_frame', choice.timeFrame) : [`time_frame: ${choice.timeFrame}`]),
    'data_source: internal_events',
    'data_category: optional',
    ...yamlList('tiers', event.tiers.length ? event.tiers : ['free', 'premium', 'ultimate']),
    'events:',
    `- name: ${event.action}`,
    ...(choice.unique ? [`  unique: ${choice.unique}`] : []),
  ];
  return { path: key.path, text: lines.join('\n') + '\n' };
}

function sameFrames(m: MetricDefinition, timeFrame: string | string[]): boolean {
  const want = (Array.isArray(timeFrame) ? timeFrame : [timeFrame]).slice().sort().join(',');
  return m.timeFrames.slice().sort().join(',') === want;
}

/** A metric already counting this event alone, over the same time frames, with the same unique. */
export function existingMetric(index: ProjectIndex, event: string, choice: MetricChoice): MetricDefinition | undefined {
  return index
    .metricsCounting(event)
    .find((m) => m.events.length === 1 && m.events[0].name === event && m.events[0].unique === choice.unique && m.events[0].filter.length === 0 && sameFrames(m, choice.timeFrame));
}

export function createMetricFixes(index: ProjectIndex, diagnostic: Diagnostic, exists: FileExists): AuthoringFix[] {
  const found = eventOfDiagnostic(index, diagnostic);
  const action = found?.def.action;
  if (!found || !action) return [];
  const event = { ...found.def, action };
  const choices = [...(event.identifiers.includes('user') ? [UNIQUE_USERS_WEEKLY_MONTHLY] : []), TOTAL_ALL_TIME];
  return choices.map((choice): AuthoringFix => {
    const file = buildMetricDefinition(event, choice, index.version);
    const title = `${choice.title} for '${action}'`;
    const already = existingMetric(index, action, choice);
    if (already) return { title, diagnostic, changes: [], writesFiles: true, disabledReason: `${already.file} already counts this` };
    if (exists(file.path)) return { title, diagnostic, changes: [], writesFiles: true, disabledReason: `${file.path} already exists` };
    return { title, diagnostic, writesFiles: true, changes: [{ kind: 'create', path: file.path, text: file.text }], reveal: { path: file.path, position: { line: 2, character: 'description: '.length } } };
  });
}
