// Issue 15 (incremental must equal fresh) and issue 11 bug 1: after each kind of edit, what the
// editor shows (the files an update names, re-published) equals a fresh load of the same tree.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexTree, eventYaml, metricYaml, at, REPO_ROOT } from '../helpers/workspace';
import { PublishedView, freshLines } from '../helpers/publishedView';
import { NodeFileSystem } from '../../server/src/core/fileSystem';
import { ProjectIndex } from '../../server/src/core/projectIndex';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';

const EV = (a: string) => `config/events/${a}.yml`;
const M7 = (n: string) => `config/metrics/counts_7d/${n}.yml`;
const rb = (event: string) => `class S\n  def run\n    track_internal_event('${event}', user: user, additional_properties: { label: 'x' })\n  end\nend\n`;

async function setUp(files: Record<string, string>) {
  const index = await indexTree(files);
  const view = new PublishedView(index);
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(index.root, rel)), { recursive: true });
    fs.writeFileSync(path.join(index.root, rel), text);
  };
  const remove = (rel: string) => fs.rmSync(path.join(index.root, rel), { recursive: true, force: true });
  /** The server's watched-file handling: one event per path (a file or a folder). */
  const changed = (...rels: string[]) => {
    for (const rel of rels) view.publish(index.updatePath(rel));
  };
  const equalsFresh = async (what: string) => assert.deepEqual(view.lines(), await freshLines(index.root), what);
  return { index, view, write, remove, changed, equalsFresh };
}

