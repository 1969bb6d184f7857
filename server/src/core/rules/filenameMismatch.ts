// Convention (spec §1.2): the CLI writes <action>.yml. Timestamp-prefixed legacy names are normal
// and never hinted; a new-style name that differs from its action is.
import type { EventFileRule } from './types';

const LEGACY_NAME = /^\d{8,14}_/;

export const filenameMismatch: EventFileRule = {
  code: 'filename-mismatch',
  check(def) {
    if (!def.action || !def.actionRange || def.removed) return [];
    const base = def.file.split('/').pop()!.replace(/\.ya?ml$/, '');
    if (LEGACY_NAME.test(base) || base === def.action) return [];
    return [
      {
        range: def.actionRange,
        severity: 'hint',
        code: 'filename-mismatch',
        message: `File name '${base}.yml' differs from the action '${def.action}'; GitLab's convention is '${def.action}.yml'.`,
        data: { expected: `${def.action}.yml` },
      },
    ];
  },
};
