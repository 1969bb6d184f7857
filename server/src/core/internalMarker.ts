// How a checkout marks its internal events. GitLab 16.x wrote `category: InternalEventTracking`
// (its event schema has no `internal_events` key, and metrics with `data_source: internal_events`
// count those events); later versions write `internal_events: true`. Both kinds of definition are
// internal events everywhere in the engine (definitions.ts); the workspace's own event schema says
// which marker is current, so new files use it and the old one is offered a migration.
import type { SchemaSet } from './schemaSet';
import { schemaInfoAt } from './schemaInfo';

/** The category value 16.x gave internal events. */
export const INTERNAL_EVENT_CATEGORY = 'InternalEventTracking';

export type InternalEventMarker = 'internal_events' | 'category';

const markerBySchemas = new WeakMap<SchemaSet, InternalEventMarker>();

/** The marker the workspace's event schema knows: `internal_events` when it declares that key. */
export function internalEventMarker(schemas: SchemaSet): InternalEventMarker {
  let marker = markerBySchemas.get(schemas);
  if (!marker) {
    marker = eventSchemaDeclares(schemas, 'internal_events') ? 'internal_events' : 'category';
    markerBySchemas.set(schemas, marker);
  }
  return marker;
}

/**
 * How a definition's `internal_events` and `category` values mark it: internal through
 * `internal_events: true`, or through 16.x's category alone (no `internal_events` key at all). The
 * one answer to "is this an internal event", for parsed definitions and half-typed editor text.
 */
export function internalMarking(internalEvents: unknown, category: unknown): 'internal_events' | 'category' | null {
  if (internalEvents === true) return 'internal_events';
  return internalEvents === undefined && category === INTERNAL_EVENT_CATEGORY ? 'category' : null;
}

/** The YAML line that marks a definition internal in a generation (what new files are written with). */
export function internalEventMarkerLine(marker: InternalEventMarker): string {
  return marker === 'internal_events' ? 'internal_events: true' : `category: ${INTERNAL_EVENT_CATEGORY}`;
}

function eventSchemaDeclares(schemas: SchemaSet, key: string): boolean {
  const own = schemas.workspaceEventSchemaPath;
  if (own === undefined || own === schemas.eventSchemaPath) return schemaInfoAt(schemas, 'event', []).properties.has(key);
  // The workspace's schema did not compile (16.x's has `"type": ["uri", "null"]`): its top-level
  // properties still say what it knows.
  const json = schemas.files.get(own);
  const properties = json && typeof json === 'object' ? json.properties : undefined;
  return !!properties && typeof properties === 'object' && key in properties;
}
