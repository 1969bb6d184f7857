// E4: an internal event must not carry the legacy Snowplow `category` key.
import type { EventFileRule } from './types';

export const categoryOnInternalEvent: EventFileRule = {
  code: 'category-on-internal-event',
  check(def, yaml) {
    if (!def.internal || def.category === undefined) return [];
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
