// How deep Ruby code nests, found without parsing: Prism keeps its C stack in 64 KiB of WebAssembly
// memory, overflows it at 95-140 levels and, past ~165 nested blocks, never returns at all (the
// overflow corrupts the instance before any check can run). So the depth is bounded before Prism
// sees the text. The scan reads brackets and the keywords that open and close blocks, skipping
// comments, strings, symbols, heredocs and =begin blocks. A literal that is never closed hides
// nothing: the scan goes on right after its opening (Prism may read the rest as code, and must
// not meet nesting the scan did not count). Each opener it counts is one Ruby closes with `end`
// or a bracket, so ordinary code comes back to level 0.
import { BUDGET, type OverBudget } from './limits';

/** Keywords that always open a construct closed by `end`. */
const BLOCK_OPENERS = new Set(['class', 'module', 'begin', 'case', 'do', 'def']);
/** Keywords that open one only at the start of a statement (else they are modifiers: `x if y`). */
const STATEMENT_OPENERS = new Set(['if', 'unless', 'while', 'until', 'for']);
/** Loops whose optional `do` belongs to the loop, not to a block. */
const LOOPS = new Set(['while', 'until', 'for']);
/** Words after which an expression starts, so an `if` there opens one. */
const VALUE_STARTERS = new Set(['then', 'else', 'do', 'and', 'or', 'not', 'begin']);
const WORD = /[A-Za-z_][A-Za-z0-9_]*[?!]?/y;
const HEREDOC = /<<([~-]?)(["'`]?)([A-Za-z_][A-Za-z0-9_]*)\2/y;
const PERCENT_LITERAL = /%[qQwWiIrsx]?[([{<|!\/^]/y;
const CLOSER_OF: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
const DOT = 0x2e, AT = 0x40, DOLLAR = 0x24;

// Character codes instead of a regex per character: this runs over every Ruby file with a call.
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isWordStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}
/** [A-Za-z0-9_]; false for NaN (before the text's start or after its end). */
function isWordCode(c: number): boolean {
  return isWordStart(c) || isDigit(c);
}

export function rubyOverBudget(text: string, maxDepth: number = BUDGET.rubyDepth): OverBudget | undefined {
  const scan = scanRubyNesting(text, maxDepth);
  if (scan.deepest <= maxDepth) return undefined;
  return { offset: scan.deepestAt, message: `This code nests more than ${maxDepth} levels deep, more than the Ruby parser can take; tracking calls in this file are not checked.` };
}

export interface NestingScan {
  /** The deepest level reached (the scan stops once past `stopAbove`). */
  deepest: number;
  deepestAt: number;
  /** The level at the end of the text: 0 for code whose every opener was matched. */
  final: number;
}

export function scanRubyNesting(text: string, stopAbove: number): NestingScan {
  let depth = 0;
  let deepest = 0;
  let deepestAt = 0;
  /** What came before on this statement: nothing, an operator (a value may start), or a value. */
  let before: 'start' | 'operator' | 'value' = 'start';
  let loopOnLine = false;
  const heredocs: string[] = [];
  const open = (at: number): boolean => {
    if (++depth > deepest) [deepest, deepestAt] = [depth, at];
    return depth > stopAbove;
  };
  const result = (): NestingScan => ({ deepest, deepestAt, final: depth });
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      if (heredocs.length) i = skipHeredocBodies(text, i, heredocs.splice(0));
      if (text.startsWith('=begin', i + 1) && text.includes('\n=end', i)) i = skipTo(text, '\n=end', i) + 5;
      if (text.startsWith('__END__\n', i + 1) || text.startsWith('__END__\r', i + 1)) return result();
      before = lineContinues(text, i) ? 'operator' : 'start';
      loopOnLine = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (c === '#') {
      i = skipTo(text, '\n', i) - 1;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const end = skipQuoted(text, i + 1, c, '', c !== "'");
      if (end < text.length) {
        i = end;
        before = 'value';
        continue;
      }
    }
    if (c === '%' && opensLiteral(text, i, before)) {
      PERCENT_LITERAL.lastIndex = i;
      if (PERCENT_LITERAL.test(text)) {
        const delimiter = text[PERCENT_LITERAL.lastIndex - 1];
        const interpolates = !/%[qwis]/.test(text.slice(i, i + 2));
        const end = skipQuoted(text, PERCENT_LITERAL.lastIndex, CLOSER_OF[delimiter] ?? delimiter, CLOSER_OF[delimiter] ? delimiter : '', interpolates);
        if (end < text.length) {
          i = end;
          before = 'value';
          continue;
        }
      }
    }
    if (c === '<' && text[i + 1] === '<') {
      HEREDOC.lastIndex = i;
      const m = HEREDOC.exec(text);
      // `a << b` appends; a heredoc's name is right after the `<<` (SQL, EOS, ~HTML …).
      if (m && (m[1] || m[2] || /^[A-Z]/.test(m[3]))) {
        heredocs.push(m[3]);
        i = HEREDOC.lastIndex - 1;
        before = 'value';
        continue;
      }
    }
    if (c === ':' && text[i + 1] !== ':' && /[A-Za-z_"]/.test(text[i + 1] ?? '') && text[i - 1] !== ':') {
      // A symbol (:end, :if, :"x"): a name, not a keyword.
      if (text[i + 1] === '"') {
        const end = skipQuoted(text, i + 2, '"', '', true);
        i = end < text.length ? end : i + 1;
      }
      else {
        WORD.lastIndex = i + 1;
        WORD.test(text);
        i = WORD.lastIndex - 1;
      }
      before = 'value';
      continue;
    }
    if (c === '/' && opensLiteral(text, i, before)) {
      const end = skipQuoted(text, i + 1, '/', '', true);
      if (end < text.length) {
        i = end;
        before = 'value';
        continue;
      }
    }
    if (c === '(' || c === '[' || c === '{') {
      if (open(i)) return result();
      before = 'operator';
      continue;
    }
    if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
      before = 'value';
      continue;
    }
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      while (i + 1 < text.length && (isWordCode(text.charCodeAt(i + 1)) || text[i + 1] === '.') && !(text[i + 1] === '.' && !isDigit(text.charCodeAt(i + 2)))) i++;
      before = 'value';
      continue;
    }
    if (isWordStart(code)) {
      WORD.lastIndex = i;
      WORD.test(text);
      // No keyword is longer than six letters: a longer word is never sliced out (most names).
      const word = WORD.lastIndex - i <= 6 ? text.slice(i, WORD.lastIndex) : '';
      const start = i;
      i = WORD.lastIndex - 1;
      // A method name (x.end, x&.class, Foo::Module) or a hash key (if: …) is no keyword.
      const prior = text.charCodeAt(start - 1);
      const isName = prior === DOT || prior === AT || prior === DOLLAR || text.startsWith('::', start - 2) || (text[i + 1] === ':' && text[i + 2] !== ':');
      if (!isName && !isWordCode(prior)) {
        if (word === 'end') {
          depth = Math.max(0, depth - 1);
          before = 'value';
          continue;
        }
        const opens: boolean =
          (BLOCK_OPENERS.has(word) && !(word === 'do' && loopOnLine) && !(word === 'def' && isEndlessDef(text, i + 1))) ||
          (STATEMENT_OPENERS.has(word) && before !== 'value');
        if (opens) {
          if (open(start)) return result();
        }
        if (LOOPS.has(word) && opens) loopOnLine = true;
        before = opens || VALUE_STARTERS.has(word) ? 'operator' : 'value';
        continue;
      }
      before = 'value';
      continue;
    }
    // Any other character is an operator (=, ,, ;, |, &, +, ?, !, …): a value may follow it.
    before = 'operator';
    if (c === ';') loopOnLine = false;
  }
  return result();
}

/**
 * Whether the `%` or `/` at `i` starts a literal rather than an operator: where a value may
 * start, or, as Ruby itself reads it, after a space and before a non-space (`puts %w[a]`, `x /re/`).
 */
function opensLiteral(text: string, i: number, before: 'start' | 'operator' | 'value'): boolean {
  if (before !== 'value') return true;
  return (text[i - 1] === ' ' || text[i - 1] === '\t') && !/\s/.test(text[i + 1] ?? ' ');
}

/**
 * Index of the closing delimiter (bracket pairs nest), past escapes and, where the literal
 * interpolates, past `#{…}` code with its own strings. The text's end if none.
 */
function skipQuoted(text: string, from: number, close: string, open: string, interpolates: boolean): number {
  let nested = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (interpolates && c === '#' && text[i + 1] === '{') i = skipInterpolation(text, i + 2);
    else if (open && c === open) nested++;
    else if (c === close) {
      if (nested === 0) return i;
      nested--;
    }
  }
  return text.length;
}

/** Index of the `}` closing an interpolation that starts at `from`. */
function skipInterpolation(text: string, from: number): number {
  let braces = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === '`') i = skipQuoted(text, i + 1, c, '', true);
    else if (c === "'") i = skipQuoted(text, i + 1, c, '', false);
    else if (c === '{') braces++;
    else if (c === '}') {
      if (braces === 0) return i;
      braces--;
    }
  }
  return text.length;
}

