// The on-disk analysis cache: a second load reuses every unchanged file, a changed file is
// analysed afresh, and anything that could change results (schemas, settings) starts over.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from '../../server/src/core/fileSystem';
import { ProjectIndex } from '../../server/src/core/projectIndex';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { at, eventYaml, indexTree, metricYaml } from '../helpers/workspace';

async function reload(root: string, cacheDir: string, settings = DEFAULT_SETTINGS): Promise<{ index: ProjectIndex; hits: number }> {
  const lines: string[] = [];
  const index = new ProjectIndex(root, new NodeFileSystem(), settings, { info: (m) => lines.push(m), warn: () => {}, error: () => {} });
  index.cacheDir = cacheDir;
  await index.indexAll();
  await index.lastCacheSave;
  const m = /index cache: (\d+) of/.exec(lines.join('\n'));
  return { index, hits: m ? Number(m[1]) : -1 };
}

describe('analysis cache', () => {
  it('reuses unchanged files, re-analyses changed ones, and gives the same diagnostics', async () => {
    const first = await indexTree({
      'config/events/click_button.yml': eventYaml('click_button'),
      'config/metrics/counts_28d/m.yml': metricYaml('counts.m', '- name: click_buton'),
      'app/a.rb': "track_internal_event('click_button', additional_properties: { colour: 'red' })\n",
      'app/b.js': '// nothing to see\n',
    });
    const root = first.root;
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-cache-'));
    const cold = await reload(root, cacheDir);
    assert.equal(cold.hits, 0);
    const warm = await reload(root, cacheDir);
    assert.equal(warm.hits, 4, 'every file from the cache');
    for (const f of ['config/metrics/counts_28d/m.yml', 'app/a.rb', 'config/events/click_button.yml']) {
      assert.deepEqual(warm.index.diagnostics(f), cold.index.diagnostics(f), f);
    }
    // On disk a file with nothing in it is its path and stamp alone.
    const [file] = fs.readdirSync(cacheDir).map((f) => path.join(cacheDir, f));
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(onDisk.empty[0], ['app/b.js']);
    assert.deepEqual(onDisk.entries.map((e: unknown[]) => e[0]).sort(), ['app/a.rb', 'config/events/click_button.yml', 'config/metrics/counts_28d/m.yml']);
    // Declared properties survive the trip through JSON (a Map): the custom property is still undeclared.
    assert.deepEqual(at(warm.index.diagnostics('app/a.rb'), 'undeclared-property'), [1]);

    fs.writeFileSync(path.join(root, 'config/metrics/counts_28d/m.yml'), metricYaml('counts.m', '- name: click_button'));
    const changed = await reload(root, cacheDir);
    assert.equal(changed.hits, 3);
    assert.deepEqual(at(changed.index.diagnostics('config/metrics/counts_28d/m.yml'), 'unknown-metric-event'), []);
  });

  it('a warm start lists what a cold one does: excluded and dot folders stay out, new files come in, deleted ones go', async () => {
    const { root } = await indexTree({
      'config/events/click_button.yml': eventYaml('click_button'),
      'app/a.rb': "track_internal_event('click_button')\n",
      'vendor/gems/x.rb': "track_internal_event('click_vendor')\n",
      'app/.cache/y.rb': "track_internal_event('click_dot')\n",
      'node_modules/pkg/z.js': "trackEvent('click_module')\n",
      'app/gone.rb': "track_internal_event('click_gone')\n",
    });
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-cache-'));
    const events = (index: ProjectIndex) => index.callSites().map((c) => `${c.file}:${c.site.event}`).sort();
    const cold = await reload(root, cacheDir);
    assert.deepEqual(events(cold.index), ['app/a.rb:click_button', 'app/gone.rb:click_gone']);
    fs.rmSync(path.join(root, 'app/gone.rb'));
    fs.writeFileSync(path.join(root, 'app/new.rb'), "track_internal_event('click_new')\n");
    const warm = await reload(root, cacheDir);
    assert.equal(warm.hits, 2, 'the event and app/a.rb from the cache');
    assert.deepEqual(events(warm.index), ['app/a.rb:click_button', 'app/new.rb:click_new']);
    assert.deepEqual(events(warm.index), events((await reload(root, fs.mkdtempSync(path.join(os.tmpdir(), 'ie-cache-')))).index));
  });

  it('an unchanged workspace does not rewrite the cache; a deleted file does', async () => {
    const first = await indexTree({ 'config/events/click_button.yml': eventYaml('click_button'), 'app/a.rb': "track_internal_event('click_button')\n" });
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-cache-'));
    await reload(first.root, cacheDir);
    const [file] = fs.readdirSync(cacheDir).map((f) => path.join(cacheDir, f));
    const written = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, written.replace('{', '{ ')); // same JSON, a mark that a rewrite would remove
    assert.equal((await reload(first.root, cacheDir)).hits, 2);
    assert.ok(fs.readFileSync(file, 'utf8').startsWith('{ '), 'not rewritten');
    fs.rmSync(path.join(first.root, 'app/a.rb'));
    assert.equal((await reload(first.root, cacheDir)).hits, 1);
    assert.ok(!fs.readFileSync(file, 'utf8').startsWith('{ '), 'rewritten without the deleted file');
    assert.equal((await reload(first.root, cacheDir)).hits, 1);
  });

  it('a cache with a malformed entry is ignored as a whole', async () => {
    const first = await indexTree({ 'config/events/click_button.yml': eventYaml('click_button'), 'config/events/other.yml': eventYaml('other') });
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-cache-'));
    await reload(first.root, cacheDir);
    const [file] = fs.readdirSync(cacheDir).map((f) => path.join(cacheDir, f));
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.entries[1][3].definition.def.properties = 7; // not the entry list it must be
    fs.writeFileSync(file, JSON.stringify(data));
    const again = await reload(first.root, cacheDir);
    assert.equal(again.hits, 0);
    assert.equal(again.index.events().length, 2);
  });

  it('starts over when the schemas or the settings change', async () => {
    const first = await indexTree({ 'config/events/click_button.yml': eventYaml('click_button') });
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-cache-'));
    await reload(first.root, cacheDir);
    assert.equal((await reload(first.root, cacheDir)).hits, 1);
    assert.equal((await reload(first.root, cacheDir, { ...DEFAULT_SETTINGS, maxSourceFileSize: 1234 })).hits, 0);
    fs.mkdirSync(path.join(first.root, 'config/metrics/schema'), { recursive: true });
    fs.writeFileSync(path.join(first.root, 'config/events/schema.json'), JSON.stringify({ type: 'object' }));
    assert.equal((await reload(first.root, cacheDir)).hits, 0);
  });

  it('an unreadable cache file is ignored', async () => {
    const first = await indexTree({ 'config/events/click_button.yml': eventYaml('click_button') });
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-cache-'));
    await reload(first.root, cacheDir);
    for (const f of fs.readdirSync(cacheDir)) fs.writeFileSync(path.join(cacheDir, f), '{not json');
    const again = await reload(first.root, cacheDir);
    assert.equal(again.hits, 0);
    assert.equal(again.index.events().length, 1);
  });
});
