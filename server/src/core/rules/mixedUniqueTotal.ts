// M11: one metric counts either totals or uniques, and all unique rules share one identifier.
import type { MetricFileRule } from './types';

export const mixedUniqueTotal: MetricFileRule = {
  code: 'mixed-unique-total',
  check(def) {
    const rules = def.events.filter((e) => e.name !== undefined);
    if (rules.length < 2) return [];
    const uniques = new Set(rules.map((e) => e.unique ?? '(total)'));
    if (uniques.size < 2) return [];
    const first = rules[0];
    return rules
      .filter((e) => (e.unique ?? '(total)') !== (first.unique ?? '(total)'))
      .map((e) => ({
        range: e.uniqueRange ?? e.nameRange!,
        severity: 'error' as const,
        code: 'mixed-unique-total' as const,
        message: first.unique && e.unique
          ? `All events of a unique metric must count the same identifier: '${e.unique}' here, '${first.unique}' for '${first.name}'.`
          : `Unique and total counts cannot be mixed in one metric: '${e.name}' ${e.unique ? `counts unique ${e.unique}` : 'counts totals'}, '${first.name}' ${first.unique ? `counts unique ${first.unique}` : 'counts totals'}.`,
      }));
  },
};
