// What one file contributes to the index, computed from its text alone: a pure step, so it can run
// in the index worker thread at load time as well as on the main thread for an edit.
import * as path from 'node:path';
import type { CallSite, Diagnostic } from './model';
import { readEvent, readMetric, type EventDefinition, type MetricDefinition } from './definitions';
import { decodeStrict, type FileSystemHost } from './fileSystem';
import type { FileStamp } from './workspaceScan';
import type { WorkItem, WorkResult } from './indexWorkerPool';
import { readDefinitionYaml, type DefinitionSource, type RangedYaml } from './definitionYaml/index';
import type { SchemaSet } from './schemaSet';
import { schemaDiagnostics } from './schemaErrors';
import { findCallSites, mayContainCallSites } from './callsites/index';
import type { IndexSettings } from './settings';
import { EVENT_FILE_RULES, METRIC_FILE_RULES, milestoneNotString, placeholders, runSafely } from './rules/index';
import type { FileRuleContext } from './rules/types';
import { internalEventMarker } from './internalMarker';
import { withCappedMessage } from './budget/limits';
import { LineIndex } from './text';

/** Definition files above this size are not parsed: no real definition comes close. */
export const MAX_DEFINITION_BYTES = 1024 * 1024;

export type DefinitionKind = 'event' | 'removed-event' | 'metric';

export interface DefinitionAnalysis {
  rel: string;
  kind: DefinitionKind;
  def?: EventDefinition | MetricDefinition;
  /** Diagnostics that depend on this file alone (syntax, schema, file rules). */
  local: Diagnostic[];
  /** Log lines (unreadable file, a rule that failed). */
  log: string[];
  /** False when the file does not exist (deleted). */
  exists: boolean;
}

export interface SourceAnalysis {
  rel: string;
  callSites: CallSite[];
  /** Identifies the text analysed, so requests on unchanged text reuse the call sites. */
  fingerprint?: string;
  /** Why the file was not analysed (too large, binary, minified), if it was not. */
  skipped?: string;
  log: string[];
  /** Diagnostics on the file itself (its calls could not be read: `calls-not-checked`). */
  local?: Diagnostic[];
  /**
   * For a file whose calls could not be read: every quoted name in it that could be an event's.
   * Those events' coverage is unknown, so none of them may be called unused.
   */
  uncheckedNames?: string[];
}

export interface RawText {
  text?: string;
  problem?: string;
  /** The size and mtime of the bytes read, when read from disk (for the analysis cache). */
  stamp?: FileStamp;
}

/** A file's bytes within a size limit, or why there are none. */
function readLimited(host: FileSystemHost, abs: string, maxBytes: number): { bytes: Buffer | RawText; stamp?: FileStamp } {
  const stamp: FileStamp = { size: -1, mtimeMs: -1 };
  const bytes = readBytesOrProblem(host, abs, maxBytes, stamp);
  return { bytes, stamp: stamp.size >= 0 ? stamp : undefined };
}

function readBytesOrProblem(host: FileSystemHost, abs: string, maxBytes: number, stamp: FileStamp): Buffer | RawText {
  const bytes = host.readBytes(abs, maxBytes, stamp);
  // There but not readable (permissions, a folder named like a file): say so, never vanish.
  if (bytes === undefined) return host.exists(abs) ? { problem: 'File could not be read (no read permission?); it is not checked.' } : {};
  if (bytes !== 'too-large') return bytes;
  const size = host.size(abs) ?? 0;
  return { problem: `File is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit; skipped.` };
}

function decoded(bytes: Buffer): RawText {
  const r = decodeStrict(bytes);
  return r.ok ? { text: r.text } : { problem: r.message };
}

/** Reads a workspace file for analysis: size limit first, then strict UTF-8. */
export function readForAnalysis(host: FileSystemHost, root: string, rel: string, maxBytes: number): RawText {
  const { bytes, stamp } = readLimited(host, path.join(root, rel), maxBytes);
  return { ...(Buffer.isBuffer(bytes) ? decoded(bytes) : bytes), stamp };
}

/**
 * Reads a source file for analysis. Files without any needle are answered from their bytes alone
 * (`{}` with `noCallSites`), so the 90% of a workspace with no tracking code costs one read each.
 */
export function readSourceForAnalysis(host: FileSystemHost, root: string, rel: string, settings: IndexSettings): RawText & { noCallSites?: boolean } {
  const { bytes, stamp } = readLimited(host, path.join(root, rel), settings.maxSourceFileSize);
  if (!Buffer.isBuffer(bytes)) return { ...bytes, stamp };
  if (!mayContainCallSites(bytes, rel, { customForms: settings.customCallForms })) return { noCallSites: true, stamp };
  return { ...decoded(bytes), stamp };
}

/**
 * Reads a closed file from disk and analyses it, with the stamp of the bytes read: the one step
 * the index worker and the main thread both run for a file at load.
 */
export function analyseOnDisk(host: FileSystemHost, root: string, item: WorkItem, settings: IndexSettings, schemas: SchemaSet): WorkResult {
  if (item.kind === 'source') {
    const raw = readSourceForAnalysis(host, root, item.rel, settings);
    return { source: analyseSource(item.rel, raw, settings), stamp: raw.stamp };
  }
  const raw = readForAnalysis(host, root, item.rel, MAX_DEFINITION_BYTES);
  return { definition: analyseDefinition(item.rel, item.kind, raw, schemas, 'disk'), stamp: raw.stamp };
}

