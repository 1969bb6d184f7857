// The tracking call a code-call diagnostic was reported on: re-scanned from the editor's text, so
// the answer matches what the user sees even before the index has caught up.
import { findCallSites } from '../callsites/index';
import type { CallSite, Range } from '../model';
import type { ProjectIndex } from '../projectIndex';

function sameStart(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

export function callSiteAt(index: ProjectIndex, rel: string, text: string, range: Range): CallSite | undefined {
  const scan = findCallSites(text, rel, { customForms: index.settings.customCallForms });
  return scan?.callSites.find((s) => sameStart(s.range, range) && s.refersTo === 'event');
}
