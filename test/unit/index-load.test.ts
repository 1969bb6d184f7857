// Loading a whole workspace: how many threads share the work, that worker threads give exactly the
// results the main thread alone gives, and that the gated byte prefilter keeps every file the
// plain one keeps.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../../bench/generate';
import { NodeFileSystem } from '../../server/src/core/fileSystem';
import { ProjectIndex } from '../../server/src/core/projectIndex';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { indexThreadCount, PARALLEL_THRESHOLD } from '../../server/src/core/indexWorkerPool';
import { containsNeedle, gateNeedles, initCallSiteParsers, mayContainCallSites } from '../../server/src/core/callsites/index';

describe('index load: threads', () => {
  const big = PARALLEL_THRESHOLD * 3;
  const cases: { name: string; files: number; cores: number; env?: string; want: number }[] = [
    { name: 'small workspace: one thread whatever the cores', files: 200, cores: 16, want: 1 },
    { name: 'just under the threshold: one thread', files: PARALLEL_THRESHOLD - 1, cores: 8, want: 1 },
    { name: '1 core: one thread', files: big, cores: 1, want: 1 },
    { name: '2 cores: two threads', files: big, cores: 2, want: 2 },
    { name: '3 cores: three threads', files: big, cores: 3, want: 3 },
    { name: '4 cores: four threads', files: big, cores: 4, want: 4 },
    { name: '8 cores: four threads', files: big, cores: 8, want: 4 },
    { name: '64 cores: capped at four', files: big, cores: 64, want: 4 },
    { name: 'IE_INDEX_THREADS=1 forces one', files: big, cores: 16, env: '1', want: 1 },
    { name: 'IE_INDEX_THREADS=2 forces two, even for a small workspace', files: 10, cores: 2, env: '2', want: 2 },
    { name: 'IE_INDEX_THREADS=99 is capped', files: big, cores: 2, env: '99', want: 4 },
    { name: 'IE_INDEX_THREADS=abc is ignored', files: big, cores: 8, env: 'abc', want: 4 },
    { name: 'IE_INDEX_THREADS=0 is ignored', files: big, cores: 2, env: '0', want: 2 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(indexThreadCount(c.files, c.env === undefined ? {} : { IE_INDEX_THREADS: c.env }, c.cores), c.want);
    });
  }

  it('worker threads give exactly what one thread gives', async function () {
    this.timeout(60_000);
    await initCallSiteParsers();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-threads-'));
    generateWorkspace(root, { events: 60, metrics: 120, sourceFiles: 600, sourceFilesWithCalls: 120, seed: 7 });
    // Planted mistakes, so diagnostics of every origin take part: syntax, schema, cross-file, code.
    fs.writeFileSync(path.join(root, 'config/events/broken.yml'), 'action: [unclosed\n');
    fs.writeFileSync(path.join(root, 'config/events/no_action.yml'), 'description: no action\ninternal_events: true\n');
    fs.writeFileSync(path.join(root, 'app/unknown.rb'), "track_internal_event('no_such_event_anywhere')\n");
    const load = async (threads: string) => {
      const before = process.env.IE_INDEX_THREADS;
      process.env.IE_INDEX_THREADS = threads;
      const log: string[] = [];
      try {
        const index = new ProjectIndex(root, new NodeFileSystem(), DEFAULT_SETTINGS, { info: (m) => log.push(m), warn: (m) => log.push(m), error: (m) => log.push(m) });
        await index.indexAll();
        return { index, log: log.join('\n') };
      } finally {
        if (before === undefined) delete process.env.IE_INDEX_THREADS;
        else process.env.IE_INDEX_THREADS = before;
      }
    };
    const snapshot = (index: ProjectIndex) => {
      const files = [...index.files()].sort();
      return {
        events: index.events().map((e) => `${e.file} ${e.action} ${JSON.stringify(e.actionRange)}`).sort(),
        metrics: index.metrics().map((m) => `${m.file} ${m.keyPath} ${JSON.stringify(m.events)}`).sort(),
        callSites: index.callSites().map((c) => `${c.file} ${c.site.event} ${JSON.stringify(c.site.range)}`).sort(),
        diagnostics: files.flatMap((f) => index.diagnostics(f).map((d) => `${f} ${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`)),
      };
    };
    const one = await load('1');
    const three = await load('3');
    assert.match(three.log, /chunks on 2 worker thread\(s\)/, 'the workers really ran');
    assert.doesNotMatch(three.log, /worker failed/);
    const [a, b] = [snapshot(one.index), snapshot(three.index)];
    assert.ok(a.callSites.length > 100, `${a.callSites.length} call sites`);
    assert.ok(a.events.length >= 60, `${a.events.length} events`);
    assert.ok(a.diagnostics.some((d) => d.includes('unknown-event')), 'an unknown-event');
    assert.deepEqual(b, a);
  });
});

