// What GitLab's Analytics Instrumentation reviewers check on a merge request, for the definitions
// it adds, changes or removes: the description, the event name, the key path against the one
// GitLab's CLI derives, the product group, the folder and `ee/` placement, tiers, and how removals
// are done (removed_by_url, milestone_removed, moving events to removed/). Each point is for a
// person to confirm, not a rule: valid definitions can deserve one.
import type { EventDefinition, MetricDefinition } from '../definitions';
import type { ProjectIndex } from '../projectIndex';
import { metricKey } from '../authoring/metricKey';
import { isEeOnly } from '../rules/wrongFolder';
import { isSpecReference } from '../specReferences';
import type { Pair } from './branchChanges';

export interface ReviewPoint {
  file: string;
  /** The event or key path it is about. */
  subject: string;
  message: string;
}

/** Fewer words than this describe too little (GitLab's CLI asks for about ten). */
const MIN_DESCRIPTION_WORDS = 5;
const PLACEHOLDER = /\bTODO\b|\bTBD\b|\bFIXME\b/;

/** Files whose changes GitLab's Danger rules ask reviewers to look at. */
const WATCHED_FILES: Record<string, string> = {
  'lib/gitlab/usage_data_counters/hll_redis_key_overrides.yml': 'a Redis HLL key override changed: existing counts are read from the overridden key',
  'lib/gitlab/usage_data_counters/total_counter_redis_key_overrides.yml': 'a total counter key override changed: existing counts are read from the overridden key',
  'lib/gitlab/usage_data.rb': 'lib/gitlab/usage_data.rb is deprecated for new metrics; define an internal-events metric instead',
};

