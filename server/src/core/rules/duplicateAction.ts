// E3: two internal events may not share an action (legacy Snowplow definitions may).
import type { EventIndexRule } from './types';

export const duplicateAction: EventIndexRule = {
  code: 'duplicate-action',
  check(def, index) {
    if (!def.internal || !def.action || !def.actionRange || def.removed) return [];
    const others = index.eventsNamed(def.action).filter((e) => e !== def && e.internal && e.file !== def.file);
    if (others.length === 0) return [];
    return [
      {
        range: def.actionRange,
        severity: 'error',
        code: 'duplicate-action',
        message: `Multiple definitions use the action '${def.action}': also ${others.map((o) => o.file).join(', ')}.`,
        data: { others: others.map((o) => o.file) },
      },
    ];
  },
};
