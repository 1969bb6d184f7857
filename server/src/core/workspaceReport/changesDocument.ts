// What a branch changes, as a document ready for a merge request comment: a summary, the events,
// metrics, key paths and tracking calls added, changed and removed, the review points, and the
// problems `check` finds in the changed files.
import { code, joined, strong, type Block, type ReportDocument, type Text } from './document';
import type { BranchChanges, DefinitionChange } from './branchChanges';

const CHANGE_WORD = { added: 'added', changed: 'changed', removed: 'removed' } as const;

function count(list: { change: string }[], change: string): Text {
  return [String(list.filter((x) => x.change === change).length)];
}

function definitionTable(title: string, changes: DefinitionChange[]): Block[] {
  if (!changes.length) return [];
  return [
    { kind: 'heading', level: 2, text: [`${title} (${changes.length})`] },
    {
      kind: 'table',
      columns: [{ title: '' }, { title: title === 'Events' ? 'Event' : 'Key path' }, { title: 'Product group' }, { title: 'File' }, { title: 'What changed' }],
      rows: changes.map((c) => [[CHANGE_WORD[c.change]], [code(c.name)], [c.productGroup ?? ''], [code(c.file)], [c.details.join(', ')]]),
    },
  ];
}

export function changesDocument(c: BranchChanges): ReportDocument {
  const title = 'Internal events: what this branch changes';
  const intro: Block = {
    kind: 'paragraph',
    text: c.ref ? ['Compared with ', code(c.ref), ' where this branch left it (', code(c.base), ').'] : ['Compared with ', code(c.base), '.'],
  };
  const calls = c.calls.filter((x) => !x.spec);
  const specs = c.calls.filter((x) => x.spec);
  const nothing = !c.events.length && !c.metrics.length && !c.calls.length && !c.keyPaths.added.length && !c.keyPaths.removed.length;
  const blocks: Block[] = [intro];
  if (nothing) blocks.push({ kind: 'paragraph', text: ['No event, metric, key path or tracking call changed.'] });
  else {
    blocks.push({
      kind: 'table',
      id: 'summary',
      columns: [{ title: '' }, { title: 'Added', numeric: true }, { title: 'Changed', numeric: true }, { title: 'Removed', numeric: true }],
      rows: [
        [['events'], count(c.events, 'added'), count(c.events, 'changed'), count(c.events, 'removed')],
        [['metrics'], count(c.metrics, 'added'), count(c.metrics, 'changed'), count(c.metrics, 'removed')],
        [['key paths'], [String(c.keyPaths.added.length)], ['—'], [String(c.keyPaths.removed.length)]],
        [['tracking calls'], count(calls, 'added'), ['—'], count(calls, 'removed')],
        [['spec references'], count(specs, 'added'), ['—'], count(specs, 'removed')],
      ],
    });
  }
  blocks.push(...definitionTable('Events', c.events), ...definitionTable('Metrics', c.metrics));
  if (c.keyPaths.added.length || c.keyPaths.removed.length) {
    blocks.push({ kind: 'heading', level: 2, text: ['Key paths'] });
    if (c.keyPaths.added.length) blocks.push({ kind: 'paragraph', text: [strong(`Added (${c.keyPaths.added.length}):`), ' ', ...joined(c.keyPaths.added.map(code))] });
    if (c.keyPaths.removed.length) blocks.push({ kind: 'paragraph', text: [strong(`Removed (${c.keyPaths.removed.length}):`), ' ', ...joined(c.keyPaths.removed.map(code))] });
  }
  if (c.calls.length) {
    blocks.push({ kind: 'heading', level: 2, text: [`Tracking calls and specs (${c.calls.length})`] });
    blocks.push({
      kind: 'table',
      columns: [{ title: '' }, { title: 'Event' }, { title: 'Where' }, { title: 'Kind' }],
      rows: c.calls.map((x) => [[x.change], [code(x.event)], [code(`${x.file}:${x.line}`)], [x.spec ? 'spec' : 'call']]),
    });
  }
  blocks.push({ kind: 'heading', level: 2, text: [`Review points (${c.reviewPoints.length})`] });
  if (c.reviewPoints.length) {
    blocks.push({
      kind: 'list',
      checklist: true,
      items: c.reviewPoints.map((p) => [code(p.file), ...(p.subject !== p.file ? [' (', code(p.subject), ')'] : []), `: ${p.message}`]),
    });
  } else blocks.push({ kind: 'paragraph', text: ['Nothing for the Analytics Instrumentation review to look at beyond the changes above.'] });
  if (c.problems.length) {
    blocks.push({ kind: 'heading', level: 2, text: [`Problems in the changed files (${c.problems.length})`] });
    blocks.push({ kind: 'list', items: c.problems.map((p) => [`${p.severity} `, code(`${p.file}:${p.line}`), ' ', code(p.code), ` ${p.message}`]) });
  }
  return { title, blocks };
}
