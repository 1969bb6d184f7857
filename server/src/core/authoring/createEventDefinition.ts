// Quick fix on unknown-event: write the missing event definition the way GitLab's CLI would
// (spec §5: key order, defaults, path), filling in what the call itself tells us, in the shape the
// workspace's own schema accepts. What the call cannot tell is a TODO placeholder; what is guessed
// (the product group) is marked as a guess.
import type { CallSite, Diagnostic, Position } from '../model';
import type { ProjectIndex } from '../projectIndex';
import { guessComment } from '../guessMarker';
import type { AuthoringFix, FileExists } from './types';
import { guessOwnership } from './guessOwnership';
import { yamlScalar } from './newEvent';
import { acceptsPropertyKeys, eventSchemaShape } from './eventSchemaShape';
import { BASE_PROPERTIES, companionsFor } from '../customPropertyRule';
import { internalEventMarkerLine } from '../internalMarker';

export const DESCRIPTION_PLACEHOLDER = 'TODO describe when this event is triggered';
/** The CLI's identifier order; anything else a call passes is not an identifier. */
const IDENTIFIER_ORDER = ['project', 'namespace', 'user'];

export interface NewEventDefinition {
  path: string;
  text: string;
  /** On the description's value, which the author must write first. */
  cursor: Position;
  /** What the definition declares beyond what the call sends, or leaves out: said in the fix's title. */
  note?: string;
}

interface DeclaredProperty {
  name: string;
  description: string;
}

/** Ordered as the CLI asks for them: label, property, value, then custom keys in call order. */
function orderedKeys(keys: string[]): string[] {
  return [...BASE_PROPERTIES.filter((k) => keys.includes(k)), ...keys.filter((k) => !BASE_PROPERTIES.includes(k))];
}

const quoted = (keys: string[]) => keys.map((k) => `'${k}'`).join(', ');

/**
 * The additional properties to declare. Custom keys need label and property, or value, beside
 * them (GitLab's schema): a call sending `label` and a custom key gets `property` declared as a
 * placeholder. A schema that accepts no custom key at all (before 17.x) gets the base ones only.
 */
function propertiesFor(index: ProjectIndex, site: CallSite): { declared: DeclaredProperty[]; note?: string } {
  const passed = orderedKeys([...new Set(site.properties.map((p) => p.key))]);
  const sent = (name: string): DeclaredProperty => ({ name, description: `TODO describe ${name}` });
  if (acceptsPropertyKeys(index, passed)) return { declared: passed.map(sent) };
  const companions = companionsFor(passed);
  const withCompanions = orderedKeys([...passed, ...companions]);
  if (companions.length && acceptsPropertyKeys(index, withCompanions)) {
    const custom = passed.filter((k) => !BASE_PROPERTIES.includes(k));
    const declared = withCompanions.map((name) =>
      companions.includes(name) ? { name, description: `TODO describe ${name} (not sent by the call yet; custom properties need label and property, or value)` } : sent(name),
    );
    return { declared, note: `declares ${quoted(companions)} too: custom properties (${quoted(custom)}) need label and property, or value` };
  }
  const base = passed.filter((k) => BASE_PROPERTIES.includes(k));
  const dropped = passed.filter((k) => !base.includes(k));
  if (dropped.length === 0) return { declared: base.map(sent) };
  return { declared: base.map(sent), note: `leaves out ${quoted(dropped)}: this workspace's schema accepts only label, property and value` };
}

// Frontend calls pass no identifier keywords (the page supplies the context), so for them the key
// is left out and the author decides.
function identifiersFor(site: CallSite): string[] {
  return IDENTIFIER_ORDER.filter((id) => site.identifiers.includes(id));
}

/** Annotation id of changes that write into a definition root. */
export const OTHER_CHECKOUT_ANNOTATION = 'internalEvents.otherCheckout';

export function eventDefinitionPath(name: string, callerRel: string): string {
  return `${callerRel.startsWith('ee/') ? 'ee/' : ''}config/events/${name}.yml`;
}

export function buildEventDefinition(index: ProjectIndex, callerRel: string, callerText: string, site: CallSite & { event: string }): NewEventDefinition {
  const name = site.event;
  const ee = callerRel.startsWith('ee/');
  const shape = eventSchemaShape(index);
  const owner = guessOwnership(index, callerRel, callerText, name);
  const lines = ['---', `description: ${DESCRIPTION_PLACEHOLDER}`, internalEventMarkerLine(index.internalEventMarker()), `action: ${name}`];
  const identifiers = identifiersFor(site);
  if (identifiers.length) lines.push('identifiers:', ...identifiers.map((i) => `- ${i}`));
  const { declared, note } = propertiesFor(index, site);
  if (declared.length) {
    lines.push('additional_properties:');
    for (const p of declared) lines.push(`  ${p.name}:`, `    description: ${yamlScalar(p.description)}`);
  }
  lines.push(`product_group: ${owner.productGroup ? owner.productGroup + (owner.reason ? guessComment(owner.reason) : '') : 'TODO'}`);
  if (shape.productCategories && owner.productCategories.length) lines.push('product_categories:', ...owner.productCategories.map((c) => `- ${c}`));
  lines.push(`milestone: '${index.version ?? 'TODO'}'`, 'introduced_by_url: TODO');
  const tiers = ee ? ['premium', 'ultimate'] : ['free', 'premium', 'ultimate'];
  if (shape.distributions) lines.push('distributions:', ...shape.distributions(tiers).map((d) => `- ${d}`));
  lines.push('tiers:', ...tiers.map((t) => `- ${t}`));
  return { path: eventDefinitionPath(name, callerRel), text: lines.join('\n') + '\n', cursor: { line: 1, character: 'description: '.length }, ...(note ? { note } : {}) };
}

export function createEventDefinitionFix(index: ProjectIndex, callerRel: string, callerText: string, site: CallSite, diagnostic: Diagnostic, exists: FileExists): AuthoringFix | undefined {
  if (!site.event || site.dynamic) return undefined;
  // Only a name the schema accepts can become a definition (and a safe file name).
  if (!/^[a-z0-9_]+$/.test(site.event)) return undefined;
  // A legacy Snowplow or removed definition with this action exists: a second file would only add
  // a duplicate-action error; the diagnostic's message tells the author what to do instead.
  if (index.eventsNamed(site.event).length > 0 || index.removedEventNamed(site.event)) return undefined;
  const def = buildEventDefinition(index, callerRel, callerText, { ...site, event: site.event });
  // A satellite service's definitions live in the monolith's checkout: the file goes there, and
  // since that is another repository, the editor asks before writing (needsConfirmation).
  const otherCheckout = index.definitionWriteRoot();
  const target = otherCheckout ? `${otherCheckout}/${def.path}` : def.path;
  const title = `Create event definition '${site.event}'${otherCheckout ? ` in ${otherCheckout}` : ''}${def.note ? ` (${def.note})` : ''}`;
  if (exists(target)) return { title, diagnostic, changes: [], disabledReason: `${target} already exists`, writesFiles: true };
  const fix: AuthoringFix = { title, diagnostic, writesFiles: true, changes: [{ kind: 'create', path: target, text: def.text }], reveal: { path: target, position: def.cursor } };
  if (otherCheckout) {
    fix.changes = [{ kind: 'create', path: target, text: def.text, annotation: OTHER_CHECKOUT_ANNOTATION }];
    fix.annotations = {
      [OTHER_CHECKOUT_ANNOTATION]: { label: `Create ${def.path} in ${otherCheckout}`, description: 'another checkout (internalEvents.definitionRoots)', needsConfirmation: true },
    };
  }
  return fix;
}
