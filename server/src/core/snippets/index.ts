// The `ie-*` snippets of snippets/yaml.json and snippets/ruby.json, offered by the server where
// they make sense (VS Code's own snippet contributions would offer them everywhere): definition
// skeletons only in an empty file of their kind, a property entry under additional_properties, a
// metric rule in the events list, Ruby calls only where a statement starts, RSpec ones in specs.
import type { Position } from '../model';
import type { ProjectIndex } from '../projectIndex';
import { isSpecFile } from '../specReferences';
import { LineIndex } from '../text';
import { yamlCursorContext } from '../features/yamlContext';
import type { Completion } from '../features/types';
import yamlSnippets from '../../../../snippets/yaml.json';
import rubySnippets from '../../../../snippets/ruby.json';
import { isRubyStatementPosition } from './rubyPosition';
import { internalEventMarkerLine } from '../internalMarker';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

type Place = 'event-file' | 'metric-file' | 'event-property' | 'metric-rule' | 'ruby' | 'rspec';

/** Where each snippet belongs, by prefix. */
const PLACES: Record<string, Place> = {
  'ie-event': 'event-file',
  'ie-event-property': 'event-property',
  'ie-metric': 'metric-file',
  'ie-metric-total': 'metric-file',
  'ie-metric-rule': 'metric-rule',
  'ie-trigger': 'rspec',
  'ie-trigger-metrics': 'rspec',
  'ie-not-trigger': 'rspec',
  'ie-shared-example': 'rspec',
};

const YAML_SNIPPETS = Object.entries(yamlSnippets as Record<string, Snippet>);
const RUBY_SNIPPETS = Object.entries(rubySnippets as Record<string, Snippet>);

/** The word being typed: what a snippet prefix would replace. */
const TYPED = /[a-z-]*$/;

export function snippetCompletions(index: ProjectIndex, rel: string, text: string, pos: Position): Completion[] {
  const lines = new LineIndex(text);
  const before = lines.lineText(pos.line).slice(0, pos.character);
  const typed = TYPED.exec(before)![0];
  // Only a word that can still become `ie-…` (or none yet, on an explicit request).
  if (typed && !'ie-'.startsWith(typed.slice(0, 3))) return [];
  const kind = index.classify(rel);
  const places = new Set<Place>();
  if (kind === 'event' || kind === 'metric') {
    for (const place of yamlPlaces(kind, lines, pos, before)) places.add(place);
  } else if (kind === 'source' && /\.(rb|rake)$/.test(rel) && /^\s*[a-z-]*$/.test(before)) {
    const offset = lines.offsetAt(pos);
    if (isRubyStatementPosition(text, offset - typed.length, offset)) places.add(isSpecFile(rel) ? 'rspec' : 'ruby');
  }
  if (places.size === 0) return [];
  const snippets = kind === 'source' ? RUBY_SNIPPETS : YAML_SNIPPETS;
  const range = { start: { line: pos.line, character: pos.character - typed.length }, end: pos };
  return snippets
    .filter(([, s]) => places.has(PLACES[s.prefix] ?? 'ruby'))
    .map(([name, s]) => {
      const body = withWorkspaceMarker(index, s.body);
      return {
        label: s.prefix,
        kind: 'snippet' as const,
        detail: name,
        documentation: `${s.description}\n\n\`\`\`${kind === 'source' ? 'ruby' : 'yaml'}\n${preview(body)}\n\`\`\``,
        insertText: body,
        range,
        filterText: s.prefix,
      };
    });
}

/** The snippet's text, an event skeleton marked internal the way the workspace's schema knows (16.x: the category). */
function withWorkspaceMarker(index: ProjectIndex, body: string[]): string {
  const current = internalEventMarkerLine('internal_events');
  const marker = internalEventMarkerLine(index.internalEventMarker());
  return body.map((line) => (line === current ? marker : line)).join('\n');
}

function yamlPlaces(kind: 'event' | 'metric', lines: LineIndex, pos: Position, before: string): Place[] {
  const places: Place[] = [];
  if (/^[a-z-]*$/.test(before) && !hasTopLevelKey(lines, pos.line)) places.push(kind === 'event' ? 'event-file' : 'metric-file');
  const ctx = yamlCursorContext(lines, pos);
  if (kind === 'event' && ctx.mode === 'key' && ctx.path.length === 1 && ctx.path[0] === 'additional_properties') places.push('event-property');
  if (kind === 'metric' && startsEventsItem(lines, pos, before)) places.push('metric-rule');
  return places;
}

/** A definition already begun: some line other than the cursor's holds a top-level key. */
function hasTopLevelKey(lines: LineIndex, cursorLine: number): boolean {
  for (let l = 0; l < lines.lineCount; l++) if (l !== cursorLine && /^[A-Za-z0-9_]+\s*:/.test(lines.lineText(l))) return true;
  return false;
}

/** A new line in the `events:` list, at the column of its dashes: where `- name: …` goes. */
function startsEventsItem(lines: LineIndex, pos: Position, before: string): boolean {
  const indent = /^( *)[a-z-]*$/.exec(before)?.[1].length;
  if (indent === undefined) return false;
  let dash: number | undefined;
  for (let l = pos.line - 1; l >= 0; l--) {
    const line = lines.lineText(l);
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const item = /^( *)- /.exec(line);
    if (item) dash = item[1].length;
    else if (/^events:\s*$/.test(line)) return indent === (dash ?? indent) && indent <= 2;
    else if (!/^ /.test(line)) return false;
  }
  return false;
}

/** The text a snippet inserts with its defaults, for the completion's documentation. */
function preview(body: string): string {
  let out = body;
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
  }
  return out.replace(/\$\{\d+\|((?:\\.|[^,|])*)[^}]*\}/g, (_m, first: string) => first.replace(/\\(.)/g, '$1')).replace(/\$\{?\d+\}?/g, '');
}
