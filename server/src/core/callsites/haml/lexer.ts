// A Ruby tokenizer for the pieces of HAML that hold Ruby: attribute hashes (`%a{ ... }`) and code
// lines (`= link_to ...`). It knows strings (escapes, #{} interpolation, %q/%w literals), symbols,
// `key:` labels and brackets, which is what finding hash keys needs, and it decides where a
// region ends: HAML continues Ruby onto the next line after a trailing comma (or an open bracket
// followed by more-indented lines), and stops at the line end otherwise.
import type { NamePart } from '../../namePatterns';
import type { Span } from '../js/sites';

export type TokenKind =
  | 'string' // '...', "...", %q(...)
  | 'symbol' // :name, :'name'
  | 'label' // name: or 'name': (a hash key)
  | 'identifier' // lower-case name, including true/false/nil
  | 'constant' // Capitalised name
  | 'number'
  | 'open' // ( [ {
  | 'close' // ) ] }
  | 'comma'
  | 'rocket' // =>
  | 'splat' // **
  | 'operator'; // anything else: . :: ? = + ...

export interface RubyToken {
  kind: TokenKind;
  start: number;
  end: number;
  /** string: the decoded value (interpolations left out); label/symbol/identifier: the name; brackets: the char. */
  text: string;
  /** string, quoted label and quoted symbol: offsets of the contents, delimiters excluded. */
  contents?: Span;
  /** A string with #{...}: its value is only known at runtime. */
  interpolated?: boolean;
  /** An interpolated string's literal pieces, null for each #{...}. */
  parts?: NamePart[];
  /** A string whose closing quote is missing on its line. */
  unterminated?: boolean;
}

export interface LexedRegion {
  tokens: RubyToken[];
  /** Offset just past the region. */
  end: number;
  /** Unterminated strings, plus one when a bracketed region never closes. */
  errors: number;
}

const OPENERS = '([{';
const CLOSERS = ')]}';
const PAIR: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
/** Character tests by code (the lexer's inner loop; regexes per character were its hot spot). */
function isIdentStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
}
function isIdentPart(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57);
}
const VALUE_KINDS = new Set<TokenKind>(['string', 'symbol', 'identifier', 'constant', 'number', 'close']);

/**
 * Tokenizes Ruby from `start`. With `balanced`, text[start] is an opening bracket and the region
 * ends at its match; otherwise it ends at the end of the (possibly continued) line. `baseIndent`
 * is the indentation of the HAML line the region belongs to; nothing at or after `limit` is read.
 */
