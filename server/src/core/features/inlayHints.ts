// Inline hints: after a tracking call's event name, how many metrics count it ("2 metrics", "no
// metric") or that the name is unknown; on an event definition's `action:` line, the code lens's
// counts. Read from the index and the unknown-event rule's own verdict.
import type { Position, Range } from '../model';
import type { ProjectIndex } from '../projectIndex';
import { codeLenses, eventsMatchingPattern } from './navigation';
import { metricLine } from './describe';

/** Files longer than this get no hints: they would cost more than they tell. */
export const MAX_INLAY_HINT_LINES = 10_000;

export interface InlayHintItem {
  position: Position;
  label: string;
  /** Markdown. */
  tooltip?: string;
  /** 'error': the name is unknown (the client shows it in the error colour). */
  severity?: 'error';
}

const LISTED = 8;

function inRange(p: Position, r: Range): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

function lineCount(text: string, limit: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && n <= limit; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function inlayHints(index: ProjectIndex, rel: string, text: string, range: Range): InlayHintItem[] {
  if (lineCount(text, MAX_INLAY_HINT_LINES) > MAX_INLAY_HINT_LINES) return [];
  const kind = index.classify(rel);
  if (kind === 'event') {
    return codeLenses(index, rel)
      .filter((lens) => inRange(lens.range.end, range))
      .map((lens) => ({ position: lens.range.end, label: lens.title }));
  }
  if (kind !== 'source') return [];
  const hints: InlayHintItem[] = [];
  for (const site of index.callSitesForText(rel, text)) {
    if (site.refersTo !== 'event' || !inRange(site.range.end, range)) continue;
    const position = site.range.end;
    if (site.event !== null && !site.dynamic) {
      const unknown = index.callSiteDiagnostics(rel, site).find((d) => d.code === 'unknown-event');
      if (unknown) {
        const label = index.removedEventNamed(site.event) ? 'removed' : index.eventsNamed(site.event).length ? 'not an internal event' : 'unknown';
        hints.push({ position, label, tooltip: unknown.message, severity: 'error' });
        continue;
      }
      const metrics = index.metricsCounting(site.event);
      const listed = metrics.slice(0, LISTED).map((m) => `- ${metricLine(m)}`);
      if (metrics.length > LISTED) listed.push(`- … and ${metrics.length - LISTED} more`);
      hints.push({
        position,
        label: metrics.length ? `${metrics.length} metric${metrics.length === 1 ? '' : 's'}` : 'no metric',
        tooltip: metrics.length ? `**Metrics counting \`${site.event}\`**\n\n${listed.join('\n')}` : `No metric counts \`${site.event}\` yet.`,
      });
    } else if (site.namePattern) {
      const matches = eventsMatchingPattern(index, site.namePattern).map((d) => d.action!);
      const names = matches.slice(0, LISTED).map((n) => `\`${n}\``).join(', ') + (matches.length > LISTED ? ` and ${matches.length - LISTED} more` : '');
      hints.push({
        position,
        label: matches.length ? `may be ${matches.length} event${matches.length === 1 ? '' : 's'}` : 'matches no event',
        tooltip: `Name built at run time: \`${site.namePattern}\`${matches.length ? `\n\nMay be ${names}.` : '\n\nNo defined event matches it.'}`,
      });
    }
  }
  return hints;
}
