// "Events of the current file": the event names a file is about, for the monitor's filter. A
// source file tracks the names of its calls (and the events its built names may be); an event
// definition is about its action; a metric about the events it counts.
import type { ProjectIndex } from '../projectIndex';
import { metricEventNames } from '../definitions';

export function eventsOfFile(index: ProjectIndex, rel: string, text?: string): Set<string> {
  const names = new Set<string>();
  const def = index.definitionIn(rel);
  if (def?.kind === 'event' && def.action) names.add(def.action);
  if (def?.kind === 'metric') for (const n of metricEventNames(def)) names.add(n);
  const sites = text !== undefined && index.classify(rel) === 'source' ? index.callSitesForText(rel, text) : index.callSitesIn(rel);
  for (const site of sites) {
    if (site.refersTo !== 'event') continue;
    if (site.event) names.add(site.event);
    else if (site.namePattern) for (const e of index.internalEventsMatching(site.namePattern)) if (e.action) names.add(e.action);
  }
  return names;
}
