// What an editor shows after a sequence of index updates: each file's diagnostics as they were
// last published, refreshed only for the files an update names (as server.ts does). Compared with
// a fresh index of the same tree, it catches both stale maps and a missed affected file.
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { freshIndexOf } from './workspace';
import type { IndexSettings } from '../../server/src/core/settings';

export class PublishedView {
  private readonly shown = new Map<string, string[]>();

  constructor(private readonly index: ProjectIndex) {
    this.publish(index.filesWithDiagnostics());
  }

  publish(files: Iterable<string>): void {
    for (const rel of files) {
      const lines = linesOf(this.index, rel);
      if (lines.length) this.shown.set(rel, lines);
      else this.shown.delete(rel);
    }
  }

  /** Every file with something shown, as "file:line code message", sorted. */
  lines(): string[] {
    return [...this.shown.values()].flat().sort();
  }
}

function linesOf(index: ProjectIndex, rel: string): string[] {
  return index.diagnostics(rel).map((d) => `${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
}

/**
 * What a fresh load (the CLI's `check`) reports for the tree at root, in the same form; `prefix`
 * goes before each path (a second folder's lines beside the first's).
 */
export async function freshLines(root: string, settings: Partial<IndexSettings> = {}, prefix = ''): Promise<string[]> {
  const fresh = await freshIndexOf(root, settings);
  return fresh
    .filesWithDiagnostics()
    .filter((rel) => !fresh.isReadOnly(rel)) // another checkout's files: never published for this folder
    .flatMap((rel) => linesOf(fresh, rel).map((line) => prefix + line))
    .sort();
}
