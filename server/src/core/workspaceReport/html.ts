// A report document as one self-contained HTML page: styles inline, the chart as inline SVG, and a
// Content-Security-Policy that forbids every network request, so the page shows the same offline,
// attached to a CI job, or opened from disk.
import type { Block, Inline, ReportDocument, Text } from './document';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function inline(i: Inline): string {
  if (typeof i === 'string') return escapeHtml(i);
  if ('strong' in i) return `<strong>${escapeHtml(i.strong)}</strong>`;
  return `<code>${escapeHtml(i.code)}</code>`;
}

function text(t: Text): string {
  return t.map(inline).join('');
}

const SERIES_CLASS = ['s0', 's1', 's2'];
const LABEL_WIDTH = 220;
const BAR_AREA = 420;
const BAR_HEIGHT = 12;
const ROW_GAP = 10;
/** Longer labels are cut (the bar's tooltip has the whole name). */
const LABEL_CHARS = 30;

function chart(b: Extract<Block, { kind: 'chart' }>): string {
  const max = Math.max(1, ...b.bars.flatMap((bar) => bar.values));
  const rowHeight = b.series.length * BAR_HEIGHT + ROW_GAP;
  const height = b.bars.length * rowHeight + 8;
  const width = LABEL_WIDTH + BAR_AREA + 60;
  const rows = b.bars.map((bar, row) => {
    const top = row * rowHeight + 4;
    const rects = bar.values.map((value, s) => {
      const y = top + s * BAR_HEIGHT;
      const w = Math.max(value > 0 ? 1 : 0, Math.round((value / max) * BAR_AREA));
      const label = `${bar.label}: ${value} ${b.series[s]}`;
      return (
        `<rect class="bar ${SERIES_CLASS[s % SERIES_CLASS.length]}" x="${LABEL_WIDTH}" y="${y}" width="${w}" height="${BAR_HEIGHT - 2}" ` +
        `data-label="${escapeHtml(bar.label)}" data-series="${escapeHtml(b.series[s])}" data-value="${value}"><title>${escapeHtml(label)}</title></rect>` +
        `<text class="value" x="${LABEL_WIDTH + w + 4}" y="${y + BAR_HEIGHT - 3}">${value}</text>`
      );
    });
    const labelY = top + (b.series.length * BAR_HEIGHT) / 2 + 4;
    const shown = bar.label.length > LABEL_CHARS ? `${bar.label.slice(0, LABEL_CHARS - 1)}…` : bar.label;
    return `<text class="label" x="${LABEL_WIDTH - 8}" y="${labelY}" text-anchor="end">${escapeHtml(shown)}</text>${rects.join('')}`;
  });
  const legend = b.series.map((s, i) => `<span class="key"><span class="swatch ${SERIES_CLASS[i % SERIES_CLASS.length]}"></span>${escapeHtml(s)}</span>`).join(' ');
  return (
    `<figure class="chart"><figcaption>${escapeHtml(b.title)} ${legend}</figcaption>` +
    `<svg role="img" aria-label="${escapeHtml(b.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows.join('')}</svg></figure>`
  );
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading': {
      const tag = b.level === 1 ? 'h2' : 'h3';
      return `<${tag}${b.id ? ` id="${escapeHtml(b.id)}"` : ''}>${text(b.text)}</${tag}>`;
    }
    case 'paragraph':
      return `<p>${text(b.text)}</p>`;
    case 'list': {
      const items = b.items.map((item) => `<li>${b.checklist ? '<input type="checkbox" disabled> ' : ''}${text(item)}</li>`);
      return `<ul${b.checklist ? ' class="checklist"' : ''}>${items.join('')}</ul>`;
    }
    case 'table': {
      const cls = (numeric?: boolean) => (numeric ? ' class="num"' : '');
      const head = b.columns.map((c) => `<th scope="col"${cls(c.numeric)}>${escapeHtml(c.title)}</th>`).join('');
      const rows = b.rows.map((row) => `<tr>${row.map((cell, i) => `<td${cls(b.columns[i]?.numeric)}>${text(cell)}</td>`).join('')}</tr>`);
      return `<table${b.id ? ` id="${escapeHtml(b.id)}"` : ''}><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
    }
    case 'chart':
      return chart(b);
  }
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f1e24; --muted: #626168; --line: #dcdcde; --s0: #7b58cf; --s1: #1f75cb; --s2: #108548; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececef; --muted: #a4a3a8; --line: #434248; --s0: #ac93e6; --s1: #63a6e9; --s2: #52b87a; } }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid var(--line); } h3 { font-size: 15px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; } .num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
ul.checklist { list-style: none; padding-left: 4px; }
figure.chart { margin: 12px 0; } figcaption { color: var(--muted); margin-bottom: 4px; }
.key { margin-left: 12px; } .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.s0 { fill: var(--s0); background: var(--s0); } .s1 { fill: var(--s1); background: var(--s1); } .s2 { fill: var(--s2); background: var(--s2); }
svg text { fill: var(--fg); font-size: 12px; } svg text.value { fill: var(--muted); font-size: 11px; }
footer { color: var(--muted); margin-top: 40px; font-size: 12px; }
`;

export function renderHtml(doc: ReportDocument, footer: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may be fetched: no script, font, image or style from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    ...doc.blocks.map(block),
    `<footer>${escapeHtml(footer)}</footer>`,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
