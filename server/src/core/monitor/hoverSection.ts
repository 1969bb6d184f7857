// What a hover on a tracking call or an event's action adds while the monitor runs: how often the
// event arrived in this session, when last, and the run-time problems seen for it.
import type { MonitorSession } from './session';

/** Distinct problem messages listed, at most. */
const LISTED_PROBLEMS = 3;

const ICON = { error: '✗', warning: '⚠', information: 'ℹ', hint: 'ℹ' } as const;

export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.round(m / 60)} h`;
}

export function monitorHoverSection(session: MonitorSession, event: string, now: number): string {
  const received = session.eventsNamed(event);
  if (received.length === 0) return '**Event monitor:** not received in this session yet.';
  const last = received[received.length - 1];
  const head = `**Event monitor:** received ${received.length}× in this session, last ${ago(now - last.receivedAt)} ago.`;
  const seen = new Map<string, { icon: string; times: number }>();
  for (const e of received) {
    for (const p of e.problems) {
      const entry = seen.get(p.message);
      if (entry) entry.times++;
      else seen.set(p.message, { icon: ICON[p.severity], times: 1 });
    }
  }
  if (seen.size === 0) return `${head} No problems seen.`;
  const lines = [...seen].slice(0, LISTED_PROBLEMS).map(([message, { icon, times }]) => `- ${icon} ${message}${times > 1 ? ` (${times}×)` : ''}`);
  if (seen.size > LISTED_PROBLEMS) lines.push(`- … and ${seen.size - LISTED_PROBLEMS} more (see the Event Monitor view)`);
  return `${head}\n\n${lines.join('\n')}`;
}
