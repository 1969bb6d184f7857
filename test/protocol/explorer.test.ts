// Protocol tests for the Internal Events view and inlay hints: the built server answers one tree
// level per request, filters, follows the index, gives up on a cancelled request, and puts hints
// after tracking calls.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { writeTree, eventYaml, metricYaml } from '../helpers/workspace';
import { LspTestClient, serverOnFiles } from './lspClient';
import type { ExplorerChildrenResult, ExplorerFilters, ExplorerItem } from '../../server/src/protocol';

const RUBY = `class WidgetService
  def execute
    track_internal_event('click_button', user: user, project: project)
    track_internal_event('open_panel', user: user)
    track_internal_event('not_defined_anywhere', user: user)
  end
end
`;

const SPEC = `RSpec.describe WidgetService do
  it 'tracks' do
    expect { run }.to trigger_internal_events('click_button')
  end
end
`;

function workspaceFiles(): Record<string, string> {
  return {
    'config/events/click_button.yml': eventYaml('click_button', { product_group: 'product_group: code_review' }),
    'config/events/open_panel.yml': eventYaml('open_panel', { product_group: 'product_group: code_review' }),
    'config/events/never_tracked.yml': eventYaml('never_tracked'),
    'config/metrics/counts_28d/count_distinct_user_id_from_click_button_monthly.yml': metricYaml(
      'redis_hll_counters.count_distinct_user_id_from_click_button_monthly',
      '- name: click_button\n  unique: user.id',
      { product_group: 'product_group: code_review' },
    ),
    'config/metrics/counts_7d/count_total_ghost_event_weekly.yml': metricYaml('counts.count_total_ghost_event_weekly', '- name: ghost_event', { time_frame: 'time_frame: 7d' }),
    'app/services/widget_service.rb': RUBY,
    'spec/services/widget_service_spec.rb': SPEC,
  };
}

