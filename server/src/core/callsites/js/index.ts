// Tracking call sites in JavaScript/TypeScript files (and, through analyzeJs, in Vue <script>
// blocks): InternalEvents.trackEvent, the mixin's this.trackEvent, data-event-tracking attribute
// maps and JSX attributes. Babel with error recovery does the parsing; when even that gives up,
// recovery.ts parses the complete calls one by one.
import type * as t from '@babel/types';
import type { CallSiteScan } from '../../model';
import { LineIndex } from '../../text';
import { JsNestingError, dialectOfPath, parseProgram, type JsDialect } from './ast';
import { findCandidates, sitesFromCandidates } from './calls';
import { recoverJs, type RecoveredJs } from './recovery';
import { JsScope } from './scope';
import { sortAndDedupe, toCallSite, type RawSite } from './sites';
import { findWrappers, wrapperCallSites, type Wrapper } from './wrappers';

/** Text a file must contain to hold any JS call site at all. */
const JS_NEEDLES = ['trackEvent', 'data-event-tracking'];

export function mayContainJsSites(text: string): boolean {
  return JS_NEEDLES.some((n) => text.includes(n));
}

/** One parsed JS source: what it declares and the nodes that may be sites. */
export interface JsAnalysis {
  scope: JsScope;
  /** The parsed program; absent when only fragments could be recovered. */
  program?: t.Program;
  /** From the program, or from the fragments recovered from a file that does not parse. */
  candidates: t.Node[];
  partialCalls: RecoveredJs['partialCalls'];
  parseErrors: number;
  /** Set when the text was over the nesting budget and not parsed at all. */
  gaveUp?: { offset: number; message: string };
}

/**
 * Parses text (a whole file, or a Vue file with everything but one script blanked out, so that
 * offsets are file offsets) and collects its constants, options and mixin use.
 */
export function analyzeJs(text: string, dialect: JsDialect): JsAnalysis {
  const scope = new JsScope();
  try {
    const { program, recoveredErrors } = parseProgram(text, dialect);
    return { scope, program, candidates: findCandidates(program, scope), partialCalls: [], parseErrors: recoveredErrors };
  } catch (e) {
    // Too deep for Babel is too deep for the fallback too (it took 13 s on 1,000 levels).
    if (e instanceof JsNestingError) return { scope, candidates: [], partialCalls: [], parseErrors: 1, gaveUp: e.over };
    // Not recoverable by Babel: fall back to parsing candidates one by one.
  }
  try {
    const recovered = recoverJs(text, dialect, scope);
    const candidates = recovered.fragments.flatMap((fragment) => findCandidates(fragment, scope));
    return { scope, candidates, partialCalls: recovered.partialCalls, parseErrors: 1 };
  } catch {
    return { scope, candidates: [], partialCalls: [], parseErrors: 1 };
  }
}

/**
 * The sites of an analysed source (mixinInFile decides whether this.trackEvent counts), and its
 * wrapper functions, which a Vue template's handlers may call too.
 */
export function jsSitesOf(analysis: JsAnalysis, text: string, mixinInFile: boolean): { sites: RawSite[]; wrappers: Map<string, Wrapper> } {
  const ctx = { text, scope: analysis.scope, mixinInFile, template: false };
  const sites = sitesFromCandidates(analysis.candidates, ctx);
  const wrappers = analysis.program ? findWrappers(analysis.program, analysis.candidates, ctx) : new Map<string, Wrapper>();
  if (wrappers.size) sites.push(...wrapperCallSites(analysis.program!, wrappers, ctx));
  for (const partial of analysis.partialCalls) if (mixinInFile || !partial.needsMixin) sites.push(partial.site);
  return { sites, wrappers };
}

export function findJsCallSites(text: string, relPath: string): CallSiteScan {
  try {
    if (!mayContainJsSites(text)) return { callSites: [], parseErrors: 0 };
    const analysis = analyzeJs(text, dialectOfPath(relPath));
    const { sites } = jsSitesOf(analysis, text, analysis.scope.usesMixin);
    const lines = new LineIndex(text);
    return { callSites: sortAndDedupe(sites).map((s) => toCallSite(s, lines)), parseErrors: analysis.parseErrors, gaveUp: analysis.gaveUp };
  } catch {
    return { callSites: [], parseErrors: 1 };
  }
}
