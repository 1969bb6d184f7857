// The index of one workspace folder: every event and metric definition and every tracking call,
// kept incrementally. A file change re-reads that file only; cross-file answers (duplicates,
// references, unknown names) come from the maps below, never from re-reading the tree.
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { CallSite, Diagnostic } from './model';
import { metricEventNames, type EventDefinition, type MetricDefinition } from './definitions';
import type { FileSystemHost } from './fileSystem';
import { walkPlan, type WalkPlan } from './sourceWalk';
import { prefetchedHost } from './readAhead';
import { EVENT_SCHEMA, METRIC_SCHEMA, isSchemaInput, loadSchemaSet, type SchemaSet } from './schemaSet';
import { missingRootMessage, resolveDefinitionRoots, splitRootPath, type DefinitionRoot } from './definitionRoots';
import { findCallSites, initCallSiteParsers, isCandidatePath, SOURCE_EXTENSIONS } from './callsites/index';
import {
  analyseDefinition,
  analyseSource,
  fileProblem as makeFileProblem,
  analyseOnDisk,
  fingerprintOf,
  MAX_DEFINITION_BYTES,
  type DefinitionAnalysis,
  type DefinitionKind,
  type SourceAnalysis,
} from './fileAnalysis';
import type { IndexSettings } from './settings';
import type { FileCallSite, IndexView } from './rules/types';
import { CALL_SITE_RULES, EVENT_INDEX_RULES, METRIC_INDEX_RULES, runSafely } from './rules/index';
import { MultiMap } from './multiMap';
import { IndexWorker, indexThreadCount, type WorkItem, type WorkResult } from './indexWorkerPool';
import { LoadChunks } from './loadChunks';
import { detachedCopy } from './detachedCopy';
import { AnalysisCache, cacheKey, emptySourceResult } from './analysisCache';
import { ImportedConstants, type ImportResolution } from './importedConstants';
import { RubyConstants, suffixKeysOf } from './rubyConstants';
import { PassedOnNames, VIEW_HELPERS_KEY } from './passedOnNames';
import { VIEW_HELPER_FILE } from './callsites/ruby/dataHash';
import { patternMatches } from './namePatterns';
import { internalEventMarker, type InternalEventMarker } from './internalMarker';
import { comparePaths } from './pathOrder';
import { toRelative } from './fileSystem';

/** Files per unit of work handed to a thread. */
const CHUNK = 250;
/** Fewer files than this are read on the spot: the reader's start-up would cost more than it saves. */
const READ_AHEAD_MIN = 2 * CHUNK;

export const LEGACY_EVENTS_FILE = 'lib/gitlab/usage_data_counters/hll_redis_legacy_events.yml';
export const VERSION_FILE = 'VERSION';
export { MAX_DEFINITION_BYTES };

export type FileKind = 'event' | 'removed-event' | 'metric' | 'source' | 'schema' | 'legacy-events' | 'version' | 'other';

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

interface DefinitionEntry {
  kind: 'event' | 'metric';
  def?: EventDefinition | MetricDefinition;
  /** Diagnostics that depend on this file alone (syntax, schema, file rules). */
  local: Diagnostic[];
}

interface SourceEntry {
  kind: 'source';
  /** The sites with imported constants resolved (see resolveImports). */
  callSites: CallSite[];
  /** What the file's analysis found, before imported constants were resolved. */
  analysed: CallSite[];
  /** Modules its imported constants were looked up in (existing or not). */
  consulted: string[];
  fingerprint?: string;
  local: Diagnostic[];
}

type Entry = DefinitionEntry | SourceEntry;

export interface IndexProgress {
  done: number;
  total: number;
}

export class ProjectIndex implements IndexView {
  schemas!: SchemaSet;
  fullyIndexed = false;
  version?: string;
  /**
   * Grows with every change to what the index holds, so answers computed from it can be cached:
   * `update` (any file, schemas and the legacy list included), `removeEntry` (which every insertion
   * goes through first) and the end of a load (workspace-wide hints start then).
   */
  generation = 0;
  /** Files skipped while indexing (too large, binary), with the reason: for the log and tests. */
  readonly skipped = new Map<string, string>();

  private readonly entries = new Map<string, Entry>();
  private readonly overlays = new Map<string, string>();
  /** Open tabs whose file was deleted on disk: their text is kept, but counts for nothing. */
  private readonly orphans = new Map<string, string>();
  // Kept in path order (pathOrder.ts): when two files answer one name, which one the rules consult
  // must not depend on the order files were read or edited in.
  private readonly eventsByAction = new MultiMap<string, EventDefinition>(byFile);
  private readonly removedByAction = new MultiMap<string, EventDefinition>(byFile);
  private readonly metricsByKeyPath = new MultiMap<string, MetricDefinition>(byFile);
  private readonly metricsByEvent = new MultiMap<string, MetricDefinition>(byFile);
  /** Metrics with `status: removed`, by event: they count nothing, but their checks read the event. */
  private readonly removedMetricsByEvent = new MultiMap<string, MetricDefinition>(byFile);
  private readonly callSitesByName = new MultiMap<string, FileCallSite>(byFile);
  /** Per source file, its calls whose names are built at run time from known pieces. */
  private readonly patternSites = new Map<string, FileCallSite[]>();
  /** Files whose calls could not be read, with the event-like names they mention (unknown coverage). */
  private readonly uncheckedFiles = new Map<string, Set<string>>();
  /** Module file → source files whose imported event names were looked up in it. */
  private readonly importersOfModule = new MultiMap<string, string>();
  private readonly importedConstants = new ImportedConstants((rel) => this.readText(rel));
  /** Ruby files by base name, to find the file a constant is autoloaded from. */
  private readonly rubyFiles = new MultiMap<string, string>(comparePaths);
  private readonly rubyConstants = new RubyConstants(
    (rel) => this.readText(rel),
    (suffix) => this.rubyFiles.get(path.posix.basename(suffix)).filter((f) => f === suffix || f.endsWith(`/${suffix}`)),
  );
  /** The view helper files (app/helpers), sorted: where a template's helper call is looked up. */
  private readonly helperFiles = new Set<string>();
  private sortedHelperFiles: string[] | null = null;
  private readonly passedOnNames = new PassedOnNames(
    (rel) => this.readText(rel),
    () => (this.sortedHelperFiles ??= [...this.helperFiles].sort()),
  );
  private legacyEvents = new Set<string>();
  /** Other checkouts whose definitions this folder uses (definitionRoots.ts), read-only. */
  definitionRoots: DefinitionRoot[] = [];
  private isEvent!: (p: string) => boolean;
  private isRemoved!: (p: string) => boolean;
  private isMetric!: (p: string) => boolean;
  private isSourceExcluded!: (p: string) => boolean;

