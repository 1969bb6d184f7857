// Issue 15.1, 15.2 and 11 bug 1 over LSP: the built server's watched-file handling (server.ts).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serverOnFiles, type LspTestClient } from './lspClient';
import { eventYaml } from '../helpers/workspace';

const CALL = "class S\n  def run\n    track_internal_event('click_a', user: user)\n  end\nend\n";
const DELETED = 3;
const CHANGED = 2;

describe('language server: watched files, folders and orphaned tabs', function () {
  this.timeout(30000);
  let client: LspTestClient;
  let root: string;
  afterEach(async () => client?.stop());

  const codesOf = (rel: string) => (client.diagnostics.get(client.uri(root, rel)) ?? []).map((d) => d.code);
  const watched = (rel: string, type: number) => client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(root, rel), type }] });

  it('a folder deleted in one event drops the definitions below it', async () => {
    ({ client, root } = await serverOnFiles({ 'config/events/click_a.yml': eventYaml('click_a'), 'app/s.rb': CALL }));
    assert.ok(!codesOf('app/s.rb').includes('unknown-event'));
    fs.rmSync(path.join(root, 'config/events'), { recursive: true });
    watched('config/events', DELETED);
    await client.until(() => codesOf('app/s.rb').includes('unknown-event'), 'the call to lose its definition');
  });

  it('a broken schema file gets its own diagnostic', async () => {
    ({ client, root } = await serverOnFiles({ 'config/events/click_a.yml': eventYaml('click_a'), 'config/events/schema.json': '{"type":"object"}' }));
    fs.writeFileSync(path.join(root, 'config/events/schema.json'), '{ broken');
    watched('config/events/schema.json', CHANGED);
    await client.until(() => codesOf('config/events/schema.json').includes('schema'), 'the schema file to report itself');
  });

  it('an open definition deleted on disk stops defining its event', async () => {
    ({ client, root } = await serverOnFiles({ 'config/events/click_a.yml': eventYaml('click_a'), 'app/s.rb': CALL }));
    const uri = client.uri(root, 'config/events/click_a.yml');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: eventYaml('click_a') } });
    await client.request('workspace/symbol', { query: '' });
    fs.rmSync(path.join(root, 'config/events/click_a.yml'));
    watched('config/events/click_a.yml', DELETED);
    await client.until(() => codesOf('app/s.rb').includes('unknown-event'), 'the orphaned tab to stop defining click_a');
  });
});
