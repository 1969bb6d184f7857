// Go-to-definition, find references and the code lens above each definition.
import type { Position } from '../model';
import type { ProjectIndex } from '../projectIndex';
import type { EventDefinition } from '../definitions';
import { YamlFile } from '../yamlFile';
import { containsPosition } from '../text';
import type { FileLocation, Lens, Usage } from './types';
import { isSpecReference } from '../specReferences';

/** Internal events a name built at run time may be, by name. */
export function eventsMatchingPattern(index: ProjectIndex, pattern: string): EventDefinition[] {
  return index.internalEventsMatching(pattern).sort((a, b) => a.action!.localeCompare(b.action!));
}

/** Go-to-definition on a built name lists this many candidates at most. */
const MAX_CANDIDATES = 50;

/** What the cursor names: an event (by action) or a metric (by key path). */
export interface NamedTarget {
  kind: 'event' | 'metric';
  name: string;
}

export function targetAt(index: ProjectIndex, rel: string, text: string, pos: Position): NamedTarget | undefined {
  const kind = index.classify(rel);
  if (kind === 'event' || kind === 'metric' || kind === 'removed-event') {
    const yaml = new YamlFile(text);
    const loc = yaml.locate(yaml.lines.offsetAt(pos));
    const last = loc.path[loc.path.length - 1];
    if (loc.onKey || !loc.scalarText) return undefined;
    if (kind === 'metric' && loc.path[0] === 'events' && last === 'name') return { kind: 'event', name: loc.scalarText };
    if (kind === 'metric' && loc.path.length === 1 && last === 'key_path') return { kind: 'metric', name: loc.scalarText };
    if (kind !== 'metric' && loc.path.length === 1 && last === 'action') return { kind: 'event', name: loc.scalarText };
    return undefined;
  }
  return kind === 'source' ? sourceTargetsAt(index, rel, text, pos)[0] : undefined;
}

/**
 * What the cursor names in code: the call's name, or every literal a let or local it sits on was
 * followed to (`trigger_internal_events(*events)` with `events = %w[a b]`: both).
 */
function sourceTargetsAt(index: ProjectIndex, rel: string, text: string, pos: Position): NamedTarget[] {
  const sites = index.callSitesForText(rel, text);
  const site = sites.find((s) => s.event && containsPosition(s.range, pos));
  if (site) return [{ kind: site.refersTo, name: site.event! }];
  const out: NamedTarget[] = [];
  for (const s of sites) {
    if (!s.event || !s.usedAt?.some((r) => containsPosition(r, pos))) continue;
    if (!out.some((t) => t.kind === s.refersTo && t.name === s.event)) out.push({ kind: s.refersTo, name: s.event });
  }
  return out;
}

/** Every target at the cursor: one, except on a let or local that stands for several names. */
function targetsAt(index: ProjectIndex, rel: string, text: string, pos: Position): NamedTarget[] {
  if (index.classify(rel) === 'source') return sourceTargetsAt(index, rel, text, pos);
  const t = targetAt(index, rel, text, pos);
  return t ? [t] : [];
}

function eventDefinitionsFor(index: ProjectIndex, name: string): EventDefinition[] {
  const defs = index.eventsNamed(name);
  const internal = defs.filter((d) => d.internal);
  return internal.length ? internal : defs;
}

export function definition(index: ProjectIndex, rel: string, text: string, pos: Position): FileLocation[] {
  const targets = targetsAt(index, rel, text, pos);
  if (targets.length === 0) return builtNameCandidates(index, rel, text, pos);
  return targets.flatMap((t) =>
    t.kind === 'metric'
      ? index.metricsWithKeyPath(t.name).flatMap((m) => (m.keyPathRange ? [{ file: m.file, range: m.keyPathRange }] : []))
      : eventDefinitionsFor(index, t.name).flatMap((d) => (d.actionRange ? [{ file: d.file, range: d.actionRange }] : [])),
  );
}

/** On a call that builds its name at run time: the definitions of the events it may track. */
function builtNameCandidates(index: ProjectIndex, rel: string, text: string, pos: Position): FileLocation[] {
  if (index.classify(rel) !== 'source') return [];
  const site = index.callSitesForText(rel, text).find((s) => s.namePattern && s.dynamic && containsPosition(s.range, pos));
  if (!site?.namePattern) return [];
  return eventsMatchingPattern(index, site.namePattern)
    .slice(0, MAX_CANDIDATES)
    .flatMap((d) => (d.actionRange ? [{ file: d.file, range: d.actionRange }] : []));
}

/**
 * Every place naming the event: definitions, call sites, specs and metric `events[].name`, then
 * the calls whose name, built at run time, may be this one.
 */
export function referencesOf(index: ProjectIndex, t: NamedTarget, includeDeclaration: boolean): Usage[] {
  const out: Usage[] = [];
  if (t.kind === 'metric') {
    if (includeDeclaration) for (const m of index.metricsWithKeyPath(t.name)) if (m.keyPathRange) out.push({ file: m.file, range: m.keyPathRange, role: 'definition' });
    for (const c of index.callSitesOf(t.name)) if (c.site.refersTo === 'metric') out.push({ file: c.file, range: c.site.range, role: 'spec' });
    return out;
  }
  if (includeDeclaration) for (const d of eventDefinitionsFor(index, t.name)) if (d.actionRange) out.push({ file: d.file, range: d.actionRange, role: 'definition' });
  for (const c of index.callSitesOf(t.name)) if (c.site.refersTo === 'event') out.push({ file: c.file, range: c.site.range, role: isSpecReference(c.file, c.site) ? 'spec' : 'call' });
  for (const m of index.metricsCounting(t.name)) for (const r of m.events) if (r.name === t.name && r.nameRange) out.push({ file: m.file, range: r.nameRange, role: 'metric' });
  // Last, and marked: calls whose name, built at run time, may be this one.
  for (const c of index.possibleCallSitesOf(t.name)) out.push({ file: c.file, range: c.site.range, role: 'possible', ...(c.site.namePattern ? { pattern: c.site.namePattern } : {}) });
  return out;
}

export function references(index: ProjectIndex, rel: string, text: string, pos: Position, includeDeclaration: boolean): Usage[] {
  return targetsAt(index, rel, text, pos).flatMap((t) => referencesOf(index, t, includeDeclaration));
}

/** "N call sites · M metrics" above an event's action. */
export function codeLenses(index: ProjectIndex, rel: string): Lens[] {
  const def = index.definitionIn(rel);
  if (!def || def.kind !== 'event' || !def.action || !def.actionRange || def.removed) return [];
  const sites = index.callSitesOf(def.action).filter((c) => c.site.refersTo === 'event');
  const specs = sites.filter((c) => isSpecReference(c.file, c.site)).length;
  const metrics = index.metricsCounting(def.action);
  const calls = sites.length - specs;
  const parts = [`${calls} call site${calls === 1 ? '' : 's'}`];
  if (specs) parts.push(`${specs} spec${specs === 1 ? '' : 's'}`);
  parts.push(`${metrics.length} metric${metrics.length === 1 ? '' : 's'}`);
  const built = index.possibleCallSitesOf(def.action).length;
  if (built) parts.push(`${built} possible (name built at run time)`);
  return [
    {
      range: def.actionRange,
      title: parts.join(' · '),
      position: def.actionRange.start,
      locations: referencesOf(index, { kind: 'event', name: def.action }, false),
    },
  ];
}
