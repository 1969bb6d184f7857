// How deep JS/TS brackets nest, found without parsing: Babel recurses per level (1,000 nested
// `{a:` overflow its stack, and the fallback that then parses calls one by one took 13 s on that
// 5 KB file, on every keystroke). Comments, strings, template literals and regular expressions are
// skipped; `${` in a template counts as a level, like the bracket it is for the parser. A comment
// or template never closed hides nothing: the scan goes on after its opening.
import { BUDGET, type OverBudget } from './limits';

/** Characters after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);

export function jsOverBudget(text: string, maxDepth: number = BUDGET.jsDepth): OverBudget | undefined {
  let depth = 0;
  /** Depths at which a template literal's `${` was opened: its `}` resumes the template. */
  const templates: number[] = [];
  let last = ''; // the last significant character
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') continue;
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end >= 0) {
        i = end + 1;
        continue;
      }
    }
    if (c === '"' || c === "'") {
      i = skipString(text, i + 1, c);
      last = 'a';
      continue;
    }
    if (c === '`' || (c === '}' && templates.length && templates[templates.length - 1] === depth)) {
      if (c === '}') {
        templates.pop();
        depth--;
      }
      const stop = skipTemplate(text, i + 1);
      if (stop >= text.length) continue; // never closed: read on as code
      i = stop;
      if (text.startsWith('${', stop)) {
        i = stop + 1;
        templates.push(++depth);
        if (depth > maxDepth) return tooDeep(stop, maxDepth);
      }
      last = 'a';
      continue;
    }
    if (c === '/' && BEFORE_REGEX.has(last)) {
      i = skipRegex(text, i + 1);
      last = 'a';
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > maxDepth) return tooDeep(i, maxDepth);
    } else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    last = /[A-Za-z0-9_$]/.test(c) ? 'a' : c;
  }
  return undefined;
}

function tooDeep(offset: number, max: number): OverBudget {
  return { offset, message: `This code nests more than ${max} brackets deep, more than the JavaScript parser is given; tracking calls in this file are not checked.` };
}

function skipString(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote || c === '\n') return i;
  }
  return text.length;
}

/** Index of the template's closing backtick or of the `$` of its next `${`. */
function skipTemplate(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '`' || (c === '$' && text[i + 1] === '{')) return i;
  }
  return text.length;
}

function skipRegex(text: string, from: number): number {
  let inClass = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '\n') return i;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '/') return i;
  }
  return text.length;
}
