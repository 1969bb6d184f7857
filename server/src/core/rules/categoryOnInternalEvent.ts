// E4: an internal event must not carry the legacy Snowplow `category` key. A 16.x definition whose
// category *is* its internal marker (InternalEventTracking, no internal_events key) is not this
// mistake: legacyInternalMarker.ts offers its migration instead.
import type { EventFileRule } from './types';

export const categoryOnInternalEvent: EventFileRule = {
  code: 'category-on-internal-event',
  check(def, yaml) {
    if (!def.internal || def.internalByCategory || def.category === undefined) return [];
    return [
      {
        range: yaml.keyRange(['category'])!,
        severity: 'error',
        code: 'category-on-internal-event',
        message: `'category' is for legacy Snowplow events; an internal event (internal_events: true) must not have one. The category is set from the tracking class at run time.`,
      },
    ];
  },
};
