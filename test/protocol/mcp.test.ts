// The MCP server for coding agents (`internal-events mcp ROOT`), driven by the MCP SDK's own client
// over stdio against the built CLI, on a copy of the demo workspace.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { REPO_ROOT } from '../helpers/workspace';

type ToolAnswer = { content: { type: string; text: string }[]; isError?: boolean };

describe('MCP server: the index and the authoring actions for coding agents', function () {
  this.timeout(60000);
  let root: string;
  let client: Client;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-mcp-'));
    fs.cpSync(path.join(REPO_ROOT, 'demo'), root, { recursive: true });
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-mcp-cache-'));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(REPO_ROOT, 'dist/cli.js'), 'mcp', root],
      env: { ...process.env, XDG_CACHE_HOME: cache } as Record<string, string>,
      stderr: 'pipe',
    });
    client = new Client({ name: 'test', version: '1' });
    await client.connect(transport);
  });
  after(async () => client?.close());

  const call = async (name: string, args: Record<string, unknown>): Promise<ToolAnswer> => (await client.callTool({ name, arguments: args })) as ToolAnswer;
  const json = async (name: string, args: Record<string, unknown>) => {
    const r = await call(name, args);
    assert.ok(!r.isError, r.content[0]?.text);
    return JSON.parse(r.content[0].text);
  };

  it('lists its tools, read-only ones marked, and tells the agent the workflow', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), ['find_events', 'describe_event', 'check', 'create_event', 'create_metrics']);
    assert.deepEqual(tools.filter((t) => t.annotations?.readOnlyHint).map((t) => t.name), ['find_events', 'describe_event', 'check']);
    assert.match(client.getInstructions() ?? '', /find_events.*create_event.*check/s);
  });

  it('find_events: every word of the query, exact and prefix matches first', async () => {
    const found = await json('find_events', { query: 'merge request' });
    assert.ok(found.total >= 3);
    assert.ok(found.events.every((e: { action: string; description?: string }) => /merge/i.test(`${e.action} ${e.description}`) && /request/i.test(`${e.action} ${e.description}`)));
    const exact = await json('find_events', { query: 'approve_merge_request_in_demo' });
    assert.deepEqual(exact.events.map((e: { action: string }) => e.action), ['approve_merge_request_in_demo']);
    assert.deepEqual([exact.events[0].metrics, exact.events[0].callSites > 0], [2, true]);
  });

  it('describe_event: definition, metrics with key paths, call sites (specs marked), snippets; did-you-mean when unknown', async () => {
    const e = await json('describe_event', { action: 'approve_merge_request_in_demo' });
    assert.deepEqual([e.known, e.identifiers, e.productGroup], [true, ['project', 'namespace', 'user'], 'code_review']);
    assert.deepEqual(e.additionalProperties.map((p: { name: string }) => p.name), ['label', 'property']);
    assert.ok(e.metrics.some((m: { keyPaths: string[]; unique?: string }) => m.keyPaths[0].endsWith('_monthly') && m.unique === 'user.id'));
    assert.ok(e.callSites.some((s: { spec: boolean }) => s.spec) && e.callSites.some((s: { spec: boolean }) => !s.spec));
    assert.ok(e.snippets.some((s: { language: string; text: string }) => s.language === 'Ruby' && s.text.includes("'approve_merge_request_in_demo'")));
    const unknown = await json('describe_event', { action: 'aprove_merge_request_in_demo' });
    assert.deepEqual(unknown, { known: false, action: 'aprove_merge_request_in_demo', didYouMean: ['approve_merge_request_in_demo'] });
  });

  it('check: the same diagnostics as the CLI, for chosen files or all', async () => {
    const all = await json('check', {});
    assert.ok(all.diagnostics.some((d: { code: string; file: string }) => d.code === 'unknown-event' && d.file === 'app/services/widgets/create_service.rb'));
    const one = await json('check', { files: ['app/services/widgets/create_service.rb'] });
    assert.ok(one.diagnostics.length > 0 && one.diagnostics.every((d: { file: string }) => d.file === 'app/services/widgets/create_service.rb'));
    assert.equal(one.errors, one.diagnostics.filter((d: { severity: string }) => d.severity === 'error').length);
  });

  it('create_event then create_metrics write new definitions, report what is left to fill in, and never overwrite', async () => {
    const created = await json('create_event', {
      action: 'create_widget_from_demo',
      description: 'A widget is created from the demo shop',
      identifiers: ['user', 'project'],
      additional_properties: [{ name: 'label', description: 'widget kind' }],
      product_group: 'code_review',
    });
    const file = 'config/events/create_widget_from_demo.yml';
    assert.deepEqual(created.written.map((w: { path: string }) => w.path), [file]);
    assert.equal(fs.readFileSync(path.join(root, file), 'utf8'), created.written[0].text);
    assert.match(created.written[0].text, /^action: create_widget_from_demo$/m);
    assert.ok(created.diagnostics.some((d: { code: string; message: string }) => d.code === 'placeholder' && /introduced_by_url/.test(d.message)));
    // The call that was an unknown event is known now.
    const caller = await json('check', { files: ['app/services/widgets/create_service.rb'] });
    assert.ok(!caller.diagnostics.some((d: { code: string }) => d.code === 'unknown-event'));

    const again = await call('create_event', { action: 'create_widget_from_demo', description: 'again' });
    assert.equal(again.isError, true);
    assert.match(again.content[0].text, /already exists/);
    assert.match(fs.readFileSync(path.join(root, file), 'utf8'), /A widget is created from the demo shop/);

    // Without a product group, the file that will track it tells (the events tracked near it).
    const near = await json('create_event', { action: 'approve_merge_request_twice_in_demo', description: 'A reviewer approves twice', tracked_in: 'app/services/merge_requests/approve_in_demo_service.rb' });
    assert.equal(near.productGroupGuessed.productGroup, 'code_review');
    assert.match(near.productGroupGuessed.reason, /app\/services\/merge_requests/);
    assert.match(near.written[0].text, /^product_group: code_review$/m);
    const typo = await call('create_event', { action: 'another_one', description: 'x', product_group: 'code_reveiw' });
    assert.equal(typo.isError, true);
    assert.match(typo.content[0].text, /did you mean 'code_review'/);

    const metrics = await json('create_metrics', { events: ['create_widget_from_demo'], time_frames: ['28d'], unique: 'user.id' });
    assert.equal(metrics.written.length, 1);
    assert.match(metrics.written[0].path, /^config\/metrics\/counts_28d\/.*create_widget_from_demo.*\.yml$/);
    assert.ok(fs.existsSync(path.join(root, metrics.written[0].path)));
    const refused = await call('create_metrics', { events: ['no_such_event'], time_frames: ['28d'] });
    assert.equal(refused.isError, true);
  });
});

