// Every quick fix for one diagnostic, by code. Pure: the caller supplies the text and how to tell
// whether a file exists, and converts the result to its protocol.
import type { Diagnostic } from '../model';
import type { ProjectIndex } from '../projectIndex';
import { addIdentifierFix } from './addIdentifier';
import { callSiteAt } from './callSiteAt';
import { productGroupGuessFixes } from './confirmProductGroup';
import { createEventDefinitionFix } from './createEventDefinition';
import { createMetricFixes } from './createMetrics';
import { declarePropertyFix } from './declareProperty';
import { migrateInternalMarkerFix } from './migrateInternalMarker';
import { moveMetricFileFix } from './moveMetricFile';
import { passIdentifierFix } from './passIdentifier';
import { quoteMilestoneFix } from './quoteMilestone';
import { removeCategoryFix } from './removeCategory';
import { replaceWithSuggestionFixes } from './replaceWithSuggestion';
import { schemaSuggestionFix } from './replaceSchemaSuggestion';
import type { AuthoringFix, FileExists } from './types';

export type { AuthoringFix, FileChange, FileExists, TextReplacement } from './types';
export { applyReplacements, touchesFileSystem } from './types';

/** The declare-property fix for a diagnostic that names the property under another key. */
function declareAs(index: ProjectIndex, diagnostic: Diagnostic, property: unknown): AuthoringFix | undefined {
  const fix = declarePropertyFix(index, { ...diagnostic, data: { ...diagnostic.data, property } });
  return fix && { ...fix, diagnostic };
}

/**
 * Every fix that edits another file than the one the diagnostic is in opens that file, where the
 * edit is: an edit to a file in a background tab (or none) would stay unsaved and unseen.
 */
export function quickFixesFor(index: ProjectIndex, rel: string, text: string, diagnostic: Diagnostic, exists: FileExists): AuthoringFix[] {
  return fixesByCode(index, rel, text, diagnostic, exists).map((fix) => {
    if (fix.reveal || fix.disabledReason) return fix;
    const elsewhere = fix.changes.find((c) => c.kind === 'edit' && c.path !== rel);
    return elsewhere?.kind === 'edit' && elsewhere.edits.length ? { ...fix, reveal: { path: elsewhere.path, position: elsewhere.edits[0].range.start } } : fix;
  });
}

function fixesByCode(index: ProjectIndex, rel: string, text: string, diagnostic: Diagnostic, exists: FileExists): AuthoringFix[] {
  const present = (fix: AuthoringFix | undefined): AuthoringFix[] => (fix ? [fix] : []);
  switch (diagnostic.code) {
    case 'unknown-event': {
      const site = callSiteAt(index, rel, text, diagnostic.range);
      if (!site) return [];
      return [...replaceWithSuggestionFixes(rel, site, diagnostic), ...present(createEventDefinitionFix(index, rel, text, site, diagnostic, exists))];
    }
    case 'schema':
      return present(schemaSuggestionFix(rel, text, diagnostic));
    case 'missing-identifier':
      return present(passIdentifierFix(index, rel, text, diagnostic));
    case 'milestone-not-string':
      return present(quoteMilestoneFix(rel, diagnostic));
    case 'category-on-internal-event':
      return present(removeCategoryFix(rel, text, diagnostic));
    case 'legacy-internal-marker':
      return present(migrateInternalMarkerFix(rel, text, diagnostic));
    case 'undeclared-property':
      return present(declarePropertyFix(index, diagnostic));
    case 'unique-not-declared':
      // `unique: label` on an event without label: declaring the property is the fix.
      return diagnostic.data?.kind === 'property'
        ? present(declareAs(index, diagnostic, diagnostic.data.missing))
        : present(addIdentifierFix(index, diagnostic));
    case 'unknown-filter-property':
      return present(declareAs(index, diagnostic, diagnostic.data?.property));
    case 'event-without-metric':
      return createMetricFixes(index, diagnostic, exists);
    case 'wrong-folder':
      return present(moveMetricFileFix(rel, diagnostic, exists));
    case 'guessed-product-group':
      return productGroupGuessFixes(index, rel, text, diagnostic);
    default:
      return [];
  }
}
