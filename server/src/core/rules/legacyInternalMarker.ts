// An internal event marked the GitLab 16.x way (`category: InternalEventTracking`, no
// `internal_events` key) in a workspace whose event schema knows `internal_events`: it still works
// as an internal event here, so this is information with a migration (authoring/
// migrateInternalMarker.ts), never an error. On a 16.x schema that category is the only marker
// there is, and nothing is said.
import type { EventFileRule } from './types';

export const legacyInternalMarker: EventFileRule = {
  code: 'legacy-internal-marker',
  check(def, yaml, context) {
    if (!def.internalByCategory || def.removed || context.internalEventMarker !== 'internal_events') return [];
    const key = yaml.keyRange(['category']);
    const value = yaml.valueRange(['category']);
    if (!key) return [];
    return [
      {
        range: { start: key.start, end: value?.end ?? key.end },
        severity: 'information',
        code: 'legacy-internal-marker',
        message: `This event is marked internal the GitLab 16.x way (category: InternalEventTracking). This workspace's event schema has 'internal_events': mark it with internal_events: true instead.`,
      },
    ];
  },
};