describe('language server: the Internal Events view', function () {
  this.timeout(30000);
  let client: LspTestClient;
  let root: string;
  before(async () => ({ client, root } = await serverOnFiles(workspaceFiles())));
  after(async () => client?.stop());

  const children = (view: 'events' | 'metrics', parent?: string, filters: ExplorerFilters = {}) =>
    client.request<ExplorerChildrenResult>('internalEvents/explorer/children', { view, parent, filters });
  const labels = (nodes: ExplorerItem[]) => nodes.map((n) => n.label);
  const byLabel = (nodes: ExplorerItem[], label: string) => {
    const node = nodes.find((n) => n.label === label);
    assert.ok(node, `no node ${label} among ${labels(nodes).join(', ')}`);
    return node;
  };

  it('lists product groups first, with counts, and the names no definition has', async () => {
    const root1 = await children('events');
    assert.equal(root1.total, 3);
    assert.deepEqual(labels(root1.nodes), ['analytics_instrumentation', 'code_review', 'Tracked, not defined']);
    assert.match(byLabel(root1.nodes, 'code_review').description!, /^2 events/);
    const undefinedNames = await children('events', byLabel(root1.nodes, 'Tracked, not defined').id);
    assert.deepEqual(labels(undefinedNames.nodes), ['not_defined_anywhere']);
    assert.equal(undefinedNames.nodes[0].severity, 'error');
  });

  it('expands a group into its events with their findings, and an event into what refers to it', async () => {
    const group = byLabel((await children('events')).nodes, 'code_review');
    const events = (await children('events', group.id)).nodes;
    assert.deepEqual(labels(events), ['click_button', 'open_panel']);
    const click = byLabel(events, 'click_button');
    assert.ok(click.flags!.includes('internal') && !click.flags!.includes('no-metric') && !click.flags!.includes('no-spec'), JSON.stringify(click.flags));
    const open = byLabel(events, 'open_panel');
    assert.deepEqual(open.flags!.filter((f) => f !== 'internal').sort(), ['no-metric', 'no-spec']);
    assert.equal(open.description, 'no metric · no spec');
    assert.ok(click.location!.uri.endsWith('config/events/click_button.yml'));
    assert.equal(click.location!.range.start.line, 3, 'a click opens the action line');

    const refs = (await children('events', click.id)).nodes;
    assert.deepEqual(refs.map((n) => [n.kind, n.label]), [
      ['metric', 'redis_hll_counters.count_distinct_user_id_from_click_button_monthly'],
      ['callSite', 'widget_service.rb:3'],
      ['spec', 'widget_service_spec.rb:3'],
    ]);
    assert.ok(refs[1].location!.uri.endsWith('app/services/widget_service.rb'));
    assert.equal(refs[1].location!.range.start.line, 2);
  });

  it('flags an event nothing tracks as unused, and narrows to problems, groups and text', async () => {
    const all = (await children('events')).nodes;
    const never = (await children('events', byLabel(all, 'analytics_instrumentation').id)).nodes;
    assert.deepEqual(never.map((n) => [n.label, n.description]), [['never_tracked', 'unused · no metric · no spec']]);

    const problems = (await children('events', undefined, { problemsOnly: true })).nodes;
    const problemEvents = (await children('events', byLabel(problems, 'code_review').id, { problemsOnly: true })).nodes;
    assert.deepEqual(labels(problemEvents), ['open_panel'], 'click_button has nothing to look at');

    const mine = await children('events', undefined, { groups: ['group::code review'] });
    assert.deepEqual(labels(mine.nodes), ['code_review'], 'my groups: GitLab label spellings accepted, unknown names hidden');
    const found = await children('events', undefined, { search: 'PANEL' });
    assert.deepEqual(labels(found.nodes), ['code_review']);
    assert.deepEqual(labels((await children('events', found.nodes[0].id, { search: 'PANEL' })).nodes), ['open_panel']);
    const none = await children('events', undefined, { search: 'nothing like this' });
    assert.deepEqual(none, { nodes: [], total: 3 }, 'the filters hide everything, though definitions exist');
  });

  it('groups by folder or category on request, and ignores malformed filters and ids', async () => {
    assert.deepEqual(labels((await children('events', undefined, { groupBy: 'folder' })).nodes), ['config/events', 'Tracked, not defined']);
    assert.deepEqual(labels((await children('events', undefined, { groupBy: 'category' })).nodes), ['service_ping', 'Tracked, not defined']);
    const odd = await client.request<ExplorerChildrenResult>('internalEvents/explorer/children', { view: 'events', filters: { groupBy: 'planet', groups: [3], problemsOnly: 'yes' } });
    assert.deepEqual(labels(odd.nodes), ['analytics_instrumentation', 'code_review', 'Tracked, not defined']);
    assert.deepEqual(await children('events', 'not json'), { nodes: [] });
    assert.deepEqual(await children('events', JSON.stringify([root, '["event"]'])), { nodes: [] });
  });

  it('lists metrics by time frame and data source, flagging a missing event', async () => {
    const frames = await children('metrics');
    assert.equal(frames.total, 2);
    assert.deepEqual(labels(frames.nodes), ['Weekly (7d)', 'Monthly (28d)']);
    const weekly = byLabel(frames.nodes, 'Weekly (7d)');
    assert.equal(weekly.severity, 'error');
    const sources = (await children('metrics', weekly.id)).nodes;
    assert.deepEqual(labels(sources), ['internal_events']);
    const metrics = (await children('metrics', sources[0].id)).nodes;
    assert.deepEqual(metrics.map((m) => [m.label, m.flags]), [['counts.count_total_ghost_event_weekly', ['problems', 'missing-event']]]);
    const events = (await children('metrics', metrics[0].id)).nodes;
    assert.deepEqual(events.map((e) => [e.label, e.description, e.severity]), [['ghost_event', 'total · no definition', 'error']]);
    assert.ok(events[0].location!.uri.endsWith('count_total_ghost_event_weekly.yml'), 'a missing event opens the metric where it is named');
  });

  it('tells the client when the index changed, and answers from the new index', async () => {
    let changed = 0;
    client.conn.onNotification('internalEvents/explorer/changed', () => changed++);
    const rel = 'config/metrics/counts_28d/count_total_open_panel_monthly.yml';
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), metricYaml('counts.count_total_open_panel_monthly', '- name: open_panel'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(root, rel), type: 1 }] });
    await client.until(() => changed > 0, 'internalEvents/explorer/changed');
    const group = byLabel((await children('events')).nodes, 'code_review');
    const open = byLabel((await children('events', group.id)).nodes, 'open_panel');
    assert.equal(open.description, 'no spec', 'open_panel has a metric now');
  });
});

