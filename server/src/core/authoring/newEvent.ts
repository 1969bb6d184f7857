// The "New Event…" command's engine: the choices the guided flow offers, and the definition file
// GitLab's CLI would write from the answers (spec §5, New Event flow: checks, key order, path).
import type { EventDefinition } from '../definitions';
import type { ProjectIndex } from '../projectIndex';
import { isEeOnly } from '../rules/wrongFolder';
import { schemaInfoAt } from '../schemaInfo';
import { acceptsPropertyKeys, eventSchemaShape } from './eventSchemaShape';
import { allowsCustomKeys } from '../customPropertyRule';
import { EVENT_NAME_PATTERN } from './rename';
import type { FileExists } from './types';
import { internalEventMarkerLine } from '../internalMarker';
import { didYouMean } from '../suggest';

export const BASE_PROPERTIES = ['label', 'property', 'value'] as const;
export const KNOWN_IDENTIFIERS = ['project', 'namespace', 'user', 'feature_enabled_by_namespace_ids'];
export const KNOWN_TIERS = ['free', 'premium', 'ultimate'];

export interface EventChoice {
  name: string;
  description?: string;
  identifiers: string[];
  properties: string[];
}

export interface EventChoices {
  events: EventChoice[];
  productGroups: string[];
  categories: string[];
  version?: string;
  /** The event of the active file or under its cursor, when the request names them. */
  current?: string;
}

/** The internal event (not a legacy Snowplow one) defined for an action, if any. */
export function internalEventNamed(index: ProjectIndex, action: string): (EventDefinition & { action: string }) | undefined {
  const def = index.internalEvent(action);
  return def?.action !== undefined ? { ...def, action: def.action } : undefined;
}

/** What the New Event / New Metric / snippet flows pick from. */
export function eventChoices(index: ProjectIndex): EventChoices {
  const byName = new Map<string, EventChoice>();
  for (const def of index.events()) {
    if (!def.internal || !def.action || byName.has(def.action)) continue;
    byName.set(def.action, { name: def.action, description: def.description, identifiers: def.identifiers, properties: [...def.properties.keys()] });
  }
  return {
    events: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)),
    productGroups: schemaInfoAt(index.schemas, 'event', ['product_group']).enumValues.slice().sort(),
    categories: index.schemas.featureCategories.slice().sort(),
    version: index.version,
  };
}

export interface NewEventRequest {
  description: string;
  action: string;
  identifiers: string[];
  properties: { name: string; description?: string }[];
  productGroup?: string;
  productCategories: string[];
  tiers: string[];
  introducedByUrl?: string;
}

export type NewEventResult = { path: string; text: string } | { error: string };