describe('incremental equals fresh', () => {
  it('a checkout whose schema event arrives first: definitions changed or gone on disk take their callers with them', async () => {
    const schema = fs.readFileSync(path.join(REPO_ROOT, 'schemas/config/events/schema.json'), 'utf8');
    const t = await setUp({ 'config/events/schema.json': schema, [EV('click_a')]: eventYaml('click_a'), [EV('click_b')]: eventYaml('click_b'), 'app/services/a.rb': rb('click_a'), 'app/services/b.rb': rb('click_b') });
    // On disk: click_a's definition gone, click_b's without its label, the schema touched; only
    // the schema's event has come so far (the churn test over LSP found this order).
    t.remove(EV('click_a'));
    t.write(EV('click_b'), eventYaml('click_b', { additional_properties: '' }));
    t.write('config/events/schema.json', schema + '\n');
    t.changed('config/events/schema.json');
    await t.equalsFresh('after the schema event alone');
    t.changed(EV('click_a'), EV('click_b'));
    await t.equalsFresh('after the rest');
  });

  it('a deleted folder is one event: every file below it goes (metrics, sources)', async () => {
    const t = await setUp({
      [EV('click_a')]: eventYaml('click_a'),
      [M7('count_click_a')]: metricYaml('counts.count_click_a', '- name: click_a', { time_frame: 'time_frame: 7d' }),
      'app/services/a/one.rb': rb('click_a'),
      'app/services/a/deeper/two.rb': rb('click_a'),
    });
    assert.ok(t.view.lines().every((l) => !l.includes('event-without-metric')));
    t.remove('config/metrics/counts_7d');
    t.remove('app/services/a');
    t.changed('config/metrics/counts_7d', 'app/services/a');
    assert.ok(t.view.lines().some((l) => l.includes('event-without-metric')), 'the event lost its metric');
    assert.equal(t.index.callSitesOf('click_a').length, 0);
    await t.equalsFresh('after rm -rf');
  });

  it('a renamed folder (git mv) is two events: what was there goes, what is there now comes', async () => {
    const t = await setUp({ [EV('click_a')]: eventYaml('click_a'), 'app/services/a/one.rb': rb('click_a'), 'app/services/b/other.rb': rb('nope') });
    fs.renameSync(path.join(t.index.root, 'app/services/a'), path.join(t.index.root, 'app/services/moved'));
    fs.renameSync(path.join(t.index.root, 'app/services/b'), path.join(t.index.root, 'app/services/b2'));
    t.changed('app/services/a', 'app/services/moved', 'app/services/b', 'app/services/b2');
    assert.deepEqual(t.index.callSitesOf('click_a').map((c) => c.file), ['app/services/moved/one.rb']);
    assert.deepEqual(at(t.index.diagnostics('app/services/b2/other.rb'), 'unknown-event'), [3]);
    await t.equalsFresh('after git mv');
  });

  it('a broken schema file shows its own problem, and the problem clears when it is fixed', async () => {
    const schema = fs.readFileSync(path.join(REPO_ROOT, 'schemas/config/events/schema.json'), 'utf8');
    const t = await setUp({ [EV('click_a')]: eventYaml('click_a'), 'config/events/schema.json': schema });
    t.write('config/events/schema.json', '{ not json');
    t.changed('config/events/schema.json');
    assert.ok(t.view.lines().some((l) => l.startsWith('config/events/schema.json:') && l.includes('not valid JSON')), t.view.lines().join('\n'));
    await t.equalsFresh('broken schema');
    t.write('config/events/schema.json', schema);
    t.changed('config/events/schema.json');
    assert.ok(!t.view.lines().some((l) => l.includes('not valid JSON')), t.view.lines().join('\n'));
    await t.equalsFresh('fixed schema');
  });

  it('a folder holding a broken schema deleted in one event: its problem goes with it', async () => {
    const t = await setUp({ [EV('click_a')]: eventYaml('click_a'), 'config/events/schema.json': '{ broken' });
    assert.ok(t.view.lines().some((l) => l.includes('not valid JSON')));
    t.remove('config/events');
    t.changed('config/events');
    assert.ok(!t.view.lines().some((l) => l.includes('not valid JSON')), t.view.lines().join('\n'));
    await t.equalsFresh('after rm -rf config/events');
  });

  it('two definitions of one action: the first in path order is consulted, whatever was saved last, and the duplicate says so', async () => {
    const declares = eventYaml('dup', { additional_properties: 'additional_properties:\n  label:\n    description: a\n  colour:\n    description: c' });
    const plain = eventYaml('dup', { additional_properties: 'additional_properties:\n  label:\n    description: a' });
    const metric = metricYaml('counts.dup', '- name: dup\n  filter:\n    colour: red', { time_frame: 'time_frame: 7d' });
    const t = await setUp({ [EV('a_dup')]: declares, [EV('b_dup')]: plain, [M7('dup')]: metric });
    const duplicate = t.index.diagnostics(EV('b_dup')).find((d) => d.code === 'duplicate-action')!;
    assert.match(duplicate.message, /config\/events\/a_dup\.yml is the one that calls and metrics are checked against/);
    assert.match(t.index.diagnostics(EV('a_dup')).find((d) => d.code === 'duplicate-action')!.message, /This file is the one/);
    assert.deepEqual(at(t.index.diagnostics(M7('dup')), 'unknown-filter-property'), []);
    t.write(EV('a_dup'), declares + '\n'); // re-saved: it used to move to the end of the list
    t.changed(EV('a_dup'));
    assert.deepEqual(at(t.index.diagnostics(M7('dup')), 'unknown-filter-property'), []);
    await t.equalsFresh('after re-saving one copy');
  });

  it('a Ruby constant in lib/ and ee/lib/: deleting and restoring the lib/ copy ends as a fresh load', async () => {
    const constant = (value: string) => `module Gitlab\n  module Counter\n    EVENT = '${value}'\n  end\nend\n`;
    const caller = 'class S\n  def run\n    track_internal_event(Gitlab::Counter::EVENT, user: user)\n  end\nend\n';
    const t = await setUp({ [EV('click_a')]: eventYaml('click_a'), 'lib/gitlab/counter.rb': constant('click_a'), 'ee/lib/gitlab/counter.rb': constant('ee_only'), 'app/s.rb': caller });
    assert.deepEqual(t.index.callSitesOf('click_a').map((c) => c.file), ['app/s.rb'], 'the CE copy is read first');
    const ce = fs.readFileSync(path.join(t.index.root, 'lib/gitlab/counter.rb'), 'utf8');
    t.remove('lib/gitlab/counter.rb');
    t.changed('lib/gitlab/counter.rb');
    assert.deepEqual(t.index.callSitesOf('ee_only').map((c) => c.file), ['app/s.rb']);
    t.write('lib/gitlab/counter.rb', ce);
    t.changed('lib/gitlab/counter.rb');
    assert.deepEqual(t.index.callSitesOf('click_a').map((c) => c.file), ['app/s.rb']);
    await t.equalsFresh('after delete and restore');
  });

  it('a removed metric follows its event: declaring the property clears unknown-filter-property', async () => {
    const removed = { status: "status: removed\nremoved_by_url: https://x.test/1\nmilestone_removed: '17.9'", time_frame: 'time_frame: 7d' };
    const t = await setUp({ [EV('click_a')]: eventYaml('click_a'), [M7('gone')]: metricYaml('counts.gone', '- name: click_a\n  filter:\n    colour: red', removed) });
    assert.deepEqual(at(t.index.diagnostics(M7('gone')), 'unknown-filter-property'), [24]);
    t.write(EV('click_a'), eventYaml('click_a', { additional_properties: 'additional_properties:\n  colour:\n    description: c\n  label:\n    description: l\n  property:\n    description: p' }));
    t.changed(EV('click_a'));
    assert.ok(!t.view.lines().some((l) => l.includes('unknown-filter-property')), t.view.lines().join('\n'));
    await t.equalsFresh('after declaring the property');
  });

  it("a new event changes the 'Did you mean' of an unknown name in another file", async () => {
    const t = await setUp({ [EV('view_c')]: eventYaml('view_c'), [M7('b')]: metricYaml('counts.b', '- name: click_b', { time_frame: 'time_frame: 7d' }) });
    t.write(EV('click_a'), eventYaml('click_a'));
    t.changed(EV('click_a'));
    assert.ok(t.view.lines().some((l) => l.includes("Did you mean 'click_a'")), t.view.lines().join('\n'));
    await t.equalsFresh('after the new event');
  });
});

