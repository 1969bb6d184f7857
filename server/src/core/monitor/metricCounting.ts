// How a metric counts received events, with its own rules (spec §2.4): an event counts for a rule
// when its name is the rule's and every `filter` value matches exactly; a unique rule counts
// distinct values of its key (user.id, project.id, namespace.id, label, property or value) and
// skips an event without one, as GitLab's UniqueCountMetric does; `operator: sum(value)` sums the
// value. This is the one implementation of "does metric M count event E"; the monitor's session
// values and its `missing-identifier` problems both come from it.
import type { MetricDefinition, MetricEventRule } from '../definitions';
import { IDENTIFIER_FIELDS, propertyValue, type IdentifierName, type ReceivedEvent } from './receivedEvent';

export type MetricKind = 'total' | 'unique' | 'sum';

/** GitLab derives the instrumentation class from the first rule (spec §2.4). */
export function metricKind(m: MetricDefinition): MetricKind {
  const first = m.events[0];
  if (first?.operator === 'sum(value)') return 'sum';
  return first?.unique ? 'unique' : 'total';
}

export const INSTRUMENTATION_CLASS: Record<MetricKind, string> = { total: 'TotalCountMetric', unique: 'UniqueCountMetric', sum: 'TotalSumMetric' };

export type RuleVerdict =
  | { counts: true; key?: string; amount?: number }
  | { counts: false; reason: 'other-event' }
  | { counts: false; reason: 'filter'; detail: string }
  | { counts: false; reason: 'missing-key'; detail: string; unique: string };

/** The field a `unique` value reads, as the event shows it: user.id → user_id. */
export function uniqueField(unique: string): string {
  const identifier = unique.endsWith('.id') ? unique.slice(0, -3) : undefined;
  return identifier && identifier in IDENTIFIER_FIELDS ? IDENTIFIER_FIELDS[identifier as IdentifierName] : unique;
}

function sameValue(want: unknown, got: unknown): boolean {
  if (got === undefined || got === null) return false;
  if (typeof want === 'number' && typeof got === 'number') return want === got;
  return String(want) === String(got);
}

function uniqueValue(e: ReceivedEvent, unique: string): unknown {
  if (unique.endsWith('.id')) {
    const identifier = unique.slice(0, -3);
    return identifier in IDENTIFIER_FIELDS ? e.ids[identifier as IdentifierName] : undefined;
  }
  return propertyValue(e, unique);
}

export function ruleVerdict(rule: MetricEventRule, e: ReceivedEvent): RuleVerdict {
  if (!rule.name || rule.name !== e.name) return { counts: false, reason: 'other-event' };
  for (const f of rule.filter) {
    const got = propertyValue(e, f.key);
    if (!sameValue(f.value, got)) return { counts: false, reason: 'filter', detail: `filter ${f.key}: ${JSON.stringify(f.value)} (got ${got === undefined || got === null ? 'none' : JSON.stringify(got)})` };
  }
  if (rule.operator === 'sum(value)') return e.value === undefined ? { counts: false, reason: 'missing-key', detail: 'no value to sum', unique: 'value' } : { counts: true, amount: e.value };
  if (!rule.unique) return { counts: true };
  const v = uniqueValue(e, rule.unique);
  if (v === undefined || v === null || v === '') return { counts: false, reason: 'missing-key', detail: `no ${uniqueField(rule.unique)}`, unique: rule.unique };
  return { counts: true, key: `${rule.unique}=${JSON.stringify(v)}` };
}

/** Whether the metric counts this event at all, and if not, the most telling reason. */
export function metricVerdict(m: MetricDefinition, e: ReceivedEvent): RuleVerdict {
  let best: RuleVerdict = { counts: false, reason: 'other-event' };
  for (const rule of m.events) {
    const v = ruleVerdict(rule, e);
    if (v.counts) return v;
    // A missing key says more than a filter that does not match, which says more than another event.
    if (best.reason === 'other-event' || (v.reason === 'missing-key' && best.reason === 'filter')) best = v;
  }
  return best;
}

/** A metric's value over the events received so far, kept up to date one event at a time. */
export class MetricTally {
  readonly kind: MetricKind;
  private count = 0;
  private sum = 0;
  private readonly keys = new Set<string>();

  constructor(readonly metric: MetricDefinition) {
    this.kind = metricKind(metric);
  }

  add(e: ReceivedEvent): void {
    // Each rule is its own counter in GitLab (a Redis key per rule); unique rules share one set.
    for (const rule of this.metric.events) {
      const v = ruleVerdict(rule, e);
      if (!v.counts) continue;
      this.count += 1;
      if (v.amount !== undefined) this.sum += v.amount;
      if (v.key !== undefined) this.keys.add(v.key);
    }
  }

  get value(): number {
    return this.kind === 'unique' ? this.keys.size : this.kind === 'sum' ? this.sum : this.count;
  }
}

/** Identifies a metric's counting rules, so a tally is rebuilt when they change. */
export function tallyKey(m: MetricDefinition): string {
  return JSON.stringify([m.file, m.keyPath, m.events.map((r) => [r.name, r.unique, r.operator, r.filter.map((f) => [f.key, f.value])])]);
}
