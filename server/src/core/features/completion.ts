// Completion, as a function of (index, file, text, position): keys and values in definition
// files, event names / identifier keywords / property keys inside tracking calls.
import { parse as parseYaml } from 'yaml';
import type { Position } from '../model';
import type { ProjectIndex } from '../projectIndex';
import type { EventDefinition } from '../definitions';
import { LineIndex, containsPosition } from '../text';
import { schemaInfoAt } from '../schemaInfo';
import { yamlCursorContext } from './yamlContext';
import type { Completion } from './types';
import { eventSummaryMarkdown } from './describe';
import { snippetCompletions } from '../snippets/index';
import { internalMarking } from '../internalMarker';

/** The full markdown of an event offered in a completion list, fetched when the item is shown. */
export function resolveEventDocumentation(index: ProjectIndex, event: string): string | undefined {
  const e = index.eventForDisplay(event);
  return e ? eventSummaryMarkdown(index, e) : undefined;
}

const IDENTIFIER_KEYWORDS = ['user', 'project', 'namespace'];

export function complete(index: ProjectIndex, rel: string, text: string, pos: Position): Completion[] {
  const kind = index.classify(rel);
  if (kind === 'event' || kind === 'metric') return [...completeDefinition(index, kind, text, pos), ...snippetCompletions(index, rel, text, pos)];
  if (kind === 'source') {
    const inCall = completeInCode(index, rel, text, pos);
    return inCall.length ? inCall : snippetCompletions(index, rel, text, pos);
  }
  return [];
}

// ------------------------------------------------------------------------------------------------
// Definition files

function completeDefinition(index: ProjectIndex, kind: 'event' | 'metric', text: string, pos: Position): Completion[] {
  const lines = new LineIndex(text);
  const ctx = yamlCursorContext(lines, pos);
  const range = ctx.wordRange;
  if (ctx.mode === 'key') {
    // In a metric's filter: the event's additional properties, not schema keys.
    if (kind === 'metric' && ctx.path[0] === 'events' && ctx.path[2] === 'filter') {
      const event = metricRuleEvent(index, lines, pos, ctx.path);
      return [...(event?.properties ?? new Map()).entries()].map(([k, d]) => ({ label: k, kind: 'property' as const, detail: d, insertText: `${k}: `, range }));
    }
    const info = schemaInfoAt(index.schemas, kind, ctx.path);
    const present = presentKeys(lines, pos, ctx.path.length === 0);
    // `category` is for legacy Snowplow events: offering it on an internal one invites an error.
    if (kind === 'event' && ctx.path.length === 0 && isInternalEvent(lines)) present.add('category');
    return [...info.properties.entries()]
      .filter(([k]) => !present.has(k))
      .map(([k, description]) => ({
        label: k,
        kind: 'key' as const,
        detail: info.required.has(k) ? 'required' : undefined,
        documentation: description,
        insertText: `${k}: `,
        range,
        sortText: (info.required.has(k) ? '0' : '1') + k,
      }));
  }
  return completeValue(index, kind, lines, pos, ctx.path, range);
}

function completeValue(index: ProjectIndex, kind: 'event' | 'metric', lines: LineIndex, pos: Position, path: (string | number)[], range: Completion['range']): Completion[] {
  const last = path[path.length - 1];
  const key = typeof last === 'number' ? path[path.length - 2] : last;
  if (kind === 'metric' && path[0] === 'events' && key === 'name') {
    return [...index.internalEventNames()].sort().map((name) => {
      const e = index.internalEvent(name)!;
      return { label: name, kind: 'event' as const, detail: e.description, resolveEvent: name, range };
    });
  }
  if (kind === 'metric' && path[0] === 'events' && key === 'unique') {
    const event = metricRuleEvent(index, lines, pos, path);
    const all = schemaInfoAt(index.schemas, kind, path).enumValues;
    const allowed = event ? all.filter((u) => (u.endsWith('.id') ? event.identifiers.includes(u.split('.')[0]) : event.properties.has(u))) : all;
    return allowed.map((u) => ({ label: u, kind: 'value' as const, range, detail: event ? `declared by ${event.action}` : undefined }));
  }
  if (key === 'product_categories') {
    return index.schemas.featureCategories.map((c) => ({ label: c, kind: 'value' as const, range }));
  }
  const info = schemaInfoAt(index.schemas, kind, path);
  let values = info.enumValues;
  if (key === 'milestone' && index.version) values = [`'${index.version}'`];
  return values.map((v) => ({ label: v, kind: 'value' as const, range, documentation: info.description }));
}

