// Whole-workspace hint: an internal event that no metric counts sends data nobody reads.
import type { EventIndexRule } from './types';

export const eventWithoutMetric: EventIndexRule = {
  code: 'event-without-metric',
  check(def, index) {
    if (!index.fullyIndexed || !def.internal || def.removed || !def.action || !def.actionRange) return [];
    if (index.metricsCounting(def.action).length > 0) return [];
    return [
      {
        range: def.actionRange,
        severity: 'hint',
        code: 'event-without-metric',
        message: `No metric counts '${def.action}' yet.`,
        data: { event: def.action },
      },
    ];
  },
};
