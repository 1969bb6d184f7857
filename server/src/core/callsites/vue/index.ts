// Call sites in Vue single-file components: the <script> and <script setup> blocks go through the
// JS finder (parsed in place, so offsets are file offsets), the template through template.ts.
// The mixin rule is per file: InternalEvents.mixin() in the script makes this.trackEvent and
// the template's trackEvent(...) count.
import type { SFCScriptBlock } from '@vue/compiler-sfc';
import type { CallSiteScan } from '../../model';
import { LineIndex } from '../../text';
import type { JsDialect } from '../js/ast';
import { JsScope } from '../js/scope';
import { sortAndDedupe, toCallSite, type RawSite } from '../js/sites';
import { analyzeJs, jsSitesOf, mayContainJsSites, type JsAnalysis } from '../js';
import { findTemplateSites } from './template';
import type { Wrapper } from '../js/wrappers';

type VueCompiler = typeof import('@vue/compiler-sfc');
let vueCompiler: VueCompiler | undefined;

/**
 * Vue's compiler is loaded on the first .vue file with a needle, not with the bundle: loading it
 * takes 80 ms, paid at every start of the server, the CLI and each index worker, and most
 * workspaces and most loads (a warm start, a definitions-only check) never need it.
 */
function compiler(): VueCompiler {
  return (vueCompiler ??= require('@vue/compiler-sfc') as VueCompiler);
}

function dialectOfLang(lang: string | undefined): JsDialect {
  if (lang === 'ts') return 'ts';
  if (lang === 'tsx') return 'tsx';
  return 'js';
}

/**
 * The file with everything outside [start, end) turned into spaces (line breaks kept), so a
 * block parses alone while its node offsets and line numbers stay those of the file.
 */
function isolate(text: string, start: number, end: number): string {
  // Runs of characters, not one replacement per character (7× faster on a 9 KB component).
  const blank = (s: string): string => s.replace(/[^\r\n]+/g, (run) => ' '.repeat(run.length));
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}

function analyzeBlock(text: string, block: SFCScriptBlock | null): JsAnalysis | null {
  if (!block || block.src) return null; // <script src="..."> lives in another file
  const { start, end } = block.loc;
  return analyzeJs(isolate(text, start.offset, end.offset), dialectOfLang(block.lang));
}

export function findVueCallSites(text: string, relPath: string): CallSiteScan {
  try {
    if (!mayContainJsSites(text)) return { callSites: [], parseErrors: 0 };
    const { parse, parseCache } = compiler();
    const { descriptor, errors } = parse(text, {
      filename: relPath,
      sourceMap: false,
      // Expressions are parsed here with Babel at their offsets; the compiler need not.
      templateParseOptions: { prefixIdentifiers: false },
    });
    // The compiler memoizes its last 500 parses by source; the project index caches our results
    // instead, so holding hundreds of descriptors and template ASTs would only cost memory.
    parseCache.clear();
    let parseErrors = errors.length;
    const sites: RawSite[] = [];

    const script = analyzeBlock(text, descriptor.script);
    const setup = analyzeBlock(text, descriptor.scriptSetup);
    const mixinInFile = Boolean(script?.scope.usesMixin || setup?.scope.usesMixin);
    const wrappers = new Map<string, Wrapper>();
    for (const analysis of [script, setup]) {
      if (!analysis) continue;
      parseErrors += analysis.parseErrors;
      const found = jsSitesOf(analysis, text, mixinInFile);
      sites.push(...found.sites);
      for (const [name, wrapper] of found.wrappers) wrappers.set(name, wrapper);
    }

    const template = descriptor.template;
    let templateGaveUp: CallSiteScan['gaveUp'];
    if (template?.ast && (!template.lang || template.lang === 'html')) {
      const scan = findTemplateSites(template.ast, {
        wrappers,
        text,
        scope: templateScope(script, setup),
        mixinInFile,
        dialect: dialectOfLang(descriptor.scriptSetup?.lang ?? descriptor.script?.lang) === 'js' ? 'js' : 'ts',
      });
      sites.push(...scan.sites);
      parseErrors += scan.parseErrors;
      templateGaveUp = scan.gaveUp;
    }

    const lines = new LineIndex(text);
    return { callSites: sortAndDedupe(sites).map((s) => toCallSite(s, lines)), parseErrors, gaveUp: script?.gaveUp ?? setup?.gaveUp ?? templateGaveUp };
  } catch {
    return { callSites: [], parseErrors: 1 };
  }
}

/**
 * What a template expression can name: <script setup> constants directly, and the component
 * options (`$options.EVENT`) from either block. Plain <script> constants are not in scope.
 * <script setup> imports are in scope too (the index resolves them).
 */
function templateScope(script: JsAnalysis | null, setup: JsAnalysis | null): JsScope {
  const scope = new JsScope();
  if (setup) for (const [name, init] of setup.scope.consts) scope.consts.set(name, init);
  if (setup) for (const [name, binding] of setup.scope.imports) scope.imports.set(name, binding);
  if (script) scope.adoptOptionsFrom(script.scope);
  if (setup) scope.adoptOptionsFrom(setup.scope);
  return scope;
}
