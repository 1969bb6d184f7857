// A report as a document: headings, paragraphs, tables, lists and a bar chart, written once and
// rendered as Markdown (a merge request comment, a terminal) or as one self-contained HTML page.
// The reports say what to show; the renderers only say how.

/** A piece of text: plain, code (a name, a path) or strong. */
export type Inline = string | { code: string } | { strong: string };
export type Text = Inline[];

export interface Column {
  title: string;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

export type Block =
  /** Level 1: a section; 2: a part of one. */
  | { kind: 'heading'; level: 1 | 2; text: Text; id?: string }
  | { kind: 'paragraph'; text: Text }
  | { kind: 'table'; columns: Column[]; rows: Text[][]; id?: string }
  | { kind: 'list'; items: Text[]; checklist?: boolean }
  /** Bars per label, one per series (HTML draws it; Markdown leaves it to the table beside it). */
  | { kind: 'chart'; title: string; series: string[]; bars: { label: string; values: number[] }[] };

export interface ReportDocument {
  title: string;
  blocks: Block[];
}

export const code = (text: string): Inline => ({ code: text });
export const strong = (text: string): Inline => ({ strong: text });

/** Text items joined by a separator (", " by default). */
export function joined(items: Inline[], separator = ', '): Text {
  return items.flatMap((item, i) => (i ? [separator, item] : [item]));
}
