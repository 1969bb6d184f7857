// Call sites in HAML templates: data-event-tracking attributes written as Ruby hashes on element
// lines, in helper calls on code lines, or as HTML-style attributes. No HAML parser exists for
// Node, so this walks the line structure HAML defines (indentation blocks, comments, filters,
// element prefixes, code markers) and hands the Ruby pieces to a small tokenizer.
import type { CallSiteScan } from '../../model';
import { LineIndex } from '../../text';
import { scanCode, scanElement, scanInlineText, type HamlFindings, type RubyRegion } from './element';
import { parseContainers, siteFromContainer, type ResolveName } from './hash';
import { MENTIONS_TRACKING, isPartialFile, passedOnSites } from './calls';
import type { RubyToken } from './lexer';
import { sortAndDedupe, toCallSite, type RawSite } from '../js/sites';

interface Line {
  start: number;
  end: number;
  indent: number;
  /** Offset of the first non-blank character (== end for a blank line). */
  content: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\r\n]*(\r\n|\r|\n|$)/g;
  for (let m = re.exec(text); m && m[0].length > 0; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length - m[1].length;
    let content = start;
    while (content < end && (text[content] === ' ' || text[content] === '\t')) content++;
    lines.push({ start, end, indent: content - start, content });
    if (!m[1]) break;
  }
  return lines;
}

/** Index of the last line of the block nested under line `at` (blank lines included). */
function endOfNestedBlock(lines: Line[], at: number): number {
  let last = at;
  for (let k = at + 1; k < lines.length; k++) {
    const line = lines[k];
    if (line.content === line.end) continue;
    if (line.indent <= lines[at].indent) break;
    last = k;
  }
  return last;
}

/** Names assigned in the file (`- EVENT = 'e'`); null when assigned twice or to a non-literal. */
class Assignments {
  private readonly values = new Map<string, string | null>();

  /** Records `NAME = 'literal'` when the tokens of a code line are exactly that. */
  record(tokens: RubyToken[], text: string): void {
    const [name, equals, ...rest] = tokens;
    if (!name || (name.kind !== 'constant' && name.kind !== 'identifier') || equals?.text !== '=') return;
    if (text[equals.start + 1] === '=' || text[equals.start + 1] === '~') return; // == and =~ compare
    const value = rest.length === 3 && rest[1].text === '.' && rest[2].text === 'freeze' ? rest.slice(0, 1) : rest;
    const literal = value.length === 1 && value[0].kind === 'string' && !value[0].interpolated && !value[0].unterminated ? value[0].text : null;
    this.values.set(name.text, this.values.has(name.text) ? null : literal);
  }

  readonly resolve: ResolveName = (name) => this.values.get(name) ?? undefined;
}

