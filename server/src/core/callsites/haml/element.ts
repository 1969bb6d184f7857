// One HAML element line: `%tag.class#id{ ruby hash }(html="attributes")[object]= ruby` or with
// inline text. Returns the Ruby regions and HTML-style attribute lists found, and where the
// element's line (or its multi-line hash) ends.
import type { RubyContainer, RubyEntry } from './hash';
import { lexRubyRegion, lexRubyString, skipInterpolation, type RubyToken } from './lexer';

export interface RubyRegion {
  tokens: RubyToken[];
  /** An element's `{...}` attribute hash (where `event_tracking:` alone is not a data attribute). */
  elementAttributes: boolean;
}

export interface HamlFindings {
  /** Ruby regions (attribute hashes, code), parsed into containers once the file is walked. */
  regions: RubyRegion[];
  /** `(data-event-tracking="e")` lists, already in container form. */
  htmlAttributes: RubyContainer[];
  errors: number;
}

const ELEMENT_PREFIX = /(?:%[\w:-]+)?(?:[.#][\w:-]+)*/y;
/** Code after an element or at a line start: =, !=, &=, ~ (but == / !== / &== are text). */
const CODE_MARKER = /^(?:!=|&=|=|~)(?!=)/;

/** Scans an element starting at `pos` (its `%`, `.` or `#`); returns the offset it ends at. */
export function scanElement(text: string, pos: number, indent: number, found: HamlFindings): number {
  ELEMENT_PREFIX.lastIndex = pos;
  const prefix = ELEMENT_PREFIX.exec(text);
  let i = pos + (prefix ? prefix[0].length : 0);
  for (;;) {
    const c = text[i];
    if (c === '{' || c === '[') {
      // {} is the attribute hash; [] the object reference, which only needs skipping.
      const region = lexRubyRegion(text, i, true, indent);
      if (c === '{') found.regions.push({ tokens: region.tokens, elementAttributes: true });
      found.errors += region.errors;
      i = region.end;
    } else if (c === '(') {
      const attributes = scanHtmlAttributes(text, i);
      found.htmlAttributes.push(attributes.container);
      found.errors += attributes.errors;
      i = attributes.end;
    } else break;
  }
  // Whitespace removal (< >) and escaping (& !) markers, unless they start &= / != code.
  while (text[i] === '<' || text[i] === '>' || ((text[i] === '&' || text[i] === '!') && text[i + 1] !== '=')) i++;
  const marker = CODE_MARKER.exec(text.slice(i, i + 3));
  if (marker) return scanCode(text, i + marker[0].length, indent, found);
  return scanInlineText(text, i, found);
}

/** Ruby from `pos` to the end of the (possibly continued) line. */
export function scanCode(text: string, pos: number, indent: number, found: HamlFindings): number {
  const region = lexRubyRegion(text, pos, false, indent);
  found.regions.push({ tokens: region.tokens, elementAttributes: false });
  found.errors += region.errors;
  return region.end;
}

/** Plain text: only its #{...} interpolations are Ruby. Returns the line's end. */
export function scanInlineText(text: string, pos: number, found: HamlFindings): number {
  let end = pos;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  for (let i = text.indexOf('#{', pos); i >= 0 && i < end; i = text.indexOf('#{', i + 2)) {
    if (text[i - 1] === '\\') continue; // \#{ is literal text
    // Balanced from the `{`; an interpolation never continues past its line.
    const close = skipInterpolation(text, i + 1);
    const region = lexRubyRegion(text, i + 1, true, Number.MAX_SAFE_INTEGER, close);
    found.regions.push({ tokens: region.tokens, elementAttributes: false });
  }
  return end;
}

/**
 * `(name="value" other=ruby_var flag)`: HAML's HTML-style attributes, which may span lines.
 * Values are Ruby strings (with #{}) or bare Ruby variables.
 */
function scanHtmlAttributes(text: string, openAt: number): { container: RubyContainer; end: number; errors: number } {
  const entries: RubyEntry[] = [];
  let i = openAt + 1;
  let closed = false;
  let errors = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text[i] === ')') {
      i++;
      closed = true;
      break;
    }
    const name = /^[\w:.@-]+/.exec(text.slice(i, i + 200));
    if (!name) break; // not an attribute list after all; stop where it stops making sense
    const keySpan = [i, i + name[0].length] as const;
    i += name[0].length;
    let j = i;
    while (text[j] === ' ' || text[j] === '\t') j++;
    if (text[j] !== '=') {
      entries.push({ key: name[0], keySpan, value: [], splat: false });
      continue;
    }
    j++;
    while (text[j] === ' ' || text[j] === '\t') j++;
    let value: RubyToken;
    if (text[j] === '"' || text[j] === "'") {
      value = lexRubyString(text, j);
      if (value.unterminated) errors++;
    } else {
      const bare = /^[^\s)]*/.exec(text.slice(j, j + 200));
      const word = bare ? bare[0] : '';
      value = { kind: /^[A-Z]/.test(word) ? 'constant' : 'identifier', start: j, end: j + word.length, text: word };
    }
    entries.push({ key: name[0], keySpan, value: [{ token: value }], splat: false });
    i = value.end;
  }
  if (!closed) errors++;
  return { container: { bracket: '(', span: [openAt, i], entries }, end: i, errors };
}
