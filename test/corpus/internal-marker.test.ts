// GitLab's 30 real 16.x internal events (`category: InternalEventTracking`, no internal_events key)
// and the metrics counting them, under the 16.x event schema (which has no internal_events key)
// and under the mid-2024 one (which has): tracking them is never an error, category-on-internal-event
// never fires, and only the newer schema hints the migration, whose fix leaves a file with no new
// schema error.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CORPUS, indexTree, listFilesRecursive } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { applyReplacements, quickFixesFor } from '../../server/src/core/authoring/index';

function corpusTree(keep: (rel: string) => boolean): Record<string, string> {
  const files: Record<string, string> = {};
  for (const abs of listFilesRecursive(path.join(CORPUS, 'config'))) {
    const rel = path.relative(CORPUS, abs).split(path.sep).join('/');
    if (keep(rel)) files[rel] = fs.readFileSync(abs, 'utf8');
  }
  return files;
}

const definitions = corpusTree((rel) => rel.endsWith('.yml'));
const marked16 = Object.keys(definitions).filter((rel) => rel.startsWith('config/events/') && /^category: InternalEventTracking$/m.test(definitions[rel]));
const actions16 = marked16.map((rel) => (parseYaml(definitions[rel]) as { action: string }).action);
const SERVICE = 'app/services/tracking_all.rb';
const SPEC = 'spec/services/tracking_all_spec.rb';
const calls = {
  [SERVICE]: actions16.map((a) => `track_internal_event('${a}', user: user, project: project, namespace: namespace)`).join('\n') + '\n',
  [SPEC]: `RSpec.describe TrackingAll do\n  it { expect { run }.to trigger_internal_events(${actions16.map((a) => `'${a}'`).join(', ')}) }\nend\n`,
};

const GENERATIONS = [
  { name: 'the 16.x event schema (no internal_events key)', schema: { 'config/events/schema.json': fs.readFileSync(path.join(CORPUS, '_alt_schema_versions/ecf1ffc1/config/events/schema.json'), 'utf8') }, hints: false },
  { name: 'the mid-2024 event schema (internal_events: true)', schema: corpusTree((rel) => rel.endsWith('.json')), hints: true },
];

describe('corpus: the 30 GitLab 16.x internal events', () => {
  it('are 30 definitions, counted by internal_events metrics of the corpus', () => {
    assert.equal(marked16.length, 30);
    const counting = Object.keys(definitions).filter((rel) => /data_source: internal_events/.test(definitions[rel]) && actions16.some((a) => definitions[rel].includes(`name: ${a}\n`)));
    assert.equal(counting.length, 8);
  });

  for (const gen of GENERATIONS) {
    describe(`under ${gen.name}`, function () {
      this.timeout(60000);
      let index: ProjectIndex;
      before(async () => {
        index = await indexTree({ ...definitions, ...gen.schema, ...calls });
      });

      it('no tracking call or spec of them is an unknown event', () => {
        for (const rel of [SERVICE, SPEC]) assert.deepEqual(index.diagnostics(rel).filter((d) => d.code === 'unknown-event').map((d) => d.message), []);
        assert.equal(index.callSites().filter((c) => c.file === SERVICE).length, 30);
      });

      it('no metric counting them is an unknown metric event, and each is an internal event', () => {
        for (const m of index.metrics()) assert.deepEqual(index.diagnostics(m.file).filter((d) => d.code === 'unknown-metric-event'), [], m.file);
        for (const a of actions16) assert.ok(index.internalEvent(a), a);
      });

      it('category-on-internal-event never fires on them', () => {
        for (const rel of marked16) assert.deepEqual(index.diagnostics(rel).filter((d) => d.code === 'category-on-internal-event'), [], rel);
      });

      it(gen.hints ? 'each gets the migration hint, as information, on its category line' : 'none gets the migration hint', () => {
        for (const rel of marked16) {
          const hints = index.diagnostics(rel).filter((d) => d.code === 'legacy-internal-marker');
          if (!gen.hints) {
            assert.deepEqual(hints, [], rel);
            continue;
          }
          assert.equal(hints.length, 1, rel);
          assert.equal(hints[0].severity, 'information');
          const line = definitions[rel].split('\n')[hints[0].range.start.line];
          assert.equal(line, 'category: InternalEventTracking', rel);
        }
      });

      if (gen.hints) {
        it('the migration fix adds no schema error and leaves an internal_events: true event', () => {
          for (const rel of marked16) {
            const text = definitions[rel];
            const hint = index.diagnostics(rel).find((d) => d.code === 'legacy-internal-marker')!;
            const [fix] = quickFixesFor(index, rel, text, hint, () => true);
            const change = fix.changes[0];
            assert.ok(change.kind === 'edit');
            const migrated = applyReplacements(text, change.edits);
            const value = parseYaml(migrated) as Record<string, unknown>;
            assert.equal(value.internal_events, true, rel);
            assert.equal(value.category, undefined, rel);
            const before = new Set(index.diagnostics(rel).filter((d) => d.code === 'schema').map((d) => d.message));
            index.setOverlay(rel, migrated);
            const after = index.diagnostics(rel);
            assert.deepEqual(after.filter((d) => d.code === 'schema' && !before.has(d.message)).map((d) => d.message), [], rel);
            assert.deepEqual(after.filter((d) => d.code === 'legacy-internal-marker' || d.code === 'category-on-internal-event'), [], rel);
            assert.ok(index.internalEvent(value.action as string), rel);
            index.setOverlay(rel, undefined);
          }
        });
      }
    });
  }
});