describe('MCP server on a satellite service (--definitions)', function () {
  this.timeout(60000);
  it('answers from the monolith checkout and will not write its definitions into the service', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-mcp-sat-'));
    fs.cpSync(path.join(REPO_ROOT, 'demo'), path.join(base, 'gitlab'), { recursive: true });
    fs.mkdirSync(path.join(base, 'svc/app'), { recursive: true });
    fs.writeFileSync(path.join(base, 'svc/app/a.py'), 'from x import InternalEventsClient\n\ndef run(internal_event_client: InternalEventsClient):\n    internal_event_client.track_event("approve_merge_request_in_dem")\n');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(REPO_ROOT, 'dist/cli.js'), 'mcp', path.join(base, 'svc'), '--definitions', path.join(base, 'gitlab')],
      env: { ...process.env, XDG_CACHE_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'ie-mcp-cache-')) } as Record<string, string>,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'test', version: '1' });
    await client.connect(transport);
    try {
      const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolAnswer;
      const found = JSON.parse((await call('find_events', { query: 'approve_merge_request_in_demo' })).content[0].text);
      assert.equal(found.events[0].file, '../gitlab/config/events/approve_merge_request_in_demo.yml');
      const checked = JSON.parse((await call('check', {})).content[0].text);
      assert.deepEqual(checked.diagnostics.map((d: { file: string; code: string }) => [d.file, d.code]), [['app/a.py', 'unknown-event']]);
      assert.match(checked.diagnostics[0].message, /Did you mean 'approve_merge_request_in_demo'/);
      const refused = await call('create_event', { action: 'approve_merge_request_in_dem', description: 'x' });
      assert.equal(refused.isError, true);
      assert.match(refused.content[0].text, /defined in \.\.\/gitlab/);
      assert.ok(!fs.existsSync(path.join(base, 'svc/config')));
    } finally {
      await client.close();
    }
  });
});
