// Protocol tests: the built server, started over stdio, answers like it will in an editor.
import { strict as assert } from 'node:assert';
import { writeTree, eventYaml, metricYaml } from '../helpers/workspace';
import { LspTestClient } from './lspClient';

const RUBY = `class WidgetService
  include Gitlab::InternalEventsTracking

  def execute
    track_internal_event('click_button', user: user, project: project)
    track_internal_event('create_widget', user: user)
  end
end
`;

const JS = `import { InternalEvents } from '~/tracking';

export function onClick() {
  InternalEvents.trackEvent('click_button', { label: 'x' });
}
`;

describe('language server over stdio', function () {
  this.timeout(30000);
  let client: LspTestClient;
  let root: string;

  before(async () => {
    root = writeTree({
      'config/events/click_button.yml': eventYaml('click_button'),
      'config/metrics/counts_28d/count_distinct_user_id_from_click_button_monthly.yml': metricYaml(
        'redis_hll_counters.count_distinct_user_id_from_click_button_monthly',
        '- name: click_button\n  unique: user.id',
      ),
      'app/services/widget_service.rb': RUBY,
      'app/assets/javascripts/widget.js': JS,
      'config/events/broken.yml': 'action: [oops\n',
    });
    client = new LspTestClient();
    await client.start(root);
  });

  after(async () => client?.stop());

  it('reports the index state with counts', () => {
    const ready = client.statuses.find((s) => s.state === 'ready')!;
    assert.equal(ready.events, 1);
    assert.equal(ready.metrics, 1);
  });

  it('publishes unknown-event on the Ruby call, at the name', async () => {
    const uri = client.uri(root, 'app/services/widget_service.rb');
    await client.until(() => client.diagnostics.has(uri), 'Ruby diagnostics');
    const d = client.diagnostics.get(uri)!.filter((x) => x.code === 'unknown-event');
    assert.equal(d.length, 1);
    assert.equal(d[0].range.start.line, 5);
    assert.match(d[0].message, /create_widget/);
  });

  it('publishes a YAML syntax error for a broken definition', async () => {
    const uri = client.uri(root, 'config/events/broken.yml');
    await client.until(() => client.diagnostics.has(uri), 'YAML diagnostics');
    assert.ok(client.diagnostics.get(uri)!.some((x) => x.code === 'yaml-syntax'));
  });

  it('completes event names inside the Ruby string', async () => {
    const items = await client.request<{ label: string }[]>('textDocument/completion', {
      textDocument: { uri: client.uri(root, 'app/services/widget_service.rb') },
      position: { line: 4, character: 27 },
    });
    assert.ok(items.some((i) => i.label === 'click_button'), JSON.stringify(items));
  });

  it('hover on a JS call shows the description and the metric', async () => {
    const h = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: client.uri(root, 'app/assets/javascripts/widget.js') },
      position: { line: 3, character: 32 },
    });
    assert.match(h.contents.value, /Counted when click button happens/);
    assert.match(h.contents.value, /count_distinct_user_id_from_click_button_monthly/);
  });

  it('go-to-definition from Ruby lands on the action line', async () => {
    const locs = await client.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', {
      textDocument: { uri: client.uri(root, 'app/services/widget_service.rb') },
      position: { line: 4, character: 30 },
    });
    assert.equal(locs.length, 1);
    assert.ok(locs[0].uri.endsWith('config/events/click_button.yml'));
    assert.equal(locs[0].range.start.line, 3);
  });

  it('references from the definition list calls and the metric', async () => {
    const refs = await client.request<{ uri: string }[]>('textDocument/references', {
      textDocument: { uri: client.uri(root, 'config/events/click_button.yml') },
      position: { line: 3, character: 10 },
      context: { includeDeclaration: true },
    });
    const files = refs.map((r) => r.uri.split('/').pop()).sort();
    assert.deepEqual(files, ['click_button.yml', 'count_distinct_user_id_from_click_button_monthly.yml', 'widget.js', 'widget_service.rb']);
  });

  it('completes product groups in a definition being edited', async () => {
    const uri = client.uri(root, 'config/events/new_one.yml');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'product_group: analy' } });
    const items = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 20 } });
    assert.ok(items.some((i) => i.label === 'analytics_instrumentation'));
  });

  it('typing a schema error in an open document publishes it on the right line', async () => {
    const uri = client.uri(root, 'config/events/click_button.yml');
    const text = eventYaml('click_button', { tiers: 'tiers:\n- gold' });
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await client.until(() => (client.diagnostics.get(uri) ?? []).some((d) => d.code === 'schema'), 'schema diagnostic');
    const d = client.diagnostics.get(uri)!.find((x) => x.code === 'schema')!;
    assert.equal(d.range.start.line, 21);
    client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('keeps answering after garbage input', async () => {
    const uri = client.uri(root, 'config/events/garbage.yml');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: '\u0000\u0001{{{:::\n- - - &a *a\n' } });
    await client.until(() => client.diagnostics.has(uri), 'garbage diagnostics');
    const h = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: client.uri(root, 'app/assets/javascripts/widget.js') },
      position: { line: 3, character: 32 },
    });
    assert.ok(h && /click_button/.test(h.contents.value));
  });

  it('code lens counts call sites and metrics', async () => {
    const lenses = await client.request<{ command: { title: string } }[]>('textDocument/codeLens', {
      textDocument: { uri: client.uri(root, 'config/events/click_button.yml') },
    });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command.title, '2 call sites · 1 metric');
  });
});
