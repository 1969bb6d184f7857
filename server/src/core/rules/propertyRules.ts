// T3–T5: additional properties sent by a call, checked against what the event declares.
// Three codes, one file: they walk the same list and differ only in what they report.
import type { Diagnostic } from '../model';
import type { CallSiteRule } from './types';

const BASE = new Set(['label', 'property', 'value']);

/** T4: a custom property the event does not declare is rejected at run time. */
export const undeclaredProperty: CallSiteRule = {
  code: 'undeclared-property',
  check(site, _file, index) {
    if (!site.event || site.refersTo !== 'event') return [];
    const event = index.internalEvent(site.event);
    if (!event) return [];
    const out: Diagnostic[] = [];
    for (const p of site.properties) {
      if (BASE.has(p.key) || event.properties.has(p.key)) continue;
      out.push({
        range: p.range,
        severity: 'error',
        code: 'undeclared-property',
        message: `Event '${site.event}' does not declare the additional property '${p.key}' (${event.file}).`,
        data: { event: site.event, property: p.key },
      });
    }
    return out;
  },
};

/** T5: label/property/value sent but not declared: only logged at run time, so information. */
export const undeclaredBaseProperty: CallSiteRule = {
  code: 'undeclared-base-property',
  check(site, _file, index) {
    if (!site.event || site.refersTo !== 'event') return [];
    const event = index.internalEvent(site.event);
    if (!event) return [];
    return site.properties
      .filter((p) => BASE.has(p.key) && !event.properties.has(p.key))
      .map((p) => ({
        range: p.range,
        severity: 'information' as const,
        code: 'undeclared-base-property' as const,
        message: `'${p.key}' is sent but event '${site.event}' does not declare it; declare it so its meaning is documented.`,
        data: { event: site.event, property: p.key },
      }));
  },
};

/** T3/T4: label and property are strings, value is a number, custom values string or number. */
export const propertyType: CallSiteRule = {
  code: 'property-type',
  check(site) {
    const out: Diagnostic[] = [];
    for (const p of site.properties) {
      if (p.valueType === 'dynamic') continue; // only literals can be judged
      let want: string | undefined;
      if (p.key === 'label' || p.key === 'property') want = p.valueType === 'string' ? undefined : 'a string';
      else if (p.key === 'value') want = p.valueType === 'number' ? undefined : 'a number';
      else want = p.valueType === 'string' || p.valueType === 'number' ? undefined : 'a string or a number';
      if (!want) continue;
      out.push({
        range: p.range,
        severity: 'error',
        code: 'property-type',
        message: `'${p.key}' must be ${want}, not ${p.valueType === 'nil' ? 'nil/null' : p.valueType}.`,
        data: { property: p.key },
      });
    }
    return out;
  },
};
