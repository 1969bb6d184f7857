// Line-level helpers shared by the fixes that edit a definition's YAML: they insert whole lines so
// the rest of the file (comments, quoting, layout) stays exactly as the author wrote it.
import type { Position } from '../model';
import type { YamlFile } from '../yamlFile';
import type { TextReplacement } from './types';

/** GitLab's CLI key order for event files (spec §5). */
export const EVENT_KEY_ORDER = [
  'description',
  'internal_events',
  'category',
  'action',
  'value_type',
  'extra_properties',
  'identifiers',
  'additional_properties',
  'product_group',
  'product_categories',
  'milestone',
  'introduced_by_url',
  'tiers',
];

/** Start of the line after the one holding `offset` (or the end of the text). */
export function lineAfter(yaml: YamlFile, offset: number): Position {
  const pos = yaml.lines.positionAt(offset);
  const lastLine = yaml.lines.positionAt(yaml.text.length).line;
  if (pos.line >= lastLine) return yaml.lines.positionAt(yaml.text.length);
  return { line: pos.line + 1, character: 0 };
}

/** Offset where a node's content really ends: the parser's range may include trailing blank lines. */
export function contentEnd(yaml: YamlFile, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(yaml.text[e - 1])) e--;
  return e;
}

/**
 * Inserts a new top-level key block (lines ending in \n) where the CLI would put `key`: before the
 * first present key that follows it in CLI order, else at the end of the file.
 */
export function insertTopLevelKey(yaml: YamlFile, key: string, block: string): TextReplacement {
  const entries = yaml.topLevelEntries();
  const later = new Set(EVENT_KEY_ORDER.slice(EVENT_KEY_ORDER.indexOf(key) + 1));
  const next = entries.find((e) => later.has(e.key));
  if (next) return { range: { start: { line: next.keyRange.start.line, character: 0 }, end: { line: next.keyRange.start.line, character: 0 } }, newText: block };
  const end = yaml.lines.positionAt(yaml.text.length);
  const needsNewline = yaml.text.length > 0 && !yaml.text.endsWith('\n');
  return { range: { start: end, end }, newText: (needsNewline ? '\n' : '') + block };
}

/** Inserts whole lines (each ending in \n) after the line holding `offset`. */
export function insertLinesAfter(yaml: YamlFile, offset: number, block: string): TextReplacement {
  const at = lineAfter(yaml, offset);
  const atEndWithoutNewline = yaml.lines.offsetAt(at) === yaml.text.length && yaml.text.length > 0 && !yaml.text.endsWith('\n');
  return { range: { start: at, end: at }, newText: (atEndWithoutNewline ? '\n' : '') + block };
}

/** Leading whitespace of the line holding `offset`. */
export function indentAt(yaml: YamlFile, offset: number): string {
  const line = yaml.lines.lineText(yaml.lines.positionAt(offset).line);
  return /^[ \t]*/.exec(line)![0];
}