  constructor(
    readonly root: string,
    readonly fs: FileSystemHost,
    public settings: IndexSettings,
    readonly log: Logger = silentLogger,
  ) {
    this.applySettings(settings);
    this.reloadSchemas();
  }

  private applySettings(s: IndexSettings): void {
    this.settings = s;
    const metricInclude = picomatch(s.metricGlobs);
    const metricExclude = picomatch(s.metricExcludeGlobs);
    this.isEvent = picomatch(s.eventGlobs);
    this.isRemoved = picomatch(s.removedEventGlobs);
    this.isMetric = (p) => metricInclude(p) && !metricExclude(p);
    this.isSourceExcluded = picomatch(s.sourceExcludeGlobs);
    this.definitionRoots = resolveDefinitionRoots(this.root, s.definitionRoots, this.fs);
  }

  /** `listedSource`: the file came from listing the sources, which left out the excluded ones. */
  classify(rel: string, listedSource = false): FileKind {
    const inRoot = splitRootPath(this.definitionRoots, rel);
    if (inRoot) return this.classifyDefinitionRootFile(inRoot.inner);
    if (isSchemaInput(rel)) return 'schema';
    if (rel === LEGACY_EVENTS_FILE) return 'legacy-events';
    if (rel === VERSION_FILE) return 'version';
    if (this.isRemoved(rel)) return 'removed-event';
    if (this.isEvent(rel)) return 'event';
    if (this.isMetric(rel)) return 'metric';
    if ((listedSource || !this.isSourceExcluded(rel)) && isCandidatePath(rel, { customForms: this.settings.customCallForms })) return 'source';
    return 'other';
  }

  /** A file of another checkout: only its definitions and schemas are read. */
  private classifyDefinitionRootFile(inner: string): FileKind {
    if (isSchemaInput(inner)) return 'schema';
    if (this.isRemoved(inner)) return 'removed-event';
    if (this.isEvent(inner)) return 'event';
    if (this.isMetric(inner)) return 'metric';
    return 'other';
  }

  /** True for a file of a definition root: read for its facts, never reported on or written. */
  isReadOnly(rel: string): boolean {
    return splitRootPath(this.definitionRoots, rel) !== undefined;
  }

  /** Where new definitions go when the folder has none of its own: the first existing root's prefix. */
  definitionWriteRoot(): string | undefined {
    const root = this.definitionRoots.find((r) => r.exists);
    if (!root) return undefined;
    const own = [...this.settings.eventGlobs].some((g) => this.fs.exists(path.join(this.root, g.split('/*')[0])));
    return own ? undefined : root.prefix;
  }

  /** Definitions in the definition roots, as prefixed paths; a missing root is logged. */
  private definitionRootFiles(globs: string[]): string[] {
    const out: string[] = [];
    for (const root of this.definitionRoots) {
      root.exists = this.fs.exists(root.absolute);
      if (!root.exists) {
        this.log.warn(missingRootMessage(root));
        continue;
      }
      out.push(...this.filesOfRoot(root, globs));
    }
    return out;
  }

  /** A definition root's files matching globs, by prefixed path (`../gitlab/config/events/x.yml`). */
  private filesOfRoot(root: DefinitionRoot, globs: string[]): string[] {
    return this.fs.glob(root.absolute, globs, []).map((f) => `${root.prefix}/${f}`);
  }

  // ------------------------------------------------------------------------------------------
  // Loading