export function lexRubyRegion(text: string, start: number, balanced: boolean, baseIndent: number, limit = text.length): LexedRegion {
  const tokens: RubyToken[] = [];
  let depth = 0;
  let i = start;
  const push = (kind: TokenKind, from: number, to: number, value = text.slice(from, to)): RubyToken => {
    const token: RubyToken = { kind, start: from, end: to, text: value };
    tokens.push(token);
    return token;
  };
  const finish = (end: number): LexedRegion => {
    const unterminated = tokens.filter((t) => t.unterminated).length;
    return { tokens, end, errors: unterminated + (balanced && depth > 0 ? 1 : 0) };
  };
  const prevIsValue = (): boolean => tokens.length > 0 && VALUE_KINDS.has(tokens[tokens.length - 1].kind);

  while (i < limit) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      const lineStart = i;
      if (!continues(text, lineStart, tokens, depth, baseIndent)) return finish(lineStart);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++; // a Ruby comment
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const str = readQuoted(text, i, c, c, c !== "'");
      const token = push('string', i, str.end, str.value);
      Object.assign(token, { contents: [i + 1, str.closed ? str.end - 1 : str.end], interpolated: str.interpolated, unterminated: !str.closed });
      if (str.interpolated) token.parts = str.parts;
      i = str.end;
      if (text[i] === ':' && text[i + 1] !== ':') {
        token.kind = 'label'; // 'data-event-tracking': 'e' (the key's range stays the quoted string)
        i++;
      }
      continue;
    }
    if (c === '%' && !prevIsValue()) {
      const m = /^%([qQwWiI]?)([([{<|!/^])/.exec(text.slice(i, i + 3));
      if (m) {
        const open = m[2];
        const contentStart = i + m[0].length;
        const str = readQuoted(text, contentStart - 1, open, PAIR[open] ?? open, m[1] !== 'q' && m[1] !== 'w' && m[1] !== 'i');
        const token = push('string', i, str.end, str.value);
        Object.assign(token, { contents: [contentStart, str.closed ? str.end - 1 : str.end], interpolated: str.interpolated, unterminated: !str.closed });
        if (str.interpolated) token.parts = str.parts;
        i = str.end;
        continue;
      }
    }
    if (c === ':' && text[i + 1] === ':') {
      push('operator', i, i + 2);
      i += 2;
      continue;
    }
    if (c === ':' && (text[i + 1] === '"' || text[i + 1] === "'")) {
      const str = readQuoted(text, i + 1, text[i + 1], text[i + 1], text[i + 1] === '"');
      const token = push('symbol', i, str.end, str.value);
      token.contents = [i + 2, str.closed ? str.end - 1 : str.end];
      i = str.end;
      continue;
    }
    if (c === ':' && isIdentStart(text.charCodeAt(i + 1)) && !(i > 0 && isIdentPart(text.charCodeAt(i - 1)))) {
      let j = i + 1;
      while (j < text.length && isIdentPart(text.charCodeAt(j))) j++;
      if (text[j] === '?' || text[j] === '!') j++;
      push('symbol', i, j, text.slice(i + 1, j));
      i = j;
      continue;
    }
    if (isIdentStart(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < text.length && isIdentPart(text.charCodeAt(j))) j++;
      if ((text[j] === '?' || text[j] === '!') && text[j + 1] !== '=') j++;
      if (text[j] === ':' && text[j + 1] !== ':') {
        push('label', i, j, text.slice(i, j)); // key: value (the colon is not part of the key's range)
        i = j + 1;
        continue;
      }
      push(c >= 'A' && c <= 'Z' ? 'constant' : 'identifier', i, j);
      i = j;
      continue;
    }
    if (c >= '0' && c <= '9') {
      const m = /^[0-9][0-9_]*(\.[0-9][0-9_]*)?([eE][-+]?[0-9]+)?/.exec(text.slice(i, i + 40));
      const j = i + (m ? m[0].length : 1);
      push('number', i, j);
      i = j;
      continue;
    }
    if (OPENERS.includes(c)) {
      push('open', i, i + 1);
      depth++;
      i++;
      continue;
    }
    if (CLOSERS.includes(c)) {
      push('close', i, i + 1);
      depth--;
      i++;
      if (balanced && depth <= 0) return finish(i);
      continue;
    }
    if (c === ',') {
      push('comma', i, i + 1);
      i++;
      continue;
    }
    if (c === '=' && text[i + 1] === '>') {
      push('rocket', i, i + 2);
      i += 2;
      continue;
    }
    if (c === '*' && text[i + 1] === '*') {
      push('splat', i, i + 2);
      i += 2;
      continue;
    }
    if (c === '|' && isMultilineMarkerAt(text, i)) {
      i++; // HAML's line-joining marker, not Ruby
      continue;
    }
    push('operator', i, i + 1);
    i++;
  }
  return finish(Math.min(i, limit));
}

/** At a line break inside a region: does the Ruby go on to the next line? */
function continues(text: string, lineBreak: number, tokens: RubyToken[], depth: number, baseIndent: number): boolean {
  const last = tokens[tokens.length - 1];
  // A trailing comma continues in HAML whatever the indentation; an open bracket (`%a{` alone on
  // its line) only when the next line is indented under it, so a half-typed `{` cannot swallow
  // the sibling lines that follow it.
  if (last && (last.kind === 'comma' || last.kind === 'rocket')) return true;
  // HAML joins a run of lines that all end in ` |`: the run's last line also carries the marker.
  if (isMultilinePipe(text, lineBreak) && isMultilinePipe(text, endOfNextLine(text, lineBreak))) return true;
  if (depth <= 0) return false;
  return indentOfNextLine(text, lineBreak) > baseIndent;
}

/** HAML's multiline marker: a line ending in ` |` (but not a block's `do |x|`). */
function isMultilinePipe(text: string, lineBreak: number): boolean {
  let lineStart = lineBreak;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const line = text.slice(lineStart, lineBreak).trimEnd();
  return /\s\|$/.test(line) && !/\bdo\s*\|[^|]*\|$/.test(line);
}

function endOfNextLine(text: string, lineBreak: number): number {
  let i = lineBreak + (text[lineBreak] === '\r' && text[lineBreak + 1] === '\n' ? 2 : 1);
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function isMultilineMarkerAt(text: string, at: number): boolean {
  let end = at + 1;
  while (text[end] === ' ' || text[end] === '\t') end++;
  if (end < text.length && text[end] !== '\n' && text[end] !== '\r') return false;
  return isMultilinePipe(text, end);
}

/** Indentation of the next non-blank line after the line break at `lineBreak`; -1 at the end. */
function indentOfNextLine(text: string, lineBreak: number): number {
  let i = lineBreak;
  while (i < text.length) {
    while (text[i] === '\n' || text[i] === '\r') i++;
    let indent = 0;
    while (text[i] === ' ' || text[i] === '\t') {
      indent++;
      i++;
    }
    if (i >= text.length) return -1;
    if (text[i] !== '\n' && text[i] !== '\r') return indent;
  }
  return -1;
}

/** A quoted string starting at `at` (' or "), as a token. */
export function lexRubyString(text: string, at: number): RubyToken {
  const quote = text[at];
  const str = readQuoted(text, at, quote, quote, quote === '"');
  return {
    kind: 'string',
    start: at,
    end: str.end,
    text: str.value,
    contents: [at + 1, str.closed ? str.end - 1 : str.end],
    interpolated: str.interpolated,
    unterminated: !str.closed,
    ...(str.interpolated ? { parts: str.parts } : {}),
  };
}

interface QuotedRead {
  value: string;
  end: number;
  closed: boolean;
  interpolated: boolean;
  /** Literal pieces and, as null, each #{...} (meaningful when interpolated). */
  parts: NamePart[];
}

/**
 * Reads a delimited string whose opening delimiter is at `openAt`. Nested bracket delimiters
 * pair up (%q(a (b) c)); with `interpolates`, #{...} is skipped as code. A string ends at the line
 * end when unclosed, so a half-typed quote cannot swallow the rest of the file.
 */
function readQuoted(text: string, openAt: number, open: string, close: string, interpolates: boolean): QuotedRead {
  let value = '';
  let nesting = 0;
  let interpolated = false;
  const parts: NamePart[] = [];
  let piece = '';
  const read = (closed: boolean, end: number): QuotedRead => ({ value, end, closed, interpolated, parts: interpolated ? [...parts, piece] : [] });
  let i = openAt + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' || c === '\r') return read(false, i);
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      const decoded = interpolates ? unescape(next) : next === close || next === '\\' ? next : c + next;
      value += decoded;
      piece += decoded;
      i += 2;
      continue;
    }
    if (interpolates && c === '#' && text[i + 1] === '{') {
      interpolated = true;
      parts.push(piece, null);
      piece = '';
      i = skipInterpolation(text, i + 1);
      continue;
    }
    if (c === close && nesting === 0) return read(true, i + 1);
    if (open !== close && c === open) nesting++;
    if (open !== close && c === close) nesting--;
    value += c;
    piece += c;
    i++;
  }
  return read(false, text.length);
}

function unescape(c: string): string {
  return c === 'n' ? '\n' : c === 't' ? '\t' : c;
}

/** From the `{` of an interpolation to just past its `}`, stepping over nested strings. */
export function skipInterpolation(text: string, braceAt: number): number {
  let depth = 0;
  let i = braceAt;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' || c === '\r') return i;
    if (c === '"' || c === "'") {
      i = readQuoted(text, i, c, c, c === '"').end;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    i++;
  }
  return i;
}
