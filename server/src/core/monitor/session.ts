// A monitoring session: every event received since it started (or was cleared), sorted into good
// and bad as Snowplow Micro does, each good one checked against the definitions, and the session
// value of every metric that counts it. Bounded: the newest MAX_KEPT events of each kind are kept,
// older ones are dropped and counted. Pure state; the HTTP collector and the attach poller feed it.
import type { IndexView } from '../rules/types';
import { definitionProblems, missingIdentifiers, worstSeverity, type RuntimeProblem } from './checks';
import { MetricTally, metricVerdict, tallyKey, type RuleVerdict } from './metricCounting';
import { readReceivedEvent, type ReceivedEvent } from './receivedEvent';
import { decodeTrackerEvent, type TrackerParams } from './trackerProtocol';
import type { MetricDefinition } from '../definitions';

export const MAX_KEPT = 10_000;
/** Event ids remembered for duplicate detection, beyond the kept events. */
const MAX_REMEMBERED_IDS = 100_000;

export interface CheckedEvent extends ReceivedEvent {
  problems: RuntimeProblem[];
  /** The request path it arrived on (/i or the tp2 path); absent when read from a Micro. */
  path?: string;
}

/** A payload Micro would have put in /micro/bad: what arrived and why it is bad. */
export interface BadEvent {
  seq: number;
  receivedAt: number;
  source: ReceivedEvent['source'];
  reason: string;
  /** What arrived, for the person reading /micro/bad: path, query or body (truncated). */
  payload: { path?: string; query?: string; body?: string; params?: TrackerParams };
}

/** Which workspace index answers for an event name (a multi-root workspace has several), and its root. */
export type IndexFor = (eventName: string) => (IndexView & { readonly root: string }) | undefined;

export interface MetricValue {
  metric: MetricDefinition;
  value: number;
  verdict: RuleVerdict;
}

export class MonitorSession {
  private good: CheckedEvent[] = [];
  private bad: BadEvent[] = [];
  private seq = 0;
  goodTotal = 0;
  badTotal = 0;
  droppedGood = 0;
  droppedBad = 0;
  /** Event id → seq of its first arrival. */
  private readonly seenIds = new Map<string, number>();
  private readonly byName = new Map<string, CheckedEvent[]>();
  private readonly tallies = new Map<string, MetricTally>();
  /** Checks depend only on an event's shape (name, what is present), so they are memoised by it. */
  private readonly checksByShape = new Map<string, RuntimeProblem[]>();
  private listeners: ((e: CheckedEvent | BadEvent) => void)[] = [];

  constructor(readonly indexFor: IndexFor) {}