  /**
   * Reads the whole folder. Progress is reported every few hundred files. Definitions come first;
   * files open in the editor (those with an overlay) are analysed as soon as every definition is
   * in, and `onOpenFilesReady` fires then, so their diagnostics can be shown long before a large
   * workspace's sources are all read (workspace-wide hints still wait for `fullyIndexed`).
   */
  async indexAll(onProgress?: (p: IndexProgress) => void, onOpenFilesReady?: () => void): Promise<void> {
    // Without Prism a Ruby file silently has no calls: every caller gets the parsers (loaded once).
    await initCallSiteParsers();
    const s = this.settings;
    const warm = this.cacheDir !== undefined && AnalysisCache.exists(this.cacheDir, this.root);
    const definitions = [...this.listDefinitions(), ...this.definitionRootFiles([...s.eventGlobs, ...s.removedEventGlobs, ...s.metricGlobs])];
    // A warm start compares every file's stamp with the cache's. Another thread lists the sources
    // and takes every stamp while this one reads the cache. A cold start needs no stamps: a file
    // analysed is stored with the stamp of the very bytes read (WorkResult.stamp).
    const scan = warm ? this.fs.scanInBackground?.(this.sourcePlan(), definitions.map((rel) => path.join(this.root, rel))) : undefined;
    const cache = this.openCache();
    const walkedSources = await scan?.sources;
    const sources = walkedSources ?? this.listSourceFiles();
    // With no cache to answer from, a large workspace will want its workers: they start (~0.2 s
    // each) while this thread classifies the files.
    const earlyWorkers = warm ? [] : this.startWorkers(indexThreadCount(definitions.length + sources.length));
    for (const rel of sources) if (rel.endsWith('.rb')) this.addRubyFile(rel);
    this.update(LEGACY_EVENTS_FILE);
    this.update(VERSION_FILE);
    // Each item with the index of its stamp in the scan (definitions, then the walk's sources).
    const items: WorkItem[] = [];
    const stampIndex: number[] = [];
    const add = (rel: string, kind: FileKind, stampAt: number) => {
      if (kind !== 'event' && kind !== 'removed-event' && kind !== 'metric' && kind !== 'source') return;
      items.push({ rel, kind });
      stampIndex.push(stampAt);
    };
    definitions.forEach((rel, i) => add(rel, this.classify(rel), i));
    const listedDefinitions = new Set(definitions);
    sources.forEach((rel, i) => {
      // The walk left out the excluded files: 60,000 sources need not be matched again.
      if (!listedDefinitions.has(rel)) add(rel, this.classify(rel, true), walkedSources ? definitions.length + i : -1);
    });
    const total = items.length;
    let done = 0;
    const report = (n: number) => {
      const before = Math.floor(done / 500);
      done += n;
      if (onProgress && Math.floor(done / 500) !== before) onProgress({ done, total });
    };
    // Files unchanged since the last load come from the cache; only the rest are analysed.
    const stamps = cache?.size ? await scan?.stamps : undefined;
    const toAnalyse: WorkItem[] = [];
    for (const [i, item] of items.entries()) {
      // The editor's unsaved text is not what the disk holds: never cache it.
      const stamp = cache?.size && !this.hasOverlay(item.rel) ? (stamps && stampIndex[i] >= 0 ? stamps[stampIndex[i]] : this.fs.stamp(path.join(this.root, item.rel))) : undefined;
      const cached = cache?.lookup(item.rel, stamp);
      // A cached file with nothing in it adds nothing to a fresh index (most files of a warm start).
      if (cached === 'empty') {
        if (this.entries.has(item.rel)) this.insertAnalysis(emptySourceResult(item.rel));
      } else if (cached) this.insertAnalysis(cached);
      else toAnalyse.push(item);
    }
    report(items.length - toAnalyse.length);
    // Open files are analysed on the main thread (only it has the editor's text): definitions now,
    // sources once every definition is in.
    const openFiles = toAnalyse.filter((i) => this.hasOverlay(i.rel));
    const queued = toAnalyse.filter((i) => !this.hasOverlay(i.rel));
    for (const item of openFiles) if (item.kind !== 'source') this.insertAnalysis(this.analyse(item));
    let definitionsLeft = queued.filter((i) => i.kind !== 'source').length;
    const definitionsDone = () => {
      for (const item of openFiles) if (item.kind === 'source') this.insertAnalysis(this.analyse(item));
      report(openFiles.length);
      onOpenFilesReady?.();
    };
    if (definitionsLeft === 0) definitionsDone();
    const analysed = (r: WorkResult, item: WorkItem, fromWorker: boolean) => {
      // A file can be opened in the editor while the load runs (the server accepts edits once
      // definitions are in). A worker read the disk, so the editor's text is analysed here
      // instead; and the cache only ever holds what the disk says.
      if (!this.hasOverlay(item.rel)) {
        this.insertAnalysis(r);
        cache?.store(item.rel, r.stamp, r);
      } else this.insertAnalysis(fromWorker ? this.analyse(item) : r);
      if ('definition' in r && --definitionsLeft === 0) definitionsDone();
    };
    const chunks = new LoadChunks(queued, CHUNK);
    const wanted = indexThreadCount(queued.length) - 1;
    const workers = earlyWorkers.length ? earlyWorkers : this.startWorkers(wanted + 1);
    for (const surplus of workers.splice(Math.max(0, wanted))) void surplus.stop();
    let workerChunks = 0;
    const started = Date.now();
    const workerLoop = async (worker: IndexWorker) => {
      for (let chunk = chunks.take('ruby'); chunk; chunk = chunks.take('ruby')) {
        let results: WorkResult[];
        try {
          results = await worker.run(chunk);
        } catch (e) {
          this.log.warn(`index worker failed, continuing without it: ${(e as Error).message}`);
          chunks.giveBack(chunk);
          return;
        }
        results.forEach((r, i) => analysed(r, chunk[i], true));
        workerChunks++;
        report(chunk.length);
      }
    };
    // When this thread analyses alone, a reader fetches its next chunk meanwhile, on the idle
    // core (9,000 definitions: 0.90 s to 0.84 s, medians of 6). Beside index workers it gained
    // nothing measurable and held 20 MB more after a 60k load, so it is not used there.
    const reader = workers.length === 0 && queued.length >= READ_AHEAD_MIN ? this.fs.readAhead?.() : undefined;
    const readChunk = (chunk: WorkItem[]) =>
      reader?.read(chunk.filter((i) => !this.hasOverlay(i.rel)).map((i) => ({ abs: path.join(this.root, i.rel), maxBytes: i.kind === 'source' ? s.maxSourceFileSize : MAX_DEFINITION_BYTES })));
    const take = () => {
      const chunk = chunks.take('other');
      return chunk && { chunk, read: readChunk(chunk) };
    };
    const mainLoop = async () => {
      // With a reader, the next chunk is taken (and read) while this one is analysed; without
      // one, a chunk is taken only when this thread is free for it, so the workers can have it.
      let ahead: ReturnType<typeof take>;
      for (let current = take(); current; current = ahead ?? take()) {
        ahead = reader ? take() : undefined;
        const { chunk } = current;
        const files = await current.read;
        const host = files ? prefetchedHost(this.fs, files) : this.fs;
        // A source's analysis is copied (detachedCopy.ts): its strings are slices of the file's text
        // and would keep every text alive (15-20 MB on the bench's 60k workspace). A
        // definition's is not: its texts are small (3 MB for the bench's 9,000), and the copy took
        // 0.2 s of their 1.2 s load.
        for (const item of chunk) {
          const result = this.analyse(item, host);
          analysed('source' in result ? detachedCopy(result) : result, item, false);
        }
        report(chunk.length);
        await new Promise((r) => setImmediate(r)); // let the server answer requests meanwhile
      }
    };
    try {
      // Two chunks in flight per worker: a reply waits for this thread to finish its own chunk,
      // and with only one the worker sat idle for that long (a third of its time, measured).
      await Promise.all([...workers.flatMap((w) => [workerLoop(w), workerLoop(w)]), mainLoop()]);
      await mainLoop(); // anything a failed worker handed back
    } finally {
      reader?.stop();
      await Promise.all(workers.map((w) => w.stop()));
    }
    this.fullyIndexed = true;
    this.generation++;
    if (workers.length) this.log.info(`indexed ${total} files in ${Date.now() - started} ms; ${workerChunks} of ${Math.ceil(queued.length / CHUNK)} chunks on ${workers.length} worker thread(s)`);
    if (cache) {
      this.log.info(`index cache: ${cache.hits} of ${total} files unchanged since the last load`);
      this.lastCacheSave = cache.save(new Set(items.map((i) => i.rel)));
    }
    onProgress?.({ done: total, total });
  }

