// What the workspace's own event schema accepts, for the builders of new event definitions: a
// checkout's schema generation decides (spec §1.4), not the newest GitLab. Mid-2024 schemas still
// require `distributions` and know no `product_categories` nor custom additional properties.
import type { ProjectIndex } from '../projectIndex';
import { schemaInfoAt } from '../schemaInfo';
import { allowsCustomKeys, BASE_PROPERTIES } from '../customPropertyRule';

export interface EventSchemaShape {
  productCategories: boolean;
  /** The `distributions` list to write, when the schema requires one. */
  distributions?: (tiers: string[]) => string[];
}

export function eventSchemaShape(index: ProjectIndex): EventSchemaShape {
  const top = schemaInfoAt(index.schemas, 'event', []);
  return {
    productCategories: top.properties.size === 0 || top.properties.has('product_categories'),
    ...(top.required.has('distributions') ? { distributions: (tiers: string[]) => (tiers.includes('free') ? ['ce', 'ee'] : ['ee']) } : {}),
  };
}

/** Whether the schema accepts these additional property keys (each documented), as GitLab's validator would. */
export function acceptsPropertyKeys(index: ProjectIndex, keys: string[]): boolean {
  const validate = index.schemas.event;
  if (!validate) return allowsCustomKeys(keys) || keys.every((k) => BASE_PROPERTIES.includes(k));
  validate({ additional_properties: Object.fromEntries(keys.map((k) => [k, { description: 'x' }])) });
  return !(validate.errors ?? []).some((e) => e.instancePath.startsWith('/additional_properties'));
}
