// Quick fix on unknown-event: write the missing event definition the way GitLab's CLI would
// (spec §5: key order, defaults, path), filling in what the call itself tells us.
import type { CallSite, Diagnostic, Position } from '../model';
import type { ProjectIndex } from '../projectIndex';
import type { AuthoringFix, FileExists } from './types';
import { guessOwnership } from './guessOwnership';

export const DESCRIPTION_PLACEHOLDER = 'TODO describe when this event is triggered';
/** The CLI's identifier order; anything else a call passes is not an identifier. */
const IDENTIFIER_ORDER = ['project', 'namespace', 'user'];
const BASE_PROPERTIES = ['label', 'property', 'value'];

export interface NewEventDefinition {
  path: string;
  text: string;
  /** On the description's value, which the author must write first. */
  cursor: Position;
}

/** Ordered as the CLI asks for them: label, property, value, then custom keys in call order. */
function propertyKeys(site: CallSite): string[] {
  const passed = [...new Set(site.properties.map((p) => p.key))];
  return [...BASE_PROPERTIES.filter((k) => passed.includes(k)), ...passed.filter((k) => !BASE_PROPERTIES.includes(k))];
}

// Frontend calls pass no identifier keywords (the page supplies the context), so for them the key
// is left out and the author decides.
function identifiersFor(site: CallSite): string[] {
  return IDENTIFIER_ORDER.filter((id) => site.identifiers.includes(id));
}

export function eventDefinitionPath(name: string, callerRel: string): string {
  return `${callerRel.startsWith('ee/') ? 'ee/' : ''}config/events/${name}.yml`;
}

export function buildEventDefinition(index: ProjectIndex, callerRel: string, callerText: string, site: CallSite & { event: string }): NewEventDefinition {
  const name = site.event;
  const ee = callerRel.startsWith('ee/');
  const owner = guessOwnership(index, callerRel, callerText, name);
  const lines = ['---', `description: ${DESCRIPTION_PLACEHOLDER}`, 'internal_events: true', `action: ${name}`];
  const identifiers = identifiersFor(site);
  if (identifiers.length) lines.push('identifiers:', ...identifiers.map((i) => `- ${i}`));
  const props = propertyKeys(site);
  if (props.length) {
    lines.push('additional_properties:');
    for (const p of props) lines.push(`  ${p}:`, `    description: TODO describe ${p}`);
  }
  lines.push(`product_group: ${owner.productGroup ?? 'TODO'}`);
  if (owner.productCategories.length) lines.push('product_categories:', ...owner.productCategories.map((c) => `- ${c}`));
  lines.push(`milestone: '${index.version ?? 'TODO'}'`, 'introduced_by_url: TODO', 'tiers:');
  lines.push(...(ee ? ['premium', 'ultimate'] : ['free', 'premium', 'ultimate']).map((t) => `- ${t}`));
  return { path: eventDefinitionPath(name, callerRel), text: lines.join('\n') + '\n', cursor: { line: 1, character: 'description: '.length } };
}

export function createEventDefinitionFix(index: ProjectIndex, callerRel: string, callerText: string, site: CallSite, diagnostic: Diagnostic, exists: FileExists): AuthoringFix | undefined {
  if (!site.event || site.dynamic) return undefined;
  // Only a name the schema accepts can become a definition (and a safe file name).
  if (!/^[a-z0-9_]+$/.test(site.event)) return undefined;
  // A legacy Snowplow or removed definition with this action exists: a second file would only add
  // a duplicate-action error; the diagnostic's message tells the author what to do instead.
  if (index.eventsNamed(site.event).length > 0 || index.removedEventNamed(site.event)) return undefined;
  const def = buildEventDefinition(index, callerRel, callerText, { ...site, event: site.event });
  const title = `Create event definition '${site.event}'`;
  if (exists(def.path)) return { title, diagnostic, changes: [], disabledReason: `${def.path} already exists`, writesFiles: true };
  return { title, diagnostic, writesFiles: true, changes: [{ kind: 'create', path: def.path, text: def.text }], reveal: { path: def.path, position: def.cursor } };
}
