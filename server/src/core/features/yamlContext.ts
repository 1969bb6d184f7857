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

const DASH = /^(\s*)-(?:\s+|$)/;

/**
 * Parent keys of a line, found by walking up to less-indented `key:` lines. `contentColumn` is
 * where the line's own content starts; `itemDash`, when the line is itself a list item
 * (`- x`), the column of its dash. List items get their real index: the sibling items above
 * are counted, and never mistaken for the list's parent (`- name: a` above `- name: b`).
 */
function parentPath(lines: LineIndex, lineNo: number, contentColumn: number, itemDash?: number): YamlPath {
  const path: YamlPath = [];
  let want = contentColumn;
  let item = itemDash === undefined ? undefined : { dash: itemDash, index: 0 };
  for (let l = lineNo - 1; l >= 0 && (want > 0 || item); l--) {
    const text = lines.lineText(l);
    if (!text.trim() || text.trim().startsWith('#')) continue;
    const ind = indentOf(text);
    const dash = DASH.exec(text);
    if (item) {
      // Inside an item: skip its siblings and their content up to the key that holds the list.
      if (ind > item.dash) continue;
      if (dash && ind === item.dash) {
        item.index++;
        continue;
      }
      const m = KEY_LINE.exec(text);
      if (!m) continue;
      path.unshift(m[3], item.index);
      want = ind;
      item = m[2] ? { dash: ind, index: 0 } : undefined;
      continue;
    }
    if (ind >= want) continue;
    if (dash) {
      // A list item at a lower indentation holds us: as a key of its mapping (`- name: a` then
      // `  filter:`), or under the key it starts with (`- filter:` then `    label:`).
      const m = KEY_LINE.exec(text);
      if (m && want > dash[0].length) path.unshift(m[3]);
      item = { dash: ind, index: 0 };
      continue;
    }
    const m = KEY_LINE.exec(text);
    if (!m) continue;
    path.unshift(m[3]);
    want = ind;
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
    const itemDash = keyValue[2] ? keyValue[1].length : undefined;
    const parents = parentPath(lines, pos.line, keyValue[1].length + (keyValue[2]?.length ?? 0), itemDash);
    return { path: [...parents, keyValue[3]], mode: 'value', word, wordRange };
  }
  const item = /^(\s*)-\s+([^:]*)$/.exec(before);
  if (item) {
    // `- val|`: an item of the list under the parent key (or a key of a new mapping item).
    const parents = parentPath(lines, pos.line, item[1].length + 1, item[1].length);
    const looksLikeKey = /^[a-z_]*$/.test(item[2]) && isMappingList(parents.slice(0, -1));
    return { path: parents, mode: looksLikeKey ? 'key' : 'value', word, wordRange };
  }
  // A bare word: a key of the mapping at this indentation.
  return { path: parentPath(lines, pos.line, indent), mode: 'key', word, wordRange };
}

/** Lists whose items are mappings (so `- na|` types a key, not a value). */
function isMappingList(path: YamlPath): boolean {
  const last = path[path.length - 1];
  return last === 'events' || last === 'extra_trackers';
}
