// T6: a unique metric on user/project/namespace is only incremented when the call passes that
// keyword. Frontend calls take ids from the page, so only backend Ruby forms are checked.
import type { Diagnostic } from '../model';
import type { CallSiteRule } from './types';

const BACKEND_KINDS = new Set(['ruby.track_internal_event', 'ruby.internal_events_track_event', 'ruby.api_track_event']);

function passes(identifiers: string[], wanted: string): boolean {
  // The API helper takes namespace_id:/project_id:, and a project implies its namespace (T7).
  const has = (x: string) => identifiers.includes(x) || identifiers.includes(`${x}_id`);
  return has(wanted) || (wanted === 'namespace' && has('project'));
}

/** How many metric key paths a message names before "and N more" (data.metrics has them all). */
const LISTED_METRICS = 3;

function metricList(keyPaths: string[]): string {
  const listed = keyPaths.slice(0, LISTED_METRICS).map((k) => `'${k}'`).join(', ');
  return keyPaths.length > LISTED_METRICS ? `${listed} and ${keyPaths.length - LISTED_METRICS} more` : listed;
}

export const missingIdentifier: CallSiteRule = {
  code: 'missing-identifier',
  check(site, _file, index) {
    if (!site.event || site.argsOpaque || !BACKEND_KINDS.has(site.kind)) return [];
    // Every metric that misses each identifier: the author should know all that stay at zero.
    const missing = new Map<string, { unique: string; metrics: string[] }>();
    for (const metric of index.metricsCounting(site.event)) {
      for (const rule of metric.events) {
        if (rule.name !== site.event || !rule.unique || !rule.unique.endsWith('.id')) continue;
        const identifier = rule.unique.split('.')[0];
        if (passes(site.identifiers, identifier)) continue;
        const entry = missing.get(identifier) ?? { unique: rule.unique, metrics: [] };
        const keyPath = metric.keyPath ?? metric.file;
        if (!entry.metrics.includes(keyPath)) entry.metrics.push(keyPath);
        missing.set(identifier, entry);
      }
    }
    const out: Diagnostic[] = [];
    for (const [identifier, { unique, metrics }] of missing) {
      const one = metrics.length === 1;
      out.push({
        range: site.range,
        severity: 'warning',
        code: 'missing-identifier',
        message: `${one ? 'Metric' : `${metrics.length} metrics:`} ${metricList(metrics)} ${one ? 'counts' : 'count'} unique ${unique} for '${site.event}', but this call does not pass '${identifier}:'; ${one ? 'the metric' : 'they'} will not be incremented.`,
        data: { event: site.event, identifier, metric: metrics[0], metrics },
      });
    }
    return out;
  },
};
