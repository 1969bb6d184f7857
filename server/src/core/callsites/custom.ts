// Call forms configured in settings, for services outside the monolith (Python, Go, ...). No
// parser exists for every language, so a small language-agnostic tokenizer does the work: it
// knows comments and string literals well enough that text inside them never counts, and
// brackets well enough to find the n-th argument of `receiver.method(...)`.
import type { CallSite, CallSiteScan, CustomCallForm, Range } from '../model';
import { LineIndex } from '../text';

interface StringToken {
  kind: 'string';
  start: number;
  end: number;
  /** Offsets of the characters between the quotes. */
  contentStart: number;
  contentEnd: number;
  /** False when the string interpolates (`f"{x}"`, `"${x}"`, `"#{x}"`): not a fixed name. */
  plain: boolean;
}

interface WordToken {
  kind: 'ident' | 'punct';
  start: number;
  end: number;
  text: string;
}

/** Numbers and any other character that is neither a word, a bracket nor a separator. */
interface OtherToken {
  kind: 'other';
  start: number;
  end: number;
}

type Token = StringToken | WordToken | OtherToken;

interface CommentStyle {
  hash: boolean; // # line comments
  slashes: boolean; // // line comments and /* */ blocks
}

const HASH_COMMENT_EXTENSIONS = [
  ...['.py', '.pyi', '.rb', '.rake', '.sh', '.bash', '.pl', '.r', '.ex', '.exs', '.cr', '.jl', '.nim'],
  ...['.tf', '.yml', '.yaml', '.toml'],
];
const SLASH_COMMENT_EXTENSIONS = [
  ...['.go', '.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.java', '.kt', '.kts', '.scala'],
  ...['.swift', '.rs', '.c', '.h', '.cc', '.cpp', '.hpp', '.cs', '.dart', '.vue'],
];

/** `//` is floor division in Python and `#` a private field in JS: pick by extension, else both. */
function commentStyleFor(relPath: string): CommentStyle {
  const hash = HASH_COMMENT_EXTENSIONS.some((ext) => relPath.endsWith(ext));
  const slashes = SLASH_COMMENT_EXTENSIONS.some((ext) => relPath.endsWith(ext));
  if (relPath.endsWith('.php')) return { hash: true, slashes: true };
  if (!hash && !slashes) return { hash: true, slashes: true };
  return { hash, slashes };
}

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;
/** Python string prefixes (`f"..."`, `rb'...'`); an `f` makes braces interpolate. */
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;
const PUNCTUATION = ['?.', '::', '->', '.', '(', ')', '[', ']', '{', '}', ',', '=', ':'];

function tokenize(text: string, style: CommentStyle): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if ((style.hash && c === '#') || (style.slashes && c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
    } else if (style.slashes && c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      const token = readString(text, i, i, '');
      tokens.push(token);
      i = token.end;
    } else if (IDENT_START.test(c)) {
      let end = i + 1;
      while (end < n && IDENT_PART.test(text[end])) end++;
      const word = text.slice(i, end);
      if ((text[end] === '"' || text[end] === "'") && STRING_PREFIX.test(word)) {
        const token = readString(text, i, end, word);
        tokens.push(token);
        i = token.end;
      } else {
        tokens.push({ kind: 'ident', start: i, end, text: word });
        i = end;
      }
    } else {
      const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
      if (punct) tokens.push({ kind: 'punct', start: i, end: i + punct.length, text: punct });
      else tokens.push({ kind: 'other', start: i, end: i + 1 });
      i += punct ? punct.length : 1;
    }
  }
  return tokens;
}

/**
 * A string literal whose quote is at `quoteAt` (`start` is earlier when a prefix such as `f`
 * precedes it). Triple quotes and backticks may span lines; other strings end at the line's end
 * when unterminated, so one stray quote cannot swallow the rest of the file.
 */
function readString(text: string, start: number, quoteAt: number, prefix: string): StringToken {
  const quote = text[quoteAt];
  const triple = quote !== '`' && text.startsWith(quote.repeat(3), quoteAt);
  const delimiter = triple ? quote.repeat(3) : quote;
  const multiline = triple || quote === '`';
  const raw = /[rR]/.test(prefix);
  const contentStart = quoteAt + delimiter.length;
  let i = contentStart;
  let contentEnd = text.length;
  let end = text.length;
  while (i < text.length) {
    if (text[i] === '\\' && !raw) {
      i += 2;
      continue;
    }
    if (text[i] === '\n' && !multiline) {
      contentEnd = end = i;
      break;
    }
    if (text.startsWith(delimiter, i)) {
      contentEnd = i;
      end = i + delimiter.length;
      break;
    }
    i++;
  }
  const content = text.slice(contentStart, contentEnd);
  // `${x}` (JS, Kotlin, Dart), `#{x}` (Ruby, Crystal) or any brace in a Python f-string.
  const interpolates = (quote !== "'" && /\$\{|#\{/.test(content)) || (/[fF]/.test(prefix) && content.includes('{'));
  return { kind: 'string', start, end, contentStart, contentEnd, plain: !interpolates };
}

/** Keywords after which `name(` is still a call rather than a declaration. */
const EXPRESSION_KEYWORDS: ReadonlySet<string> = new Set([
  'return', 'await', 'yield', 'new', 'not', 'and', 'or', 'in', 'is', 'if', 'elif', 'else', 'while',
  'unless', 'until', 'go', 'defer', 'throw', 'raise', 'case', 'do', 'then', 'lambda', 'assert',
  'print', 'puts', 'typeof', 'with', 'when', 'try', 'from', 'of',
]);
const IDENTIFIER_KEYWORDS: Readonly<Record<string, string>> = {
  user: 'user',
  user_id: 'user',
  project: 'project',
  project_id: 'project',
  namespace: 'namespace',
  namespace_id: 'namespace',
  feature_enabled_by_namespace_ids: 'feature_enabled_by_namespace_ids',
};
const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const SEPARATORS: ReadonlySet<string> = new Set(['.', '?.', '::', '->']);

export function findCustomCallSites(text: string, relPath: string, forms: CustomCallForm[]): CallSiteScan {
  const scan: CallSiteScan = { callSites: [], parseErrors: 0 };
  try {
    const applicable = forms.filter(
      (f) => f.method && (f.extensions.length === 0 || f.extensions.some((ext) => relPath.endsWith(ext))),
    );
    if (applicable.length === 0) return scan;
    const tokens = tokenize(text, commentStyleFor(relPath));
    const lines = new LineIndex(text);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.kind !== 'ident' || !isPunct(tokens[i + 1], '(')) continue;
      for (const form of applicable) {
        if (token.text !== form.method || !receiverMatches(tokens, i, form.receiver, text)) continue;
        const site = readCall(tokens, i + 1, form, text, lines);
        if (site) scan.callSites.push(site);
        break;
      }
    }
  } catch {
    // A tokenizer bug must not take the server down: return what was found.
  }
  return scan;
}