  onEvent(listener: (e: CheckedEvent | BadEvent) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  /** Decodes, checks and keeps one event's tracker parameters. */
  ingestParams(params: TrackerParams, receivedAt: number, source: ReceivedEvent['source'], payload: BadEvent['payload'] = {}): CheckedEvent | BadEvent {
    const decoded = decodeTrackerEvent(params);
    if (!decoded.ok) return this.ingestBad(decoded.reason, receivedAt, source, { ...payload, params });
    const e = readReceivedEvent(decoded.value, ++this.seq, receivedAt, source) as CheckedEvent;
    e.path = payload.path;
    e.problems = this.check(e);
    this.goodTotal++;
    this.good.push(e);
    if (e.name) (this.byName.get(e.name) ?? this.byName.set(e.name, []).get(e.name)!).push(e);
    if (e.name) for (const m of this.indexFor(e.name)?.metricsCounting(e.name) ?? []) this.tallyOf(m, e);
    if (this.good.length > MAX_KEPT) this.dropOldestGood();
    this.emit(e);
    return e;
  }

  /** A payload that could not be read at all (not JSON, too large, a broken connection…). */
  ingestBad(reason: string, receivedAt: number, source: ReceivedEvent['source'], payload: BadEvent['payload'] = {}): BadEvent {
    const b: BadEvent = { seq: ++this.seq, receivedAt, source, reason, payload };
    this.badTotal++;
    this.bad.push(b);
    if (this.bad.length > MAX_KEPT) {
      this.bad.shift();
      this.droppedBad++;
    }
    this.emit(b);
    return b;
  }

  private emit(e: CheckedEvent | BadEvent): void {
    for (const l of this.listeners) l(e);
  }

  private check(e: CheckedEvent): RuntimeProblem[] {
    const problems = this.definitionChecks(e);
    if (e.tracker.eventId) {
      const first = this.seenIds.get(e.tracker.eventId);
      if (first !== undefined) {
        problems.push({ code: 'duplicate-event-id', severity: 'warning', message: `Event id ${e.tracker.eventId} was already received (event #${first}): the tracker sent it twice or retried; Snowplow keeps both.` });
      } else {
        this.seenIds.set(e.tracker.eventId, e.seq);
        if (this.seenIds.size > MAX_REMEMBERED_IDS) this.seenIds.delete(this.seenIds.keys().next().value!);
      }
    }
    return problems;
  }

  /** Checks against the definitions (not the duplicate id): the costly part memoised by shape. */
  private definitionChecks(e: ReceivedEvent): RuntimeProblem[] {
    const index = e.name ? this.indexFor(e.name) : undefined;
    if (!index) return [];
    const shape = shapeOf(e);
    let shared = this.checksByShape.get(shape);
    if (!shared) {
      shared = definitionProblems(e, index);
      this.checksByShape.set(shape, shared);
    }
    return [...shared, ...missingIdentifiers(e, index)];
  }

  private dropOldestGood(): void {
    const old = this.good.shift()!;
    this.droppedGood++;
    if (old.name) {
      const list = this.byName.get(old.name);
      if (list?.[0] === old) list.shift();
      if (list && list.length === 0) this.byName.delete(old.name);
    }
  }

  /**
   * The tally of a metric, built from the kept events the first time it is asked for (or after
   * its rules changed), then kept up to date as events arrive; `adding` is the new event.
   */
  private tallyOf(m: MetricDefinition, adding?: CheckedEvent): MetricTally {
    const key = tallyKey(m);
    let tally = this.tallies.get(key);
    if (tally) {
      if (adding) tally.add(adding);
      return tally;
    }
    tally = new MetricTally(m);
    for (const name of new Set(m.events.map((r) => r.name).filter((n): n is string => !!n))) for (const e of this.byName.get(name) ?? []) tally.add(e);
    this.tallies.set(key, tally);
    return tally;
  }

  /**
   * The definitions may have changed: checks are redone against them, and the tallies of metrics
   * whose rules changed are rebuilt. True when a problem or a metric of a kept event changed (so a
   * view showing them needs a refresh; most edits change neither).
   */
  definitionsChanged(): boolean {
    this.checksByShape.clear();
    let changed = false;
    for (const e of this.good) {
      const duplicate = e.problems.filter((p) => p.code === 'duplicate-event-id');
      const before = JSON.stringify(e.problems);
      e.problems = [...this.definitionChecks(e), ...duplicate];
      if (!changed && JSON.stringify(e.problems) !== before) changed = true;
    }
    const current = new Set<string>();
    for (const name of this.byName.keys()) for (const m of this.indexFor(name)?.metricsCounting(name) ?? []) current.add(tallyKey(m));
    for (const key of this.tallies.keys()) if (!current.has(key)) this.tallies.delete(key);
    for (const key of current) if (!this.tallies.has(key)) changed = true; // a metric was added, or its rules changed
    return changed;
  }

  /** The metrics counting an event's name, with their session values and what they made of this event. */
  metricValues(e: ReceivedEvent): MetricValue[] {
    if (!e.name) return [];
    const metrics = this.indexFor(e.name)?.metricsCounting(e.name) ?? [];
    return metrics.map((metric) => ({ metric, value: this.tallyOf(metric).value, verdict: metricVerdict(metric, e) }));
  }

  /** Session value of a metric (for the CLI's metric table). */
  metricValue(m: MetricDefinition): number {
    return this.tallyOf(m).value;
  }

  goodEvents(): readonly CheckedEvent[] {
    return this.good;
  }

  badEvents(): readonly BadEvent[] {
    return this.bad;
  }

  /** A kept event by its seq (both lists are in arrival order). */
  bySeq(seq: number): CheckedEvent | BadEvent | undefined {
    const find = <T extends { seq: number }>(list: readonly T[]): T | undefined => {
      let lo = 0;
      let hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].seq === seq) return list[mid];
        if (list[mid].seq < seq) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    };
    return find(this.good) ?? find(this.bad);
  }

  eventsNamed(name: string): readonly CheckedEvent[] {
    return this.byName.get(name) ?? [];
  }

  /** Events with a problem of warning or error severity, among the kept ones. */
  problemCount(): number {
    let n = this.bad.length;
    for (const e of this.good) if (isProblem(e)) n++;
    return n;
  }

  reset(): void {
    this.good = [];
    this.bad = [];
    this.goodTotal = this.badTotal = this.droppedGood = this.droppedBad = 0;
    this.seenIds.clear();
    this.byName.clear();
    this.tallies.clear();
    this.checksByShape.clear();
  }
}

export function isBad(e: CheckedEvent | BadEvent): e is BadEvent {
  return (e as BadEvent).reason !== undefined;
}

/** Warning or error: what "problems only" shows and the status bar counts. */
export function isProblem(e: CheckedEvent | BadEvent): boolean {
  if (isBad(e)) return true;
  const worst = worstSeverity(e.problems);
  return worst === 'error' || worst === 'warning';
}

/** Everything the checks look at, and nothing else: events of one shape get the same problems. */
function shapeOf(e: ReceivedEvent): string {
  return JSON.stringify([
    e.name,
    e.internal,
    e.category,
    e.label !== undefined,
    e.property !== undefined,
    e.value !== undefined,
    Object.entries(e.extra).map(([k, v]) => [k, v === null ? 'null' : typeof v]),
  ]);
}