describe('an open tab never outlives its file on disk (issue 11, bug 1)', () => {
  it('a definition deleted on disk while open stops defining its event; saving it again brings it back', async () => {
    const t = await setUp({ [EV('click_a')]: eventYaml('click_a'), 'app/s.rb': rb('click_a') });
    t.view.publish(t.index.setOverlay(EV('click_a'), eventYaml('click_a') + '# edited\n'));
    t.remove(EV('click_a')); // a branch switch, or Undo of the file a rename created
    t.changed(EV('click_a'));
    assert.equal(t.index.eventsNamed('click_a').length, 0);
    assert.deepEqual(at(t.index.diagnostics('app/s.rb'), 'unknown-event'), [3]);
    await t.equalsFresh('deleted under an open tab');
    t.view.publish(t.index.setOverlay(EV('click_a'), eventYaml('click_a') + '# typed in the orphaned tab\n'));
    assert.equal(t.index.eventsNamed('click_a').length, 0, 'typing in the tab does not bring it back');
    t.write(EV('click_a'), eventYaml('click_a') + '# typed in the orphaned tab\n'); // Save
    t.changed(EV('click_a'));
    assert.equal(t.index.eventsNamed('click_a').length, 1);
  });

  it('Restart Server: the editor re-opens a tab whose file is gone, and it defines nothing', async () => {
    const t = await setUp({ 'app/s.rb': rb('click_a') });
    const restarted = new ProjectIndex(t.index.root, new NodeFileSystem(), DEFAULT_SETTINGS);
    restarted.reopen(EV('click_a'), eventYaml('click_a')); // didOpen of the orphaned tab
    await restarted.indexAll();
    assert.equal(restarted.eventsNamed('click_a').length, 0);
    assert.deepEqual(at(restarted.diagnostics('app/s.rb'), 'unknown-event'), [3]);
  });
});
