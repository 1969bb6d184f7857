// Protocol tests for the event monitor: the built server started over stdio, events sent by the
// real Snowplow node tracker to the collector it opens, then read back as the view and the hover do.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import { writeTree, eventYaml, metricYaml } from '../helpers/workspace';
import { gitlabTracker, trackInternalEvent } from '../helpers/snowplowTracker';
import { LspTestClient } from './lspClient';
import type { MonitorEvents, MonitorEventView, MonitorStatus } from '../../server/src/protocol';

const FILES = {
  'config/events/click_button.yml': eventYaml('click_button'),
  'config/metrics/counts_7d/users.yml': metricYaml('redis_hll_counters.count_distinct_user_id_from_click_button_weekly', '- name: click_button\n  unique: user.id', { time_frame: 'time_frame: 7d' }),
  'app/services/widget_service.rb': "class WidgetService\n  def run\n    track_internal_event('click_button', user: user, project: project)\n  end\nend\n",
  'app/services/other_service.rb': "track_internal_event('view_other_page', user: user)\n",
};

describe('language server: the event monitor', function () {
  this.timeout(30000);
  let client: LspTestClient;
  let root: string;
  const statuses: MonitorStatus[] = [];

  before(async () => {
    root = writeTree(FILES);
    client = new LspTestClient();
    client.conn.onNotification('internalEvents/monitor/status', (s: MonitorStatus) => statuses.push(s));
    await client.start(root);
  });
  after(async () => client?.stop());

  const events = (params: Record<string, unknown> = {}) => client.request<MonitorEvents>('internalEvents/monitor/events', params);

  it('starts on a free port, receives tracked events, and lists them newest first with checks and metric values', async () => {
    const started = await client.request<MonitorStatus>('internalEvents/monitor/start', { port: 0, allowedOrigins: [] });
    assert.equal(started.running, true);
    assert.equal(started.mode, 'listening');
    const tracker = gitlabTracker(started.port!, { method: 'post', bufferSize: 2 });
    trackInternalEvent(tracker, { event: 'click_button', label: 'a', property: 'b', user_id: 1 });
    trackInternalEvent(tracker, { event: 'click_button', label: 'a', property: 'b', user_id: null, extra: { colour: 'red' } });
    await tracker.flush();
    await client.until(() => statuses.some((s) => s.received === 2), 'the status notification');
    const list = await events();
    assert.equal(list.events.length, 2);
    const [newestRow, oldest] = list.events;
    assert.equal(newestRow.seq > oldest.seq, true);
    assert.equal(oldest.status, 'ok');
    assert.deepEqual(newestRow.problems.map((p) => p.code), ['undeclared-property', 'missing-identifier']);
    assert.equal(newestRow.status, 'error');
    assert.equal(newestRow.definition?.uri, client.uri(root, 'config/events/click_button.yml'));
    assert.equal(newestRow.definition?.range.start.line, 3);
    // The details, asked for when the row is expanded.
    const newest = await client.request<MonitorEventView>('internalEvents/monitor/event', { seq: newestRow.seq });
    assert.deepEqual(newest.properties, { label: 'a', property: 'b', colour: 'red' });
    assert.deepEqual(newest.identifiers, { user_id: null, project_id: 2, namespace_id: 3 });
    assert.deepEqual(newest.sentFrom.map((s) => [s.label, s.possible]), [['app/services/widget_service.rb:3', false]]);
    assert.deepEqual(newest.metrics.map((m) => [m.keyPath, m.value, m.counted, m.why]), [['redis_hll_counters.count_distinct_user_id_from_click_button_weekly', 1, false, 'no user_id']]);
    assert.equal(newest.metrics[0].location.uri, client.uri(root, 'config/metrics/counts_7d/users.yml'));
    assert.equal(list.status.problems, 1);
  });

  it('page views are counted, not listed', async () => {
    const port = (await client.request<MonitorStatus>('internalEvents/monitor/start', { port: 0, allowedOrigins: [] })).port!;
    await new Promise<void>((resolve, reject) =>
      http.get(`http://127.0.0.1:${port}/i?e=pv&url=http%3A%2F%2Fgdk.test%3A3000%2F`, (res) => res.resume().on('end', resolve)).on('error', reject),
    );
    const list = await events();
    assert.equal(list.events.length, 2);
    assert.equal(list.otherEvents, 1);
    assert.equal(list.status.received, 3);
  });

  it('filters: problems only, and the events of a file', async () => {
    assert.equal((await events({ problemsOnly: true })).events.length, 1);
    assert.equal((await events({ fileUri: client.uri(root, 'app/services/widget_service.rb') })).events.length, 2);
    assert.equal((await events({ fileUri: client.uri(root, 'app/services/other_service.rb') })).events.length, 0);
    assert.equal((await events({ fileUri: client.uri(root, 'config/metrics/counts_7d/users.yml') })).events.length, 2);
  });

  it('hover on the tracking call says how often it arrived and what went wrong', async () => {
    const uri = client.uri(root, 'app/services/widget_service.rb');
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 28 } });
    assert.match(hover.contents.value, /\*\*Event monitor:\*\* received 2× in this session, last \d+ s ago\./);
    assert.match(hover.contents.value, /⚠ Arrived without user_id: .*did not count it/);
    assert.match(hover.contents.value, /✗ Event 'click_button' does not declare the additional property 'colour'/);
  });

  it('a definition fixed while the monitor runs re-checks what arrived', async () => {
    const uri = client.uri(root, 'config/events/click_button.yml');
    const fixed = eventYaml('click_button').replace('  custom_flag:\n', '  colour:\n    description: paint\n  custom_flag:\n');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: fixed } });
    const deadline = Date.now() + 5000;
    let codes: string[] = [];
    while (Date.now() < deadline) {
      codes = (await events()).events[0].problems.map((p) => p.code);
      if (!codes.includes('undeclared-property')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(codes, ['missing-identifier']);
  });

  it('clear and stop', async () => {
    assert.equal(await client.request('internalEvents/monitor/event', { seq: 999 }), null);
    const cleared = await client.request<MonitorStatus>('internalEvents/monitor/clear', {});
    assert.equal(cleared.received, 0);
    assert.equal((await events()).events.length, 0);
    const stopped = await client.request<MonitorStatus>('internalEvents/monitor/stop', {});
    assert.equal(stopped.running, false);
  });
});

describe('language server: the event monitor in Restricted Mode', function () {
  this.timeout(30000);
  it('refuses to open a port and says why', async () => {
    const root = writeTree(FILES);
    const client = new LspTestClient();
    try {
      await client.start(root, { trusted: false });
      await assert.rejects(client.request('internalEvents/monitor/start', { port: 0, allowedOrigins: [] }), /off in Restricted Mode/);
    } finally {
      await client.stop();
    }
  });
});
