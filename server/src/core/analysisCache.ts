// What each file contributed at the last load, kept on disk in the extension's storage folder so
// the next start (a window reload, the next day) re-analyses only files that changed. An entry is
// used only when the file's size and mtime and the cache key (engine build, settings, schemas) are
// all unchanged; anything else is analysed afresh, so a stale cache costs time, never correctness.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkResult } from './indexWorkerPool';
import type { Logger } from './projectIndex';

import type { FileStamp } from './workspaceScan';

export type { FileStamp };

/** A file's entry; no result: a source file with nothing in it (nine in ten of a workspace's). */
interface StoredEntry extends FileStamp {
  result?: WorkResult;
}

/** On disk a file with something in it is [rel, size, mtimeMs, result]. */
type DiskEntry = [string, number, number, WorkResult];

/**
 * The files with nothing in it are three parallel lists (paths, sizes, mtimes): a warm start's
 * JSON.parse then makes three arrays for them instead of one per file, and the collector, which
 * took a third of the warm start, has that much less to copy.
 */
interface CacheFileContents {
  format: number;
  key: string;
  empty: [string[], number[], number[]];
  entries: DiskEntry[];
}

// 4: the layout above. (3 kept empty files as [rel, size, mtime] entries; 2 stored
// { size, mtimeMs, result } objects; 1 needed a JSON.parse reviver for declared properties, which
// read a 30 MB cache three to four times slower.)
const FORMAT = 4;

/** A source file's analysis that says nothing: no call sites, problems, log lines or fingerprint. */
function isEmptySource(result: WorkResult): boolean {
  if (!('source' in result)) return false;
  const a = result.source;
  return a.callSites.length === 0 && a.log.length === 0 && !a.skipped && !a.local?.length && !a.uncheckedNames && a.fingerprint === undefined && Object.keys(a).length <= 3;
}

/** The analysis of a source file with nothing in it, as analyseSource gives it. */
export function emptySourceResult(rel: string): WorkResult {
  return { source: { rel, callSites: [], log: [] } };
}

// An event's declared properties are a Map, which JSON has not: on disk they are [key, value][].
// Results are built afresh, without their stamp: the entry holds it.
function toDisk(result: WorkResult): WorkResult {
  if ('source' in result) return { source: result.source };
  if (result.definition.def?.kind !== 'event') return { definition: result.definition };
  const def = result.definition.def;
  return { definition: { ...result.definition, def: { ...def, properties: [...def.properties] as unknown as Map<string, string | undefined> } } };
}

function fromDisk([rel, size, mtimeMs, result]: DiskEntry): StoredEntry {
  if (typeof rel !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number' || !result) throw new Error('malformed entry');
  if ('definition' in result && result.definition.def?.kind === 'event') {
    const def = result.definition.def;
    def.properties = new Map(def.properties as unknown as [string, string | undefined][]);
  }
  return { size, mtimeMs, result };
}

function cacheFileOf(dir: string, root: string): string {
  return path.join(dir, `index-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
}

/** Identifies a build of the engine (its bundle's size and time), so a cache written by another build is never reused. */
export function engineBuildOf(bundleFile: string): string {
  try {
    const st = fs.statSync(bundleFile);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return 'unknown';
  }
}

export function cacheKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export class AnalysisCache {
  private readonly entries = new Map<string, StoredEntry>();
  private readonly file: string;
  hits = 0;
  /** Whether the entries differ from the file's: an unchanged workspace costs no write. */
  private changed = false;

  constructor(
    dir: string,
    root: string,
    private readonly key: string,
    private readonly log: Logger,
  ) {
    this.file = cacheFileOf(dir, root);
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
      const data = JSON.parse(text) as CacheFileContents;
      if (data.format !== FORMAT || data.key !== this.key) return;
      const [paths, sizes, mtimes] = data.empty;
      if (paths.length !== sizes.length || paths.length !== mtimes.length) throw new Error('malformed list of empty files');
      for (let i = 0; i < paths.length; i++) this.entries.set(paths[i], { size: sizes[i], mtimeMs: mtimes[i] });
      for (const entry of data.entries) this.entries.set(entry[0], fromDisk(entry));
    } catch (e) {
      this.entries.clear(); // none of a half-read file
      this.log.warn(`ignoring unreadable index cache ${this.file}: ${(e as Error).message}`);
    }
  }

  /** How many entries the cache file gave (0: a cold start). */
  get size(): number {
    return this.entries.size;
  }

  /** Whether a cache file exists for the folder (a warm start is worth preparing for). */
  static exists(dir: string, root: string): boolean {
    return fs.existsSync(cacheFileOf(dir, root));
  }

  /** The file's result when its stamp matches; 'empty' for a source file with nothing in it. */
  lookup(rel: string, stamp: FileStamp | undefined): WorkResult | 'empty' | undefined {
    const e = this.entries.get(rel);
    if (!e || !stamp || e.size !== stamp.size || e.mtimeMs !== stamp.mtimeMs) return undefined;
    this.hits++;
    return e.result ?? 'empty';
  }

  store(rel: string, stamp: FileStamp | undefined, result: WorkResult): void {
    if (stamp) this.entries.set(rel, { size: stamp.size, mtimeMs: stamp.mtimeMs, result: isEmptySource(result) ? undefined : result });
    else this.entries.delete(rel);
    this.changed = true;
  }

  /** Keeps only the given files (deleted files drop out) and writes the cache atomically. */
  async save(keep: Set<string>): Promise<void> {
    for (const rel of [...this.entries.keys()]) {
      if (keep.has(rel)) continue;
      this.entries.delete(rel);
      this.changed = true;
    }
    if (!this.changed) return;
    const empty: CacheFileContents['empty'] = [[], [], []];
    const entries: DiskEntry[] = [];
    for (const [rel, e] of this.entries) {
      if (e.result) entries.push([rel, e.size, e.mtimeMs, toDisk(e.result)]);
      else {
        empty[0].push(rel);
        empty[1].push(e.size);
        empty[2].push(e.mtimeMs);
      }
    }
    const contents: CacheFileContents = { format: FORMAT, key: this.key, empty, entries };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
      await fs.promises.writeFile(tmp, JSON.stringify(contents));
      await fs.promises.rename(tmp, this.file);
    } catch (e) {
      this.log.warn(`could not write the index cache ${this.file}: ${(e as Error).message}`);
      await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}
