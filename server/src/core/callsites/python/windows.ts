// A Python service file is mostly code that tracks nothing: parsing all of it costs 15-30 ms per
// 1,000 lines, ten times the budget. Only the blocks around lines that hold a needle are parsed:
// the innermost `def`'s header (its parameters say what a name is) with the function-level
// statement holding the line, or, outside any function, the statement itself. A hit on a `def`
// line takes the whole function (`__init__` stores its parameters). Each window is dedented so it
// parses as top-level code, and keeps per line its file line and how much was cut, so positions
// map back to the file exactly.
import type { Position } from '../../model';
import { LineIndex } from '../../text';

export interface PythonWindow {
  /** The block's text, dedented. */
  text: string;
  /** Per window line, its line in the file (a window may skip lines: a function's other statements). */
  fileLines: number[];
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

/** One past a def's header: the line after the first one ending with `:` (parameters may span lines). */
function headerEnd(lines: string[], def: number): number {
  for (let i = def; i < lines.length && i < def + 30; i++) if (/:\s*(#.*)?$/.test(lines[i])) return i + 1;
  return def + 1;
}

/** The function-level statement of a def body holding `hit`: [start, end) lines. */
function bodyStatement(lines: string[], bodyIndent: number, from: number, hit: number): [number, number] {
  let start = hit;
  while (start > from && !(isCode(lines[start]) && indentOf(lines[start]) <= bodyIndent && !CLOSER_LINE.test(lines[start]))) start--;
  let end = hit + 1;
  while (end < lines.length && (!isCode(lines[end]) || indentOf(lines[end]) > bodyIndent || CLOSER_LINE.test(lines[end]))) end++;
  return [start, end];
}

/** Windows around the given lines, in file order; hits in one function share its window. */
export function windowsAround(lines: string[], hits: number[]): PythonWindow[] {
  const windows = new Map<number, Set<number>>(); // first line of the block → the lines it takes
  let covered = -1; // lines below this are already in a window
  for (const hit of hits) {
    if (hit < covered) continue;
    const start = blockStart(lines, hit);
    const end = blockEnd(lines, start, hit);
    const taken = windows.get(start) ?? new Set<number>();
    windows.set(start, taken);
    const body = headerEnd(lines, start);
    if (!DEF_LINE.test(lines[start]) || hit === start || hit < body) {
      for (let i = start; i < end; i++) taken.add(i); // a statement, or a whole function
      covered = end;
      continue;
    }
    for (let i = start; i < body; i++) taken.add(i);
    let first = body;
    while (first < hit && !isCode(lines[first])) first++;
    const bodyIndent = indentOf(lines[first]);
    const [s, e] = bodyStatement(lines, bodyIndent, body, hit);
    for (let i = s; i < e; i++) taken.add(i);
    covered = e;
  }
  return [...windows.entries()].sort(([a], [b]) => a - b).map(([start, taken]) => makeWindowOf(lines, [...taken].sort((a, b) => a - b), indentOf(lines[start])));
}

export function makeWindow(lines: string[], start: number, end: number): PythonWindow {
  return makeWindowOf(lines, Array.from({ length: end - start }, (_, i) => start + i), indentOf(lines[start]));
}

function makeWindowOf(lines: string[], fileLines: number[], dedent: number): PythonWindow {
  const cut: number[] = [];
  const parts: string[] = [];
  for (const i of fileLines) {
    const n = Math.min(dedent, indentOf(lines[i]));
    cut.push(n);
    parts.push(lines[i].slice(n));
  }
  const text = parts.join('\n');
  return { text, fileLines, cut, lines: new LineIndex(text) };
}

/** A window offset as a file position. */
export function filePosition(w: PythonWindow, offset: number): Position {
  const p = w.lines.positionAt(offset);
  return { line: w.fileLines[p.line], character: p.character + w.cut[p.line] };
}
