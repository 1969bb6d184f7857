// Quick fix on unknown-event: "Replace with 'x'" for each did-you-mean name the rule found.
import type { CallSite, Diagnostic } from '../model';
import type { AuthoringFix } from './types';

export function replaceWithSuggestionFixes(callerRel: string, site: CallSite, diagnostic: Diagnostic): AuthoringFix[] {
  const suggestions = Array.isArray(diagnostic.data?.suggestions) ? (diagnostic.data.suggestions as unknown[]).filter((s): s is string => typeof s === 'string') : [];
  // Only a literal written at the call can be replaced in place (not a constant or a variable).
  if (!site.nameRange) return [];
  const range = site.nameRange;
  return suggestions.map((name, i) => ({
    title: `Replace with '${name}'`,
    diagnostic,
    preferred: i === 0,
    changes: [{ kind: 'edit', path: callerRel, edits: [{ range, newText: name }] }],
  }));
}