// Free text (descriptions, URLs) goes out plain when YAML would read it back unchanged as a
// string, and as a double-quoted scalar otherwise (JSON strings are valid YAML double-quoted ones).
const PLAIN_START = /^[A-Za-z0-9_(]/;
const RESERVED_PLAIN = /^(true|false|yes|no|on|off|null|~|[-+.\d][\d._eE+-]*)$/i;

export function yamlScalar(text: string): string {
  const trimmed = text.trim();
  const plain = PLAIN_START.test(trimmed) && !/[\n\r\t]|: | #|:$/.test(trimmed) && !RESERVED_PLAIN.test(trimmed);
  return plain ? trimmed : JSON.stringify(trimmed);
}

/** Why an action cannot be the name of a new event, or undefined when it can. */
export function actionProblem(index: ProjectIndex, action: string): string | undefined {
  if (!EVENT_NAME_PATTERN.test(action)) return `'${action}' is not a valid event name: use lowercase letters, digits and underscores only.`;
  // Any definition counts, including legacy Snowplow, removed and legacy HLL events: GitLab's
  // duplicate-action check and the Redis keys do not distinguish them.
  if (index.eventsNamed(action).length > 0) return `An event named '${action}' already exists.`;
  if (index.removedEventNamed(action)) return `'${action}' is the name of a removed event; choose another name.`;
  if (index.isLegacyEvent(action)) return `'${action}' is a legacy Redis HLL event name; choose another name.`;
  return undefined;
}

function propertiesProblem(index: ProjectIndex, properties: NewEventRequest['properties']): string | undefined {
  const names = properties.map((p) => p.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) return `Property '${repeated}' is listed twice.`;
  for (const name of names) if (!EVENT_NAME_PATTERN.test(name)) return `'${name}' is not a valid property name: use lowercase letters, digits and underscores only.`;
  const custom = names.filter((n) => !(BASE_PROPERTIES as readonly string[]).includes(n));
  if (custom.length && !allowsCustomKeys(names)) return `Custom properties (${custom.join(', ')}) need both 'label' and 'property', or 'value'.`;
  if (!acceptsPropertyKeys(index, names)) return `This workspace's event schema accepts only label, property and value as additional properties, not ${custom.join(', ')}.`;
  return undefined;
}

export function newEventPath(action: string, tiers: string[]): string {
  return `${isEeOnly(tiers) ? 'ee/' : ''}config/events/${action}.yml`;
}

function requestProblem(index: ProjectIndex, r: NewEventRequest): string | undefined {
  if (!r.description.trim()) return 'The description is required.';
  const unknownIdentifier = r.identifiers.find((i) => !KNOWN_IDENTIFIERS.includes(i));
  if (unknownIdentifier) return `Unknown identifier '${unknownIdentifier}' (expected ${KNOWN_IDENTIFIERS.join(', ')}).`;
  const unknownTier = r.tiers.find((t) => !KNOWN_TIERS.includes(t));
  if (unknownTier) return `Unknown tier '${unknownTier}' (expected ${KNOWN_TIERS.join(', ')}).`;
  if (r.tiers.length === 0) return 'Choose at least one tier.';
  return actionProblem(index, r.action) ?? ownerProblem(index, r) ?? propertiesProblem(index, r.properties);
}

/** A product group or category the workspace does not list (the pickers offer only listed ones; an agent may guess). */
function ownerProblem(index: ProjectIndex, r: NewEventRequest): string | undefined {
  const groups = schemaInfoAt(index.schemas, 'event', ['product_group']).enumValues;
  if (r.productGroup && groups.length && !groups.includes(r.productGroup)) {
    const close = didYouMean(r.productGroup, groups);
    return `Unknown product group '${r.productGroup}'${close.length ? `: did you mean ${close.map((g) => `'${g}'`).join(', ')}?` : '.'}`;
  }
  const categories = index.schemas.featureCategories;
  const unknown = categories.length ? r.productCategories.find((c) => !categories.includes(c)) : undefined;
  if (unknown) {
    const close = didYouMean(unknown, categories);
    return `Unknown product category '${unknown}' (config/feature_categories.yml)${close.length ? `: did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : '.'}`;
  }
  return undefined;
}

/** The definition file, in the CLI's key order, or why it cannot be written. */
export function buildNewEvent(index: ProjectIndex, request: NewEventRequest, exists: FileExists = () => false): NewEventResult {
  const problem = requestProblem(index, request);
  if (problem) return { error: problem };
  const path = newEventPath(request.action, request.tiers);
  if (exists(path)) return { error: `${path} already exists.` };
  const lines = ['---', `description: ${yamlScalar(request.description)}`, internalEventMarkerLine(index.internalEventMarker()), `action: ${request.action}`];
  const identifiers = [...new Set(request.identifiers)];
  if (identifiers.length) lines.push('identifiers:', ...identifiers.map((i) => `- ${i}`));
  if (request.properties.length) {
    lines.push('additional_properties:');
    for (const p of request.properties) lines.push(`  ${p.name}:`, `    description: ${yamlScalar(p.description?.trim() || 'TODO')}`);
  }
  lines.push(`product_group: ${request.productGroup ? yamlScalar(request.productGroup) : 'TODO'}`);
  const shape = eventSchemaShape(index);
  if (shape.productCategories && request.productCategories.length) lines.push('product_categories:', ...request.productCategories.map((c) => `- ${yamlScalar(c)}`));
  lines.push(`milestone: '${index.version ?? 'TODO'}'`, `introduced_by_url: ${request.introducedByUrl?.trim() ? yamlScalar(request.introducedByUrl) : 'TODO'}`);
  const tiers = KNOWN_TIERS.filter((t) => request.tiers.includes(t));
  if (shape.distributions) lines.push('distributions:', ...shape.distributions(tiers).map((d) => `- ${d}`));
  lines.push('tiers:', ...tiers.map((t) => `- ${t}`));
  return { path, text: lines.join('\n') + '\n' };
}
