// Listing a workspace's source files is on the path of every load: 69,000 entries on the bench's
// GitLab-sized tree. As a glob (`**/*.{rb,js,…}` minus the excluded folders) a library tests every
// path against every pattern; this walk asks one question per entry instead (is it a dot entry, a
// folder to prune, a file with one of the extensions) and gives the same answer
// (test/unit/fileSystem-glob.test.ts holds both to one tree). The patterns themselves are still
// compiled by picomatch, on the calling thread; the walk gets plain regular expressions, so that it
// can also run on a worker thread from a string (see workspaceScan.ts).
import picomatch from 'picomatch';

/** What to list: files below `under` (all when absent) with one of `extensions`, minus `exclude`. */
export interface SourceListing {
  under?: string;
  extensions: string[];
  /** Glob patterns relative to the root, as in the `sourceExcludeGlobs` setting. */
  exclude: string[];
}

/** A regular expression as data (it crosses to a worker thread). */
interface RegexSource {
  source: string;
  flags: string;
}

/** A SourceListing with its patterns compiled. */
export interface WalkPlan {
  root: string;
  under: string;
  extensions: string[];
  /** A folder matching one of these has no file that is not excluded (from patterns `P/**`). */
  pruneFolders: RegexSource[];
  /** The other exclusions, tested on each file's path. */
  excludeFiles: RegexSource[];
}

function compiled(pattern: string): RegexSource {
  const re = picomatch.makeRe(pattern, { dot: true });
  return { source: re.source, flags: re.flags };
}

export function walkPlan(root: string, listing: SourceListing): WalkPlan {
  const pruneFolders: RegexSource[] = [];
  const excludeFiles: RegexSource[] = [];
  for (const pattern of listing.exclude) {
    // `P/**` excludes everything below a folder matching P: the walk need not enter it.
    if (pattern.endsWith('/**') && pattern.length > 3) pruneFolders.push(compiled(pattern.slice(0, -3)));
    else excludeFiles.push(compiled(pattern));
  }
  return { root, under: listing.under ?? '', extensions: listing.extensions, pruneFolders, excludeFiles };
}

/** The part of node:fs the walk uses (passed in: the walk's source must stand alone). */
export interface WalkFs {
  readdirSync(path: string, options: { withFileTypes: true }): { name: string; isFile(): boolean; isDirectory(): boolean }[];
}

/**
 * The files of the plan, '/'-separated and relative to the root, in no particular order. Like
 * the globs it replaces: entries whose name starts with a dot and symbolic links are skipped,
 * unreadable folders are skipped silently.
 *
 * This function must stand alone (no imports, no helpers, nothing from the enclosing module):
 * workspaceScan.ts runs its source text on a worker thread.
 */
export function walkSources(plan: WalkPlan, fs: WalkFs): string[] {
  const extensions = new Set(plan.extensions);
  const prune = plan.pruneFolders.map((r) => new RegExp(r.source, r.flags));
  const exclude = plan.excludeFiles.map((r) => new RegExp(r.source, r.flags));
  const pruned = (rel: string) => prune.some((r) => r.test(rel));
  const out: string[] = [];
  if (plan.under) {
    // The folder asked for, or one it is in, may itself be excluded.
    const parts = plan.under.split('/');
    for (let i = 1; i <= parts.length; i++) if (pruned(parts.slice(0, i).join('/'))) return out;
  }
  const folders = [plan.under];
  while (folders.length) {
    const folder = folders.pop()!;
    let entries;
    try {
      entries = fs.readdirSync(folder ? `${plan.root}/${folder}` : plan.root, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const name = entry.name;
      if (name.charCodeAt(0) === 46 /* . */) continue;
      const rel = folder ? `${folder}/${name}` : name;
      if (entry.isDirectory()) {
        if (!pruned(rel)) folders.push(rel);
      } else if (entry.isFile()) {
        const dot = name.lastIndexOf('.');
        if (dot > 0 && extensions.has(name.slice(dot + 1)) && !exclude.some((r) => r.test(rel))) out.push(rel);
      }
    }
  }
  return out;
}