  /**
   * The definition files on disk (by their globs): all of the folder's own, or those below one
   * folder (`under`, relative), which may lie in a definition root (a checkout switched there).
   */
  private listDefinitions(under?: string): string[] {
    const s = this.settings;
    const globs = [...s.eventGlobs, ...s.removedEventGlobs, ...s.metricGlobs];
    if (under === undefined) return this.fs.glob(this.root, globs, []);
    const below = (rel: string) => rel.startsWith(`${under}/`);
    const roots = this.definitionRoots.filter((r) => r.exists && (below(r.prefix) || r.prefix === under || under.startsWith(`${r.prefix}/`)));
    const own = under.startsWith('../') ? [] : this.fs.glob(this.root, globs, []);
    return [...own, ...roots.flatMap((r) => this.filesOfRoot(r, globs))].filter(below);
  }

  /** What the finders read, all or below one folder: files by extension, minus the excluded folders. */
  private sourcePlan(under?: string): WalkPlan {
    const extensions = new Set(SOURCE_EXTENSIONS);
    for (const f of this.settings.customCallForms) for (const e of f.extensions) extensions.add(e.replace(/^\./, ''));
    return walkPlan(this.root, { under, extensions: [...extensions], exclude: this.settings.sourceExcludeGlobs });
  }

  private listSourceFiles(under?: string): string[] {
    return this.fs.listSources(this.sourcePlan(under));
  }

  /** Worker threads for a load on `threads` threads in all (this one included). */
  private startWorkers(threads: number): IndexWorker[] {
    const workers: IndexWorker[] = [];
    for (let n = threads; n > 1; n--) {
      const worker = IndexWorker.start({ root: this.root, settings: this.settings });
      if (worker) workers.push(worker);
    }
    return workers;
  }

  /** Where the analysis cache lives (the extension's storage folder); unset: no cache. */
  cacheDir?: string;
  /** Extra parts of the cache key, e.g. the engine build, so an upgrade never reuses old results. */
  cacheKeyParts: unknown[] = [];
  /** The pending cache write of the last load (tests and the bench wait for it). */
  lastCacheSave: Promise<void> = Promise.resolve();

  private openCache(): AnalysisCache | undefined {
    if (!this.cacheDir) return undefined;
    const schemaFiles = [...this.schemas.files.entries()].sort(([a], [b]) => a.localeCompare(b));
    const key = cacheKey([...this.cacheKeyParts, this.settings, schemaFiles, this.schemas.featureCategories]);
    return new AnalysisCache(this.cacheDir, this.root, key, this.log);
  }

  /** `host`: where a closed file is read from (the load's read-ahead, or the disk). */
  private analyse(item: WorkItem, host: FileSystemHost = this.fs): WorkResult {
    const overlay = this.overlayOf(item.rel);
    if (overlay === undefined) return analyseOnDisk(host, this.root, item, this.settings, this.schemas);
    if (item.kind === 'source') return { source: analyseSource(item.rel, { text: overlay }, this.settings) };
    return { definition: analyseDefinition(item.rel, item.kind, { text: overlay }, this.schemas, 'editor') };
  }

  private insertAnalysis(r: WorkResult): void {
    if ('definition' in r) {
      this.removeEntry(r.definition.rel);
      this.insertDefinition(r.definition);
    } else {
      this.removeEntry(r.source.rel);
      this.insertSource(r.source);
    }
  }

  reloadSchemas(): void {
    const schemaRoot = this.schemaRoot();
    const schemas = loadSchemaSet(this.fs, schemaRoot);
    // A problem names its file relative to the folder the schemas came from: another checkout's
    // file goes under that checkout's prefix (read-only, so never published as this folder's).
    const prefix = this.definitionRoots.find((r) => r.absolute === schemaRoot && schemaRoot !== this.root)?.prefix;
    if (prefix) schemas.problems = schemas.problems.map((p) => (path.isAbsolute(p.file) ? p : { ...p, file: `${prefix}/${p.file}` }));
    this.schemas = schemas;
    for (const p of this.schemas.problems) this.log.warn(`${this.root}: ${p.message}`);
  }

  /** The folder's own schemas, else those of the first definition root that exists. */
  private schemaRoot(): string {
    const hasOwn = [EVENT_SCHEMA, METRIC_SCHEMA].some((f) => this.fs.exists(path.join(this.root, f)));
    const root = hasOwn ? undefined : this.definitionRoots.find((r) => this.fs.exists(r.absolute));
    return root ? root.absolute : this.root;
  }

