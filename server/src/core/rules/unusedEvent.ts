// Whole-workspace hint: an internal event no code tracks. A name built at run time counts when its
// literal pieces can make this one ("click_#{kind}"); other dynamic names cannot be followed, so
// this is a hint, never a warning, and waits until every file has been read.
import { isSpecReference } from '../specReferences';
import type { EventIndexRule } from './types';

export const unusedEvent: EventIndexRule = {
  code: 'unused-event',
  check(def, index) {
    if (!index.fullyIndexed || !def.internal || def.removed || !def.action || !def.actionRange) return [];
    const sites = index.callSitesOf(def.action);
    const tracking = sites.filter((s) => !isSpecReference(s.file, s.site));
    if (tracking.length > 0) return [];
    // A call building its name at run time from pieces that can make this one may track it.
    if (index.possibleCallSitesOf(def.action).some((s) => !isSpecReference(s.file, s.site))) return [];
    // A file whose calls could not be read may track it: unknown is not unused.
    if (index.uncheckedFilesMentioning(def.action).length > 0) return [];
    return [
      {
        range: def.actionRange,
        severity: 'hint',
        code: 'unused-event',
        message: sites.length
          ? `No tracking call for '${def.action}' outside specs (${sites.length} spec reference${sites.length === 1 ? '' : 's'}).`
          : `No tracking call for '${def.action}' found in this workspace (a name computed at run time cannot always be followed).`,
        data: { event: def.action },
      },
    ];
  },
};
