// Quick fix on a schema diagnostic that already knows what was meant ("Did you mean 'x'?"): an
// unknown key renamed to the known one (`descripton`), an enum typo replaced (`code_reviews`).
import type { Diagnostic } from '../model';
import { LineIndex } from '../text';
import { insideQuotes } from './renameTarget';
import type { AuthoringFix } from './types';

export function schemaSuggestionFix(rel: string, text: string, diagnostic: Diagnostic): AuthoringFix | undefined {
  const suggestion = diagnostic.data?.suggestion;
  if (typeof suggestion !== 'string') return undefined;
  const lines = new LineIndex(text);
  const range = insideQuotes(lines, diagnostic.range) ?? diagnostic.range;
  const written = lines.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
  // The editor's text moved on since the diagnostic: nothing to replace safely.
  if (!written || written.includes('\n')) return undefined;
  const isKey = diagnostic.data?.keyword === 'additionalProperties';
  return {
    title: isKey ? `Rename key '${written}' to '${suggestion}'` : `Replace '${written}' with '${suggestion}'`,
    diagnostic,
    preferred: true,
    changes: [{ kind: 'edit', path: rel, edits: [{ range, newText: suggestion }] }],
  };
}
