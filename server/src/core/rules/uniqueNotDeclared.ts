// M13: `unique: user.id` needs `user` among the event's identifiers; `unique: label` needs label
// among its additional_properties. Otherwise the metric is never incremented (GitLab #424846).
import type { Diagnostic } from '../model';
import type { MetricIndexRule } from './types';

const PROPERTY_UNIQUES = new Set(['label', 'property', 'value']);

export const uniqueNotDeclared: MetricIndexRule = {
  code: 'unique-not-declared',
  check(def, index) {
    const out: Diagnostic[] = [];
    for (const rule of def.events) {
      if (!rule.name || !rule.unique || !rule.uniqueRange) continue;
      const event = index.internalEvent(rule.name) ?? index.eventsNamed(rule.name)[0];
      if (!event) continue; // unknown-metric-event says it
      if (PROPERTY_UNIQUES.has(rule.unique)) {
        if (event.properties.has(rule.unique)) continue;
        out.push({
          range: rule.uniqueRange,
          severity: 'error',
          code: 'unique-not-declared',
          message: `Event '${rule.name}' does not declare the additional property '${rule.unique}' (${event.file}), so it cannot be counted uniquely.`,
          data: { event: rule.name, missing: rule.unique, kind: 'property' },
        });
        continue;
      }
      const identifier = rule.unique.split('.')[0];
      if (event.identifiers.includes(identifier)) continue;
      out.push({
        range: rule.uniqueRange,
        severity: 'error',
        code: 'unique-not-declared',
        message: `Event '${rule.name}' does not declare the identifier '${identifier}' (identifiers: ${event.identifiers.length ? event.identifiers.join(', ') : 'none'}), so '${rule.unique}' is never set.`,
        data: { event: rule.name, missing: identifier, kind: 'identifier' },
      });
    }
    return out;
  },
};
