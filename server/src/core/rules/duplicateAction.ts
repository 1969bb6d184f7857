// E3: two internal events may not share an action (legacy Snowplow definitions may).
import type { EventIndexRule } from './types';

export const duplicateAction: EventIndexRule = {
  code: 'duplicate-action',
  check(def, index) {
    if (!def.internal || !def.action || !def.actionRange || def.removed) return [];
    const others = index.eventsNamed(def.action).filter((e) => e !== def && e.internal && e.file !== def.file);
    if (others.length === 0) return [];
    // The copy the property and identifier rules read: the first in path order (pathOrder.ts).
    const used = index.internalEvent(def.action);
    const which = used === def ? 'This file is the one' : `${used?.file ?? others[0].file} is the one`;
    return [
      {
        range: def.actionRange,
        severity: 'error',
        code: 'duplicate-action',
        message: `Multiple definitions use the action '${def.action}': also ${others.map((o) => o.file).join(', ')}. ${which} that calls and metrics are checked against.`,
        data: { others: others.map((o) => o.file), used: used?.file },
      },
    ];
  },
};
