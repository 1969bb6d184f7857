// Whole-workspace hint: an internal event no code tracks. Dynamic names are not followed, so this
// is a hint, never a warning, and waits until every file has been read.
import { isSpecReference } from '../specReferences';
import type { EventIndexRule } from './types';

export const unusedEvent: EventIndexRule = {
  code: 'unused-event',
  check(def, index) {
    if (!index.fullyIndexed || !def.internal || def.removed || !def.action || !def.actionRange) return [];
    const sites = index.callSitesOf(def.action);
    const tracking = sites.filter((s) => !isSpecReference(s.file, s.site));
    if (tracking.length > 0) return [];
    return [
      {
        range: def.actionRange,
        severity: 'hint',
        code: 'unused-event',
        message: sites.length
          ? `No tracking call for '${def.action}' outside specs (${sites.length} spec reference${sites.length === 1 ? '' : 's'}).`
          : `No tracking call for '${def.action}' found in this workspace (names built at run time are not followed).`,
        data: { event: def.action },
      },
    ];
  },
};
