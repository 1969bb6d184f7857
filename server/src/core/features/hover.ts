// Hover: a key's schema description; on an event name (in a metric or a tracking call) the
// event's description, identifiers, properties and the metrics that count it.
import type { CallSite, Position, Range } from '../model';
import type { ProjectIndex } from '../projectIndex';
import { YamlFile } from '../yamlFile';
import { describeKey } from '../schemaInfo';
import { containsPosition } from '../text';
import type { HoverResult } from './types';
import { eventSummaryMarkdown, metricSummaryMarkdown } from './describe';
import { eventsMatchingPattern } from './navigation';

/** How many candidate names a hover on a built name lists. */
const LISTED_CANDIDATES = 8;

function builtNameMarkdown(index: ProjectIndex, pattern: string | undefined): string {
  if (!pattern) return '_Event name built at run time: not checked._';
  const matches = eventsMatchingPattern(index, pattern).map((d) => d.action!);
  const head = `_Event name built at run time:_ \`${pattern}\``;
  if (matches.length === 0) return `${head}\n\nNo defined event matches it: check the literal parts.`;
  const listed = matches.slice(0, LISTED_CANDIDATES).map((n) => `\`${n}\``).join(', ');
  const more = matches.length > LISTED_CANDIDATES ? ` and ${matches.length - LISTED_CANDIDATES} more` : '';
  return `${head}\n\nMay track ${matches.length === 1 ? 'the defined event' : `one of ${matches.length} defined events`}: ${listed}${more}.`;
}

export function hover(index: ProjectIndex, rel: string, text: string, pos: Position): HoverResult | undefined {
  const kind = index.classify(rel);
  if (kind === 'event' || kind === 'metric' || kind === 'removed-event') {
    const yaml = new YamlFile(text);
    const loc = yaml.locate(yaml.lines.offsetAt(pos));
    if (!loc.path.length) return undefined;
    const last = loc.path[loc.path.length - 1];
    const isEventRef = (kind === 'metric' && loc.path[0] === 'events' && last === 'name') || (kind !== 'metric' && loc.path.length === 1 && last === 'action');
    if (isEventRef && !loc.onKey && loc.scalarText) {
      const e = index.eventForDisplay(loc.scalarText) ?? index.removedEventNamed(loc.scalarText);
      if (e) return { markdown: eventSummaryMarkdown(index, e), range: loc.scalarRange, event: loc.scalarText };
      return { markdown: `**${loc.scalarText}**\n\n_No event definition has this action._`, range: loc.scalarRange, event: loc.scalarText };
    }
    if (!loc.onKey) return undefined;
    const description = describeKey(index.schemas, kind === 'metric' ? 'metric' : 'event', loc.path);
    return description ? { markdown: `**${String(last)}**\n\n${description}`, range: loc.scalarRange } : undefined;
  }
  if (kind !== 'source') return undefined;
  const sites = index.callSitesForText(rel, text);
  const site = sites.find((s) => containsPosition(s.range, pos));
  if (site) return siteHover(index, site, site.range);
  // A let or local the name was followed through (`trigger_internal_events(event_name)`): each
  // literal it stands for (a splatted array names several).
  const through = sites.flatMap((s) => s.usedAt?.filter((r) => containsPosition(r, pos)).map((range) => siteHover(index, s, range)) ?? []);
  if (through.length === 0) return undefined;
  return { ...through[0], markdown: through.map((h) => h.markdown).join('\n\n---\n\n') };
}

function siteHover(index: ProjectIndex, site: CallSite, range: Range): HoverResult {
  const origin = originNote(site);
  if (site.dynamic || site.event === null) {
    const markdown = origin ? `${origin}; its value could not be read there, so the call is not checked._` : builtNameMarkdown(index, site.namePattern);
    return { markdown, range };
  }
  const withOrigin = (markdown: string) => (origin ? `${markdown}\n\n${origin}._` : markdown);
  if (site.refersTo === 'metric') {
    const m = index.metricsWithKeyPath(site.event)[0];
    return { markdown: withOrigin(m ? metricSummaryMarkdown(index, m) : `**${site.event}**\n\n_No metric has this key path._`), range };
  }
  const e = index.eventForDisplay(site.event);
  const event = site.event;
  if (e) return { markdown: withOrigin(eventSummaryMarkdown(index, e)), range, event };
  if (index.isLegacyEvent(site.event)) return { markdown: withOrigin(`**${site.event}**\n\n_Legacy Redis HLL event (hll_redis_legacy_events.yml)._`), range, event };
  return { markdown: withOrigin(`**${site.event}**\n\n_No event definition has this action._`), range, event };
}

/** Where a name taken from another file comes from, as the start of an italic sentence. */
function originNote(site: CallSite): string | undefined {
  if (site.importedConstant) {
    const { specifier, path } = site.importedConstant;
    return `_Name from \`${path.join('.')}\`, imported from \`${specifier}\``;
  }
  if (site.passedOn?.target) {
    const { via, name, method, target } = site.passedOn;
    const to = via === 'partial' ? `the partial \`${target}\`` : `the helper \`${method}\` (${target})`;
    return `_Passed as \`${name}\` to ${to}, which puts it in its data attribute`;
  }
  if (site.rubyConstant) {
    const { name, key } = site.rubyConstant;
    return `_Name from the constant \`${name}${key === undefined ? '' : `[${key}]`}\`, assigned in another file`;
  }
  return undefined;
}
