// E5: every event a non-removed internal-events metric counts needs a definition (any event
// definition counts, legacy ones included, as in GitLab's spec).
import type { Diagnostic } from '../model';
import { didYouMean } from '../suggest';
import type { MetricIndexRule } from './types';

export const unknownMetricEvent: MetricIndexRule = {
  code: 'unknown-metric-event',
  check(def, index) {
    if (def.dataSource !== 'internal_events' || def.status === 'removed') return [];
    const out: Diagnostic[] = [];
    for (const rule of def.events) {
      if (!rule.name || !rule.nameRange) continue;
      if (index.eventsNamed(rule.name).length > 0) continue;
      const removed = index.removedEventNamed(rule.name);
      const suggestions = didYouMean(rule.name, index.internalEventNames());
      const why = removed ? ` It was removed (${removed.file}).` : suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : '';
      out.push({
        range: rule.nameRange,
        severity: 'error',
        code: 'unknown-metric-event',
        message: `Event '${rule.name}' does not have an event definition yet.${why}`,
        data: { event: rule.name, suggestions },
      });
    }
    return out;
  },
};
