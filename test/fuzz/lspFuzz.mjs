// npm run test:fuzz: a seeded mutation fuzzer over LSP (issue 15). The built server on a copy of
// demo/; for ~60 s, random edits of open documents (the hostile classes of the bad-input table, and
// random mutations of the demo's own files), each followed by requests (hover, completion,
// definition, documentSymbol, codeAction) at random positions. Fails when any request is not
// answered within 5 s, or when the server exits. Run by .ci/run, not by npm test.
//
// Environment: FUZZ_SEED (default 1), FUZZ_SECONDS (default 60); FUZZ_DUMP=file writes the text
// of the last edit whenever an answer takes over 1 s. A failure prints the seed and the last
// edits, so the run can be repeated exactly.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { mulberry32 } from '../helpers/prng.mjs';

const repoRoot = join(fileURLToPath(import.meta.url), '../../..');
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 60);
const ANSWER_MS = 5000;
/** The text of the last edit (for FUZZ_DUMP). */
let lastText = '';

const random = mulberry32(SEED);
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (n) => Math.floor(random() * n);

const nested = (open, inner, close, depth) => open.repeat(depth) + inner + close.repeat(depth);
/** The bad-input table's classes, by language: each returns text to insert. */
const HOSTILE = {
  ruby: [
    () => nested('items.each do |x|\n', "Gitlab::InternalEvents.track_event('e')\n", 'end\n', 150 + int(100)),
    () => nested('if x\n', "track_internal_event('e')\n", 'end\n', 90 + int(40)),
    () => nested('(', 'x', ')', 120 + int(100)),
    () => nested('items.each { |x|\n', '', '}\n', 150 + int(100)),
    () => 'def f\n' + 'if x\n'.repeat(200),
  ],
  js: [() => nested('{a:', '1', '}', 500 + int(1000)), () => nested('[', '', ']', 300 + int(500)), () => '`${'.repeat(300)],
  yaml: [
    () => nested('[', '', ']', 1000 + int(1000)) + ': 1\n',
    () => '- '.repeat(5000 + int(5000)) + 'x\n',
    () => 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
    () => 'k'.repeat(3000) + ': 1\n',
    () => '  tiers: [ premium, ultimate ]\n',
    () => `action: ${'a'.repeat(40)}!\n`,
  ],
};
const NOISE = ['\0', '\uFEFF', '"', "'", '`', '#{', '${', '{', '}', '(', ')', '[', ']', ':', '- ', '\n', '\t', '<<~EOS\n', 'end', 'do', '😀', '\r\n'];

function languageOf(rel) {
  if (/\.(rb|haml)$/.test(rel)) return 'ruby';
  if (/\.(js|vue)$/.test(rel)) return 'js';
  return 'yaml';
}

/** One random edit of a text: a hostile block, noise, a deletion, a duplication or a truncation. */
function mutate(text, rel) {
  const at = int(text.length + 1);
  switch (int(6)) {
    case 0:
    case 1:
      return text.slice(0, at) + pick(HOSTILE[languageOf(rel)])() + text.slice(at);
    case 2:
      return text.slice(0, at) + pick(NOISE) + text.slice(at);
    case 3:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + int(200)));
    case 4: {
      const piece = text.slice(at, at + int(400));
      return text.slice(0, at) + piece.repeat(1 + int(5)) + text.slice(at);
    }
    default:
      return text.slice(0, at);
  }
}

function listFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) listFiles(p, out);
    else out.push(p);
  }
  return out;
}

