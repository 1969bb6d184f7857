// T1: a tracked event must be an internal event definition (or a known legacy HLL event).
import { didYouMean } from '../suggest';
import type { CallSiteRule } from './types';
import { internalEventMarkerLine } from '../internalMarker';
import { BASE_PROPERTIES, companionsFor } from '../customPropertyRule';

export const unknownEvent: CallSiteRule = {
  code: 'unknown-event',
  check(site, _file, index) {
    if (site.refersTo !== 'event' || site.event === null || site.event === '') return [];
    const name = site.event;
    const defs = index.eventsNamed(name);
    if (defs.some((d) => d.internal) || index.isLegacyEvent(name)) return [];
    const suggestions = didYouMean(name, index.internalEventNames());
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : '';
    let message = `Unknown event '${name}': no internal event definition has this action.${hint}`;
    if (defs.length) message = `'${name}' is defined as a legacy Snowplow event (${defs[0].file}), not an internal event (${internalEventMarkerLine(index.internalEventMarker())}).`;
    else {
      const removed = index.removedEventNamed(name);
      if (removed) message = `Event '${name}' was removed (${removed.file}); remove this tracking call.`;
      else message += definitionNeeds(site.properties.map((p) => p.key));
    }
    return [{ range: site.range, severity: 'error', code: 'unknown-event', message, data: { event: name, suggestions } }];
  },
};

/** What a new definition for this call must declare beyond what it sends, said before the fix writes it. */
function definitionNeeds(sent: string[]): string {
  const companions = companionsFor(sent);
  if (companions.length === 0) return '';
  const quoted = (keys: string[]) => keys.map((k) => `'${k}'`).join(', ');
  const custom = sent.filter((k) => !BASE_PROPERTIES.includes(k));
  return ` Its definition will also need ${quoted(companions)}: custom properties (${quoted(custom)}) need label and property, or value.`;
}
