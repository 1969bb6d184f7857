// Loads the workspace's own JSON schemas (the truth for that checkout's generation) with Ajv's
// draft 2020-12 class, resolving relative `$ref`s from disk and never from the network. Falls back
// to the schemas bundled with the extension when the workspace has none or they are broken.
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FileSystemHost } from './fileSystem';
import { linearRegExp } from './budget/linearRegExp';

export const EVENT_SCHEMA = 'config/events/schema.json';
export const METRIC_SCHEMA = 'config/metrics/schema/base.json';
export const FEATURE_CATEGORIES = 'config/feature_categories.yml';

export type JsonSchema = Record<string, unknown> | boolean;

/** A problem met while loading schemas: becomes a log line and, with a file, a diagnostic there. */
export interface SchemaProblem {
  /** Path relative to the workspace root when the file is in the workspace; absolute otherwise. */
  file: string;
  message: string;
}

export interface SchemaSet {
  source: 'workspace' | 'bundled' | 'mixed';
  event?: ValidateFunction;
  metric?: ValidateFunction;
  /** Every schema file read, by absolute path (for completion/hover lookups through $refs). */
  files: Map<string, JsonSchema>;
  eventSchemaPath: string;
  /**
   * The workspace's own event schema when it could be read, also when it did not compile and the
   * bundled one validates instead: it still tells the checkout's generation (internalMarker.ts).
   */
  workspaceEventSchemaPath?: string;
  metricSchemaPath: string;
  featureCategories: string[];
  featureCategoriesSource: 'workspace' | 'bundled';
  problems: SchemaProblem[];
}

/** Where the bundled fallback schemas live: `<extension>/schemas`, found relative to the bundle. */
export function bundledSchemaDir(): string {
  const candidates = [path.join(__dirname, '..', 'schemas'), path.join(__dirname, '..', '..', 'schemas'), path.join(__dirname, '..', '..', '..', 'schemas'), path.join(__dirname, '..', '..', '..', '..', 'schemas')];
  return candidates.find((c) => nodeFs.existsSync(path.join(c, EVENT_SCHEMA))) ?? candidates[0];
}

function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.startsWith('file:');
}

function fileUri(abs: string): string {
  return 'file://' + abs.split(path.sep).join('/');
}

interface LoadedTree {
  ok: boolean;
  problems: SchemaProblem[];
}

/** Reads a schema and, recursively, every file its relative `$ref`s name. */
function readSchemaTree(fs: FileSystemHost, abs: string, files: Map<string, JsonSchema>, displayRoot: string): LoadedTree {
  const problems: SchemaProblem[] = [];
  const display = (p: string) => (p.startsWith(displayRoot + path.sep) ? path.relative(displayRoot, p).split(path.sep).join('/') : p);
  const visit = (file: string): boolean => {
    if (files.has(file)) return true;
    const text = fs.readText(file);
    if (text === undefined) {
      problems.push({ file: display(file), message: `Schema file not found: ${display(file)}` });
      return false;
    }
    let json: JsonSchema;
    try {
      json = JSON.parse(text) as JsonSchema;
    } catch (e) {
      problems.push({ file: display(file), message: `Schema is not valid JSON: ${(e as Error).message}` });
      return false;
    }
    files.set(file, json);
    let ok = true;
    for (const ref of collectRefs(json)) {
      const target = ref.split('#')[0];
      if (!target) continue;
      if (isRemote(target)) {
        problems.push({ file: display(file), message: `Schema refers to a remote $ref '${ref}'; remote schemas are never fetched.` });
        ok = false;
        continue;
      }
      if (!visit(path.resolve(path.dirname(file), target))) ok = false;
    }
    return ok;
  };
  const ok = visit(abs);
  return { ok, problems };
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) collectRefs(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

/** A fresh Ajv configured the way GitLab's validators behave (see spec §3.5). */
export function createAjv(featureCategories: Iterable<string>): Ajv2020 {
  const known = new Set(featureCategories);
  // Patterns run on RE2 (linear time): a workspace schema's pattern must not be able to hang us.
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true, validateSchema: false, validateFormats: true, code: { regExp: linearRegExp } });
  addFormats(ajv);
  ajv.addFormat('known_product_category', { type: 'string', validate: (s: string) => known.has(s) });
  // GitLab's non-standard keyword: an annotation carrying the message to show (see schemaErrors).
  ajv.addKeyword({ keyword: 'x-error', schemaType: 'string' });
  return ajv;
}

