// The checks of one received event against the workspace's definitions. Where a static rule means
// the same thing (unknown event, undeclared property, property types), the event is handed to that
// rule as a call site whose arguments are what arrived: one implementation, the same codes and
// messages as in the editor. What only run time can tell (an identifier that arrived empty, a
// unique metric that could not count the event, a repeated event id) is checked here.
import type { CallSite, DiagnosticCode, LiteralType, PropertyArg, Range, Severity } from '../model';
import type { IndexView } from '../rules/types';
import { unknownEvent } from '../rules/unknownEvent';
import { propertyType, undeclaredBaseProperty, undeclaredProperty } from '../rules/propertyRules';
import { IDENTIFIER_FIELDS, type IdentifierName, type ReceivedEvent } from './receivedEvent';
import { metricVerdict, uniqueField } from './metricCounting';

export interface RuntimeProblem {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
}

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function literalType(v: unknown): LiteralType {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'other';
}

/** The received event as a call site whose arguments are exactly what arrived. */
export function asCallSite(e: ReceivedEvent): CallSite {
  const properties: PropertyArg[] = [];
  if (e.label !== undefined) properties.push({ key: 'label', range: NOWHERE, valueType: 'string' });
  if (e.property !== undefined) properties.push({ key: 'property', range: NOWHERE, valueType: 'string' });
  if (e.value !== undefined) properties.push({ key: 'value', range: NOWHERE, valueType: 'number' });
  for (const [key, v] of Object.entries(e.extra)) properties.push({ key, range: NOWHERE, valueType: literalType(v) });
  const identifiers = (Object.keys(IDENTIFIER_FIELDS) as IdentifierName[]).filter((i) => e.ids[i] !== null);
  return { event: e.name ?? null, dynamic: false, kind: 'monitor.received', refersTo: 'event', range: NOWHERE, identifiers, properties, argsOpaque: false };
}

const STATIC_RULES = [unknownEvent, undeclaredProperty, propertyType, undeclaredBaseProperty];

/** Every problem of one received event (duplicate ids are the session's to tell). */
export function checkReceivedEvent(e: ReceivedEvent, index: IndexView): RuntimeProblem[] {
  return [...definitionProblems(e, index), ...missingIdentifiers(e, index)];
}

/**
 * What the static rules say of the event: a function of its shape only (name, which ids and
 * properties are present, their types), so a session may reuse the answer for events alike.
 */
export function definitionProblems(e: ReceivedEvent, index: IndexView): RuntimeProblem[] {
  if (e.tracker.eventType !== 'struct' || !e.name) return [];
  const out: RuntimeProblem[] = [];
  const site = asCallSite(e);
  const known = index.eventsNamed(e.name);
  for (const rule of STATIC_RULES) {
    if (rule === unknownEvent && !e.internal) {
      // Without gitlab_service_ping this is a legacy Snowplow event (Gitlab::Tracking.event): any
      // definition documents it; none at all is worth a note, not an error.
      if (known.length || index.isLegacyEvent(e.name)) continue;
      out.push({ code: 'unknown-event', severity: 'information', message: `Snowplow event '${e.name}'${e.category ? ` (category ${e.category})` : ''} has no event definition, internal or legacy.` });
      continue;
    }
    for (const d of rule.check(site, '', index)) out.push({ code: d.code, severity: d.severity, message: d.message });
  }
  return out;
}

/**
 * An identifier the definition declares that arrived empty, and every unique metric that could
 * not count the event for want of its key: one problem per missing field, naming all of them.
 */
export function missingIdentifiers(e: ReceivedEvent, index: IndexView): RuntimeProblem[] {
  if (e.tracker.eventType !== 'struct' || !e.name) return [];
  const name = e.name;
  const def = index.internalEvent(name);
  const byField = new Map<string, { declared?: string; metrics: string[] }>();
  const entry = (field: string) => byField.get(field) ?? byField.set(field, { metrics: [] }).get(field)!;
  for (const identifier of def?.identifiers ?? []) {
    if (identifier in IDENTIFIER_FIELDS && e.ids[identifier as IdentifierName] === null) entry(IDENTIFIER_FIELDS[identifier as IdentifierName]).declared = identifier;
  }
  for (const m of index.metricsCounting(name)) {
    const v = metricVerdict(m, e);
    if (!v.counts && v.reason === 'missing-key') entry(uniqueField(v.unique)).metrics.push(m.keyPath ?? m.file);
  }
  if (e.noStandardContext && byField.size > 1) {
    // Nothing GitLab's backend or frontend sends lacks this context: one problem, not one per id.
    const fields = [...byField.keys()];
    const metrics = [...new Set([...byField.values()].flatMap((v) => v.metrics))];
    const counted = metrics.length ? `, and ${metrics.length === 1 ? 'metric' : `${metrics.length} metrics`} ${metrics.map((k) => `'${k}'`).join(', ')} did not count it` : '';
    return [{ code: 'missing-identifier', severity: 'warning', message: `Arrived without the gitlab_standard context, so without ${fields.join(', ')}${counted}.` }];
  }
  const out: RuntimeProblem[] = [];
  for (const [field, { declared, metrics }] of byField) {
    const parts: string[] = [];
    if (declared) parts.push(`'${name}' declares the identifier '${declared}'`);
    if (metrics.length) parts.push(`${metrics.length === 1 ? 'metric' : `${metrics.length} metrics`} ${metrics.map((k) => `'${k}'`).join(', ')} did not count it`);
    const what = field === 'value' ? 'a value' : field;
    out.push({ code: 'missing-identifier', severity: 'warning', message: `Arrived without ${what}: ${parts.join(', and ')}.` });
  }
  return out;
}

export function worstSeverity(problems: { severity: Severity }[]): Severity | undefined {
  for (const s of ['error', 'warning', 'information', 'hint'] as Severity[]) if (problems.some((p) => p.severity === s)) return s;
  return undefined;
}
