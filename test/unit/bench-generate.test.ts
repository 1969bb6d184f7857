// Generates a small benchmark workspace and checks its shape: file counts, metrics that only name
// generated events, definitions valid against the bundled schemas, and tracking text confined to
// the files meant to carry calls.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { generateWorkspace } from '../../bench/generate';
import { REPO_ROOT } from '../helpers/workspace';


function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...listFiles(path));
    else found.push(path);
  }
  return found;
}

// Any of the call forms of spec §4; files generated without calls must contain none of them.
const TRACKING_TEXT = /track_internal_event|track_event\(|trackEvent|InternalEvents|event_tracking|data-event-tracking|trigger_internal_events|'internal event tracking'/;

const shape = { events: 20, metrics: 40, sourceFiles: 100, sourceFilesWithCalls: 30, seed: 42 };

describe('bench workspace generator', () => {
  let root = '';
  let eventNames: string[] = [];
  let filesWritten = 0;

  before(() => {
    const result = generateWorkspace(mkdtempSync(join(tmpdir(), 'ie-bench-')), shape);
    root = result.root;
    eventNames = result.eventNames;
    filesWritten = result.files;
  });

  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const eventFiles = () => [...listFiles(join(root, 'config/events')), ...listFiles(join(root, 'ee/config/events'))];
  const metricFiles = () => [...listFiles(join(root, 'config/metrics')), ...listFiles(join(root, 'ee/config/metrics'))];
  const sourceFiles = () => ['app', 'lib', 'ee/app', 'spec'].flatMap((dir) => listFiles(join(root, dir)));

  it('writes the requested numbers of files', () => {
    assert.equal(eventNames.length, shape.events);
    assert.equal(new Set(eventNames).size, shape.events, 'event names are unique');
    assert.equal(eventFiles().length, shape.events);
    assert.equal(metricFiles().length, shape.metrics);
    assert.equal(sourceFiles().length, shape.sourceFiles);
    assert.ok(existsSync(join(root, 'VERSION')));
    assert.ok(existsSync(join(root, 'config/feature_categories.yml')));
    assert.equal(listFiles(root).length, filesWritten);
    assert.equal(filesWritten, shape.events + shape.metrics + shape.sourceFiles + 2);
  });

  it('is deterministic for a seed', () => {
    const again = generateWorkspace(mkdtempSync(join(tmpdir(), 'ie-bench-')), shape);
    try {
      assert.deepEqual(again.eventNames, eventNames);
      const relativeFiles = (dir: string) => listFiles(dir).map((p) => relative(dir, p)).sort();
      assert.deepEqual(relativeFiles(again.root), relativeFiles(root));
    } finally {
      rmSync(again.root, { recursive: true, force: true });
    }
  });

  it('only counts generated events in metrics, in the folder matching the time frame', () => {
    const known = new Set(eventNames);
    const keyPaths = new Set<string>();
    for (const file of metricFiles()) {
      const metric = parseYaml(readFileSync(file, 'utf8')) as { key_path: string; time_frame: string | string[]; events: { name: string }[] };
      for (const rule of metric.events) assert.ok(known.has(rule.name), `${relative(root, file)} names unknown event ${rule.name}`);
      const folder = Array.isArray(metric.time_frame) || metric.time_frame === 'all' ? 'counts_all' : `counts_${metric.time_frame}`;
      assert.equal(file.split('/').at(-2), folder, relative(root, file));
      const suffix: Record<string, string> = { '7d': '_weekly', '28d': '_monthly', all: '' };
      const expanded = Array.isArray(metric.time_frame) ? metric.time_frame.map((tf) => metric.key_path + suffix[tf]) : [metric.key_path];
      for (const keyPath of expanded) {
        assert.ok(!keyPaths.has(keyPath), `duplicate key path ${keyPath}`);
        keyPaths.add(keyPath);
      }
    }
  });

  it('writes definitions valid against the bundled schemas', () => {
    const schemasRoot = join(REPO_ROOT, 'schemas');
    const categories = new Set(parseYaml(readFileSync(join(root, 'config/feature_categories.yml'), 'utf8')) as string[]);
    const bundledCategories = new Set(parseYaml(readFileSync(join(schemasRoot, 'config/feature_categories.yml'), 'utf8')) as string[]);
    for (const category of categories) assert.ok(bundledCategories.has(category), `unknown feature category ${category}`);

    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv, ['uri']);
    ajv.addFormat('known_product_category', { type: 'string', validate: (value: string) => categories.has(value) });
    for (const file of listFiles(join(schemasRoot, 'config')).filter((p) => p.endsWith('.json'))) {
      ajv.addSchema({ ...JSON.parse(readFileSync(file, 'utf8')), $id: pathToFileURL(file).href });
    }
    const validatorFor = (schema: string) => {
      const validate = ajv.getSchema(pathToFileURL(join(schemasRoot, schema)).href);
      assert.ok(validate, schema);
      return validate;
    };
    const checks: [string[], ReturnType<typeof validatorFor>][] = [
      [eventFiles(), validatorFor('config/events/schema.json')],
      [metricFiles(), validatorFor('config/metrics/schema/base.json')],
    ];
    for (const [files, validate] of checks) {
      for (const file of files) {
        const valid = validate(parseYaml(readFileSync(file, 'utf8')));
        assert.ok(valid, `${relative(root, file)}: ${JSON.stringify(validate.errors)}`);
      }
    }
  });

  it('puts tracking calls naming generated events in exactly the files meant to have them', () => {
    const known = new Set(eventNames);
    const withTracking = sourceFiles().filter((file) => TRACKING_TEXT.test(readFileSync(file, 'utf8')));
    assert.equal(withTracking.length, shape.sourceFilesWithCalls);
    for (const file of withTracking) {
      const text = readFileSync(file, 'utf8');
      const named = [...text.matchAll(/(?:track_internal_event\(\s*|track_event\(\s*|trackEvent\(|trigger_internal_events\(|event_tracking: |name: |data-event-tracking["']?[=:]\s*|let\(:event\) \{ )["']([a-z0-9_]+)["']/g)].map((m) => m[1]);
      assert.ok(named.length >= 1, `${relative(root, file)} has no recognisable call`);
      for (const name of named) assert.ok(known.has(name), `${relative(root, file)} names unknown event ${name}`);
    }
  });
});
