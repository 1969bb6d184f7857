// The workspace report as a document: a summary table and chart of the product groups, then each
// group's events, metrics and findings.
import { plural } from '../definitionFacts';
import { timeFrameLabel } from '../definitions';
import { code, joined, strong, type Block, type ReportDocument, type Text } from './document';
import type { GroupReport, WorkspaceReport } from './workspaceModel';

const num = (n: number): Text => [String(n)];

function namesParagraph(title: string, names: string[]): Block[] {
  if (!names.length) return [];
  return [{ kind: 'paragraph', text: [strong(`${title} (${names.length}):`), ' ', ...joined(names.map(code))] }];
}

function groupBlocks(g: GroupReport): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: [g.group], id: `group-${g.group.replace(/[^a-z0-9_-]+/gi, '-')}` }];
  if (g.events.length) {
    blocks.push({ kind: 'heading', level: 2, text: [`Events (${g.events.length})`] });
    blocks.push({
      kind: 'table',
      columns: [{ title: 'Event' }, { title: 'Calls', numeric: true }, { title: 'Specs', numeric: true }, { title: 'Metrics', numeric: true }, { title: 'Findings' }],
      rows: g.events.map((e) => [[code(e.action)], num(e.calls), num(e.specs), num(e.metrics), [e.findings.join(', ')]]),
    });
  }
  if (g.metrics.length) {
    blocks.push({ kind: 'heading', level: 2, text: [`Metrics (${g.metrics.length})`] });
    blocks.push({
      kind: 'table',
      columns: [{ title: 'Key path' }, { title: 'Time frame' }, { title: 'Data source' }, { title: 'Events' }, { title: 'Findings' }],
      rows: g.metrics.map((m) => [
        [code(m.keyPath ?? m.file)],
        [m.timeFrames.map(timeFrameLabel).join(', ')],
        [m.dataSource ?? ''],
        joined(m.events.map(code)),
        [m.findings.join(', ')],
      ]),
    });
  }
  blocks.push(...namesParagraph('Unused events', g.unusedEvents));
  blocks.push(...namesParagraph('Events without a metric', g.eventsWithoutMetric));
  blocks.push(...namesParagraph('Events no spec covers', g.eventsWithoutSpec));
  if (g.definitionsWithProblems.length) {
    blocks.push({ kind: 'heading', level: 2, text: [`Definitions with errors or placeholders (${g.definitionsWithProblems.length})`] });
    blocks.push({
      kind: 'table',
      columns: [{ title: 'File' }, { title: 'Errors', numeric: true }, { title: 'Warnings', numeric: true }, { title: 'TODOs', numeric: true }, { title: 'First problems' }],
      rows: g.definitionsWithProblems.map((p) => [[code(p.file)], num(p.errors), num(p.warnings), num(p.placeholders), [p.messages.join('; ')]]),
    });
  }
  if (g.legacyInUse.length) {
    blocks.push({ kind: 'heading', level: 2, text: [`Legacy definitions still in use (${g.legacyInUse.length})`] });
    blocks.push({
      kind: 'table',
      columns: [{ title: 'Event' }, { title: 'File' }, { title: 'Calls', numeric: true }, { title: 'Metrics', numeric: true }],
      rows: g.legacyInUse.map((l) => [[code(l.action)], [code(l.file)], num(l.calls), num(l.metrics)]),
    });
  }
  return blocks;
}

export function workspaceDocument(r: WorkspaceReport): ReportDocument {
  const t = r.totals;
  const title = `Internal events in ${r.project}${r.group ? ` — ${r.group}` : ''}`;
  if (!r.groups.length) {
    const why = r.group ? `No event or metric definition names the product group ${r.group}.` : 'No event or metric definition in this folder.';
    return { title, blocks: [{ kind: 'paragraph', text: [why] }] };
  }
  const problems = (g: GroupReport) => g.definitionsWithProblems.length;
  return {
    title,
    blocks: [
      {
        kind: 'paragraph',
        text: [`${plural(t.events, 'event')} and ${plural(t.metrics, 'metric')} in ${plural(t.groups, 'product group')}; ${plural(t.trackingCalls, 'tracking call')} name them.`],
      },
      { kind: 'chart', title: 'Events and metrics per product group', series: ['events', 'metrics'], bars: r.groups.map((g) => ({ label: g.group, values: [g.events.length, g.metrics.length] })) },
      {
        kind: 'table',
        id: 'groups',
        columns: [
          { title: 'Product group' },
          { title: 'Events', numeric: true },
          { title: 'Metrics', numeric: true },
          { title: 'Unused', numeric: true },
          { title: 'No metric', numeric: true },
          { title: 'No spec', numeric: true },
          { title: 'With problems', numeric: true },
          { title: 'Legacy in use', numeric: true },
        ],
        rows: r.groups.map((g) => [
          [g.group],
          num(g.events.length),
          num(g.metrics.length),
          num(g.unusedEvents.length),
          num(g.eventsWithoutMetric.length),
          num(g.eventsWithoutSpec.length),
          num(problems(g)),
          num(g.legacyInUse.length),
        ]),
      },
      ...r.groups.flatMap(groupBlocks),
    ],
  };
}
