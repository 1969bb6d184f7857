// What a rename starts from: the event name under the cursor, with the range of its characters
// (quotes excluded, so the editor's rename box shows and selects the bare name).
import type { Position, Range } from '../model';
import type { ProjectIndex } from '../projectIndex';
import { YamlFile } from '../yamlFile';
import { containsPosition, LineIndex } from '../text';

export interface EventNameAtCursor {
  name: string;
  /** The name's characters; for a constant reference, the reference (such an event is refused). */
  range: Range;
}

/** The range inside a quoted YAML scalar ('x' or "x"); undefined for a plain scalar. */
export function insideQuotes(lines: LineIndex, range: Range): Range | undefined {
  const start = lines.offsetAt(range.start);
  const end = lines.offsetAt(range.end);
  const source = lines.text.slice(start, end);
  const quote = source[0];
  if (source.length >= 2 && (quote === "'" || quote === '"') && source[source.length - 1] === quote) return lines.range(start + 1, end - 1);
  return undefined;
}

function eventNameInYaml(index: ProjectIndex, rel: string, text: string, pos: Position): EventNameAtCursor | undefined {
  const kind = index.classify(rel);
  const yaml = new YamlFile(text);
  const loc = yaml.locate(yaml.lines.offsetAt(pos));
  if (loc.onKey || !loc.scalarText || !loc.scalarRange) return undefined;
  const last = loc.path[loc.path.length - 1];
  const isMetricEventName = kind === 'metric' && loc.path[0] === 'events' && last === 'name';
  const isAction = kind !== 'metric' && loc.path.length === 1 && last === 'action';
  if (!isMetricEventName && !isAction) return undefined;
  return { name: loc.scalarText, range: insideQuotes(yaml.lines, loc.scalarRange) ?? loc.scalarRange };
}

function eventNameInSource(index: ProjectIndex, rel: string, text: string, pos: Position): EventNameAtCursor | undefined {
  for (const site of index.callSitesForText(rel, text)) {
    if (site.refersTo !== 'event' || site.event === null) continue;
    if (site.nameRange && containsPosition(site.nameRange, pos)) return { name: site.event, range: site.nameRange };
    // The quotes around a literal count as part of it, as they do for go-to-definition.
    if (containsPosition(site.range, pos)) return { name: site.event, range: site.nameRange ?? site.range };
  }
  return undefined;
}

/** The event name the cursor is on, in a definition, a metric or a tracking call; else undefined. */
export function eventNameAt(index: ProjectIndex, rel: string, text: string, pos: Position): EventNameAtCursor | undefined {
  const kind = index.classify(rel);
  if (kind === 'event' || kind === 'removed-event' || kind === 'metric') return eventNameInYaml(index, rel, text, pos);
  if (kind === 'source') return eventNameInSource(index, rel, text, pos);
  return undefined;
}
