// GitLab's real definition files under both schema generations: for every file the engine's
// schema verdict equals a plain Ajv 2020 run of the same schema, and a file that passes the schema
// gets no error from any other rule.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { CORPUS, indexTree, listFilesRecursive } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';


const GENERATIONS = [
  { name: 'corpus schemas (mid-2024 events, recent metrics)', schemaRoot: CORPUS },
  { name: 'newest schemas', schemaRoot: path.join(CORPUS, '_newest_schemas') },
];

function corpusFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const abs of listFilesRecursive(path.join(CORPUS, 'config'))) {
    const rel = path.relative(CORPUS, abs).split(path.sep).join('/');
    if (rel.endsWith('.yml')) files[rel] = fs.readFileSync(abs, 'utf8');
  }
  return files;
}

function schemaFiles(schemaRoot: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const abs of listFilesRecursive(path.join(schemaRoot, 'config'))) {
    const rel = path.relative(schemaRoot, abs).split(path.sep).join('/');
    if (rel.endsWith('.json')) files[rel] = fs.readFileSync(abs, 'utf8');
  }
  return files;
}

/** A plain Ajv 2020 run: the reference verdict, written without any of the engine's code. */
function plainValidator(root: string, entry: string, categories: string[]) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('known_product_category', (s: string) => categories.includes(s));
  for (const abs of listFilesRecursive(path.join(root, 'config'))) {
    if (!abs.endsWith('.json')) continue;
    const id = 'file://' + abs;
    ajv.addSchema({ ...JSON.parse(fs.readFileSync(abs, 'utf8')), $id: id }, id);
  }
  return ajv.getSchema('file://' + path.join(root, entry))!;
}

for (const gen of GENERATIONS) {
  describe(`corpus: ${gen.name}`, function () {
    this.timeout(60000);
    let index: ProjectIndex;
    const files = corpusFiles();
    const categories = parseYaml(files['config/feature_categories.yml']) as string[];
    const eventOk = plainValidator(gen.schemaRoot, 'config/events/schema.json', categories);
    const metricOk = plainValidator(gen.schemaRoot, 'config/metrics/schema/base.json', categories);
    const definitions = Object.keys(files).filter((f) => f.startsWith('config/events/') || (f.startsWith('config/metrics/') && !f.includes('/schema/')));

    before(async () => {
      index = await indexTree({ ...files, ...schemaFiles(gen.schemaRoot) });
      assert.equal(index.schemas.source, 'workspace', 'the workspace schemas are used');
    });

    it('covers all 280 definition files (130 events, 150 metrics)', () => {
      assert.equal(definitions.length, 280);
    });

    it('schema verdict equals a plain Ajv 2020 run for every file', () => {
      const mismatches: string[] = [];
      let passing = 0;
      for (const f of definitions) {
        const value = parseYaml(files[f]);
        const validate = f.startsWith('config/events/') ? eventOk : metricOk;
        const plain = validate(value) as boolean;
        if (plain) passing++;
        const ours = !index.diagnostics(f).some((d) => d.code === 'schema' || d.code === 'milestone-not-string' || d.code === 'yaml-syntax');
        if (plain !== ours) mismatches.push(`${f}: plain=${plain} ours=${ours}`);
      }
      assert.deepEqual(mismatches, []);
      assert.ok(passing > 0, 'some files pass');
    });

    it('a file that passes the schema gets no error from the other rules', () => {
      const offenders: string[] = [];
      for (const f of definitions) {
        const validate = f.startsWith('config/events/') ? eventOk : metricOk;
        if (!validate(parseYaml(files[f]))) continue;
        for (const d of index.diagnostics(f)) if (d.severity === 'error') offenders.push(`${f}:${d.range.start.line + 1} ${d.code} ${d.message}`);
      }
      assert.deepEqual(offenders, []);
    });

    it('every schema diagnostic points inside the file at a key or value, never line 1 for a nested problem', () => {
      for (const f of definitions) {
        for (const d of index.diagnostics(f).filter((x) => x.code === 'schema')) {
          assert.ok(d.range.start.line >= 0 && d.range.end.line >= d.range.start.line, f);
          assert.ok(d.message.length > 10, `${f}: message '${d.message}'`);
        }
      }
    });
  });
}