function skipTo(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at < 0 ? text.length : at;
}

/**
 * After the newline at `nl`, past the bodies of the heredocs opened on the line before it; `nl`
 * itself when a terminator never comes (then it was no heredoc, or a broken one).
 */
function skipHeredocBodies(text: string, nl: number, names: string[]): number {
  let i = nl;
  for (const name of names) {
    for (;;) {
      const lineStart = i + 1;
      if (lineStart >= text.length) return nl;
      const lineEnd = skipTo(text, '\n', lineStart);
      i = lineEnd;
      if (text.slice(lineStart, lineEnd).trim() === name) break;
    }
  }
  return i - 1; // the loop's i++ lands on the last terminator's newline, which ends that line
}

/** A line ending in an operator or a backslash continues the statement on the next one. */
function lineContinues(text: string, nl: number): boolean {
  let j = nl - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\r' || text[j] === '\t')) j--;
  return j >= 0 && /[\\,=+\-*|&(\[{]/.test(text[j]) && text[j - 1] !== '#';
}

/** `def name(args) = value` has no `end`. */
function isEndlessDef(text: string, from: number): boolean {
  const lineEnd = skipTo(text, '\n', from);
  const line = text.slice(from, lineEnd);
  return /^\s*(self\.)?[A-Za-z_][A-Za-z0-9_]*[?!]?\s*(\([^)]*\))?\s*=(?![=~>])/.test(line);
}
