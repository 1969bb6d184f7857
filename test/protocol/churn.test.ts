// The churn sequence (test/helpers/churn.ts) against the built server over LSP: files written,
// deleted, renamed and checked out on disk with the watched-file events VS Code sends (one for a
// folder), tabs opened, typed in, saved and closed. At each checkpoint the diagnostics the server
// has published must equal a fresh load of the same tree: what the in-process churn test checks
// of the index, here through server.ts's wiring (which files it re-publishes, open files' events).
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTree } from '../helpers/workspace';
import { churn, seedTree, type Editor } from '../helpers/churn';
import { LspTestClient } from './lspClient';

const SEED = Number(process.env.CHURN_SEED ?? 21);
const OPS = 120;
const CHECKPOINTS = 4;
const FILE_CHANGE_TYPE = { created: 1, changed: 2, deleted: 3 } as const;
const LANGUAGE: Record<string, string> = { '.yml': 'yaml', '.json': 'json', '.rb': 'ruby' };

describe('language server: churn over LSP equals a fresh load', function () {
  this.timeout(120000);
  let client: LspTestClient;
  after(async () => client?.stop());

  it(`seed ${SEED}, ${OPS} operations, ${CHECKPOINTS} checkpoints`, async () => {
    const root = writeTree(seedTree(SEED));
    client = new LspTestClient();
    await client.start(root);
    const versions = new Map<string, number>();
    const editor: Editor = {
      root,
      fileEvent(rel, type) {
        client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(root, rel), type: FILE_CHANGE_TYPE[type] }] });
      },
      tab(rel, text) {
        const uri = client.uri(root, rel);
        const version = versions.get(rel);
        if (text === undefined) {
          versions.delete(rel);
          client.notify('textDocument/didClose', { textDocument: { uri } });
        } else if (version === undefined) {
          versions.set(rel, 1);
          client.notify('textDocument/didOpen', { textDocument: { uri, languageId: LANGUAGE[path.extname(rel)] ?? 'plaintext', version: 1, text } });
        } else {
          versions.set(rel, version + 1);
          client.notify('textDocument/didChange', { textDocument: { uri, version: version + 1 }, contentChanges: [{ text }] });
        }
      },
      async shown() {
        // A request after the notifications: the server handles messages in order, and each
        // handler's publishing is done before the next message is read.
        await client.request('workspace/symbol', { query: '' });
        return [...client.diagnostics]
          .flatMap(([uri, diags]) => {
            const rel = path.relative(root, fileURLToPath(uri)).split(path.sep).join('/');
            return diags.map((d) => `${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
          })
          .sort();
      },
    };
    const { checkpoints } = await churn(SEED, OPS, CHECKPOINTS, editor);
    assert.equal(checkpoints, CHECKPOINTS);
    assert.deepEqual(client.logs.filter((l) => /failed|error/i.test(l)), []);
  });
});
