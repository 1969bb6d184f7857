// How NodeFileSystem lists a workspace: the rules the index relies on (no dot folders, no symbolic
// links, excluded folders pruned, a folder prefix taken literally), pinned on a real tree so that
// swapping the glob library cannot change which files are indexed; and the walk that lists the
// sources (sourceWalk.ts), on this thread and on a worker, against the glob it stands for.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from '../../server/src/core/fileSystem';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { walkPlan, type SourceListing } from '../../server/src/core/sourceWalk';
import { scanInWorker } from '../../server/src/core/workspaceScan';

const FILES = [
  'app/models/user.rb',
  'app/.hidden/secret.rb',
  'app/.dotfile.rb',
  'node_modules/pkg/index.js',
  'lib/vendor/gem.rb',
  'vendor/top.rb',
  'tmp/cache.rb',
  'public/assets/app.js',
  'ee/app/assets/javascripts/a.vue',
  'ee/app/assets/javascripts/a.vue.orig',
  'we ird[1]/(x)/s.rb',
  'we ird[1]/(x)/deeper/t.js',
  'config/events/a.yml',
  'config/events/removed/old.yml',
  'config/metrics/counts_all/m.yml',
  'config/metrics/counts_7d/nested/n.yml',
  'config/metrics/counts_7d/readme.md',
  'real/r.rb',
];

function tree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-glob-'));
  for (const rel of FILES) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), '');
  }
  fs.symlinkSync(path.join(root, 'real'), path.join(root, 'linked-dir'));
  fs.symlinkSync(path.join(root, 'app/models/user.rb'), path.join(root, 'app/link.rb'));
  fs.symlinkSync(path.join(root, 'nowhere.rb'), path.join(root, 'app/broken.rb'));
  return root;
}

describe('NodeFileSystem.glob', () => {
  const host = new NodeFileSystem();
  let root: string;
  before(() => (root = tree()));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const glob = (patterns: string[], ignore: string[] = []) => host.glob(root, patterns, ignore).sort();

  it('lists sources by extension, skipping dot folders and files, symbolic links and excluded folders', () => {
    assert.deepEqual(glob(['**/*.{rb,js,vue}'], DEFAULT_SETTINGS.sourceExcludeGlobs), [
      'app/models/user.rb',
      'ee/app/assets/javascripts/a.vue',
      'real/r.rb',
      'we ird[1]/(x)/deeper/t.js',
      'we ird[1]/(x)/s.rb',
    ]);
  });

  it('an excluded folder is excluded at any depth; without exclusions everything but dot entries and links is listed', () => {
    assert.deepEqual(glob(['**/*.rb']), ['app/models/user.rb', 'lib/vendor/gem.rb', 'real/r.rb', 'tmp/cache.rb', 'vendor/top.rb', 'we ird[1]/(x)/s.rb']);
  });

  it('takes an escaped folder prefix literally (brackets, parentheses, spaces)', () => {
    assert.deepEqual(glob(['we ird\\[1\\]/\\(x\\)/**/*.{rb,js}']), ['we ird[1]/(x)/deeper/t.js', 'we ird[1]/(x)/s.rb']);
  });

  it('matches the definition globs: one level for events, any depth for metrics, .yml only', () => {
    const s = DEFAULT_SETTINGS;
    assert.deepEqual(glob([...s.eventGlobs, ...s.removedEventGlobs, ...s.metricGlobs]), [
      'config/events/a.yml',
      'config/events/removed/old.yml',
      'config/metrics/counts_7d/nested/n.yml',
      'config/metrics/counts_all/m.yml',
    ]);
  });

  it('never widens a pattern naming a folder to its contents, and answers [] for a missing root or no patterns', () => {
    assert.deepEqual(glob(['config/events']), []);
    assert.deepEqual(host.glob(path.join(root, 'missing'), ['**/*.rb'], []), []);
    assert.deepEqual(glob([]), []);
  });
});

/** The glob a listing stands for, as ProjectIndex falls back to it on hosts without a walk. */
function globOf(listing: SourceListing): string {
  const prefix = listing.under ? `${listing.under.replace(/[\\*?[\]{}()!+@]/g, '\\$&')}/` : '';
  return `${prefix}**/*.{${listing.extensions.join(',')}}`;
}

describe('walkSources', () => {
  const host = new NodeFileSystem();
  let root: string;
  before(() => (root = tree()));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const exts = ['rb', 'js', 'vue', 'orig'];
  const table: [string, SourceListing][] = [
    ['the default exclusions', { extensions: exts, exclude: DEFAULT_SETTINGS.sourceExcludeGlobs }],
    ['no exclusions', { extensions: exts, exclude: [] }],
    ['a file pattern and a folder pattern', { extensions: exts, exclude: ['**/*.vue', 'app/**'] }],
    ['a pattern with braces ending in /**', { extensions: exts, exclude: ['{lib,real}/**'] }],
    ['one folder', { under: 'we ird[1]/(x)', extensions: exts, exclude: [] }],
    ['a folder below an excluded one', { under: 'lib/vendor', extensions: exts, exclude: DEFAULT_SETTINGS.sourceExcludeGlobs }],
    ['an excluded folder itself', { under: 'node_modules', extensions: exts, exclude: DEFAULT_SETTINGS.sourceExcludeGlobs }],
    ['a missing folder', { under: 'nowhere', extensions: exts, exclude: [] }],
  ];
  for (const [name, listing] of table) {
    it(`lists what the glob lists: ${name}`, async () => {
      const expected = host.glob(root, [globOf(listing)], listing.exclude).sort();
      assert.deepEqual(host.listSources(walkPlan(root, listing)).sort(), expected);
      const walked = await scanInWorker(walkPlan(root, listing), []).sources;
      assert.ok(walked);
      assert.deepEqual([...walked].sort(), expected);
    });
  }

  it('the default exclusions leave the expected files (the table above is not vacuous)', () => {
    const listing = table[0][1];
    assert.deepEqual(host.listSources(walkPlan(root, listing)).sort(), [
      'app/models/user.rb',
      'ee/app/assets/javascripts/a.vue',
      'ee/app/assets/javascripts/a.vue.orig',
      'real/r.rb',
      'we ird[1]/(x)/deeper/t.js',
      'we ird[1]/(x)/s.rb',
    ]);
  });
});
