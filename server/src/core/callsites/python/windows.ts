// A Python service file is mostly code that tracks nothing: parsing all of it costs 15-30 ms per
// 1,000 lines, ten times the budget. Only the blocks around lines that hold a needle are parsed:
// the innermost `def` containing the line (its parameters say what a name is), or, outside any
// function, the statement itself. Each block is dedented so it parses as top-level code, and keeps
// per line how much was cut, so positions map back to the file exactly.
import type { Position } from '../../model';
import { LineIndex } from '../../text';

export interface PythonWindow {
  /** The block's text, dedented. */
  text: string;
  /** File line of the window's first line. */
  firstLine: number;
  /** Per window line, the columns cut from its start. */
  cut: number[];
  lines: LineIndex;
}

const DEF_LINE = /^\s*(?:async\s+)?def\s/;
const CLASS_LINE = /^\s*class\s/;
/** Lines that continue a statement opened above: a closing bracket or a decorator's target. */
const CLOSER_LINE = /^\s*[)\]}]/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isCode(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
}

/** The previous code line with less indentation than `indent` (the block's opener), or -1. */
function openerAbove(lines: string[], from: number, indent: number): number {
  for (let i = from - 1; i >= 0; i--) if (isCode(lines[i]) && indentOf(lines[i]) < indent && !CLOSER_LINE.test(lines[i])) return i;
  return -1;
}

/** First line of the block a hit on `hit` is read in. */
function blockStart(lines: string[], hit: number): number {
  if (DEF_LINE.test(lines[hit])) return hit;
  let child = hit;
  let at = hit;
  for (;;) {
    const opener = openerAbove(lines, at, indentOf(lines[at]));
    if (opener < 0) return at;
    if (DEF_LINE.test(lines[opener])) return opener;
    // A class body is too big to parse for one line: the class-level statement is enough.
    if (CLASS_LINE.test(lines[opener])) return child === hit ? hit : child;
    child = opener;
    at = opener;
  }
}

/** One past the block's last line: the next code line at the start's indentation or less. */
function blockEnd(lines: string[], start: number, hit: number): number {
  const indent = indentOf(lines[start]);
  let i = hit + 1;
  while (i < lines.length && (!isCode(lines[i]) || indentOf(lines[i]) > indent || CLOSER_LINE.test(lines[i]))) i++;
  return i;
}

/** Line numbers whose text contains one of the needles. */
export function hitLines(lines: string[], needles: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (needles.some((n) => lines[i].includes(n))) out.push(i);
  return out;
}

/** Blocks around the given lines, merged where they overlap, in file order. */
export function windowsAround(lines: string[], hits: number[]): PythonWindow[] {
  const spans: [number, number][] = [];
  for (const hit of hits) {
    const last = spans[spans.length - 1];
    if (last && hit < last[1] && hit >= last[0]) continue;
    const start = blockStart(lines, hit);
    const end = blockEnd(lines, start, hit);
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else spans.push([start, end]);
  }
  return spans.map(([start, end]) => makeWindow(lines, start, end));
}

export function makeWindow(lines: string[], start: number, end: number): PythonWindow {
  const dedent = indentOf(lines[start]);
  const cut: number[] = [];
  const parts: string[] = [];
  for (let i = start; i < end; i++) {
    const n = Math.min(dedent, indentOf(lines[i]));
    cut.push(n);
    parts.push(lines[i].slice(n));
  }
  const text = parts.join('\n');
  return { text, firstLine: start, cut, lines: new LineIndex(text) };
}

/** A window offset as a file position. */
export function filePosition(w: PythonWindow, offset: number): Position {
  const p = w.lines.positionAt(offset);
  return { line: w.firstLine + p.line, character: p.character + w.cut[p.line] };
}
