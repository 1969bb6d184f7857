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

export const missingIdentifier: CallSiteRule = {
  code: 'missing-identifier',
  check(site, _file, index) {
    if (!site.event || site.argsOpaque || !BACKEND_KINDS.has(site.kind)) return [];
    const out: Diagnostic[] = [];
    const reported = new Set<string>();
    for (const metric of index.metricsCounting(site.event)) {
      for (const rule of metric.events) {
        if (rule.name !== site.event || !rule.unique || !rule.unique.endsWith('.id')) continue;
        const identifier = rule.unique.split('.')[0];
        if (passes(site.identifiers, identifier) || reported.has(identifier)) continue;
        reported.add(identifier);
        out.push({
          range: site.range,
          severity: 'warning',
          code: 'missing-identifier',
          message: `Metric '${metric.keyPath}' counts unique ${rule.unique} for '${site.event}', but this call does not pass '${identifier}:'; the metric will not be incremented.`,
          data: { event: site.event, identifier, metric: metric.keyPath },
        });
      }
    }
    return out;
  },
};