function isPunct(token: Token | undefined, text: string): token is WordToken {
  return token !== undefined && token.kind === 'punct' && token.text === text;
}

/**
 * With a configured receiver, the identifier right before the separator must be it
 * (`self.client.track_event` has receiver `client`). Without one, any receiver or none, but not
 * a declaration such as `def track_event(` or `func (c *Client) TrackEvent(`.
 */
function receiverMatches(tokens: Token[], methodAt: number, receiver: string | undefined, text: string): boolean {
  const before = tokens[methodAt - 1];
  const hasSeparator = before !== undefined && before.kind === 'punct' && SEPARATORS.has(before.text);
  if (receiver) {
    const owner = tokens[methodAt - 2];
    return hasSeparator && owner !== undefined && owner.kind === 'ident' && owner.text === receiver;
  }
  if (hasSeparator || before === undefined) return true;
  // `def track_event(` has its keyword on the same line; a word ending the previous line
  // (`x = foo` then `track_event('e')`) is another statement.
  if (before.kind === 'ident') return EXPRESSION_KEYWORDS.has(before.text) || text.slice(before.end, tokens[methodAt].start).includes('\n');
  if (isPunct(before, ')')) return !isGoMethodReceiver(tokens, methodAt - 1);
  return true;
}

/** `func (c *Client) TrackEvent(`: the `)` closes a list that follows `func`. */
function isGoMethodReceiver(tokens: Token[], closeAt: number): boolean {
  let depth = 0;
  for (let i = closeAt; i >= 0; i--) {
    if (isPunct(tokens[i], ')')) depth++;
    else if (isPunct(tokens[i], '(') && --depth === 0) {
      const keyword = tokens[i - 1];
      return keyword !== undefined && keyword.kind === 'ident' && keyword.text === 'func';
    }
  }
  return false;
}

/** Splits the arguments of the call whose `(` is at `openAt` and builds its site. */
function readCall(
  tokens: Token[],
  openAt: number,
  form: CustomCallForm,
  text: string,
  lines: LineIndex,
): CallSite | null {
  const args: Token[][] = [[]];
  const stack: string[] = [];
  let closeOffset = text.length;
  for (let i = openAt + 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'punct' && stack.length === 0 && token.text === ')') {
      closeOffset = token.start;
      break;
    }
    if (token.kind === 'punct' && stack.length === 0 && token.text === ',') {
      args.push([]);
      continue;
    }
    if (token.kind === 'punct' && OPENERS[token.text]) stack.push(OPENERS[token.text]);
    else if (token.kind === 'punct' && stack[stack.length - 1] === token.text) stack.pop();
    args[args.length - 1].push(token);
  }
  const nameTokens = args[form.argumentIndex];
  if (!nameTokens || nameTokens.length === 0) return null;
  const first = nameTokens[0];
  const last = nameTokens[nameTokens.length - 1];
  const range: Range = lines.range(first.start, last.end);
  const identifiers: string[] = [];
  for (const arg of args) {
    const [key, operator] = arg;
    const identifier = key?.kind === 'ident' ? IDENTIFIER_KEYWORDS[key.text] : undefined;
    if (identifier && (isPunct(operator, '=') || isPunct(operator, ':')) && !identifiers.includes(identifier)) {
      identifiers.push(identifier);
    }
  }
  const common = {
    kind: 'custom' as const,
    refersTo: 'event' as const,
    identifiers,
    properties: [],
    // Property objects differ per language and SDK; nothing here reads them.
    argsOpaque: true,
    argsRange: lines.range(tokens[openAt].end, closeOffset),
  };
  if (nameTokens.length === 1 && first.kind === 'string' && first.plain) {
    return {
      ...common,
      event: text.slice(first.contentStart, first.contentEnd),
      dynamic: false,
      range,
      nameRange: lines.range(first.contentStart, first.contentEnd),
    };
  }
  return { ...common, event: null, dynamic: true, range };
}