  // ------------------------------------------------------------------------------------------
  // Updates

  /** The editor's unsaved text for a file (undefined: back to the disk). Returns affected files. */
  setOverlay(rel: string, text: string | undefined): Set<string> {
    if (text === undefined) {
      this.overlays.delete(rel);
      this.orphans.delete(rel);
    } else if (this.orphans.has(rel)) {
      this.orphans.set(rel, text); // typing in a tab whose file is gone defines nothing
      return new Set();
    } else this.overlays.set(rel, text);
    return this.update(rel);
  }

  /** Whether the editor has this file open (its text may not count: see `orphans`). */
  isOpen(rel: string): boolean {
    return this.overlays.has(rel) || this.orphans.has(rel);
  }

  /** Whether the editor's text stands for this file. */
  hasOverlay(rel: string): boolean {
    return this.overlays.has(rel);
  }

  /**
   * A tab the editor had open when the server (re)started: its text counts only if the file
   * still exists on disk (Restart Server must clear a ghost, not re-open it).
   */
  reopen(rel: string, text: string): Set<string> {
    if (this.fs.exists(path.join(this.root, rel))) return this.setOverlay(rel, text);
    this.orphans.set(rel, text);
    return new Set();
  }

  /**
   * The disk said this path was created, changed or deleted: an open tab whose file went away
   * becomes an orphan, and an orphan whose file came back (saved, or checked out again) counts
   * again. A tab never outlives its file on disk.
   */
  private reconcileOverlay(rel: string): void {
    const exists = () => this.fs.exists(path.join(this.root, rel));
    const open = this.overlays.get(rel);
    if (open !== undefined && !exists()) {
      this.overlays.delete(rel);
      this.orphans.set(rel, open);
    }
    const orphan = this.orphans.get(rel);
    if (orphan !== undefined && exists()) {
      this.orphans.delete(rel);
      this.overlays.set(rel, orphan);
    }
  }

  private overlayOf(rel: string): string | undefined {
    return this.overlays.get(rel);
  }

  /** Current text of a workspace file: the editor's if open, else the disk's. */
  readText(rel: string): string | undefined {
    const o = this.overlayOf(rel);
    if (o !== undefined) return o;
    return this.fs.readText(path.join(this.root, rel));
  }

  /**
   * Re-reads one file (created, changed or deleted) and returns every file whose diagnostics may
   * have changed as a result.
   */
  update(rel: string): Set<string> {
    this.generation++;
    const affected = this.updateFile(rel);
    for (const f of this.reresolveImportersOf(rel)) affected.add(f);
    return affected;
  }

  /**
   * A watched-file event for a path that may be a folder: `rm -rf` or `git mv` of a folder reaches
   * the server as one event for the folder. Every file the index knows below it is re-read (gone
   * now, or changed), and so is every file the disk has there now; a file path is one update.
   */
  updatePath(rel: string): Set<string> {
    if (this.classify(rel) !== 'other') {
      this.reconcileOverlay(rel);
      return this.update(rel);
    }
    const files = new Set<string>();
    const below = (f: string) => f.startsWith(`${rel}/`);
    for (const f of this.orphans.keys()) if (below(f)) files.add(f);
    for (const f of this.entries.keys()) if (below(f)) files.add(f);
    for (const f of this.rubyFiles.values()) if (below(f)) files.add(f);
    for (const f of this.overlays.keys()) if (below(f)) files.add(f);
    for (const abs of this.schemas.files.keys()) {
      const f = toRelative(this.root, abs);
      if (f !== undefined && below(f)) files.add(f);
    }
    for (const f of this.schemaProblemFiles()) if (below(f)) files.add(f); // a broken schema was never loaded
    for (const f of [LEGACY_EVENTS_FILE, VERSION_FILE]) if (below(f)) files.add(f);
    for (const f of [...this.listDefinitions(rel), ...this.listSourceFiles(rel)]) files.add(f);
    if (files.size === 0) return this.update(rel);
    for (const f of files) this.reconcileOverlay(f);
    const affected = new Set<string>();
    // The schemas are reloaded (and every definition revalidated) once, after the rest.
    const schemaFiles = [...files].filter(isSchemaInput);
    for (const f of [...files].filter((f) => !isSchemaInput(f)).sort(comparePaths)) for (const a of this.update(f)) affected.add(a);
    if (schemaFiles.length) for (const a of this.update(schemaFiles[0])) affected.add(a);
    for (const f of schemaFiles) affected.add(f);
    return affected;
  }

  /**
   * A module that code imports event names from changed (or appeared, or went away): the importers'
   * names are resolved again from their stored analysis, without re-parsing them.
   */
  private reresolveImportersOf(rel: string): Set<string> {
    // What was read from this file is stale, whether or not anything uses it right now. Forgetting
    // only it is enough, because re-exports are followed at lookup time, not stored.
    this.importedConstants.forget(rel);
    this.rubyConstants.forget(rel);
    this.passedOnNames.forget(rel);
    const importers = new Set(this.importersOfModule.get(rel));
    if (rel.endsWith('.rb')) {
      this.trackRubyFile(rel);
      for (const key of suffixKeysOf(rel)) for (const f of this.importersOfModule.get(key)) importers.add(f);
      // Any helper file may now define (or no longer define) a method templates hand names to.
      if (VIEW_HELPER_FILE.test(rel)) for (const f of this.importersOfModule.get(VIEW_HELPERS_KEY)) importers.add(f);
    }
    if (importers.size === 0) return importers;
    const names = new Set<string>();
    for (const importer of importers) {
      const e = this.entries.get(importer);
      if (e?.kind !== 'source') continue;
      for (const n of this.namesOf(importer)) names.add(n);
      this.removeEntry(importer);
      this.insertSource({ rel: importer, callSites: e.analysed, fingerprint: e.fingerprint, log: [] });
      for (const n of this.namesOf(importer)) names.add(n);
    }
    for (const f of this.filesRelatedTo(names)) importers.add(f);
    return importers;
  }

