// When Babel gives up on a whole file (an unterminated string or brace while typing), the calls
// that are complete are still worth finding: cut each candidate out with the forgiving lexer and
// parse it alone. Constants and the mixin are found the same way so names still resolve.
import type * as t from '@babel/types';
import { literalString, parseFragment, type JsDialect } from './ast';
import { enclosingOpen, lexJs, literalAt, type LexedJs } from './lexer';
import type { JsScope } from './scope';
import type { RawSite } from './sites';

export interface RecoveredJs {
  /** Parsed pieces to search like a program: whole calls and attribute maps. */
  fragments: t.Node[];
  /** Calls too broken to parse whose first argument is still a complete string. */
  partialCalls: Array<{ needsMixin: boolean; site: RawSite }>;
}

const TRACK_EVENT = /\btrackEvent\s*\(/g;
const RECEIVER_BEFORE = /\b(InternalEvents|this)\s*(\?\.|\.)\s*$/;
const ATTRIBUTE_KEY = /(['"])data-event-tracking\1\s*:/g;
const CONST_DECLARATION = /\bconst\s+([A-Za-z_$][\w$]*)\s*=\s*/g;
const MIXIN = /\bInternalEvents\s*\??\.\s*mixin\s*\(/g;
const EXPORT_DEFAULT = /\bexport\s+default\s+(?:[\w$.]+\s*\(\s*)?\{/g;
/** `import { A, B as C } from` / `import * as ns from` / `import D from`, up to the specifier. */
const IMPORT_FROM = /\bimport\s+[\w$*{},\s]+?\bfrom\s*/g;

/** Fills scope from a file that does not parse and returns the pieces worth searching. */
export function recoverJs(text: string, dialect: JsDialect, scope: JsScope): RecoveredJs {
  const lexed = lexJs(text);
  const inCode = (offset: number): boolean => literalAt(lexed, offset) === undefined;
  const closedSlice = (open: number): t.Node | null => {
    const close = lexed.closeOf.get(open) ?? -1;
    return close < 0 ? null : parseFragment(text.slice(open, close + 1), open, dialect);
  };

  for (const m of lexed.code.matchAll(MIXIN)) if (inCode(m.index)) scope.usesMixin = true;

  for (const m of lexed.code.matchAll(CONST_DECLARATION)) {
    if (!inCode(m.index)) continue;
    const valueStart = m.index + m[0].length;
    const literal = literalAt(lexed, valueStart);
    const init = literal && literal[0] === valueStart ? parseFragment(text.slice(literal[0], literal[1]), literal[0], dialect) : text[valueStart] === '{' ? closedSlice(valueStart) : null;
    if (init) scope.defineConst(m[1], init);
  }

  for (const m of lexed.code.matchAll(IMPORT_FROM)) {
    const specifier = literalAt(lexed, m.index + m[0].length);
    if (!inCode(m.index) || !specifier) continue;
    const statement = parseFragment(text.slice(m.index, specifier[1]), m.index, dialect);
    if (statement?.type === 'Program') for (const node of statement.body) scope.collect(node);
  }

  for (const m of lexed.code.matchAll(EXPORT_DEFAULT)) {
    if (!inCode(m.index)) continue;
    const options = closedSlice(m.index + m[0].length - 1);
    if (options) scope.addOptions(options);
  }

  const fragments: t.Node[] = [];
  const partialCalls: RecoveredJs['partialCalls'] = [];
  for (const m of lexed.code.matchAll(TRACK_EVENT)) {
    if (!inCode(m.index)) continue;
    const receiver = RECEIVER_BEFORE.exec(lexed.code.slice(Math.max(0, m.index - 80), m.index));
    if (!receiver) continue;
    const calleeStart = m.index - receiver[0].length;
    const open = m.index + m[0].length - 1;
    const close = lexed.closeOf.get(open) ?? -1;
    const call = close < 0 ? null : parseFragment(text.slice(calleeStart, close + 1), calleeStart, dialect);
    if (call) fragments.push(call);
    else {
      const site = partialCall(text, lexed, open, receiver[1] === 'this', dialect);
      if (site) partialCalls.push({ needsMixin: receiver[1] === 'this', site });
    }
  }

  for (const m of lexed.code.matchAll(ATTRIBUTE_KEY)) {
    const literal = literalAt(lexed, m.index);
    if (!literal || literal[0] !== m.index) continue; // the key must be a string of its own
    const open = enclosingOpen(lexed, m.index);
    if (open === undefined || text[open] !== '{') continue;
    const object = closedSlice(open);
    if (object) fragments.push(object);
  }
  return { fragments, partialCalls };
}

/** `this.trackEvent('name', { lab` → a site for 'name' whose properties are unknown. */
function partialCall(text: string, lexed: LexedJs, open: number, mixin: boolean, dialect: JsDialect): RawSite | null {
  let start = open + 1;
  while (start < text.length && /\s/.test(text[start])) start++;
  const literal = literalAt(lexed, start);
  if (!literal || literal[0] !== start) return null;
  const node = parseFragment(text.slice(literal[0], literal[1]), literal[0], dialect);
  const name = node ? literalString(node) : null;
  if (!name) return null; // unterminated: the name is still being typed
  return {
    kind: mixin ? 'js.mixin_track_event' : 'js.internal_events_track_event',
    event: name.value,
    dynamic: false,
    span: [literal[0], literal[1]],
    nameSpan: name.contents,
    properties: [],
    argsOpaque: true,
  };
}