const CODE_LINE = /^(?:!=|&=|=|~|-)(?![=#])/;
const FILTER = /^:([\w-]+)\s*$/;

export function findHamlCallSites(text: string, relPath: string): CallSiteScan {
  const scan = scanHaml(text, relPath);
  // A partial's `event_tracking: tracking_event` passes on what its caller gives: the caller's
  // render is the call site (haml/calls.ts), this is not a dynamic call of its own.
  const sites = isPartialFile(relPath) ? scan.sites.filter((s) => s.local === undefined) : scan.sites;
  const lines = new LineIndex(text);
  try {
    return { callSites: sites.map((s) => toCallSite(s, lines)), parseErrors: scan.errors };
  } catch {
    return { callSites: [], parseErrors: scan.errors + 1 };
  }
}

/** The locals a partial puts in a data hash as the event name (`event_tracking: tracking_event`). */
export function findHamlPassThroughs(text: string): Set<string> {
  return new Set(scanHaml(text, '').sites.flatMap((s) => (s.local === undefined ? [] : [s.local])));
}

/** Every site of the file, partial locals included, in order. Never throws. */
function scanHaml(text: string, relPath: string): { sites: RawSite[]; errors: number } {
  const found: HamlFindings = { regions: [], htmlAttributes: [], errors: 0 };
  const assignments = new Assignments();
  try {
    // Data attributes, and the locals and keywords named for events that hand them on.
    if (!MENTIONS_TRACKING.test(text)) return { sites: [], errors: 0 };
    walkLines(text, found, assignments);
  } catch {
    found.errors++; // keep whatever was found before the failure
  }
  const sites: RawSite[] = [];
  try {
    for (const region of found.regions) {
      // Most Ruby in a view has nothing to do with tracking: only regions naming it are parsed.
      if (!region.tokens.some((t) => MENTIONS_TRACKING.test(t.text))) continue;
      try {
        sites.push(...sitesOfRegion(region, text, relPath, assignments.resolve));
      } catch {
        found.errors++; // e.g. brackets nested deeper than the stack: skip this region only
      }
    }
    for (const container of found.htmlAttributes) sites.push(...siteFromContainer(container, text, assignments.resolve, false));
    return { sites: sortAndDedupe(sites), errors: found.errors };
  } catch {
    return { sites: [], errors: found.errors + 1 };
  }
}

function sitesOfRegion(region: RubyRegion, text: string, relPath: string, resolve: ResolveName): RawSite[] {
  const sites: RawSite[] = [];
  const hashStart = region.elementAttributes ? region.tokens[0]?.start : undefined;
  const containers = parseContainers(region.tokens);
  if (!region.elementAttributes) sites.push(...passedOnSites(region.tokens, containers, relPath, resolve));
  for (const container of containers) {
    // `%a{ event_tracking: 'x' }` renders an event_tracking="x" attribute: not a data attribute.
    const isElementHash = container.bracket === '{' && container.span[0] === hashStart;
    sites.push(...siteFromContainer(container, text, resolve, !isElementHash));
  }
  return sites;
}

function walkLines(text: string, found: HamlFindings, assignments: Assignments): void {
  const lines = splitLines(text);
  let consumedUntil = 0; // a multi-line hash or code line has already read up to here
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (line.start < consumedUntil || line.content === line.end) continue;
    const head = text.slice(line.content, Math.min(line.end, line.content + 3));
    const first = head[0];

    // -# comments, / HTML comments and filters own their nested block: none of it is markup.
    if (head.startsWith('-#') || first === '/') {
      k = endOfNestedBlock(lines, k);
      continue;
    }
    const filter = FILTER.exec(text.slice(line.content, line.end));
    if (filter) {
      const last = endOfNestedBlock(lines, k);
      if (filter[1] === 'ruby') {
        for (let r = k + 1; r <= last; r++) if (lines[r].start >= consumedUntil) consumedUntil = scanRubyLine(text, lines[r], found, assignments);
      }
      k = last;
      continue;
    }
    if (first === '%' || ((first === '.' || first === '#') && /[\w-]/.test(head[1] ?? ''))) {
      consumedUntil = scanElement(text, line.content, line.indent, found);
      continue;
    }
    const code = CODE_LINE.exec(head);
    if (code) {
      const before = found.regions.length;
      consumedUntil = scanCode(text, line.content + code[0].length, line.indent, found);
      if (code[0] === '-' && found.regions.length > before) assignments.record(found.regions[before].tokens, text);
      continue;
    }
    // Plain text (also `\`-escaped lines and `==` interpolated text): only #{} holds Ruby.
    scanInlineText(text, line.content, found);
  }
}

/** A line of a :ruby filter: plain Ruby, no marker. Returns where the statement ends. */
function scanRubyLine(text: string, line: Line, found: HamlFindings, assignments: Assignments): number {
  if (line.content === line.end) return line.end;
  const before = found.regions.length;
  const end = scanCode(text, line.content, line.indent, found);
  if (found.regions.length > before) assignments.record(found.regions[before].tokens, text);
  return end;
}