function descriptionPoint(description: string | undefined, name: string): string | undefined {
  const text = description?.trim() ?? '';
  if (!text) return 'no description: say exactly when this is triggered';
  if (PLACEHOLDER.test(text)) return 'the description is a placeholder';
  const words = text.split(/\s+/).length;
  if (text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') === name) return 'the description only restates the name';
  if (words < MIN_DESCRIPTION_WORDS) return `the description has ${words} word${words === 1 ? '' : 's'}: say exactly when this is triggered (GitLab's CLI asks for about ten)`;
  return undefined;
}

function groupPoint(group: string | undefined): string | undefined {
  if (!group) return 'no product_group: the owning group is what reviewers and the Metrics Dictionary go by';
  return PLACEHOLDER.test(group) ? 'the product_group is a placeholder' : undefined;
}

/** An internal event under ee/ exactly when its tiers exclude free (GitLab's CLI does so). */
function eventFolderPoint(e: EventDefinition): string | undefined {
  if (e.removed || !e.tiers.length) return undefined;
  const underEe = e.file.startsWith('ee/');
  if (isEeOnly(e.tiers) && !underEe) return `tiers [${e.tiers.join(', ')}] exclude free: the definition belongs under ee/config/events/`;
  if (!isEeOnly(e.tiers) && underEe) return 'tiers include free: the definition belongs under config/events/, not ee/';
  return undefined;
}

function addedEventPoints(index: ProjectIndex, e: EventDefinition): string[] {
  const out: string[] = [];
  const name = e.action ?? '';
  if (name && name.split('_').length < 3) out.push(`the name has fewer parts than <operation>_<target>_<where/when>`);
  const calls = name ? index.callSitesOf(name).filter((c) => c.site.refersTo === 'event') : [];
  if (!calls.some((c) => !isSpecReference(c.file, c.site))) out.push('no tracking call in the branch names it yet');
  else if (!calls.some((c) => isSpecReference(c.file, c.site))) out.push('no spec covers it (trigger_internal_events, the internal event tracking shared example, or a Jest assertion)');
  return out;
}

function eventPoints(index: ProjectIndex, p: Pair<EventDefinition>): string[] {
  const e = p.after;
  if (!e) {
    const b = p.before!;
    const name = b.action ?? '';
    const out = [`the definition was deleted: GitLab keeps removed events in ${b.file.startsWith('ee/') ? 'ee/' : ''}config/events/removed/ with status: removed, milestone_removed and removed_by_url`];
    if (name && index.callSitesOf(name).length) out.push(`code still names it (${index.callSitesOf(name).length} place(s))`);
    if (name && index.metricsCounting(name).length) out.push(`metrics still count it: ${index.metricsCounting(name).map((m) => m.keyPath).join(', ')}`);
    return out;
  }
  if (e.removed) {
    const name = e.action ?? '';
    const out: string[] = [];
    if (!p.before?.removed && name && index.callSitesOf(name).length) out.push('moved to removed/ while code still tracks it: remove the tracking code and its specs');
    if (!p.before?.removed && name && index.metricsCounting(name).length) out.push(`moved to removed/ while metrics still count it: ${index.metricsCounting(name).map((m) => m.keyPath).join(', ')}`);
    return out;
  }
  if (!e.internal) return [];
  const name = e.action ?? '';
  const out = [descriptionPoint(e.description, name), groupPoint(e.productGroup), eventFolderPoint(e)].filter((x): x is string => !!x);
  if (!e.tiers.length) out.push('no tiers');
  if (!p.before) out.push(...addedEventPoints(index, e));
  return out;
}

/** The key path GitLab's CLI would write, when the metric is one it could have generated. */
function derivedKeyPath(m: MetricDefinition): string | undefined {
  if (m.dataSource !== 'internal_events' || !m.events.length || m.events.some((e) => !e.name || e.filter.length || e.operator)) return undefined;
  const uniques = new Set(m.events.map((e) => e.unique));
  if (uniques.size !== 1 || !m.timeFrames.length) return undefined;
  const timeFrame = m.timeFrameIsArray ? m.timeFrames : m.timeFrames[0];
  return metricKey({ unique: [...uniques][0], events: m.events.map((e) => e.name!), timeFrame, tiers: m.tiers }).keyPath;
}

function metricPoints(index: ProjectIndex, p: Pair<MetricDefinition>): string[] {
  const m = p.after;
  if (!m) {
    return [`the definition was deleted: GitLab keeps removed metrics in place with status: removed, removed_by_url and milestone_removed (and the data teams are told)`];
  }
  const out: string[] = [];
  if (m.status === 'removed') {
    if (p.before?.status !== 'removed') {
      if (!m.removedByUrl) out.push('status: removed without removed_by_url (and milestone_removed)');
      out.push('a metric removal: tell Customer Success Operations and the data team (reviewers ask for it)');
    }
    return out;
  }
  out.push(...[descriptionPoint(m.description, m.keyPath?.split('.').pop() ?? ''), groupPoint(m.productGroup)].filter((x): x is string => !!x));
  const derived = derivedKeyPath(m);
  if (derived && m.keyPath && derived !== m.keyPath) out.push(`key_path differs from the one GitLab's CLI derives (${derived}): keep it only if it reads better`);
  for (const d of index.diagnostics(m.file)) if (d.code === 'wrong-folder') out.push(d.message);
  const events = m.events.map((e) => (e.name ? index.internalEvent(e.name) : undefined)).filter((e): e is EventDefinition => !!e);
  const eventGroups = [...new Set(events.map((e) => e.productGroup).filter((g): g is string => !!g))];
  if (m.productGroup && eventGroups.length && !eventGroups.includes(m.productGroup)) out.push(`product_group ${m.productGroup} differs from its events' (${eventGroups.join(', ')})`);
  const eventTiers = new Set(events.flatMap((e) => e.tiers));
  const extra = m.tiers.filter((t) => eventTiers.size && !eventTiers.has(t));
  if (extra.length) out.push(`tiers include ${extra.join(', ')}, which none of its events has`);
  if (!p.before && m.dataSource && /^redis/.test(m.dataSource)) out.push(`data_source ${m.dataSource}: new metrics should count internal events (data_source: internal_events)`);
  return out;
}

export function reviewPoints(index: ProjectIndex, pairs: { events: Pair<EventDefinition>[]; metrics: Pair<MetricDefinition>[] }, changedPaths: string[]): ReviewPoint[] {
  const out: ReviewPoint[] = [];
  for (const p of pairs.events) {
    const def = (p.after ?? p.before)!;
    for (const message of eventPoints(index, p)) out.push({ file: def.file, subject: def.action ?? def.file, message });
  }
  for (const p of pairs.metrics) {
    const def = (p.after ?? p.before)!;
    for (const message of metricPoints(index, p)) out.push({ file: def.file, subject: def.keyPath ?? def.file, message });
  }
  for (const file of changedPaths) if (WATCHED_FILES[file]) out.push({ file, subject: file, message: WATCHED_FILES[file] });
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