/** A generated workspace plus app/open/tracked.rb, which tracks its first event. */
async function workspaceWithTrackedFile(opts: Parameters<typeof generateWorkspace>[1]): Promise<{ root: string; eventNames: string[] }> {
  await initCallSiteParsers();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-open-'));
  const { eventNames } = generateWorkspace(root, opts);
  fs.mkdirSync(path.join(root, 'app/open'), { recursive: true });
  fs.writeFileSync(path.join(root, 'app/open/tracked.rb'), `track_internal_event('${eventNames[0]}')\n`);
  return { root, eventNames };
}

describe('index load: open files first', () => {
  it('open files are checked once every definition is in, before the other sources', async function () {
    this.timeout(60_000);
    // On disk the file tracks a known event; the editor's unsaved text has a typo.
    const { root, eventNames } = await workspaceWithTrackedFile({ events: 40, metrics: 80, sourceFiles: 900, sourceFilesWithCalls: 300, seed: 3 });
    const index = new ProjectIndex(root, new NodeFileSystem(), DEFAULT_SETTINGS);
    index.setOverlay('app/open/tracked.rb', `track_internal_event('${eventNames[0]}x')\n`);
    let early: { codes: string[]; events: number; callSites: number; fully: boolean } | undefined;
    await index.indexAll(undefined, () => {
      early = {
        codes: index.diagnostics('app/open/tracked.rb').map((d) => d.code),
        events: index.events().length,
        callSites: index.callSites().length,
        fully: index.fullyIndexed,
      };
    });
    assert.ok(early, 'the callback fired');
    assert.deepEqual(early.codes, ['unknown-event'], 'the editor text, checked against every definition');
    assert.equal(early.events, index.events().length, 'every definition was in');
    assert.equal(early.fully, false);
    assert.ok(early.callSites < index.callSites().length / 2, `sources were still loading (${early.callSites} of ${index.callSites().length} sites)`);
  });

  it('a file opened while a worker thread loads it keeps the editor text', async function () {
    this.timeout(60_000);
    const { root, eventNames } = await workspaceWithTrackedFile({ events: 5, metrics: 5, sourceFiles: 20, sourceFilesWithCalls: 5, seed: 4 });
    const before = process.env.IE_INDEX_THREADS;
    process.env.IE_INDEX_THREADS = '2'; // one chunk, all of it on the worker
    try {
      const index = new ProjectIndex(root, new NodeFileSystem(), DEFAULT_SETTINGS);
      const loading = index.indexAll();
      // The load has handed every file to the worker; the editor opens one and types.
      index.setOverlay('app/open/tracked.rb', `track_internal_event('${eventNames[0]}x')\n`);
      await loading;
      assert.deepEqual(index.diagnostics('app/open/tracked.rb').map((d) => d.code), ['unknown-event']);
    } finally {
      if (before === undefined) delete process.env.IE_INDEX_THREADS;
      else process.env.IE_INDEX_THREADS = before;
    }
  });

  it('a file opened during the load is not cached with the editor text', async function () {
    this.timeout(60_000);
    await initCallSiteParsers();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-open-cache-'));
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-open-cache-store-'));
    const { eventNames } = generateWorkspace(root, { events: 20, metrics: 20, sourceFiles: 600, sourceFilesWithCalls: 300, seed: 5 });
    const load = async (onOpenFilesReady?: (index: ProjectIndex) => void) => {
      const index = new ProjectIndex(root, new NodeFileSystem(), DEFAULT_SETTINGS);
      index.cacheDir = cacheDir;
      await index.indexAll(undefined, () => onOpenFilesReady?.(index));
      await index.lastCacheSave;
      return index;
    };
    let opened: string | undefined;
    const first = await load((index) => {
      // A source file with calls the load has not reached yet.
      const files = new NodeFileSystem().glob(root, ['app/**/*.rb'], []).filter((f) => fs.readFileSync(path.join(root, f), 'utf8').includes('track_internal_event'));
      opened = files.find((f) => index.callSitesIn(f).length === 0);
      if (opened) index.setOverlay(opened, `track_internal_event('${eventNames[0]}x')\n`);
    });
    assert.ok(opened, 'a file still to be loaded was opened');
    assert.deepEqual(first.diagnostics(opened).map((d) => d.code), ['unknown-event'], 'the editor text while open');
    const second = await load();
    assert.ok(!second.diagnostics(opened).some((d) => d.code === 'unknown-event'), 'the next start reads the disk, not a cached editor text');
  });

  it('with nothing left to analyse the callback still fires', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-open-empty-'));
    let fired = 0;
    await new ProjectIndex(root, new NodeFileSystem(), DEFAULT_SETTINGS).indexAll(undefined, () => fired++);
    assert.equal(fired, 1);
  });
});

