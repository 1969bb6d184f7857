// One received event as people read it: in the Event Monitor view, as the CLI's JSON line, and in
// the terminal screen. Plain data (JSON-safe), built from the session and the definitions.
import type { Range, Severity } from '../model';
import { timeFrameLabel } from '../definitions';
import { isSpecReference } from '../specReferences';
import { worstSeverity, type RuntimeProblem } from './checks';
import { INSTRUMENTATION_CLASS, metricKind } from './metricCounting';
import { isBad, type BadEvent, type CheckedEvent, type MonitorSession } from './session';

export interface PlaceInFile {
  /** The workspace folder (project root) the file is in, when the index knows it. */
  root?: string;
  file: string;
  range: Range;
}

export interface MetricReport {
  /** Key path as Service Ping reports it (array time frames expanded). */
  keyPath: string;
  timeFrame: string;
  instrumentationClass: string;
  /** Session value: what Service Ping would count from the events received so far. */
  value: number;
  /** Whether this metric counted this event, and why not. */
  counted: boolean;
  why?: string;
  /** The metric's definition (its key_path line). */
  place: PlaceInFile;
}

export type EventStatus = 'ok' | Severity | 'bad';

/** What a list of events shows for each: cheap to build for thousands (no metric values, no senders). */
export interface EventRow {
  seq: number;
  /** The event name; null for a bad payload or an event without one (a page view). */
  event: string | null;
  eventType: string;
  eventId: string | null;
  receivedAt: string;
  category: string | null;
  source: 'collector' | 'micro';
  internal: boolean;
  status: EventStatus;
  problems: RuntimeProblem[];
  definition?: PlaceInFile;
}

/** One event in full, as its details and the CLI's JSON line show it. */
export interface EventReport extends EventRow {
  identifiers: { user_id: unknown; project_id: unknown; namespace_id: unknown };
  plan: string | null;
  properties: Record<string, unknown>;
  metrics: MetricReport[];
  /** Tracking calls that may have sent it (exact names first, then names built at run time). */
  sentFrom: (PlaceInFile & { possible: boolean })[];
}

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Places to list under "sent from", at most. */
const MAX_SENT_FROM = 20;

export function eventRow(session: MonitorSession, e: CheckedEvent | BadEvent): EventRow {
  if (isBad(e)) {
    const params = e.payload.params;
    return {
      seq: e.seq,
      event: params?.se_ac ?? null,
      eventType: 'bad',
      eventId: params?.eid ?? null,
      receivedAt: new Date(e.receivedAt).toISOString(),
      category: params?.se_ca ?? null,
      source: e.source,
      internal: false,
      status: 'bad',
      problems: [{ code: 'bad-payload', severity: 'error', message: e.reason }],
    };
  }
  const index = e.name ? session.indexFor(e.name) : undefined;
  const def = e.name && index ? (index.internalEvent(e.name) ?? index.eventsNamed(e.name)[0] ?? index.removedEventNamed(e.name)) : undefined;
  return {
    seq: e.seq,
    event: e.name ?? null,
    eventType: e.tracker.eventType,
    eventId: e.tracker.eventId ?? null,
    receivedAt: new Date(e.receivedAt).toISOString(),
    category: e.category ?? null,
    source: e.source,
    internal: e.internal,
    status: worstSeverity(e.problems) ?? 'ok',
    problems: e.problems,
    definition: def ? { root: index!.root, file: def.file, range: def.actionRange ?? NOWHERE } : undefined,
  };
}

export function reportEvent(session: MonitorSession, e: CheckedEvent | BadEvent): EventReport {
  const row = eventRow(session, e);
  if (isBad(e)) return { ...row, identifiers: { user_id: null, project_id: null, namespace_id: null }, plan: null, properties: {}, metrics: [], sentFrom: [] };
  const props: Record<string, unknown> = {};
  if (e.label !== undefined) props.label = e.label;
  if (e.property !== undefined) props.property = e.property;
  if (e.value !== undefined) props.value = e.value;
  Object.assign(props, e.extra);
  const index = e.name ? session.indexFor(e.name) : undefined;
  const metrics: MetricReport[] = [];
  for (const { metric, value, verdict } of session.metricValues(e)) {
    const place = { root: index?.root, file: metric.file, range: metric.keyPathRange ?? NOWHERE };
    const why = verdict.counts ? undefined : verdict.reason === 'other-event' ? 'counts other events' : verdict.detail;
    for (const k of metric.expandedKeyPaths) {
      metrics.push({ keyPath: k.keyPath, timeFrame: timeFrameLabel(k.timeFrame), instrumentationClass: INSTRUMENTATION_CLASS[metricKind(metric)], value, counted: verdict.counts, why, place });
    }
  }
  const sentFrom: EventReport['sentFrom'] = [];
  if (e.name && index) {
    // Specs name the event too, but they never send it.
    for (const s of index.callSitesOf(e.name)) if (s.site.refersTo === 'event' && !isSpecReference(s.file, s.site)) sentFrom.push({ root: index.root, file: s.file, range: s.site.range, possible: false });
    for (const s of index.possibleCallSitesOf(e.name)) if (!isSpecReference(s.file, s.site)) sentFrom.push({ root: index.root, file: s.file, range: s.site.range, possible: true });
  }
  return {
    ...row,
    identifiers: { user_id: e.ids.user, project_id: e.ids.project, namespace_id: e.ids.namespace },
    plan: e.plan ?? null,
    properties: props,
    metrics,
    sentFrom: sentFrom.slice(0, MAX_SENT_FROM),
  };
}

/** The CLI's `--json` line (documented in the README): one object per received event. */
export function jsonLine(r: EventReport): string {
  return JSON.stringify({
    event: r.event,
    eventId: r.eventId,
    receivedAt: r.receivedAt,
    category: r.category,
    identifiers: r.identifiers,
    properties: r.properties,
    problems: r.problems.map(({ code, severity, message }) => ({ code, severity, message })),
    metrics: r.metrics.map((m) => ({ keyPath: m.keyPath, value: m.value })),
    ...(r.status === 'bad' ? { bad: true } : {}),
  });
}
