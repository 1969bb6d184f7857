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

  addFolder(root: string): ProjectIndex {
    const existing = this.indexes.find((i) => i.root === root);
    if (existing) return existing;
    const index = new ProjectIndex(root, this.fs, this.settings, this.log);
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
}
