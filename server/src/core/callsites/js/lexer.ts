// A forgiving JS scanner for files Babel cannot parse (half-typed code): it only tells comments,
// literals and brackets apart, so that candidate calls can be cut out and parsed on their own.
// Approximate by design (regex-vs-division is guessed from the previous character).

export interface LexedJs {
  /** The text with comments blanked to spaces (same length, same offsets). */
  code: string;
  /** Sorted [start, end) spans of string, template-chunk and regex literals, delimiters included. */
  literals: Array<[number, number]>;
  /** For every opening bracket, the offset of its closing bracket, or -1 when never closed. */
  closeOf: Map<number, number>;
  /** Offsets of opening brackets, ascending. */
  opens: number[];
}

const REGEX_AFTER = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const REGEX_AFTER_WORDS = /\b(return|typeof|case|do|else|in|of|void|yield|await|delete|instanceof|new|throw)$/;
const CLOSER_OF: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

interface OpenBracket {
  char: string;
  offset: number;
  /** This `{` is a template literal's `${`: its `}` resumes the template. */
  template: boolean;
}

export function lexJs(text: string): LexedJs {
  const comments: Array<[number, number]> = [];
  const literals: Array<[number, number]> = [];
  const closeOf = new Map<number, number>();
  const opens: number[] = [];
  const stack: OpenBracket[] = [];
  let lastSignificant = -1; // offset of the previous non-space code character

  /** Scans template text from `from` (just after ` or }); returns where scanning resumes. */
  const scanTemplate = (from: number, literalStart: number): number => {
    let j = from;
    while (j < text.length && text[j] !== '`') {
      if (text[j] === '\\') j++;
      else if (text[j] === '$' && text[j + 1] === '{') {
        literals.push([literalStart, j + 2]);
        opens.push(j + 1);
        closeOf.set(j + 1, -1);
        stack.push({ char: '{', offset: j + 1, template: true });
        return j + 2;
      }
      j++;
    }
    literals.push([literalStart, Math.min(j + 1, text.length)]);
    return j + 1;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      let j = i;
      while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
      comments.push([i, j]);
      i = j;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const j = end < 0 ? text.length : end + 2;
      comments.push([i, j]);
      i = j;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      const end = Math.min(text[j] === c ? j + 1 : j, text.length); // unterminated: ends at the line
      literals.push([i, end]);
      lastSignificant = end - 1;
      i = end;
      continue;
    }
    if (c === '`') {
      i = scanTemplate(i + 1, i);
      lastSignificant = i - 1;
      continue;
    }
    if (c === '/' && startsRegex(text, lastSignificant)) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== '\n') {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        else if (text[j] === '/' && !inClass) break;
        j++;
      }
      literals.push([i, Math.min(j + 1, text.length)]);
      lastSignificant = j;
      i = j + 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      opens.push(i);
      closeOf.set(i, -1);
      stack.push({ char: c, offset: i, template: false });
    } else if (c === ')' || c === ']' || c === '}') {
      const top = stack[stack.length - 1];
      if (top && CLOSER_OF[top.char] === c) {
        stack.pop();
        closeOf.set(top.offset, i);
        if (top.template) {
          i = scanTemplate(i + 1, i);
          lastSignificant = i - 1;
          continue;
        }
      }
      // A stray closer is ignored: the open brackets around it stay open.
    }
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') lastSignificant = i;
    i++;
  }
  return { code: blankSpans(text, comments), literals, closeOf, opens };
}

/** The text with each span's characters turned into spaces, line breaks kept. */
function blankSpans(text: string, spans: Array<[number, number]>): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  for (const [from, to] of spans) {
    parts.push(text.slice(last, from), text.slice(from, to).replace(/[^\r\n]/g, ' '));
    last = to;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

function startsRegex(text: string, lastSignificant: number): boolean {
  if (lastSignificant < 0) return true;
  const prev = text[lastSignificant];
  if (REGEX_AFTER.has(prev)) return true;
  return /[A-Za-z]/.test(prev) && REGEX_AFTER_WORDS.test(text.slice(Math.max(0, lastSignificant - 10), lastSignificant + 1));
}

/** The literal span containing offset, if any (binary search over sorted spans). */
export function literalAt(lexed: LexedJs, offset: number): [number, number] | undefined {
  let lo = 0;
  let hi = lexed.literals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = lexed.literals[mid];
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return lexed.literals[mid];
  }
  return undefined;
}

/** The innermost bracket that is open at offset (closed after it, or never closed). */
export function enclosingOpen(lexed: LexedJs, offset: number): number | undefined {
  let lo = 0;
  let hi = lexed.opens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lexed.opens[mid] < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  for (let k = hi; k >= 0; k--) {
    const open = lexed.opens[k];
    const close = lexed.closeOf.get(open) ?? -1;
    if (close === -1 || close > offset) return open;
  }
  return undefined;
}