  /** Keeps the Ruby file list in step with the disk (a file created, deleted or renamed). */
  private trackRubyFile(rel: string): void {
    const base = path.posix.basename(rel);
    const known = this.rubyFiles.get(base).includes(rel);
    const exists = this.fs.exists(path.join(this.root, rel));
    if (exists && !known && this.classify(rel) === 'source') this.addRubyFile(rel);
    if (!exists && known) {
      this.rubyFiles.delete(base, rel);
      this.helperFiles.delete(rel);
      this.sortedHelperFiles = null;
    }
  }

  private addRubyFile(rel: string): void {
    this.rubyFiles.add(path.posix.basename(rel), rel);
    if (VIEW_HELPER_FILE.test(rel)) {
      this.helperFiles.add(rel);
      this.sortedHelperFiles = null;
    }
  }

  private updateFile(rel: string): Set<string> {
    const kind = this.classify(rel);
    const affected = new Set<string>([rel]);
    const before = this.namesOf(rel);
    switch (kind) {
      case 'schema': {
        // The schema files themselves report what is wrong with them (as the CLI does), and one
        // that was broken and is fixed now needs its problems cleared.
        const before = this.schemaProblemFiles();
        this.reloadSchemas();
        const revalidated = this.revalidateDefinitions();
        for (const f of [rel, ...before, ...this.schemaProblemFiles()]) revalidated.add(f);
        return revalidated;
      }
      case 'legacy-events': {
        const old = this.legacyEvents;
        this.legacyEvents = this.readLegacyEvents();
        for (const n of [...old, ...this.legacyEvents]) if (old.has(n) !== this.legacyEvents.has(n)) before.add(n);
        break;
      }
      case 'version':
        this.version = this.readVersion();
        return affected;
      case 'event':
      case 'removed-event': {
        const known = (n: string) => this.eventsByAction.get(n).length > 0;
        const was = [...before].map(known);
        this.removeEntry(rel);
        this.insertAnalysis(this.analyse({ rel, kind }));
        const names = [...before, ...this.namesOf(rel)];
        // A name appearing or going changes the "Did you mean" of every unknown name elsewhere.
        if (names.some((n, i) => (i < was.length ? was[i] : !known(n)) !== known(n))) for (const f of this.filesWithUnknownNames()) affected.add(f);
        break;
      }
      case 'metric':
        this.removeEntry(rel);
        this.insertAnalysis(this.analyse({ rel, kind }));
        break;
      case 'source':
        this.removeEntry(rel);
        this.insertAnalysis(this.analyse({ rel, kind }));
        break;
      default:
        return affected;
    }
    for (const n of this.namesOf(rel)) before.add(n);
    for (const f of this.filesRelatedTo(before)) affected.add(f);
    return affected;
  }

  /** Event names and key paths a file defines or refers to: the keys of everything it touches. */
  private namesOf(rel: string): Set<string> {
    const names = new Set<string>();
    const e = this.entries.get(rel);
    if (!e) return names;
    if (e.kind === 'source') for (const s of e.callSites) if (s.event) names.add(s.event);
    // An unreadable file's mentions keep their events from being called unused (unknown coverage).
    for (const n of this.uncheckedFiles.get(rel) ?? []) if (this.eventsByAction.get(n).length) names.add(n);
    // A built name may track any event it matches: their unused-event hints depend on it.
    for (const { site } of this.patternSites.get(rel) ?? []) for (const d of this.internalEventsMatching(site.namePattern!)) names.add(d.action!);
    if (e.kind === 'event' && e.def?.kind === 'event' && e.def.action) names.add(e.def.action);
    if (e.kind === 'metric' && e.def?.kind === 'metric') {
      for (const n of metricEventNames(e.def)) names.add(n);
      for (const k of e.def.expandedKeyPaths) names.add(k.keyPath);
    }
    return names;
  }

  /** Metrics and sources that name an event no definition has (their suggestions follow the names). */
  private filesWithUnknownNames(): Set<string> {
    const out = new Set<string>();
    for (const map of [this.metricsByEvent, this.removedMetricsByEvent]) {
      for (const [name, metrics] of map.entries()) if (this.eventsByAction.get(name).length === 0) for (const m of metrics) out.add(m.file);
    }
    for (const [name, sites] of this.callSitesByName.entries()) if (this.eventsByAction.get(name).length === 0) for (const c of sites) out.add(c.file);
    return out;
  }

  private filesRelatedTo(names: Set<string>): Set<string> {
    const out = new Set<string>();
    for (const n of names) {
      for (const d of this.eventsByAction.get(n)) out.add(d.file);
      for (const d of this.removedByAction.get(n)) out.add(d.file);
      for (const m of this.metricsByEvent.get(n)) out.add(m.file);
      for (const m of this.removedMetricsByEvent.get(n)) out.add(m.file);
      for (const m of this.metricsByKeyPath.get(n)) out.add(m.file);
      for (const c of this.callSitesByName.get(n)) out.add(c.file);
    }
    return out;
  }

  private revalidateDefinitions(): Set<string> {
    const affected = new Set<string>();
    const definitions = [...this.entries].filter(([, e]) => e.kind !== 'source').map(([rel]) => rel);
    const names = new Set<string>();
    for (const rel of definitions) for (const n of this.namesOf(rel)) names.add(n);
    const known = (n: string) => this.eventsByAction.get(n).length > 0;
    const wasKnown = new Map([...names].map((n) => [n, known(n)]));
    for (const rel of definitions) {
      this.removeEntry(rel);
      this.insertAnalysis(this.analyse({ rel, kind: this.classify(rel) as DefinitionKind }));
      for (const n of this.namesOf(rel)) names.add(n);
      affected.add(rel);
    }
    // Read again from disk, a definition may have changed or gone before its own event arrives
    // (a checkout: the schema's event first): what names it follows, as in updateFile.
    for (const f of this.filesRelatedTo(names)) affected.add(f);
    if ([...names].some((n) => (wasKnown.get(n) ?? false) !== known(n))) for (const f of this.filesWithUnknownNames()) affected.add(f);
    return affected;
  }

