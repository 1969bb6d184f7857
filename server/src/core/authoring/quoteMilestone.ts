// Quick fix on milestone-not-string: quote the milestone exactly as written (16.10 → '16.10'),
// never as YAML read it (16.1).
import type { Diagnostic } from '../model';
import type { AuthoringFix } from './types';

export function quoteMilestoneFix(rel: string, diagnostic: Diagnostic): AuthoringFix | undefined {
  const written = diagnostic.data?.written;
  if (typeof written !== 'string' || !/^[0-9.]+$/.test(written)) return undefined;
  return {
    title: `Quote the milestone: '${written}'`,
    diagnostic,
    preferred: true,
    changes: [{ kind: 'edit', path: rel, edits: [{ range: diagnostic.range, newText: `'${written}'` }] }],
  };
}