export function parseFeatureCategories(text: string): string[] {
  const value = parseYaml(text, { logLevel: 'error' }) as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Schema ids already added to an Ajv (asking Ajv itself, with getSchema, would compile them). */
const addedIds = new WeakMap<Ajv2020, Set<string>>();

function compileFrom(ajv: Ajv2020, files: Map<string, JsonSchema>, entry: string): ValidateFunction {
  let added = addedIds.get(ajv);
  if (!added) addedIds.set(ajv, (added = new Set()));
  for (const [abs, json] of files) {
    const id = fileUri(abs);
    // A workspace schema that did not compile stays added; it must not break the bundled one.
    if (added.has(id)) continue;
    added.add(id);
    const withId = typeof json === 'object' ? { ...json, $id: id } : json;
    ajv.addSchema(withId as object, id);
  }
  const fn = ajv.getSchema(fileUri(entry));
  if (!fn) throw new Error(`could not compile ${entry}`);
  return fn;
}

/**
 * Loads the event and metric schemas for one workspace root. Each half falls back to the bundled
 * schema on its own, so a broken metric schema does not stop event validation.
 */
export function loadSchemaSet(fs: FileSystemHost, root: string, bundledDir = bundledSchemaDir()): SchemaSet {
  const problems: SchemaProblem[] = [];
  const catWorkspace = fs.readText(path.join(root, FEATURE_CATEGORIES));
  let featureCategories: string[] = [];
  let featureCategoriesSource: 'workspace' | 'bundled' = 'workspace';
  if (catWorkspace !== undefined) {
    try {
      featureCategories = parseFeatureCategories(catWorkspace);
    } catch (e) {
      problems.push({ file: FEATURE_CATEGORIES, message: `Feature categories file is not valid YAML: ${(e as Error).message}` });
    }
  }
  if (catWorkspace === undefined || featureCategories.length === 0) {
    featureCategoriesSource = 'bundled';
    featureCategories = parseFeatureCategories(fs.readText(path.join(bundledDir, FEATURE_CATEGORIES)) ?? '[]');
  }

  const files = new Map<string, JsonSchema>();
  const ajv = createAjv(featureCategories);
  const sources: ('workspace' | 'bundled')[] = [];
  const pick = (rel: string): { validate?: ValidateFunction; entry: string } => {
    const wsEntry = path.join(root, rel);
    if (fs.exists(wsEntry)) {
      const tree = readSchemaTree(fs, wsEntry, files, root);
      problems.push(...tree.problems);
      if (tree.ok) {
        try {
          const validate = compileFrom(ajv, files, wsEntry);
          sources.push('workspace');
          return { validate, entry: wsEntry };
        } catch (e) {
          problems.push({ file: rel, message: `Schema could not be compiled: ${(e as Error).message}` });
        }
      }
      problems.push({ file: rel, message: `Using the extension's bundled schema instead of ${rel}.` });
    }
    const bundledEntry = path.join(bundledDir, rel);
    const tree = readSchemaTree(fs, bundledEntry, files, root);
    problems.push(...tree.problems);
    sources.push('bundled');
    try {
      return { validate: compileFrom(ajv, files, bundledEntry), entry: bundledEntry };
    } catch (e) {
      problems.push({ file: bundledEntry, message: `Bundled schema could not be compiled: ${(e as Error).message}` });
      return { entry: bundledEntry };
    }
  };
  const event = pick(EVENT_SCHEMA);
  const metric = pick(METRIC_SCHEMA);
  const source = sources.every((s) => s === 'workspace') ? 'workspace' : sources.every((s) => s === 'bundled') ? 'bundled' : 'mixed';
  return {
    source,
    event: event.validate,
    metric: metric.validate,
    files,
    eventSchemaPath: event.entry,
    workspaceEventSchemaPath: files.has(path.join(root, EVENT_SCHEMA)) ? path.join(root, EVENT_SCHEMA) : undefined,
    metricSchemaPath: metric.entry,
    featureCategories,
    featureCategoriesSource,
    problems,
  };
}

/** True for a workspace path whose change must reload the schema set. */
export function isSchemaInput(rel: string): boolean {
  return (
    rel === EVENT_SCHEMA ||
    rel === FEATURE_CATEGORIES ||
    (rel.startsWith('config/metrics/schema/') && rel.endsWith('.json')) ||
    (rel.startsWith('config/events/') && rel.endsWith('.json'))
  );
}
