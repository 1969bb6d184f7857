// Markdown summaries of events and metrics, shared by hover and completion.
import type { EventDefinition, MetricDefinition } from '../definitions';
import { timeFrameLabel } from '../definitions';
import type { ProjectIndex } from '../projectIndex';
import type { Range } from '../model';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

function milestoneText(m: unknown): string | undefined {
  return m === undefined || m === null ? undefined : String(m);
}

/**
 * A markdown link opening a workspace file at a line (VS Code reads `#L<line>`): hovers and
 * completion details link to the definitions they describe.
 */
export function fileLink(index: ProjectIndex, rel: string, range: Range | undefined, text: string = rel): string {
  const uri = pathToFileURL(path.join(index.root, rel)).href + (range ? `#L${range.start.line + 1}` : '');
  return `[${text}](${uri})`;
}

export function metricLine(m: MetricDefinition, index?: ProjectIndex): string {
  const frames = m.expandedKeyPaths.map((k) => {
    const key = `\`${k.keyPath}\``;
    return `${index ? fileLink(index, m.file, m.keyPathRange, key) : key} (${timeFrameLabel(k.timeFrame)})`;
  });
  const uniques = [...new Set(m.events.map((e) => e.unique).filter(Boolean))];
  return `${frames.join(', ')}${uniques.length ? ` — unique ${uniques.join(', ')}` : ' — total'}`;
}

export function eventSummaryMarkdown(index: ProjectIndex, e: EventDefinition): string {
  const lines: string[] = [];
  lines.push(`**${e.action ?? '(no action)'}**${e.internal ? '' : ' _(legacy Snowplow event)_'}${e.removed ? ' _(removed)_' : ''}`);
  if (e.description) lines.push('', e.description);
  const facts: string[] = [];
  facts.push(`identifiers: ${e.identifiers.length ? e.identifiers.join(', ') : 'none'}`);
  if (e.properties.size) {
    facts.push(`properties: ${[...e.properties.entries()].map(([k, d]) => (d ? `${k} (${d})` : k)).join('; ')}`);
  } else facts.push('properties: none');
  if (e.productGroup) facts.push(`product group: ${e.productGroup}`);
  if (e.tiers.length) facts.push(`tiers: ${e.tiers.join(', ')}`);
  const ms = milestoneText(e.milestone);
  if (ms) facts.push(`milestone: ${ms}`);
  lines.push('', ...facts.map((f) => `- ${f}`));
  if (e.action) {
    const metrics = index.metricsCounting(e.action);
    lines.push('', metrics.length ? `**Metrics (${metrics.length})**` : '_No metric counts this event._');
    for (const m of metrics.slice(0, 12)) lines.push(`- ${metricLine(m, index)}`);
    if (metrics.length > 12) lines.push(`- … and ${metrics.length - 12} more`);
  }
  lines.push('', fileLink(index, e.file, e.actionRange));
  return lines.join('\n');
}

export function metricSummaryMarkdown(index: ProjectIndex, m: MetricDefinition): string {
  const lines = [`**${m.keyPath ?? '(no key_path)'}**`];
  if (m.description) lines.push('', m.description);
  lines.push('', `- ${metricLine(m, index)}`);
  if (m.events.length) lines.push(`- events: ${m.events.map((e) => e.name).filter(Boolean).join(', ')}`);
  if (m.status) lines.push(`- status: ${m.status}`);
  lines.push('', fileLink(index, m.file, m.keyPathRange));
  return lines.join('\n');
}
