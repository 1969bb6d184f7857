// All workspace folders (multi-root): routes a file to the index of the folder that holds it.
import * as path from 'node:path';
import type { FileSystemHost } from './fileSystem';
import { toRelative } from './fileSystem';
import { ProjectIndex, type Logger } from './projectIndex';
import type { IndexSettings } from './settings';

export class Workspace {
  readonly indexes: ProjectIndex[] = [];

  constructor(
    private readonly fs: FileSystemHost,
    private settings: IndexSettings,
    private readonly log: Logger,
  ) {}

  /**
   * A workspace folder, indexed where its projects are: the folder itself when it holds
   * definitions, else each project found a level or two below it (a monorepo, or a folder of
   * checkouts), so opening the parent of a GitLab checkout works too. `settings`: the folder's own
   * (a multi-root workspace's folders may set definitionRoots or globs differently).
   */
  addWorkspaceFolder(folder: string, settings: IndexSettings = this.settings): ProjectIndex[] {
    return projectRoots(this.fs, folder, settings).map((root) => this.addFolder(root, settings));
  }

  addFolder(root: string, settings: IndexSettings = this.settings): ProjectIndex {
    const existing = this.indexes.find((i) => i.root === root);
    if (existing) return existing;
    const index = new ProjectIndex(root, this.fs, settings, this.log);
    this.indexes.push(index);
    // Longest roots first, so nested folders win over their parents.
    this.indexes.sort((a, b) => b.root.length - a.root.length);
    return index;
  }

  removeFolder(root: string): void {
    const i = this.indexes.findIndex((x) => x.root === root);
    if (i >= 0) this.indexes.splice(i, 1);
  }

  /** The index and workspace-relative path of an absolute file path. */
  locate(absPath: string): { index: ProjectIndex; rel: string } | undefined {
    const normalized = path.resolve(absPath);
    for (const index of this.indexes) {
      const rel = toRelative(index.root, normalized);
      if (rel !== undefined) return { index, rel };
    }
    return undefined;
  }

  /**
   * Every index that reads a file: the folder that holds it, and the folders that read it from a
   * definition root (a satellite reading the monolith's definitions), under their prefixed path.
   */
  locateAll(absPath: string): { index: ProjectIndex; rel: string }[] {
    const normalized = path.resolve(absPath);
    const out: { index: ProjectIndex; rel: string }[] = [];
    const own = this.locate(normalized);
    if (own) out.push(own);
    for (const index of this.indexes) {
      for (const root of index.definitionRoots) {
        const inner = toRelative(root.absolute, normalized);
        if (inner !== undefined) out.push({ index, rel: `${root.prefix}/${inner}` });
      }
    }
    return out;
  }
}

/** How far below a workspace folder projects are looked for. */
const PROJECT_PATTERNS = ['*/config/events/*.yml', '*/*/config/events/*.yml', '*/config/metrics/*/*.yml', '*/*/config/metrics/*/*.yml'];

/**
 * The project roots of a workspace folder: the folder itself when its definition globs match
 * anything (or nothing is found below it either), else the folders below it that hold
 * `config/events` or `config/metrics`, outermost only (a project's own `ee/` is not a project).
 */
export function projectRoots(fs: FileSystemHost, folder: string, settings: IndexSettings): string[] {
  // The fixed folder each definition glob starts with: `config/events` for `config/events/*.yml`.
  const own = [...settings.eventGlobs, ...settings.metricGlobs].map(fixedPrefix).filter((d) => d.length > 0);
  if (own.some((dir) => fs.exists(path.join(folder, dir)))) return [folder];
  const found = new Set<string>();
  for (const file of fs.glob(folder, PROJECT_PATTERNS, settings.sourceExcludeGlobs)) {
    const parts = file.split('/');
    const configAt = parts.lastIndexOf('config');
    if (configAt > 0) found.add(parts.slice(0, configAt).join('/'));
  }
  const sorted = [...found].sort((a, b) => a.length - b.length);
  const roots = sorted.filter((r) => !sorted.some((o) => o !== r && r.startsWith(`${o}/`)));
  return roots.length ? roots.map((r) => path.join(folder, r)) : [folder];
}

function fixedPrefix(glob: string): string {
  const segments = glob.split('/');
  const wild = segments.findIndex((seg) => /[*?{[]/.test(seg));
  return segments.slice(0, wild < 0 ? segments.length - 1 : wild).join('/');
}