  private removeEntry(rel: string): void {
    this.generation++; // before the early return: an insertion of a new file starts here too
    const e = this.entries.get(rel);
    if (!e) return;
    this.entries.delete(rel);
    if (e.kind === 'source') {
      for (const site of e.callSites) if (site.event) this.callSitesByName.deleteWhere(site.event, (c) => c.file === rel);
      for (const m of e.consulted) this.importersOfModule.delete(m, rel);
      this.patternSites.delete(rel);
      this.uncheckedFiles.delete(rel);
      return;
    }
    const def = e.def;
    if (def?.kind === 'event' && def.action) {
      this.eventsByAction.delete(def.action, def);
      this.removedByAction.delete(def.action, def);
    }
    if (def?.kind === 'metric') {
      for (const k of def.expandedKeyPaths) this.metricsByKeyPath.delete(k.keyPath, def);
      for (const n of metricEventNames(def)) {
        this.metricsByEvent.delete(n, def);
        this.removedMetricsByEvent.delete(n, def);
      }
    }
  }

  /** Puts one analysed definition into the maps (its old entry must have been removed). */
  private insertDefinition(a: DefinitionAnalysis): void {
    for (const line of a.log) this.log.warn(line);
    if (!a.exists) return;
    const entryKind = a.kind === 'metric' ? 'metric' : 'event';
    this.entries.set(a.rel, { kind: entryKind, def: a.def, local: a.local });
    const def = a.def;
    if (def?.kind === 'metric') {
      for (const k of def.expandedKeyPaths) this.metricsByKeyPath.add(k.keyPath, def);
      const byEvent = def.status === 'removed' ? this.removedMetricsByEvent : this.metricsByEvent;
      for (const n of metricEventNames(def)) byEvent.add(n, def);
    } else if (def?.kind === 'event' && def.action) {
      (def.removed ? this.removedByAction : this.eventsByAction).add(def.action, def);
    }
  }

  private insertSource(a: SourceAnalysis): void {
    for (const line of a.log) this.log.info(line);
    if (a.skipped) this.skipped.set(a.rel, a.skipped);
    const local = a.local ?? [];
    if (a.callSites.length === 0 && local.length === 0 && !this.overlays.has(a.rel)) return; // most files: nothing to keep
    if (a.uncheckedNames) this.uncheckedFiles.set(a.rel, new Set(a.uncheckedNames));
    const { callSites, consulted } = this.resolveImports(a.rel, a.callSites);
    this.entries.set(a.rel, { kind: 'source', callSites, analysed: a.callSites, consulted, fingerprint: a.fingerprint, local });
    for (const site of callSites) if (site.event) this.callSitesByName.add(site.event, { file: a.rel, site });
    for (const m of consulted) this.importersOfModule.add(m, a.rel);
    const built = callSites.filter((site) => site.dynamic && site.namePattern).map((site) => ({ file: a.rel, site }));
    if (built.length) this.patternSites.set(a.rel, built);
  }

  /**
   * Fills in the event names of sites that take them from another file: a JS/TS import, or a
   * Ruby constant assigned elsewhere. The analysed sites are left as they are (the analysis cache
   * and a later re-resolution need them unresolved).
   */
  private resolveImports(rel: string, sites: CallSite[]): { callSites: CallSite[]; consulted: string[] } {
    if (!sites.some((s) => s.importedConstant || s.rubyConstant || s.passedOn)) return { callSites: sites, consulted: [] };
    const consulted = new Set<string>();
    const callSites = sites.flatMap((site): CallSite[] => {
      if (site.passedOn) {
        // A value handed to a partial or helper is a call site only if that file passes it on.
        const r = this.passedOnNames.resolve(site.passedOn);
        for (const m of r.consulted) consulted.add(m);
        return r.value === null ? [] : [{ ...site, event: r.value, dynamic: false, passedOn: { ...site.passedOn, target: r.target } }];
      }
      let r: ImportResolution;
      if (site.importedConstant) r = this.importedConstants.resolve(rel, site.importedConstant);
      else if (site.rubyConstant) r = this.rubyConstants.resolve(site.rubyConstant);
      else return [site];
      for (const m of r.consulted) consulted.add(m);
      return [r.value === null ? site : { ...site, event: r.value, dynamic: false }];
    });
    return { callSites, consulted: [...consulted] };
  }

  private readLegacyEvents(): Set<string> {
    const text = this.readText(LEGACY_EVENTS_FILE);
    if (!text) return new Set();
    try {
      const v = parseYaml(text) as unknown;
      return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    } catch (e) {
      this.log.warn(`${LEGACY_EVENTS_FILE}: not valid YAML (${(e as Error).message})`);
      return new Set();
    }
  }

  private readVersion(): string | undefined {
    const m = /(\d+)\.(\d+)/.exec(this.readText(VERSION_FILE) ?? '');
    return m ? `${m[1]}.${m[2]}` : undefined;
  }

  // ------------------------------------------------------------------------------------------
  // Queries (IndexView and the editor features)

