// A pre-scan of a YAML text, run before `yaml` composes it: nesting deeper than the budget, or a
// mapping key longer than the budget, means the document is not composed at all. `yaml` recurses
// per level and turns a collection key into a string once per enclosing level (quadratic: eight
// 3 KB files with a 1,500-deep flow sequence as key took 8-13 s and 800 MB), so this must not.
import { BUDGET, type OverBudget } from './limits';

export interface YamlBudget {
  maxDepth: number;
  maxKeyChars: number;
}

/**
 * Undefined when the text is within budget; else where it went over and why, in words for
 * people. Linear in the text, one pass, no allocation per character.
 */
export function yamlOverBudget(text: string, budget: YamlBudget = { maxDepth: BUDGET.yamlDepth, maxKeyChars: BUDGET.yamlKeyChars }): OverBudget | undefined {
  const indents: number[] = [];
  let flowDepth = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
    const indent = i - lineStart;
    const first = text.charCodeAt(i);
    const blank = i >= lineEnd || first === HASH || first === CR;
    if (!blank && flowDepth === 0) {
      // Block nesting: one level per deeper indentation, plus one per `- ` or `? ` opening the line.
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      let markers = 0;
      while (i + 1 < lineEnd && isMarker(text.charCodeAt(i)) && text.charCodeAt(i + 1) === SPACE) {
        markers++;
        i += 2;
        while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
      }
      if (indents.length + markers > budget.maxDepth) return { offset: lineStart + indent, message: tooDeep(budget.maxDepth) };
    }
    const over = scanLine(text, i, lineEnd, flowDepth, budget);
    if (typeof over === 'object') return over;
    flowDepth = over;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

// Character codes: the scan runs over every definition of a load (9,000 on the bench), and
// comparing codes costs a fraction of comparing one-character strings.
const SPACE = 32;
const TAB = 9;
const CR = 13;
const HASH = 35;
const DASH = 45;
const QUESTION = 63;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COMMA = 44;
const COLON = 58;

function isMarker(c: number): boolean {
  return c === DASH || c === QUESTION;
}

/** Flow brackets and key lengths of one line's content; the flow depth after it, or the overrun. */
function scanLine(text: string, from: number, lineEnd: number, depthIn: number, budget: YamlBudget): number | OverBudget {
  let depth = depthIn;
  // Where the key being read at each flow depth started (a key ends at ': ', a flow item at ',').
  const keyStarts: number[] = [];
  keyStarts[depth] = from;
  // A run of `- ` (or `? `) markers anywhere on the line, also inside an unclosed flow collection
  // where indentation no longer counts: `yaml` took 3 s on 1,500 of them there.
  let markerRun = 0;
  for (let i = from; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (isMarker(c)) {
      const after = text.charCodeAt(i + 1);
      if (after === SPACE || after === TAB) {
        if (++markerRun > budget.maxDepth) return { offset: i, message: tooDeep(budget.maxDepth) };
        continue;
      }
    }
    if (c !== SPACE && c !== TAB) markerRun = 0;
    if (c === HASH && (i === from || text.charCodeAt(i - 1) === SPACE)) break;
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      i = closingQuote(text, i, lineEnd);
      continue;
    }
    if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > budget.maxDepth) return { offset: i, message: tooDeep(budget.maxDepth) };
      keyStarts[depth] = i + 1;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth = Math.max(0, depth - 1);
    else if (c === COMMA && depth > 0) keyStarts[depth] = i + 1;
    else if (c === COLON && (i + 1 === lineEnd || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === CR)) {
      const keyStart = keyStarts[depth] ?? from;
      // Only a collection can be a long key: a long plain key is an error `yaml` reports cheaply,
      // and a long line of a block scalar that happens to hold ': ' is no key at all.
      if (i - keyStart > budget.maxKeyChars && /^\s*[[{]/.test(text.slice(keyStart, keyStart + 64))) {
        return { offset: keyStart, message: `A mapping key here is ${i - keyStart} characters long, over the ${budget.maxKeyChars} this extension reads; the file is not read as a definition.` };
      }
      keyStarts[depth] = i + 1;
    }
  }
  return depth;
}

/** Index of the quote closing the one at `start` on this line (YAML quotes do not nest). */
function closingQuote(text: string, start: number, lineEnd: number): number {
  const q = text.charCodeAt(start);
  for (let i = start + 1; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (q === DOUBLE_QUOTE && c === BACKSLASH) i++;
    else if (c === q) {
      if (q === SINGLE_QUOTE && text.charCodeAt(i + 1) === SINGLE_QUOTE) i++;
      else return i;
    }
  }
  return lineEnd;
}

function tooDeep(max: number): string {
  return `This YAML is nested more than ${max} levels deep (no definition comes close); the file is not read as a definition.`;
}
