// REST callers in Go and shell scripts, where no parser ships on npm that is worth its weight for
// one form: a small tokenizer knows comments, strings and brackets (Go) or commands (shell), finds
// the string holding the API path and reads the bodies in the same call or command: a JSON text
// in a string (`-d '{"event": "x"}'`, a raw string) or, in Go, a literal `"event": "x"` or
// `Event: "x"` pair.
import type { CallSite, Range } from '../../model';
import { LineIndex } from '../../text';
import { REST_PATH_NEEDLE, restCallSite, sitesOfJsonText } from './site';

interface Token {
  kind: 'string' | 'word' | 'punct' | 'end';
  start: number;
  end: number;
  /** For strings: the value (escapes decoded) and where the quotes' contents are. */
  value?: string;
  contentStart?: number;
  /** True when the value was decoded, so offsets inside it are not text offsets. */
  escaped?: boolean;
}

export type RestDialect = 'go' | 'shell';

export function restDialectOf(relPath: string): RestDialect | null {
  if (relPath.endsWith('.go')) return 'go';
  if (/\.(sh|bash|zsh)$/.test(relPath)) return 'shell';
  return null;
}

function readQuoted(text: string, at: number, quote: string, escapes: boolean): Token {
  let i = at + 1;
  let value = '';
  let escaped = false;
  while (i < text.length && text[i] !== quote) {
    if (escapes && text[i] === '\\' && i + 1 < text.length) {
      escaped = true;
      const next = text[i + 1];
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next === '\n' ? '' : next;
      i += 2;
      continue;
    }
    if (quote !== '`' && text[i] === '\n' && quote !== "'") break; // unterminated on this line
    value += text[i++];
  }
  return { kind: 'string', start: at, end: Math.min(i + 1, text.length), value, contentStart: at + 1, escaped };
}

/** Shell words hold paths and `${VAR}`; in Go `:` and braces are punctuation. */
const WORD: Record<RestDialect, RegExp> = { go: /[\w$.]/, shell: /[\w$./:{}-]/ };
const WORD_PART: Record<RestDialect, RegExp> = { go: /[\w$.]/, shell: /[\w$./:{}=-]/ };

export function tokenize(text: string, dialect: RestDialect): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (dialect === 'go' && text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (dialect === 'go' && text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (dialect === 'shell' && c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"' || c === '`' || (c === "'" && dialect === 'shell')) {
      const t = readQuoted(text, i, c, c === '"');
      tokens.push(t);
      i = t.end;
    } else if (c === "'" && dialect === 'go') {
      const t = readQuoted(text, i, c, true); // a rune: never a path or a name
      i = t.end;
    } else if (dialect === 'shell' && c === '\\' && text[i + 1] === '\n') {
      i += 2; // a continued line is the same command
    } else if (dialect === 'shell' && (c === '\n' || c === ';' || c === '|' || c === '&')) {
      tokens.push({ kind: 'end', start: i, end: i + 1 });
      i++;
    } else if (WORD[dialect].test(c)) {
      const start = i;
      while (i < text.length && WORD_PART[dialect].test(text[i])) i++;
      tokens.push({ kind: 'word', start, end: i, value: text.slice(start, i) });
    } else {
      if (!/\s/.test(c)) tokens.push({ kind: 'punct', start: i, end: i + 1, value: c });
      i++;
    }
  }
  return tokens;
}

const OPEN: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

/** Token index span of the region a path token belongs to: its outermost bracket group (Go) or its command (shell). */
function regionOf(tokens: Token[], at: number, dialect: RestDialect): [number, number] {
  if (dialect === 'shell') {
    let s = at;
    while (s > 0 && tokens[s - 1].kind !== 'end') s--;
    let e = at;
    while (e < tokens.length && tokens[e].kind !== 'end') e++;
    return [s, e];
  }
  // Go: walk back to the outermost unclosed call parenthesis, not past a block's brace (a
  // composite literal holding the path is its own region), then forward to its closer.
  let depth = 0;
  let s = -1;
  for (let i = at - 1; i >= 0; i--) {
    const v = tokens[i].kind === 'punct' ? tokens[i].value! : '';
    if (v === ')' || v === '}' || v === ']') depth++;
    else if (v in OPEN) {
      if (depth > 0) depth--;
      else if (v !== '{') s = i;
      else {
        if (s < 0) s = i;
        break;
      }
    }
  }
  if (s < 0) return [at, at + 1];
  depth = 0;
  for (let i = s; i < tokens.length; i++) {
    const v = tokens[i].kind === 'punct' ? tokens[i].value! : '';
    if (v in OPEN) depth++;
    else if (v === ')' || v === '}' || v === ']') if (--depth === 0) return [s, i + 1];
  }
  return [s, tokens.length];
}

export function findTokenizedRestCalls(text: string, dialect: RestDialect): CallSite[] {
  if (!text.includes(REST_PATH_NEEDLE)) return [];
  const tokens = tokenize(text, dialect);
  const lines = new LineIndex(text);
  const range = (from: number, to: number): Range => lines.range(from, to);
  const sites = new Map<number, CallSite>();
  const seen = new Set<string>();
  tokens.forEach((t, i) => {
    if (!(t.kind === 'string' || t.kind === 'word') || !t.value?.includes(REST_PATH_NEEDLE)) return;
    const [s, e] = regionOf(tokens, i, dialect);
    if (seen.has(`${s}:${e}`)) return;
    seen.add(`${s}:${e}`);
    for (let k = s; k < e; k++) {
      const tok = tokens[k];
      if (tok.kind !== 'string' || tok === t) continue;
      const whole = (): Range => range(tok.start, tok.end);
      // A JSON text: positions inside it are text positions unless escapes were decoded.
      const json = sitesOfJsonText(tok.value!, tok.contentStart!, tok.escaped ? whole : range);
      if (tok.escaped) for (const site of json) delete site.nameRange;
      for (const site of json) sites.set(tok.start * 1000 + sites.size, site);
      // Go: a literal pair `"event": "x"` or `Event: "x"`.
      const key = tokens[k - 2];
      if (dialect === 'go' && tokens[k - 1]?.value === ':' && key && ((key.kind === 'string' && key.value === 'event') || (key.kind === 'word' && key.value === 'Event'))) {
        const nameRange = tok.escaped ? undefined : range(tok.contentStart!, tok.end - 1);
        sites.set(tok.start * 1000, restCallSite({ value: tok.value!, range: whole(), nameRange }, { keys: [], properties: [], opaque: true }));
      }
    }
  });
  return [...sites.values()];
}
