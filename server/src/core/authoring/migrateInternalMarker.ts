// Quick fix on legacy-internal-marker: a 16.x definition (`category: InternalEventTracking`) becomes
// `internal_events: true` on the category's own line, which is where GitLab's CLI puts the key
// (right after the description), and the category goes: the tracking class supplies it at run time.
import type { Diagnostic } from '../model';
import type { AuthoringFix } from './types';
import { categoryLines } from './removeCategory';

export function migrateInternalMarkerFix(rel: string, text: string, diagnostic: Diagnostic): AuthoringFix | undefined {
  const range = categoryLines(text);
  if (!range) return undefined;
  const atEnd = range.end.character !== 0; // the category was the file's last line, without a newline
  return {
    title: 'Mark as internal_events: true (drop the 16.x category)',
    diagnostic,
    preferred: true,
    changes: [{ kind: 'edit', path: rel, edits: [{ range, newText: atEnd ? 'internal_events: true' : 'internal_events: true\n' }] }],
  };
}
