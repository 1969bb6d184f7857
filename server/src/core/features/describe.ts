// Markdown summaries of events and metrics, shared by hover and completion.
import type { EventDefinition, MetricDefinition } from '../definitions';
import { timeFrameLabel } from '../definitions';
import type { ProjectIndex } from '../projectIndex';

function milestoneText(m: unknown): string | undefined {
  return m === undefined || m === null ? undefined : String(m);
}

export function metricLine(m: MetricDefinition): string {
  const frames = m.expandedKeyPaths.map((k) => `\`${k.keyPath}\` (${timeFrameLabel(k.timeFrame)})`);
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
    for (const m of metrics.slice(0, 12)) lines.push(`- ${metricLine(m)}`);
    if (metrics.length > 12) lines.push(`- … and ${metrics.length - 12} more`);
  }
  lines.push('', `_${e.file}_`);
  return lines.join('\n');
}

export function metricSummaryMarkdown(m: MetricDefinition): string {
  const lines = [`**${m.keyPath ?? '(no key_path)'}**`];
  if (m.description) lines.push('', m.description);
  lines.push('', `- ${metricLine(m)}`);
  if (m.events.length) lines.push(`- events: ${m.events.map((e) => e.name).filter(Boolean).join(', ')}`);
  if (m.status) lines.push(`- status: ${m.status}`);
  lines.push('', `_${m.file}_`);
  return lines.join('\n');
}
