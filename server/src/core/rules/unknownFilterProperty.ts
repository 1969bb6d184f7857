// M12: a filter matches additional properties, so each filter key must be one the event declares.
import type { Diagnostic } from '../model';
import type { MetricIndexRule } from './types';

export const unknownFilterProperty: MetricIndexRule = {
  code: 'unknown-filter-property',
  check(def, index) {
    const out: Diagnostic[] = [];
    for (const rule of def.events) {
      if (!rule.name || rule.filter.length === 0) continue;
      const event = index.internalEvent(rule.name) ?? index.eventsNamed(rule.name)[0];
      if (!event) continue;
      for (const f of rule.filter) {
        if (event.properties.has(f.key) || !f.range) continue;
        const declared = [...event.properties.keys()];
        out.push({
          range: f.range,
          severity: 'error',
          code: 'unknown-filter-property',
          message: `Event '${rule.name}' does not declare the additional property '${f.key}' (declared: ${declared.length ? declared.join(', ') : 'none'}).`,
          data: { event: rule.name, property: f.key },
        });
      }
    }
    return out;
  },
};
