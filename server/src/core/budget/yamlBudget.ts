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
    while (i < lineEnd && text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const blank = i >= lineEnd || text[i] === '#' || text[i] === '\r';
    if (!blank && flowDepth === 0) {
      // Block nesting: one level per deeper indentation, plus one per `- ` or `? ` opening the line.
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      let markers = 0;
      while (i + 1 < lineEnd && (text[i] === '-' || text[i] === '?') && text[i + 1] === ' ') {
        markers++;
        i += 2;
        while (i < lineEnd && text.charCodeAt(i) === 32) i++;
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
    const c = text[i];
    if ((c === '-' || c === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      if (++markerRun > budget.maxDepth) return { offset: i, message: tooDeep(budget.maxDepth) };
      continue;
    }
    if (c !== ' ' && c !== '\t') markerRun = 0;
    if (c === '#' && (i === from || text[i - 1] === ' ')) break;
    if (c === '"' || c === "'") {
      i = closingQuote(text, i, lineEnd);
      continue;
    }
    if (c === '[' || c === '{') {
      if (++depth > budget.maxDepth) return { offset: i, message: tooDeep(budget.maxDepth) };
      keyStarts[depth] = i + 1;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth > 0) keyStarts[depth] = i + 1;
    else if (c === ':' && (i + 1 === lineEnd || text[i + 1] === ' ' || text[i + 1] === '\r')) {
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
  const q = text[start];
  for (let i = start + 1; i < lineEnd; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return lineEnd;
}

function tooDeep(max: number): string {
  return `This YAML is nested more than ${max} levels deep (no definition comes close); the file is not read as a definition.`;
}
