// Test fixtures: a throwaway workspace folder on disk, indexed by the real engine.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from '../../server/src/core/fileSystem';
import { ProjectIndex } from '../../server/src/core/projectIndex';
import { DEFAULT_SETTINGS, type IndexSettings } from '../../server/src/core/settings';
import { initCallSiteParsers } from '../../server/src/core/callsites/index';
import type { Diagnostic } from '../../server/src/core/model';

/** The repository root, found from wherever the bundled test runs (out/test/...). */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();
/** GitLab's definition corpus, beside the repository (../shared). */
export const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus/gitlab');

/** Every file below a folder (absolute paths). */
export function listFilesRecursive(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) listFilesRecursive(p, out);
    else out.push(p);
  }
  return out;
}

/** The files under `root/config`, keyed by their path relative to root ('/'-separated). */
export function readConfigTree(root: string, keep: (rel: string) => boolean = () => true): Record<string, string> {
  const files: Record<string, string> = {};
  for (const abs of listFilesRecursive(path.join(root, 'config'))) {
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (keep(rel)) files[rel] = fs.readFileSync(abs, 'utf8');
  }
  return files;
}

/** GitLab's newest schemas (from the corpus) and the feature categories they validate against. */
export function newestSchemaFiles(): Record<string, string> {
  return {
    ...readConfigTree(path.join(CORPUS, '_newest_schemas')),
    'config/feature_categories.yml': fs.readFileSync(path.join(CORPUS, 'config/feature_categories.yml'), 'utf8'),
  };
}

export function writeTree(files: Record<string, string | Buffer>, root = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-test-'))): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

export async function indexTree(files: Record<string, string | Buffer>, settings: Partial<IndexSettings> = {}): Promise<ProjectIndex> {
  await initCallSiteParsers();
  const root = writeTree(files);
  const index = new ProjectIndex(root, new NodeFileSystem(), { ...DEFAULT_SETTINGS, ...settings });
  await index.indexAll();
  return index;
}

export function codes(diags: Diagnostic[]): string[] {
  return diags.map((d) => d.code);
}

/** The diagnostics with one code, as "line:code" (1-based line) for compact assertions. */
export function at(diags: Diagnostic[], code: string): number[] {
  return diags.filter((d) => d.code === code).map((d) => d.range.start.line + 1);
}

/** A valid new-style internal event (bundled-schema generation). */
export function eventYaml(action: string, extra: Partial<Record<string, string>> = {}): string {
  const fields: Record<string, string> = {
    description: `description: Counted when ${action.replace(/_/g, ' ')} happens`,
    internal_events: 'internal_events: true',
    action: `action: ${action}`,
    identifiers: 'identifiers:\n- project\n- namespace\n- user',
    additional_properties: 'additional_properties:\n  label:\n    description: source of the action\n  property:\n    description: kind of thing\n  custom_flag:\n    description: a custom property',
    product_group: 'product_group: analytics_instrumentation',
    product_categories: 'product_categories:\n- service_ping',
    milestone: "milestone: '17.9'",
    introduced_by_url: 'introduced_by_url: https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1',
    tiers: 'tiers:\n- free\n- premium\n- ultimate',
    ...extra,
  };
  return '---\n' + Object.values(fields).filter(Boolean).join('\n') + '\n';
}

export function metricYaml(keyPath: string, events: string, extra: Partial<Record<string, string>> = {}): string {
  const fields: Record<string, string> = {
    key_path: `key_path: ${keyPath}`,
    description: 'description: Count of things',
    product_group: 'product_group: analytics_instrumentation',
    product_categories: 'product_categories:\n- service_ping',
    performance_indicator_type: 'performance_indicator_type: []',
    value_type: 'value_type: number',
    status: 'status: active',
    milestone: "milestone: '17.9'",
    introduced_by_url: 'introduced_by_url: https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1',
    time_frame: 'time_frame: 28d',
    data_source: 'data_source: internal_events',
    data_category: 'data_category: optional',
    tiers: 'tiers:\n- free\n- premium\n- ultimate',
    events: `events:\n${events}`,
    ...extra,
  };
  return '---\n' + Object.values(fields).filter(Boolean).join('\n') + '\n';
}

/** A new index of the same folder, read from disk from scratch: what an incremental index must equal. */
export async function freshIndexOf(root: string, settings: Partial<IndexSettings> = {}): Promise<ProjectIndex> {
  const index = new ProjectIndex(root, new NodeFileSystem(), { ...DEFAULT_SETTINGS, ...settings });
  await index.indexAll();
  return index;
}

/**
 * Everything an index answers about its files, as comparable text: each call site (place, kind,
 * name) and each file's diagnostics (line, code, message), unused-event hints included.
 */
export function indexState(index: ProjectIndex): { sites: string[]; diagnostics: string[] } {
  const sites = index
    .callSites()
    .map(({ file, site }) => `${file}:${site.range.start.line}:${site.range.start.character} ${site.kind} ${site.event}`)
    .sort();
  const diagnostics = index
    .files()
    .sort()
    .flatMap((file) => index.diagnostics(file).map((d) => `${file}:${d.range.start.line + 1} ${d.code} ${d.message}`));
  return { sites, diagnostics };
}