export function fileProblem(message: string, code: 'file-unreadable' | 'schema' = 'file-unreadable'): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 'error', code, message };
}

/** `source`: 'disk' for a closed file's text (read with the fast reader when it can), 'editor' for an open document's. */
export function analyseDefinition(rel: string, kind: DefinitionKind, raw: RawText, schemas: SchemaSet, source: DefinitionSource = 'editor'): DefinitionAnalysis {
  const result: DefinitionAnalysis = { rel, kind, local: [], log: [], exists: raw.text !== undefined || raw.problem !== undefined };
  if (raw.text === undefined) {
    if (raw.problem) {
      result.local.push(fileProblem(raw.problem));
      result.log.push(`${rel}: ${raw.problem}`);
    }
    return result;
  }
  const text = raw.text;
  const onRuleError = (e: unknown) => result.log.push(`${rel}: rule failed: ${(e as Error).stack ?? e}`);
  try {
    const yaml = readDefinitionYaml(text, source);
    result.local.push(...yaml.syntaxDiagnostics);
    if (yaml.value === null || typeof yaml.value !== 'object' || Array.isArray(yaml.value)) {
      if (yaml.syntaxDiagnostics.length === 0) {
        result.local.push({ range: yaml.headRange(), severity: 'error', code: 'yaml-syntax', message: text.trim() ? 'A definition must be a YAML mapping of keys to values.' : 'Empty definition file.' });
      }
      return result;
    }
    const context: FileRuleContext = { internalEventMarker: internalEventMarker(schemas) };
    // A text that does not parse keeps its facts (so its event stays known while being typed),
    // but the schema and the file rules would judge a half-parsed tree: only the syntax error speaks.
    const judged = yaml.wellFormed;
    if (kind === 'metric') {
      const def = readMetric(rel, yaml);
      result.def = def;
      if (judged) {
        result.local.push(...validate(schemas, 'metric', yaml));
        for (const rule of METRIC_FILE_RULES) result.local.push(...runSafely(() => rule.check(def, yaml, context), onRuleError));
      }
    } else {
      const removed = kind === 'removed-event';
      const def = readEvent(rel, yaml, removed);
      result.def = def;
      if (!removed && judged) {
        result.local.push(...validate(schemas, 'event', yaml));
        for (const rule of EVENT_FILE_RULES) result.local.push(...runSafely(() => rule.check(def, yaml, context), onRuleError));
      }
    }
  } catch (e) {
    result.log.push(`${rel}: could not be analysed: ${(e as Error).stack ?? e}`);
    result.local.push(fileProblem(`Internal error while analysing this file: ${(e as Error).message}`));
  }
  result.local = result.local.map(withCappedMessage);
  return result;
}

function validate(schemas: SchemaSet, kind: 'event' | 'metric', yaml: RangedYaml): Diagnostic[] {
  const out = [...milestoneNotString(yaml), ...placeholders(yaml)];
  const validator = kind === 'event' ? schemas.event : schemas.metric;
  if (!validator || validator(yaml.value)) return out;
  const suppress = new Set(out.filter((d) => d.code === 'milestone-not-string').map((d) => `/${String(d.data?.key)}`));
  // A placeholder already says "replace TODO"; the URI format error on the same value is noise.
  for (const d of out) {
    if (d.code !== 'placeholder') continue;
    const loc = yaml.locate(yaml.lines.offsetAt(d.range.start));
    suppress.add('/' + loc.path.map(String).join('/'));
  }
  out.push(...schemaDiagnostics(validator.errors ?? [], yaml, { suppressPointers: suppress }));
  return out;
}

export function analyseSource(rel: string, raw: RawText, settings: IndexSettings): SourceAnalysis {
  const result: SourceAnalysis = { rel, callSites: [], log: [] };
  if (raw.text === undefined) {
    if (raw.problem) {
      result.skipped = raw.problem;
      result.log.push(`skipped ${rel}: ${raw.problem}`);
    }
    return result;
  }
  if (looksMinified(raw.text)) {
    result.skipped = 'minified or generated code (very long lines)';
    result.log.push(`skipped ${rel}: minified or generated code`);
    return result;
  }
  result.fingerprint = fingerprintOf(raw.text);
  try {
    const scan = findCallSites(raw.text, rel, { customForms: settings.customCallForms });
    result.callSites = scan?.callSites ?? [];
    if (scan?.gaveUp) {
      const lines = new LineIndex(raw.text);
      result.local = [{ range: lines.range(scan.gaveUp.offset, scan.gaveUp.offset + 1), severity: 'warning', code: 'calls-not-checked', message: scan.gaveUp.message }];
      result.uncheckedNames = quotedNames(raw.text);
      result.log.push(`${rel}: ${scan.gaveUp.message}`);
    }
  } catch (e) {
    result.log.push(`${rel}: call-site scan failed: ${(e as Error).stack ?? e}`);
  }
  return result;
}

const QUOTED_NAME = /['"`:]([a-z][a-z0-9_]{2,150})\b/g;

/** Quoted strings and symbols shaped like event names (snake case), each once. */
function quotedNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(QUOTED_NAME)) names.add(m[1]);
  return [...names];
}

/** Minified or generated code: a long text with very long lines. Parsing it helps nobody. */
function looksMinified(text: string): boolean {
  if (text.length < 20000) return false;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.length / lines > 500;
}

/** Length plus FNV-1a: cheap, and a collision would need equal length too. */
export function fingerprintOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}