/** Keys already written in the mapping the cursor is in (so they are not offered again). */
function presentKeys(lines: LineIndex, pos: Position, topLevel: boolean): Set<string> {
  const out = new Set<string>();
  if (!topLevel) return out;
  for (let l = 0; l < lines.lineCount; l++) {
    if (l === pos.line) continue;
    const m = /^([A-Za-z0-9_]+):/.exec(lines.lineText(l));
    if (m) out.add(m[1]);
  }
  return out;
}

/** Whether the file marks an internal event, read from its own top-level lines (half-typed YAML rarely parses). */
function isInternalEvent(lines: LineIndex): boolean {
  const values: Record<string, unknown> = {};
  for (let l = 0; l < lines.lineCount; l++) {
    const m = /^(internal_events|category):(.*)$/.exec(lines.lineText(l));
    if (m) values[m[1]] = scalarOf(m[2]);
  }
  return internalMarking(values.internal_events, values.category) !== null;
}

function scalarOf(text: string): unknown {
  try {
    return parseYaml(text) ?? null;
  } catch {
    return text;
  }
}

/** The event named by the `name:` of the metric rule the cursor is in. */
function metricRuleEvent(index: ProjectIndex, lines: LineIndex, pos: Position, path: (string | number)[]): EventDefinition | undefined {
  if (path[0] !== 'events') return undefined;
  // Scan up to the item's `- ` line and down to the next item for `name:`.
  let start = pos.line;
  while (start > 0 && !/^\s*-\s/.test(lines.lineText(start))) start--;
  for (let l = start; l < lines.lineCount; l++) {
    const t = lines.lineText(l);
    if (l > start && /^\s*-\s/.test(t)) break;
    if (l > start && /^\S/.test(t)) break;
    const m = /(?:^\s*-\s+|^\s+)name:\s*['"]?([a-z0-9_]+)/.exec(t);
    if (m) return index.eventForDisplay(m[1]);
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------
// Code

function completeInCode(index: ProjectIndex, rel: string, text: string, pos: Position): Completion[] {
  const scan = { callSites: index.callSitesForText(rel, text) };
  for (const site of scan.callSites) {
    if (site.nameRange && containsPosition(site.nameRange, pos)) {
      if (site.refersTo === 'metric') {
        return index
          .metrics()
          .flatMap((m) => m.expandedKeyPaths.map((k) => ({ label: k.keyPath, kind: 'event' as const, detail: m.description, range: site.nameRange })));
      }
      return [...index.internalEventNames()].sort().map((name) => {
        const e = index.internalEvent(name)!;
        return {
          label: name,
          kind: 'event' as const,
          detail: [e.productGroup, e.identifiers.length ? `ids: ${e.identifiers.join(', ')}` : ''].filter(Boolean).join(' · ') || undefined,
          documentation: e.description,
          resolveEvent: name,
          range: site.nameRange,
        };
      });
    }
  }
  // Inside the properties object: the event's declared properties not yet passed.
  for (const site of scan.callSites) {
    if (!site.event || !site.propertiesRange || !containsPosition(site.propertiesRange, pos)) continue;
    const event = index.internalEvent(site.event);
    if (!event) return [];
    const passed = new Set(site.properties.map((p) => p.key));
    return [...event.properties.entries()]
      .filter(([k]) => !passed.has(k))
      .map(([k, d]) => ({ label: k, kind: 'property' as const, detail: d, insertText: `${k}: `, sortText: ['label', 'property', 'value'].includes(k) ? `0${k}` : `1${k}` }));
  }
  // Inside a Ruby call's arguments: the identifier keywords the event declares.
  for (const site of scan.callSites) {
    if (!site.event || !site.argsRange || !containsPosition(site.argsRange, pos) || !site.kind.startsWith('ruby.')) continue;
    const event = index.internalEvent(site.event);
    if (!event) return [];
    const out: Completion[] = event.identifiers
      .filter((id) => IDENTIFIER_KEYWORDS.includes(id) && !site.identifiers.includes(id))
      .map((id) => ({ label: `${id}:`, kind: 'keyword' as const, detail: `identifier declared by ${event.action}`, insertText: `${id}: ` }));
    if (event.properties.size && !site.propertiesRange) {
      out.push({ label: 'additional_properties:', kind: 'keyword', detail: [...event.properties.keys()].join(', '), insertText: 'additional_properties: { ' });
    }
    return out;
  }
  return [];
}
