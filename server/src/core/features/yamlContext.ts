// Where the cursor is in a definition being typed. Half-typed YAML often does not parse into the
// shape the user means, so the context comes from indentation, line by line, like a person reads it.
import type { YamlPath } from '../yamlFile';
import type { LineIndex } from '../text';
import type { Position, Range } from '../model';

export interface YamlCursorContext {
  /** Path of the mapping (for a key) or of the value being typed. */
  path: YamlPath;
  /** 'key': typing a key of the mapping at `path`; 'value': typing the value at `path`. */
  mode: 'key' | 'value';
  /** The partial word being typed and its range (what completion replaces). */
  word: string;
  wordRange: Range;
}

const KEY_LINE = /^(\s*)(-\s+)?([A-Za-z0-9_.-]+):(\s*)(.*)$/;

function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].length;
}

/** Parent keys of a line, found by walking up to less-indented `key:` lines. */
function parentPath(lines: LineIndex, lineNo: number, indent: number, inListItem: boolean): YamlPath {
  const path: YamlPath = [];
  let want = indent;
  let listSeen = inListItem;
  for (let l = lineNo - 1; l >= 0 && want > 0; l--) {
    const text = lines.lineText(l);
    if (!text.trim() || text.trim().startsWith('#')) continue;
    const ind = indentOf(text);
    const dash = /^(\s*)-\s+/.exec(text);
    if (dash && dash[1].length < want && !listSeen) {
      // An item of a list at a lower indentation: we are inside that item.
      listSeen = true;
      want = dash[1].length + 1;
      continue;
    }
    if (ind < want) {
      const m = KEY_LINE.exec(text);
      if (!m) continue;
      if (listSeen) path.unshift(0);
      listSeen = false;
      path.unshift(m[3]);
      want = m[2] ? ind + 1 : ind;
      if (m[2]) listSeen = true;
    }
  }
  return path;
}

export function yamlCursorContext(lines: LineIndex, pos: Position): YamlCursorContext {
  const full = lines.lineText(pos.line);
  const before = full.slice(0, pos.character);
  const wordMatch = /[A-Za-z0-9_.:<>/-]*$/.exec(before.replace(/^['"]/, ''));
  let word = wordMatch ? wordMatch[0] : '';
  // Quotes around a value are part of what the completion replaces.
  const quoted = /['"]([^'"]*)$/.exec(before);
  if (quoted) word = quoted[1];
  let endChar = pos.character;
  const after = full.slice(pos.character);
  const rest = /^[A-Za-z0-9_.-]*['"]?/.exec(after);
  if (rest) endChar += rest[0].length;
  const startChar = pos.character - word.length - (quoted ? 1 : 0);
  const wordRange: Range = { start: { line: pos.line, character: startChar }, end: { line: pos.line, character: endChar } };
  const indent = indentOf(full);

  const keyValue = KEY_LINE.exec(before);
  if (keyValue) {
    // `key: val|`: completing the value of `key`.
    const inItem = Boolean(keyValue[2]);
    const parents = parentPath(lines, pos.line, keyValue[1].length + (inItem ? 1 : 0), false);
    if (inItem) parents.push(0);
    return { path: [...parents, keyValue[3]], mode: 'value', word, wordRange };
  }
  const item = /^(\s*)-\s+([^:]*)$/.exec(before);
  if (item) {
    // `- val|`: an item of the list under the parent key (or a key of a new mapping item).
    const parents = parentPath(lines, pos.line, item[1].length + 1, false);
    const looksLikeKey = /^[a-z_]*$/.test(item[2]) && isMappingList(parents);
    return looksLikeKey ? { path: [...parents, 0], mode: 'key', word, wordRange } : { path: [...parents, 0], mode: 'value', word, wordRange };
  }
  // A bare word: a key of the mapping at this indentation.
  const parents = parentPath(lines, pos.line, indent, false);
  return { path: parents, mode: 'key', word, wordRange };
}

/** Lists whose items are mappings (so `- na|` types a key, not a value). */
function isMappingList(path: YamlPath): boolean {
  const last = path[path.length - 1];
  return last === 'events' || last === 'extra_trackers';
}