describe('index load: gated byte prefilter', () => {
  const needles = ['internal_event', 'InternalEvents', 'internal event', 'usage_metrics', 'track_event', 'event_tracking', 'event-tracking'];
  const gated = gateNeedles(needles);

  it('picks the substring most needles share, and keeps the others apart', () => {
    assert.equal(gated.gate, 'vent');
    assert.deepEqual(gated.rest, ['usage_metrics']);
    assert.equal(gated.gated.length, 6);
  });

  it('no shared substring: every needle is looked for on its own', () => {
    assert.deepEqual(gateNeedles(['alpha', 'omega']), { gate: '', gated: [], rest: ['alpha', 'omega'] });
    assert.equal(containsNeedle(Buffer.from('x omega y'), gateNeedles(['alpha', 'omega'])), true);
  });

  const texts = [
    ...needles.map((n) => `x = 1\n# ${n}\n`),
    'prevent(:event)\n',
    'vent\n',
    'usage_metric\n',
    'InternalEvent\n',
    'internal_even t\n',
    '',
  ];
  for (const text of texts) {
    it(`agrees with looking for every needle: ${JSON.stringify(text)}`, () => {
      const bytes = Buffer.from(text);
      assert.equal(containsNeedle(bytes, gated), needles.some((n) => bytes.includes(n)));
    });
  }

  it('the language tables: every needle alone still lets its file through', () => {
    const perFile: [string, string][] = [
      ['a.rb', 'track_internal_event'],
      ['a.rb', 'increment_usage_metrics'],
      ['a.rb', 'Gitlab::InternalEvents'],
      ['a.rb', "it_behaves_like 'internal event tracking'"],
      ['a.js', 'this.trackEvent'],
      ['a.vue', 'data-event-tracking'],
      ['a.haml', 'event_tracking:'],
      ['a.haml', "'data-event-tracking' =>"],
    ];
    for (const [file, text] of perFile) assert.ok(mayContainCallSites(Buffer.from(text), file, { customForms: [] }), `${file}: ${text}`);
    assert.ok(!mayContainCallSites(Buffer.from('prevent_default(event)'), 'a.js', { customForms: [] }));
  });
});
