// Resolves event names that JS/TS/Vue code imports from another module
// (`import { TRACKING_EVENT } from '~/feature/constants'`). The call-site finders see one file
// at a time and record such a name as an ImportedConstant; this resolver finds the module on disk
// (relative paths and GitLab's webpack aliases), reads its exported constants once, follows
// re-exports, and reports every file it consulted so the index can redo the resolution when one
// of them changes. Nothing is executed: modules are parsed, never run.
import * as path from 'node:path';
import type { ImportedConstant } from './model';
import { readModuleExports, type ConstantValue, type ModuleExports } from './callsites/js/exports';

/**
 * GitLab's webpack aliases (config/webpack.config.js): specifier prefix → folders tried in order.
 * `ee_else_ce` and `jh_else_ce` try the edition's folder first, as an EE/JH build would.
 */
const ALIASES: readonly (readonly [prefix: string, folders: readonly string[]])[] = [
  ['~/', ['app/assets/javascripts/']],
  ['ee/', ['ee/app/assets/javascripts/']],
  ['jh/', ['jh/app/assets/javascripts/']],
  ['ee_else_ce/', ['ee/app/assets/javascripts/', 'app/assets/javascripts/']],
  ['jh_else_ce/', ['jh/app/assets/javascripts/', 'app/assets/javascripts/']],
  ['jh_else_ee/', ['jh/app/assets/javascripts/', 'ee/app/assets/javascripts/']],
  ['any_else_ce/', ['jh/app/assets/javascripts/', 'ee/app/assets/javascripts/', 'app/assets/javascripts/']],
  ['jest/', ['spec/frontend/']],
  ['ee_jest/', ['ee/spec/frontend/']],
];

const EXTENSIONS = ['.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '.mts', '.cts'];
const MODULE_FILE = /\.[mc]?[jt]sx?$/;
/** Re-export chains are followed this far. */
const MAX_HOPS = 6;
/** Larger modules are not constants files; they are not read. */
const MAX_MODULE_BYTES = 512 * 1024;

export interface ImportResolution {
  /** The event name, or null when the module or the constant cannot be found or is computed. */
  value: string | null;
  /** Workspace-relative files consulted, existing or not: a change to any may change the value. */
  consulted: string[];
}

/** Workspace-relative candidate files for a specifier written in `importer`, in lookup order. */
export function moduleCandidates(importer: string, specifier: string): string[] {
  let bases: string[];
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    bases = [path.posix.join(path.posix.dirname(importer), specifier)];
  } else {
    const alias = ALIASES.find(([prefix]) => specifier.startsWith(prefix));
    if (!alias) return []; // a package: not the workspace's code
    bases = alias[1].map((folder) => folder + specifier.slice(alias[0].length));
  }
  const out: string[] = [];
  for (const base of bases) {
    if (base.startsWith('../') || path.posix.isAbsolute(base)) continue; // outside the folder
    if (MODULE_FILE.test(base)) out.push(base);
    else out.push(...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.slice(0, 2).map((e) => `${base}/index${e}`));
  }
  return out;
}

export class ImportedConstants {
  /** Parsed exports per module file; null when the file does not exist or is unreadable. */
  private readonly modules = new Map<string, ModuleExports | null>();

  /** readText: a workspace file's current text (the editor's if open), undefined if absent. */
  constructor(private readonly readText: (rel: string) => string | undefined) {}

  /** Drops what was read from a file (it changed); the next resolution reads it again. */
  forget(rel: string): void {
    this.modules.delete(rel);
  }

  clear(): void {
    this.modules.clear();
  }

  resolve(importer: string, ref: ImportedConstant): ImportResolution {
    const consulted: string[] = [];
    const value = this.lookup(importer, ref.specifier, ref.path, consulted, 0);
    return { value: typeof value === 'string' ? value : null, consulted };
  }

  private lookup(importer: string, specifier: string, names: string[], consulted: string[], hops: number): ConstantValue | null {
    if (hops > MAX_HOPS || names.length === 0) return null;
    for (const file of moduleCandidates(importer, specifier)) {
      consulted.push(file);
      const exports = this.exportsOf(file);
      if (!exports) continue;
      return this.lookupIn(file, exports, names, consulted, hops); // the first file that exists wins
    }
    return null;
  }

  private lookupIn(file: string, exports: ModuleExports, names: string[], consulted: string[], hops: number): ConstantValue | null {
    const [first, ...rest] = names;
    const own = exports.values.get(first);
    if (own !== undefined) return walk(own, rest);
    for (const re of exports.reexports) {
      if (re.names === '*') {
        if (first === 'default') continue; // `export *` never re-exports the default
        const found = this.lookup(file, re.specifier, names, consulted, hops + 1);
        if (found !== null) return found;
      } else {
        const original = re.names.get(first);
        if (original !== undefined) return this.lookup(file, re.specifier, [original, ...rest], consulted, hops + 1);
      }
    }
    return null;
  }

  private exportsOf(file: string): ModuleExports | null {
    if (this.modules.has(file)) return this.modules.get(file)!;
    const text = this.readText(file);
    const exports = text === undefined || text.length > MAX_MODULE_BYTES ? null : readModuleExports(text, file);
    this.modules.set(file, exports);
    return exports;
  }
}

function walk(value: ConstantValue, keys: string[]): ConstantValue | null {
  let v: ConstantValue | undefined = value;
  for (const k of keys) {
    if (typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return null;
    v = v[k];
  }
  return v ?? null;
}