function positionIn(text) {
  const lines = text.split('\n');
  const line = int(lines.length);
  return { line, character: int(lines[line].length + 1) };
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'ie-fuzz-'));
  cpSync(join(repoRoot, 'demo'), root, { recursive: true });
  const files = listFiles(root)
    .map((p) => relative(root, p).split('\\').join('/'))
    .filter((rel) => /\.(yml|rb|js|vue|haml)$/.test(rel));
  const proc = spawn(process.execPath, [join(repoRoot, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let exited = null;
  proc.on('exit', (code, signal) => (exited = `server exited (code ${code}, signal ${signal})`));
  const stderr = [];
  proc.stderr.on('data', (d) => stderr.push(String(d)));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  let ready = false;
  conn.onNotification('internalEvents/status', (p) => (ready ||= p.state === 'ready'));
  conn.onNotification(() => {});
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/configuration', () => [null]);
  conn.onRequest(() => null);
  conn.listen();

  const history = []; // the last edits, for the failure report
  let answered = 0;
  let failures = 0;
  const fail = (what) => {
    failures++;
    process.stderr.write(`FAIL (seed ${SEED}): ${what}\nlast edits:\n${history.slice(-8).join('\n')}\nserver stderr (tail):\n${stderr.join('').slice(-2000)}\n`);
  };
  /** A request that must be answered within ANSWER_MS (an error response is an answer). */
  const ask = async (method, params) => {
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), ANSWER_MS)));
    const started = Date.now();
    const outcome = await Promise.race([conn.sendRequest(method, params).then(() => 'ok', () => 'ok'), timeout]);
    clearTimeout(timer);
    const ms = Date.now() - started;
    if (outcome === 'timeout') fail(`${method} not answered within ${ANSWER_MS} ms`);
    else answered++;
    if (ms > 1000) process.stdout.write(`slow: ${method} ${ms} ms after ${history[history.length - 1] ?? 'start'}\n`);
    if (ms > 1000 && process.env.FUZZ_DUMP) writeFileSync(`${process.env.FUZZ_DUMP}.${answered}`, lastText);
    return ms;
  };

  const uri = pathToFileURL(root).toString();
  await ask('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'fuzz' }], capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } }, initializationOptions: { trusted: true } });
  conn.sendNotification('initialized', {});
  const readyBy = Date.now() + 30_000;
  while (!ready && !exited && Date.now() < readyBy) await new Promise((r) => setTimeout(r, 100));
  if (!ready) fail('the index never became ready');

  const open = new Map(); // rel -> { version, text }
  const deadline = Date.now() + SECONDS * 1000;
  let edits = 0;
  let slowest = 0;
  while (Date.now() < deadline && !exited && failures === 0) {
    const rel = pick(files);
    const docUri = pathToFileURL(join(root, rel)).toString();
    let doc = open.get(rel);
    if (!doc) {
      doc = { version: 1, text: readFileSync(join(root, rel), 'utf8') };
      open.set(rel, doc);
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri: docUri, languageId: rel.endsWith('.yml') ? 'yaml' : 'plaintext', version: 1, text: doc.text } });
    }
    doc.text = mutate(doc.text, rel);
    lastText = doc.text;
    doc.version++;
    edits++;
    history.push(`${rel} v${doc.version} (${doc.text.length} chars)`);
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: docUri, version: doc.version }, contentChanges: [{ text: doc.text }] });
    const textDocument = { uri: docUri };
    for (let n = 1 + int(3); n > 0 && !exited; n--) {
      const position = positionIn(doc.text);
      const range = { start: position, end: position };
      const [method, params] = pick([
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/completion', { textDocument, position }],
        ['textDocument/definition', { textDocument, position }],
        ['textDocument/documentSymbol', { textDocument }],
        ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
      ]);
      slowest = Math.max(slowest, await ask(method, params));
    }
    // Now and then back to the disk's text, so edits do not only pile up in one file.
    if (random() < 0.1) {
      conn.sendNotification('textDocument/didClose', { textDocument });
      open.delete(rel);
    }
  }
  if (exited) fail(exited);
  process.stdout.write(`fuzz: seed ${SEED}, ${SECONDS} s, ${edits} edits, slowest answer ${slowest} ms\n`);
  process.stdout.write(`${answered} passed, ${failures} failed\n`);
  try {
    await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    conn.sendNotification('exit').catch(() => undefined);
  } catch {
    /* gone */
  }
  conn.dispose();
  proc.kill();
  rmSync(root, { recursive: true, force: true });
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((e) => {
  process.stderr.write(`fuzz: ${e.stack ?? e}\n`);
  process.exitCode = 1;
});
