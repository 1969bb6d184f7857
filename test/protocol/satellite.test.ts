// A two-folder workspace: a Python satellite service whose events are defined in the monolith
// checkout open beside it (internalEvents.definitionRoots: ["../gitlab"]), over LSP with the built server.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventYaml, metricYaml, writeTree } from '../helpers/workspace';
import { LspTestClient } from './lspClient';

const SERVICE = [
  'from ai_gateway.internal_events import InternalEventsClient',
  '',
  'class ChatHandler:',
  '    def __init__(self, client: InternalEventsClient):',
  '        self.client = client',
  '',
  '    def run(self):',
  '        self.client.track_event("request_duo_chat", category=__name__)',
  '        self.client.track_event("request_duo_chta")',
].join('\n');

describe('language server: a satellite service with the monolith as its definition root', function () {
  this.timeout(60000);
  let client: LspTestClient;
  let base: string;

  before(async () => {
    base = writeTree({
      'gitlab/config/events/request_duo_chat.yml': eventYaml('request_duo_chat'),
      'gitlab/config/metrics/counts_28d/count_duo_chat.yml': metricYaml('counts.count_duo_chat', '- name: request_duo_chat'),
      'gitlab/app/services/chat.rb': "track_internal_event('request_duo_chat', user: u, project: p)\n",
      'ai-gateway/ai_gateway/chat.py': SERVICE,
    });
    client = new LspTestClient();
    client.settings = { definitionRoots: ['../gitlab'] };
    client.extraFolders = [path.join(base, 'gitlab')];
    await client.start(path.join(base, 'ai-gateway'));
  });
  after(async () => client?.stop());

  const pyUri = () => client.uri(base, 'ai-gateway/ai_gateway/chat.py');

  it('checks the satellite call against the monolith: unknown event with did-you-mean', async () => {
    await client.until(() => client.diagnostics.has(pyUri()), 'diagnostics of the Python file');
    const diags = client.diagnostics.get(pyUri())!;
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]), [['unknown-event', 8]]);
    assert.match(diags[0].message, /Did you mean 'request_duo_chat'/);
  });

  it('hover shows the metrics; go-to-definition opens the other checkout', async () => {
    const at = { textDocument: { uri: pyUri() }, position: { line: 7, character: 35 } };
    const h = await client.request<{ contents: { value: string } }>('textDocument/hover', at);
    assert.match(h.contents.value, /counts\.count_duo_chat/);
    const defs = await client.request<{ uri: string }[]>('textDocument/definition', at);
    assert.deepEqual(defs.map((d) => d.uri), [pathToFileURL(path.join(base, 'gitlab/config/events/request_duo_chat.yml')).toString()]);
  });

  it('the create fix targets the root behind a confirmation; a watched change in the root clears the error', async () => {
    const diag = client.diagnostics.get(pyUri())!.find((d) => d.code === 'unknown-event')!;
    const actions = await client.request<{ title: string; edit?: { changeAnnotations?: Record<string, { needsConfirmation: boolean }>; documentChanges: { kind?: string; uri?: string }[] } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri: pyUri() }, range: diag.range, context: { diagnostics: [diag] } },
    );
    const create = actions.find((a) => a.title.startsWith('Create event definition'))!;
    assert.equal(create.title, "Create event definition 'request_duo_chta' in ../gitlab");
    const target = pathToFileURL(path.join(base, 'gitlab/config/events/request_duo_chta.yml')).toString();
    assert.equal(create.edit!.documentChanges[0].uri, target);
    assert.ok(Object.values(create.edit!.changeAnnotations ?? {}).every((a) => a.needsConfirmation));
    assert.equal(Object.keys(create.edit!.changeAnnotations ?? {}).length, 1);

    fs.writeFileSync(path.join(base, 'gitlab/config/events/request_duo_chta.yml'), eventYaml('request_duo_chta'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: target, type: 1 }] });
    await client.until(() => (client.diagnostics.get(pyUri()) ?? []).length === 0, 'the satellite error to clear');
  });

  it('the monolith folder keeps its own diagnostics (the satellite never publishes for its files)', async () => {
    const rb = client.uri(base, 'gitlab/config/events/request_duo_chat.yml');
    assert.ok(!client.diagnostics.has(rb) || client.diagnostics.get(rb)!.every((d) => d.code !== 'unknown-event'));
    assert.ok(client.statuses.every((s) => !(s as { warnings?: string[] }).warnings));
  });
});

describe('language server: a multi-root workspace whose folders set definitionRoots differently', function () {
  this.timeout(60000);
  it('indexes each folder with its own settings (only the service\'s .vscode/settings.json names the root)', async () => {
    const base = writeTree({
      'gitlab/config/events/request_duo_chat.yml': eventYaml('request_duo_chat'),
      'gitlab/config/metrics/counts_28d/count_duo_chat.yml': metricYaml('counts.count_duo_chat', '- name: request_duo_chat'),
      'ai-gateway/ai_gateway/chat.py': SERVICE,
    });
    const client = new LspTestClient();
    client.folderSettings = { [path.join(base, 'ai-gateway')]: { definitionRoots: ['../gitlab'] } };
    client.extraFolders = [path.join(base, 'gitlab')];
    try {
      await client.start(path.join(base, 'ai-gateway'));
      const py = client.uri(base, 'ai-gateway/ai_gateway/chat.py');
      await client.until(() => client.diagnostics.has(py), 'diagnostics of the Python file');
      const diags = client.diagnostics.get(py)!;
      assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]), [['unknown-event', 8]]);
      assert.match(diags[0].message, /Did you mean 'request_duo_chat'/);
      const ready = client.statuses.filter((s) => s.state === 'ready').pop()!;
      // The monolith's definitions counted once: read by the service through its root, and as its own folder.
      assert.deepEqual([ready.events, ready.metrics], [1, 1]);
    } finally {
      await client.stop();
    }
  });
});

describe('language server: a definition root that does not exist', function () {
  this.timeout(30000);
  it('says so in the log and the status, and keeps working', async () => {
    const base = writeTree({ 'svc/app.py': 'internal_event_client.track_event("x")\n' });
    const client = new LspTestClient();
    client.settings = { definitionRoots: ['../nowhere'] };
    try {
      await client.start(path.join(base, 'svc'));
      const ready = client.statuses.find((s) => s.state === 'ready') as { warnings?: string[] };
      assert.match(ready.warnings?.[0] ?? '', /nowhere.*does not exist/);
      assert.ok(client.logs.some((l) => /nowhere.*does not exist/.test(l)));
      await client.until(() => client.diagnostics.has(client.uri(base, 'svc/app.py')), 'the call checked');
      // The checkout is cloned afterwards: the extension's watcher on the parent tells the server.
      writeTree({ 'config/events/x.yml': eventYaml('x') }, path.join(base, 'nowhere'));
      const readyBefore = client.statuses.filter((s) => s.state === 'ready').length;
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await client.until(() => client.statuses.filter((s) => s.state === 'ready').length > readyBefore, 'a new index');
      const now = client.statuses.filter((s) => s.state === 'ready').pop() as { events: number; warnings?: string[] };
      assert.deepEqual([now.events, now.warnings], [1, undefined]);
      await client.until(() => client.diagnostics.get(client.uri(base, 'svc/app.py'))?.length === 0, 'the call known');
    } finally {
      await client.stop();
    }
  });
});
