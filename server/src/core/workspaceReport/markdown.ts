// A report document as GitLab-flavoured Markdown: what a merge request comment or a wiki page shows.
import type { Block, Inline, ReportDocument, Text } from './document';

function inline(i: Inline, inTable: boolean): string {
  if (typeof i === 'string') {
    // Underscores inside a word never emphasise (GitLab's Markdown is CommonMark): slugs stay readable.
    const escaped = i.replace(/([\\`*[\]<>])/g, '\\$1').replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_');
    return inTable ? escaped.replace(/\|/g, '\\|').replace(/\n/g, ' ') : escaped;
  }
  if ('strong' in i) return `**${inline(i.strong, inTable)}**`;
  // A code span holding backticks needs a longer fence than any run inside it.
  const longest = Math.max(0, ...(i.code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const body = inTable ? i.code.replace(/\|/g, '\\|') : i.code;
  return longest ? `${fence} ${body} ${fence}` : `${fence}${body}${fence}`;
}

function text(t: Text, inTable = false): string {
  return t.map((i) => inline(i, inTable)).join('');
}

function block(b: Block): string | undefined {
  switch (b.kind) {
    case 'heading':
      return `${b.level === 1 ? '###' : '####'} ${text(b.text)}`;
    case 'paragraph':
      return text(b.text);
    case 'list':
      return b.items.map((item) => `- ${b.checklist ? '[ ] ' : ''}${text(item)}`).join('\n');
    case 'table': {
      const head = `| ${b.columns.map((c) => c.title).join(' | ')} |`;
      const rule = `|${b.columns.map((c) => (c.numeric ? ' ---: ' : ' --- ')).join('|')}|`;
      const rows = b.rows.map((row) => `| ${row.map((cell) => text(cell, true)).join(' | ')} |`);
      return [head, rule, ...rows].join('\n');
    }
    case 'chart':
      return undefined; // its numbers are in the table beside it
  }
}

export function renderMarkdown(doc: ReportDocument): string {
  const parts = [`## ${doc.title}`, ...doc.blocks.map(block).filter((s): s is string => s !== undefined)];
  return parts.join('\n\n') + '\n';
}
