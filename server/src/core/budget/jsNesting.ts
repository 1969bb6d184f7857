// How deep JS/TS brackets nest, found without parsing: Babel recurses per level (1,000 nested
// `{a:` overflow its stack, and the fallback that then parses calls one by one took 13 s on that
// 5 KB file, on every keystroke). Comments, strings, template literals and regular expressions are
// skipped; `${` in a template counts as a level, like the bracket it is for the parser. A comment
// or template never closed hides nothing: the scan goes on after its opening.
import { BUDGET, type OverBudget } from './limits';

/** Character codes after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Uint8Array(128);
for (const c of '(,=:[!&|?{};+-*%<>~^') BEFORE_REGEX[c.charCodeAt(0)] = 1;
/** `last` before any significant character: a `/` there starts a regular expression. */
const START = -1;
/** `last` after a word, a number, a string or a regular expression: a `/` there divides. */
const WORD = 0x61; // 'a'

const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d, SLASH = 0x2f, STAR = 0x2a, BACKSLASH = 0x5c;
const DQUOTE = 0x22, SQUOTE = 0x27, BACKTICK = 0x60, DOLLAR = 0x24;
const LPAREN = 0x28, RPAREN = 0x29, LBRACKET = 0x5b, RBRACKET = 0x5d, LBRACE = 0x7b, RBRACE = 0x7d;

function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === DOLLAR;
}

// Character codes, not one-character strings and a regex per character: this runs over every JS,
// TS and Vue file with a call before Babel does (0.18 s of the 60k load's main thread before).
export function jsOverBudget(text: string, maxDepth: number = BUDGET.jsDepth): OverBudget | undefined {
  let depth = 0;
  /** Depths at which a template literal's `${` was opened: its `}` resumes the template. */
  const templates: number[] = [];
  let last = START; // the last significant character
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === LF || c === TAB || c === CR) continue;
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      if (end >= 0) {
        i = end + 1;
        continue;
      }
    }
    if (c === DQUOTE || c === SQUOTE) {
      i = skipString(text, i + 1, c);
      last = WORD;
      continue;
    }
    if (c === BACKTICK || (c === RBRACE && templates.length && templates[templates.length - 1] === depth)) {
      if (c === RBRACE) {
        templates.pop();
        depth--;
      }
      const stop = skipTemplate(text, i + 1);
      if (stop >= n) continue; // never closed: read on as code
      i = stop;
      if (text.startsWith('${', stop)) {
        i = stop + 1;
        templates.push(++depth);
        if (depth > maxDepth) return tooDeep(stop, maxDepth);
      }
      last = WORD;
      continue;
    }
    if (c === SLASH && (last === START || (last < 128 && BEFORE_REGEX[last] === 1))) {
      i = skipRegex(text, i + 1);
      last = WORD;
      continue;
    }
    if (c === LPAREN || c === LBRACKET || c === LBRACE) {
      if (++depth > maxDepth) return tooDeep(i, maxDepth);
    } else if (c === RPAREN || c === RBRACKET || c === RBRACE) depth = Math.max(0, depth - 1);
    last = isWordCode(c) ? WORD : c;
  }
  return undefined;
}

function tooDeep(offset: number, max: number): OverBudget {
  return { offset, message: `This code nests more than ${max} brackets deep, more than the JavaScript parser is given; tracking calls in this file are not checked.` };
}

function skipString(text: string, from: number, quote: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === quote || c === LF) return i;
  }
  return text.length;
}

/** Index of the template's closing backtick or of the `$` of its next `${`. */
function skipTemplate(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === BACKTICK || (c === DOLLAR && text.charCodeAt(i + 1) === LBRACE)) return i;
  }
  return text.length;
}

function skipRegex(text: string, from: number): number {
  let inClass = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === LF) return i;
    else if (inClass) inClass = c !== RBRACKET;
    else if (c === LBRACKET) inClass = true;
    else if (c === SLASH) return i;
  }
  return text.length;
}
