// The churn sequence (test/helpers/churn.ts) against the built server over LSP: files written,
// deleted, renamed and checked out on disk with the watched-file events VS Code sends (one for a
// folder), tabs opened, typed in, saved and closed. At each checkpoint the diagnostics the server
// has published must equal a fresh load of the same tree: what the in-process churn test checks
// of the index, here through server.ts's wiring (which files it re-publishes, open files' events).
// The second case churns a monolith that a service beside it reads through definitionRoots.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTree } from '../helpers/workspace';
import { freshLines } from '../helpers/publishedView';
import { ACTIONS, churn, seedTree, type Editor } from '../helpers/churn';
import { LspTestClient } from './lspClient';

const SEED = Number(process.env.CHURN_SEED ?? 21);
const OPS = Number(process.env.CHURN_OPS ?? 120);
const CHECKPOINTS = Number(process.env.CHURN_CHECKPOINTS ?? 4);
const FILE_CHANGE_TYPE = { created: 1, changed: 2, deleted: 3 } as const;
const LANGUAGE: Record<string, string> = { '.yml': 'yaml', '.json': 'json', '.rb': 'ruby' };

/**
 * Tells the server what the churn does in `root`; shows what it published, as paths relative to
 * root (a file of another folder: that folder's name and a colon before its path).
 */
function lspEditor(client: LspTestClient, root: string, otherFolders: string[] = []): Editor {
  const versions = new Map<string, number>();
  const display = (file: string) => {
    for (const folder of otherFolders) if (file.startsWith(folder + path.sep)) return `${path.basename(folder)}:${path.relative(folder, file).split(path.sep).join('/')}`;
    return path.relative(root, file).split(path.sep).join('/');
  };
  return {
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
      // Two requests in a row after the notifications. The server reads messages in order, but a
      // document handler waits a few promise steps more than a request does, so it may publish
      // just after the first answer; the second request is read only once all that is done.
      await client.request('workspace/symbol', { query: '' });
      await client.request('workspace/symbol', { query: '' });
      return [...client.diagnostics]
        .flatMap(([uri, diags]) => diags.map((d) => `${display(fileURLToPath(uri))}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`))
        .sort();
    },
  };
}

describe('language server: churn over LSP equals a fresh load', function () {
  this.timeout(120000);
  let client: LspTestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  const errorLogs = () => client!.logs.filter((l) => /failed|error/i.test(l));

  it(`seed ${SEED}, ${OPS} operations, ${CHECKPOINTS} checkpoints`, async () => {
    const root = writeTree(seedTree(SEED));
    client = new LspTestClient();
    await client.start(root);
    const { checkpoints } = await churn(SEED, OPS, CHECKPOINTS, lspEditor(client, root));
    assert.equal(checkpoints, CHECKPOINTS);
    assert.deepEqual(errorLogs(), []);
  });

  it(`a service reading the churned monolith through definitionRoots (seed ${SEED + 1})`, async () => {
    const base = writeTree({});
    const mono = writeTree(seedTree(SEED + 1), path.join(base, 'mono'));
    const service = path.join(base, 'svc');
    // One call per action the churn writes definitions for, passing a property some declare.
    const calls = ACTIONS.map((a) => `    internal_event_client.track_event("${a}", additional_properties=InternalEventAdditionalProperties(label="l", colour="red"))`);
    writeTree({ 'app/chat.py': ['from x import InternalEventsClient, InternalEventAdditionalProperties', '', 'def run(internal_event_client: InternalEventsClient):', ...calls, ''].join('\n') }, service);
    client = new LspTestClient();
    client.folderSettings = { [service]: { definitionRoots: ['../mono'] } };
    client.extraFolders = [mono];
    await client.start(service);
    const editor: Editor = {
      ...lspEditor(client, mono, [service]),
      fresh: async () => [...(await freshLines(mono)), ...(await freshLines(service, { definitionRoots: ['../mono'] }, 'svc:'))].sort(),
    };
    assert.ok(fs.existsSync(path.join(service, 'app/chat.py')));
    const { checkpoints } = await churn(SEED + 1, OPS, CHECKPOINTS, editor);
    assert.equal(checkpoints, CHECKPOINTS);
    assert.deepEqual(errorLogs(), []);
  });
});