  eventsNamed(action: string): EventDefinition[] {
    return this.eventsByAction.get(action);
  }
  internalEvent(action: string): EventDefinition | undefined {
    return this.eventsByAction.get(action).find((d) => d.internal);
  }
  /** The definition an editor feature shows for a name: the internal event, else any definition. */
  eventForDisplay(action: string): EventDefinition | undefined {
    return this.internalEvent(action) ?? this.eventsByAction.get(action)[0];
  }
  metricsWithKeyPath(keyPath: string): MetricDefinition[] {
    return this.metricsByKeyPath.get(keyPath);
  }
  metricsCounting(event: string): MetricDefinition[] {
    return this.metricsByEvent.get(event);
  }
  callSitesOf(name: string): FileCallSite[] {
    return this.callSitesByName.get(name);
  }
  /** Internal events a name built at run time may be (the pattern matches their action). */
  internalEventsMatching(pattern: string): EventDefinition[] {
    const out: EventDefinition[] = [];
    for (const name of this.internalEventNames()) if (patternMatches(pattern, name)) out.push(this.internalEvent(name)!);
    return out;
  }
  possibleCallSitesOf(name: string): FileCallSite[] {
    const out: FileCallSite[] = [];
    for (const sites of this.patternSites.values()) for (const c of sites) if (patternMatches(c.site.namePattern!, name)) out.push(c);
    return out;
  }
  isLegacyEvent(name: string): boolean {
    return this.legacyEvents.has(name);
  }
  removedEventNamed(name: string): EventDefinition | undefined {
    return this.removedByAction.get(name)[0];
  }
  *internalEventNames(): Iterable<string> {
    for (const [name, defs] of this.eventsByAction.entries()) if (defs.some((d) => d.internal)) yield name;
  }

  internalEventMarker(): InternalEventMarker {
    return internalEventMarker(this.schemas);
  }

  events(): EventDefinition[] {
    return [...this.eventsByAction.values()];
  }
  removedEvents(): EventDefinition[] {
    return [...this.removedByAction.values()];
  }
  metrics(): MetricDefinition[] {
    const out: MetricDefinition[] = [];
    for (const e of this.entries.values()) if (e.kind === 'metric' && e.def?.kind === 'metric') out.push(e.def);
    return out;
  }
  callSites(): FileCallSite[] {
    const out: FileCallSite[] = [];
    for (const [file, e] of this.entries) if (e.kind === 'source') for (const site of e.callSites) out.push({ file, site });
    return out;
  }
  /** Call sites of a text: the indexed ones when the text is what was indexed, else a fresh scan. */
  callSitesForText(rel: string, text: string): CallSite[] {
    const e = this.entries.get(rel);
    if (e?.kind === 'source' && e.fingerprint === fingerprintOf(text)) return e.callSites;
    const sites = findCallSites(text, rel, { customForms: this.settings.customCallForms })?.callSites ?? [];
    return this.resolveImports(rel, sites).callSites;
  }

  /** Files whose calls could not be read that mention this name: its coverage is unknown. */
  uncheckedFilesMentioning(name: string): string[] {
    const out: string[] = [];
    for (const [file, names] of this.uncheckedFiles) if (names.has(name)) out.push(file);
    return out;
  }

  callSitesIn(rel: string): CallSite[] {
    const e = this.entries.get(rel);
    return e?.kind === 'source' ? e.callSites : [];
  }
  definitionIn(rel: string): EventDefinition | MetricDefinition | undefined {
    const e = this.entries.get(rel);
    return e && e.kind !== 'source' ? e.def : undefined;
  }
  files(): string[] {
    return [...this.entries.keys()];
  }
  legacyEventNames(): Iterable<string> {
    return this.legacyEvents;
  }

  /** Every diagnostic of one file, file-local and cross-file. */
  diagnostics(rel: string): Diagnostic[] {
    if (this.isReadOnly(rel)) return []; // the other checkout's own editor reports on it
    const e = this.entries.get(rel);
    const onError = (err: unknown) => this.log.error(`rule failed on ${rel}: ${(err as Error).stack ?? err}`);
    if (!e) {
      if (this.classify(rel) === 'schema') return this.schemaProblemsFor(rel);
      return [];
    }
    if (e.kind === 'source') {
      const out = [...e.local];
      for (const site of e.callSites) out.push(...this.callSiteDiagnostics(rel, site));
      return out;
    }
    const out = [...e.local];
    const def = e.def;
    if (def?.kind === 'event' && !def.removed) for (const rule of EVENT_INDEX_RULES) out.push(...runSafely(() => rule.check(def, this), onError));
    if (def?.kind === 'metric') for (const rule of METRIC_INDEX_RULES) out.push(...runSafely(() => rule.check(def, this), onError));
    return out;
  }

  /** The diagnostics of one tracking call (what `diagnostics` lists for it in its file). */
  callSiteDiagnostics(rel: string, site: CallSite): Diagnostic[] {
    const onError = (err: unknown) => this.log.error(`rule failed on ${rel}: ${(err as Error).stack ?? err}`);
    const out: Diagnostic[] = [];
    for (const rule of CALL_SITE_RULES) out.push(...runSafely(() => rule.check(site, rel, this), onError));
    return out;
  }

  /** Workspace files the schemas' problems are reported on. */
  private schemaProblemFiles(): string[] {
    return this.schemas.problems.map((p) => p.file).filter((f) => !path.isAbsolute(f));
  }

  private schemaProblemsFor(rel: string): Diagnostic[] {
    return this.schemas.problems.filter((p) => p.file === rel).map((p) => fileProblem(p.message, 'schema'));
  }

  /** Files that currently have something to report (definitions, sources with calls, schemas). */
  filesWithDiagnostics(): string[] {
    const out = [...this.entries.keys()].filter((rel) => !this.isReadOnly(rel));
    for (const p of this.schemas.problems) if (!path.isAbsolute(p.file) && !out.includes(p.file)) out.push(p.file);
    return out;
  }
}

function byFile(a: { file: string }, b: { file: string }): number {
  return comparePaths(a.file, b.file);
}

function fileProblem(message: string, code: 'file-unreadable' | 'schema' = 'file-unreadable'): Diagnostic {
  return makeFileProblem(message, code);
}
