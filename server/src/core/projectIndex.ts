// The index of one workspace folder: every event and metric definition and every tracking call,
// kept incrementally. A file change re-reads that file only; cross-file answers (duplicates,
// references, unknown names) come from the maps below, never from re-reading the tree.
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { CallSite, Diagnostic } from './model';
import { readEvent, readMetric, metricEventNames, type EventDefinition, type MetricDefinition } from './definitions';
import { decodeStrict, type FileSystemHost } from './fileSystem';
import { YamlFile } from './yamlFile';
import { isSchemaInput, loadSchemaSet, type SchemaSet } from './schemaSet';
import { schemaDiagnostics } from './schemaErrors';
import { findCallSites, isCandidatePath } from './callsites/index';
import type { IndexSettings } from './settings';
import type { FileCallSite, IndexView } from './rules/types';
import {
  CALL_SITE_RULES,
  EVENT_FILE_RULES,
  EVENT_INDEX_RULES,
  METRIC_FILE_RULES,
  METRIC_INDEX_RULES,
  milestoneNotString,
  placeholders,
  runSafely,
} from './rules/index';
import { MultiMap } from './multiMap';

export const LEGACY_EVENTS_FILE = 'lib/gitlab/usage_data_counters/hll_redis_legacy_events.yml';
export const VERSION_FILE = 'VERSION';
/** Definition files above this size are not parsed: no real definition comes close. */
export const MAX_DEFINITION_BYTES = 1024 * 1024;

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
  callSites: CallSite[];
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
  /** Files skipped while indexing (too large, binary), with the reason: for the log and tests. */
  readonly skipped = new Map<string, string>();

  private readonly entries = new Map<string, Entry>();
  private readonly overlays = new Map<string, string>();
  private readonly eventsByAction = new MultiMap<string, EventDefinition>();
  private readonly removedByAction = new MultiMap<string, EventDefinition>();
  private readonly metricsByKeyPath = new MultiMap<string, MetricDefinition>();
  private readonly metricsByEvent = new MultiMap<string, MetricDefinition>();
  private readonly callSitesByName = new MultiMap<string, FileCallSite>();
  private legacyEvents = new Set<string>();
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
  }

  classify(rel: string): FileKind {
    if (isSchemaInput(rel)) return 'schema';
    if (rel === LEGACY_EVENTS_FILE) return 'legacy-events';
    if (rel === VERSION_FILE) return 'version';
    if (this.isRemoved(rel)) return 'removed-event';
    if (this.isEvent(rel)) return 'event';
    if (this.isMetric(rel)) return 'metric';
    if (!this.isSourceExcluded(rel) && isCandidatePath(rel, { customForms: this.settings.customCallForms })) return 'source';
    return 'other';
  }

  // ------------------------------------------------------------------------------------------
  // Loading

  /** Reads the whole folder. Progress is reported every few hundred files. */
  async indexAll(onProgress?: (p: IndexProgress) => void): Promise<void> {
    const s = this.settings;
    const definitions = this.fs.glob(this.root, [...s.eventGlobs, ...s.removedEventGlobs, ...s.metricGlobs], s.metricExcludeGlobs.filter(() => false));
    const exts = new Set(['rb', 'rake', 'js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts', 'vue', 'haml']);
    for (const f of s.customCallForms) for (const e of f.extensions) exts.add(e.replace(/^\./, ''));
    const sources = this.fs.glob(this.root, [`**/*.{${[...exts].join(',')}}`], s.sourceExcludeGlobs);
    const all = [...new Set([...definitions, ...sources, LEGACY_EVENTS_FILE, VERSION_FILE])];
    const total = all.length;
    let done = 0;
    for (const rel of all) {
      this.update(rel);
      done++;
      if (onProgress && done % 500 === 0) {
        onProgress({ done, total });
        await new Promise((r) => setImmediate(r)); // let the server answer requests meanwhile
      }
    }
    this.fullyIndexed = true;
    onProgress?.({ done: total, total });
  }

  reloadSchemas(): void {
    this.schemas = loadSchemaSet(this.fs, this.root);
    for (const p of this.schemas.problems) this.log.warn(`${this.root}: ${p.message}`);
  }

  // ------------------------------------------------------------------------------------------
  // Updates

  /** The editor's unsaved text for a file (undefined: back to the disk). Returns affected files. */
  setOverlay(rel: string, text: string | undefined): Set<string> {
    if (text === undefined) this.overlays.delete(rel);
    else this.overlays.set(rel, text);
    return this.update(rel);
  }

  hasOverlay(rel: string): boolean {
    return this.overlays.has(rel);
  }

  /** Current text of a workspace file: the editor's if open, else the disk's. */
  readText(rel: string): string | undefined {
    const o = this.overlays.get(rel);
    if (o !== undefined) return o;
    return this.fs.readText(path.join(this.root, rel));
  }

  /**
   * Re-reads one file (created, changed or deleted) and returns every file whose diagnostics may
   * have changed as a result.
   */
  update(rel: string): Set<string> {
    const kind = this.classify(rel);
    const affected = new Set<string>([rel]);
    const before = this.namesOf(rel);
    switch (kind) {
      case 'schema':
        this.reloadSchemas();
        return this.revalidateDefinitions();
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
      case 'removed-event':
      case 'metric':
        this.removeEntry(rel);
        this.addDefinition(rel, kind);
        break;
      case 'source':
        this.removeEntry(rel);
        this.addSource(rel);
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
    if (e.kind === 'event' && e.def?.kind === 'event' && e.def.action) names.add(e.def.action);
    if (e.kind === 'metric' && e.def?.kind === 'metric') {
      for (const n of metricEventNames(e.def)) names.add(n);
      for (const k of e.def.expandedKeyPaths) names.add(k.keyPath);
    }
    return names;
  }

  private filesRelatedTo(names: Set<string>): Set<string> {
    const out = new Set<string>();
    for (const n of names) {
      for (const d of this.eventsByAction.get(n)) out.add(d.file);
      for (const d of this.removedByAction.get(n)) out.add(d.file);
      for (const m of this.metricsByEvent.get(n)) out.add(m.file);
      for (const m of this.metricsByKeyPath.get(n)) out.add(m.file);
      for (const c of this.callSitesByName.get(n)) out.add(c.file);
    }
    return out;
  }

  private revalidateDefinitions(): Set<string> {
    const affected = new Set<string>();
    for (const [rel, e] of [...this.entries]) {
      if (e.kind === 'source') continue;
      this.removeEntry(rel);
      this.addDefinition(rel, this.classify(rel) as 'event' | 'removed-event' | 'metric');
      affected.add(rel);
    }
    return affected;
  }

  private removeEntry(rel: string): void {
    const e = this.entries.get(rel);
    if (!e) return;
    this.entries.delete(rel);
    if (e.kind === 'source') {
      for (const site of e.callSites) if (site.event) this.callSitesByName.deleteWhere(site.event, (c) => c.file === rel);
      return;
    }
    const def = e.def;
    if (def?.kind === 'event' && def.action) {
      this.eventsByAction.delete(def.action, def);
      this.removedByAction.delete(def.action, def);
    }
    if (def?.kind === 'metric') {
      for (const k of def.expandedKeyPaths) this.metricsByKeyPath.delete(k.keyPath, def);
      for (const n of metricEventNames(def)) this.metricsByEvent.delete(n, def);
    }
  }

  private readRaw(rel: string, maxBytes: number): { text?: string; problem?: string } {
    const o = this.overlays.get(rel);
    if (o !== undefined) return { text: o };
    const abs = path.join(this.root, rel);
    const size = this.fs.size(abs);
    if (size === undefined) return {};
    if (size > maxBytes) return { problem: `File is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit; skipped.` };
    const raw = this.fs.readText(abs);
    if (raw !== undefined) return { text: raw };
    // readText refuses binary and non-UTF-8 files: say which.
    try {
      const buf = require('node:fs').readFileSync(abs) as Buffer;
      const r = decodeStrict(buf);
      return r.ok ? { text: r.text } : { problem: r.message };
    } catch {
      return {};
    }
  }

  private addDefinition(rel: string, kind: 'event' | 'removed-event' | 'metric'): void {
    const { text, problem } = this.readRaw(rel, MAX_DEFINITION_BYTES);
    const entryKind = kind === 'metric' ? 'metric' : 'event';
    if (text === undefined) {
      if (problem) {
        this.entries.set(rel, { kind: entryKind, local: [fileProblem(problem)] });
        this.log.warn(`${rel}: ${problem}`);
      }
      return;
    }
    const entry: DefinitionEntry = { kind: entryKind, local: [] };
    this.entries.set(rel, entry);
    try {
      const yaml = new YamlFile(text);
      entry.local.push(...yaml.syntaxDiagnostics);
      if (yaml.value === null || typeof yaml.value !== 'object' || Array.isArray(yaml.value)) {
        if (yaml.syntaxDiagnostics.length === 0) {
          entry.local.push({ range: yaml.headRange(), severity: 'error', code: 'yaml-syntax', message: text.trim() ? 'A definition must be a YAML mapping of keys to values.' : 'Empty definition file.' });
        }
        return;
      }
      if (kind === 'metric') {
        const def = readMetric(rel, yaml);
        entry.def = def;
        entry.local.push(...this.validate('metric', yaml), ...runFileRules(METRIC_FILE_RULES, def, yaml, this.log));
        for (const k of def.expandedKeyPaths) this.metricsByKeyPath.add(k.keyPath, def);
        if (def.status !== 'removed') for (const n of metricEventNames(def)) this.metricsByEvent.add(n, def);
      } else {
        const removed = kind === 'removed-event';
        const def = readEvent(rel, yaml, removed);
        entry.def = def;
        if (!removed) entry.local.push(...this.validate('event', yaml), ...runFileRules(EVENT_FILE_RULES, def, yaml, this.log));
        if (def.action) (removed ? this.removedByAction : this.eventsByAction).add(def.action, def);
      }
    } catch (e) {
      this.log.error(`${rel}: could not be analysed: ${(e as Error).stack ?? e}`);
      entry.local.push(fileProblem(`Internal error while analysing this file: ${(e as Error).message}`));
    }
  }

  private validate(kind: 'event' | 'metric', yaml: YamlFile): Diagnostic[] {
    const out = [...milestoneNotString(yaml), ...placeholders(yaml)];
    const validator = kind === 'event' ? this.schemas.event : this.schemas.metric;
    if (!validator) return out;
    if (validator(yaml.value)) return out;
    const suppress = new Set(out.filter((d) => d.code === 'milestone-not-string').map((d) => `/${String(d.data?.key)}`));
    // A placeholder already says "replace TODO"; the URI format error on the same value is noise.
    for (const d of out) if (d.code === 'placeholder') suppress.add(pointerAtRange(yaml, d));
    out.push(...schemaDiagnostics(validator.errors ?? [], yaml, { suppressPointers: suppress }));
    return out;
  }

  private addSource(rel: string): void {
    const { text, problem } = this.readRaw(rel, this.settings.maxSourceFileSize);
    if (text === undefined) {
      if (problem) {
        this.skipped.set(rel, problem);
        this.log.info(`skipped ${rel}: ${problem}`);
      }
      return;
    }
    if (looksMinified(text)) {
      this.skipped.set(rel, 'minified or generated code (very long lines)');
      this.log.info(`skipped ${rel}: minified or generated code`);
      return;
    }
    let callSites: CallSite[] = [];
    try {
      callSites = findCallSites(text, rel, { customForms: this.settings.customCallForms })?.callSites ?? [];
    } catch (e) {
      this.log.error(`${rel}: call-site scan failed: ${(e as Error).stack ?? e}`);
    }
    if (callSites.length === 0 && !this.overlays.has(rel)) return; // most files: nothing to keep
    this.entries.set(rel, { kind: 'source', callSites, local: [] });
    for (const site of callSites) if (site.event) this.callSitesByName.add(site.event, { file: rel, site });
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
  metricsWithKeyPath(keyPath: string): MetricDefinition[] {
    return this.metricsByKeyPath.get(keyPath);
  }
  metricsCounting(event: string): MetricDefinition[] {
    return this.metricsByEvent.get(event);
  }
  callSitesOf(name: string): FileCallSite[] {
    return this.callSitesByName.get(name);
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
    const e = this.entries.get(rel);
    const onError = (err: unknown) => this.log.error(`rule failed on ${rel}: ${(err as Error).stack ?? err}`);
    if (!e) {
      if (this.classify(rel) === 'schema') return this.schemaProblemsFor(rel);
      return [];
    }
    if (e.kind === 'source') {
      const out = [...e.local];
      for (const site of e.callSites) for (const rule of CALL_SITE_RULES) out.push(...runSafely(() => rule.check(site, rel, this), onError));
      return out;
    }
    const out = [...e.local];
    const def = e.def;
    if (def?.kind === 'event' && !def.removed) for (const rule of EVENT_INDEX_RULES) out.push(...runSafely(() => rule.check(def, this), onError));
    if (def?.kind === 'metric') for (const rule of METRIC_INDEX_RULES) out.push(...runSafely(() => rule.check(def, this), onError));
    return out;
  }

  private schemaProblemsFor(rel: string): Diagnostic[] {
    return this.schemas.problems.filter((p) => p.file === rel).map((p) => fileProblem(p.message, 'schema'));
  }

  /** Files that currently have something to report (definitions, sources with calls, schemas). */
  filesWithDiagnostics(): string[] {
    const out = [...this.entries.keys()];
    for (const p of this.schemas.problems) if (!path.isAbsolute(p.file) && !out.includes(p.file)) out.push(p.file);
    return out;
  }
}

function fileProblem(message: string, code: 'file-unreadable' | 'schema' = 'file-unreadable'): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 'error', code, message };
}

function runFileRules<D>(rules: { check(def: D, yaml: YamlFile): Diagnostic[] }[], def: D, yaml: YamlFile, log: Logger): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of rules) out.push(...runSafely(() => r.check(def, yaml), (e) => log.error(`rule failed: ${(e as Error).stack ?? e}`)));
  return out;
}

function pointerAtRange(yaml: YamlFile, d: Diagnostic): string {
  const loc = yaml.locate(yaml.lines.offsetAt(d.range.start));
  return '/' + loc.path.map(String).join('/');
}

/** Minified or generated code: a long text with very long lines. Parsing it helps nobody. */
function looksMinified(text: string): boolean {
  if (text.length < 20000) return false;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.length / lines > 500;
}
