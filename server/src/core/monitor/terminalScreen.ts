// The CLI monitor's terminal screen, laid out like GitLab's scripts/internal_events/monitor.rb: the
// metrics that count the monitored events (initial and current value), then the received events
// with their ids and properties, plus what our checks found. Pure: the CLI redraws it.
import type { MetricDefinition } from '../definitions';
import { INSTRUMENTATION_CLASS, metricKind } from './metricCounting';
import { isBad, isProblem, type BadEvent, type CheckedEvent, type MonitorSession } from './session';

export interface ScreenState {
  /** Event names given on the command line; empty: every event. */
  monitored: string[];
  /** Metric value when first shown, by expanded key path (the "Initial Value" column). */
  initialValues: Map<string, number>;
  /** Events received before this seq are old (not highlighted). */
  firstNewSeq: number;
  header: string;
  /** Terminal width; tables are cut to it. */
  width: number;
  rows: number;
  colour: boolean;
}

const RED = (s: string) => `\x1b[31m${s}\x1b[0m`;

export function wanted(state: ScreenState, e: CheckedEvent | BadEvent): boolean {
  if (state.monitored.length === 0) return true;
  const name = isBad(e) ? e.payload.params?.se_ac : e.name;
  return name !== undefined && state.monitored.includes(name);
}

/** The metrics worth showing: those counting a monitored event, or any event received so far. */
export function relevantMetrics(session: MonitorSession, state: ScreenState): MetricDefinition[] {
  const names = state.monitored.length ? state.monitored : [...new Set(session.goodEvents().map((e) => e.name).filter((n): n is string => !!n))];
  const seen = new Set<string>();
  const out: MetricDefinition[] = [];
  for (const name of names) {
    for (const m of session.indexFor(name)?.metricsCounting(name) ?? []) {
      if (seen.has(m.file)) continue;
      seen.add(m.file);
      out.push(m);
    }
  }
  return out.sort((a, b) => (a.keyPath ?? '').localeCompare(b.keyPath ?? ''));
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A boxed table; `highlight[i]` colours row i. Columns shrink (longest first) to fit the width. */
export function table(title: string, head: string[], rows: string[][], width: number, paint?: (row: number, text: string) => string): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const total = () => widths.reduce((a, b) => a + b, 0) + 3 * widths.length + 1;
  while (total() > width && Math.max(...widths) > 6) widths[widths.indexOf(Math.max(...widths))]--;
  const fit = (s: string, w: number) => (s.length > w ? s.slice(0, Math.max(0, w - 1)) + '…' : s.padEnd(w));
  const line = (r: string[]) => `| ${r.map((c, i) => fit(c ?? '', widths[i])).join(' | ')} |`;
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const out = [rule, `| ${fit(title, total() - 4)} |`, rule, line(head), rule];
  rows.forEach((r, i) => out.push(paint ? paint(i, line(r)) : line(r)));
  out.push(rule);
  return out;
}

export function renderScreen(session: MonitorSession, state: ScreenState): string {
  const paint = state.colour ? RED : (s: string) => s;
  const lines: string[] = [state.header, `Monitored events: ${state.monitored.length ? state.monitored.join(', ') : 'all events'}`, ''];

  const metricRows: string[][] = [];
  const changed: boolean[] = [];
  for (const m of relevantMetrics(session, state)) {
    const value = session.metricValue(m);
    const events = [...new Set(m.events.map((r) => r.name).filter((n): n is string => !!n && (state.monitored.length === 0 || state.monitored.includes(n))))].sort().join(', ');
    for (const k of m.expandedKeyPaths) {
      if (!state.initialValues.has(k.keyPath)) state.initialValues.set(k.keyPath, value);
      const initial = state.initialValues.get(k.keyPath)!;
      metricRows.push([k.keyPath, events, INSTRUMENTATION_CLASS[metricKind(m)], String(initial), String(value)]);
      changed.push(initial !== value);
    }
  }
  lines.push(...table('RELEVANT METRICS', ['Key Path', 'Monitored Events', 'Instrumentation Class', 'Initial Value', 'Current Value'], metricRows, state.width, (i, text) => (changed[i] ? paint(text) : text)));
  lines.push('');

  const events = [...session.goodEvents(), ...session.badEvents()].filter((e) => wanted(state, e)).sort((a, b) => b.seq - a.seq);
  const room = Math.max(3, state.rows - lines.length - 12);
  const shown = events.slice(0, room);
  const eventRows = shown.map((e) => {
    if (isBad(e)) return [e.payload.params?.se_ac ?? '(bad payload)', new Date(e.receivedAt).toISOString(), e.payload.params?.se_ca ?? '', '', '', '', '', '', '', '', `✗ ${e.reason}`];
    const verdict = e.problems.length === 0 ? '✓' : e.problems.map((p) => `${p.severity === 'error' ? '✗' : p.severity === 'warning' ? '⚠' : 'ℹ'} ${p.code}`).join(', ');
    return [e.name ?? e.tracker.eventType, new Date(e.receivedAt).toISOString(), cell(e.category), cell(e.ids.user), cell(e.ids.namespace), cell(e.ids.project), cell(e.plan), cell(e.label), cell(e.property), cell(e.value), verdict];
  });
  const title = `RECEIVED EVENTS (${events.length}${events.length > shown.length ? `, newest ${shown.length} shown` : ''})`;
  lines.push(...table(title, ['Event Name', 'Collector Timestamp', 'Category', 'user_id', 'namespace_id', 'project_id', 'plan', 'Label', 'Property', 'Value', 'Checks'], eventRows, state.width, (i, text) => (shown[i].seq >= state.firstNewSeq ? paint(text) : text)));

  const messages = new Map<string, number>();
  for (const e of events) {
    if (isBad(e) || !isProblem(e)) continue;
    for (const p of e.problems) messages.set(`${p.severity === 'error' ? '✗' : '⚠'} ${p.message}`, (messages.get(`${p.severity === 'error' ? '✗' : '⚠'} ${p.message}`) ?? 0) + 1);
  }
  if (messages.size) {
    lines.push('', 'PROBLEMS');
    for (const [m, n] of [...messages].slice(0, 8)) lines.push(`  ${m}${n > 1 ? ` (${n}×)` : ''}`);
  }
  return lines.join('\n') + '\n';
}