describe('language server: a view request while the index loads', function () {
  this.timeout(60000);

  it('gives up as soon as the client cancels it', async () => {
    const files = workspaceFiles();
    // Enough files that the load outlasts the request and its cancellation.
    for (let i = 0; i < 1500; i++) files[`app/services/feature_${i}/service.rb`] = `track_internal_event('click_button', user: user)\n`;
    const root = writeTree(files);
    const client = new LspTestClient();
    try {
      await client.initialize(root);
      const source = new CancellationTokenSource();
      const pending = client.conn.sendRequest('internalEvents/explorer/children', { view: 'events', filters: {} }, source.token);
      source.cancel();
      const outcome = await pending.then(
        () => 'answered',
        (e: { code?: number }) => e.code,
      );
      assert.equal(outcome, -32800, 'RequestCancelled');
      assert.ok(!client.statuses.some((s) => s.state === 'ready'), 'the index was still loading');
      // The server is not stuck: a request after the load is answered.
      await client.until(() => client.statuses.some((s) => s.state === 'ready'), 'the index', 45000);
      const answer = await client.request<ExplorerChildrenResult>('internalEvents/explorer/children', { view: 'events', filters: {} });
      assert.equal(answer.total, 3);
    } finally {
      await client.stop();
    }
  });
});

describe('language server: inlay hints', function () {
  this.timeout(30000);
  let client: LspTestClient;
  let root: string;
  before(async () => ({ client, root } = await serverOnFiles(workspaceFiles())));
  after(async () => client?.stop());

  type Hint = { position: { line: number; character: number }; label: string; data?: { severity?: string }; tooltip?: { value: string } };
  const hints = (rel: string, lines = 100) =>
    client.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri: client.uri(root, rel) }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } });

  it('puts the metric count or "unknown" after each tracked name', async () => {
    const got = await hints('app/services/widget_service.rb');
    assert.deepEqual(got.map((h) => [h.position.line, h.label, h.data?.severity ?? null]), [
      [2, '1 metric', null],
      [3, 'no metric', null],
      [4, 'unknown', 'error'],
    ]);
    const line = RUBY.split('\n')[2];
    assert.equal(got[0].position.character, line.indexOf("'click_button'") + "'click_button'".length, 'right after the closing quote');
    assert.match(got[0].tooltip!.value, /count_distinct_user_id_from_click_button_monthly/);
    assert.match(got[2].tooltip!.value, /Unknown event 'not_defined_anywhere'/);
  });

  it("shows the code lens's counts at the end of a definition's action line", async () => {
    const got = await hints('config/events/click_button.yml');
    assert.deepEqual(got.map((h) => [h.position, h.label]), [[{ line: 3, character: 'action: click_button'.length }, '1 call site · 1 spec · 1 metric']]);
  });

  it('answers only for the range asked', async () => {
    const got = await client.request<Hint[]>('textDocument/inlayHint', {
      textDocument: { uri: client.uri(root, 'app/services/widget_service.rb') },
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 200 } },
    });
    assert.deepEqual(got.map((h) => h.label), ['no metric']);
  });

  it('gives none when internalEvents.inlayHints is off, and again when it is back on', async () => {
    client.conn.onRequest('workspace/configuration', () => [{ inlayHints: false }]);
    // The server re-reads its settings before it answers the next request.
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual(await hints('app/services/widget_service.rb'), []);
    client.conn.onRequest('workspace/configuration', () => [null]);
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    assert.equal((await hints('app/services/widget_service.rb')).length, 3);
  });
});
