// What each file contributed at the last load, kept on disk in the extension's storage folder so
// the next start (a window reload, the next day) re-analyses only files that changed. An entry is
// used only when the file's size and mtime and the cache key (engine build, settings, schemas) are
// all unchanged; anything else is analysed afresh, so a stale cache costs time, never correctness.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkResult } from './indexWorkerPool';
import type { Logger } from './projectIndex';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

interface StoredEntry extends FileStamp {
  result: WorkResult;
}

interface CacheFileContents {
  format: number;
  key: string;
  entries: [string, StoredEntry][];
}

const FORMAT = 1;

// Definitions carry Maps (declared properties); JSON has none, so they travel as tagged arrays.
function replacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? { $map: [...value.entries()] } : value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$map' in value && Array.isArray((value as { $map: unknown }).$map)) {
    return new Map((value as { $map: [unknown, unknown][] }).$map);
  }
  return value;
}

export function cacheKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export class AnalysisCache {
  private readonly entries = new Map<string, StoredEntry>();
  private readonly file: string;
  hits = 0;

  constructor(
    dir: string,
    root: string,
    private readonly key: string,
    private readonly log: Logger,
  ) {
    this.file = path.join(dir, `index-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
    this.load();
  }

  private load(): void {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return; // no cache yet
    }
    try {
      const data = JSON.parse(text, reviver) as CacheFileContents;
      if (data.format !== FORMAT || data.key !== this.key) return;
      for (const [rel, entry] of data.entries) this.entries.set(rel, entry);
    } catch (e) {
      this.log.warn(`ignoring unreadable index cache ${this.file}: ${(e as Error).message}`);
    }
  }

  lookup(rel: string, stamp: FileStamp | undefined): WorkResult | undefined {
    const e = this.entries.get(rel);
    if (!e || !stamp || e.size !== stamp.size || e.mtimeMs !== stamp.mtimeMs) return undefined;
    this.hits++;
    return e.result;
  }

  store(rel: string, stamp: FileStamp | undefined, result: WorkResult): void {
    if (stamp) this.entries.set(rel, { ...stamp, result });
    else this.entries.delete(rel);
  }

  /** Keeps only the given files (deleted files drop out) and writes the cache atomically. */
  async save(keep: Set<string>): Promise<void> {
    for (const rel of [...this.entries.keys()]) if (!keep.has(rel)) this.entries.delete(rel);
    const contents: CacheFileContents = { format: FORMAT, key: this.key, entries: [...this.entries] };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
      await fs.promises.writeFile(tmp, JSON.stringify(contents, replacer));
      await fs.promises.rename(tmp, this.file);
    } catch (e) {
      this.log.warn(`could not write the index cache ${this.file}: ${(e as Error).message}`);
      await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}
