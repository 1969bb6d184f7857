// Red Hat's yaml-language-server beside our load, on the same 9,000 definitions and the same
// schemas (issue 13). It validates opened documents only, so it gets a didOpen for every file and
// is timed until the last publishDiagnostics. Ours runs as a cold load + full check in a fresh
// process too, interleaved with it, so both start cold and the machine's noise falls on both.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { NodeFileSystem } from '../server/src/core/fileSystem';
import { ProjectIndex } from '../server/src/core/projectIndex';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { bundledSchemaDir, EVENT_SCHEMA, METRIC_SCHEMA } from '../server/src/core/schemaSet';

const EVENT_GLOBS = ['config/events/*.yml', 'ee/config/events/*.yml'];
const METRIC_GLOBS = ['config/metrics/**/*.yml', 'ee/config/metrics/**/*.yml'];
/** Asked of a child process (with `--yaml-ls-only`): one cold load + full check of ours. */
const OURS_ONCE = '--yaml-ls-ours-once';
const REPO = path.resolve(__dirname, '..', '..');
const SERVER_BIN = path.join(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server');

interface Run {
  ms: number;
  diagnostics: number;
}

interface YamlLsRun extends Run {
  /** Diagnostics yaml-language-server attributes to a JSON schema (its `source` names the schema). */
  schemaDiagnostics: number;
  /** Diagnostics saying a schema could not be loaded: a sign it tried to fetch or lost a $ref. */
  unloadedSchema: number;
}

/** The settings it asks for in `workspace/configuration`, by section. */
function yamlSettings(root: string): Record<string, unknown> {
  const schemas = bundledSchemaDir();
  // Absolute patterns: its relative ones never match under a dot folder such as bench/.generated
  // (found here: every file then got zero diagnostics).
  const under = (globs: string[]) => globs.map((g) => path.join(root, g));
  return {
    validate: true,
    hover: false,
    completion: false,
    format: { enable: false },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    schemas: {
      [pathToFileURL(path.join(schemas, EVENT_SCHEMA)).toString()]: under(EVENT_GLOBS),
      [pathToFileURL(path.join(schemas, METRIC_SCHEMA)).toString()]: under(METRIC_GLOBS),
    },
  };
}

function configurationSection(root: string, section: string | undefined): unknown {
  if (section === 'yaml') return yamlSettings(root);
  // An unreachable proxy: should it ever try to fetch a schema, that fails at once and shows as an
  // "unable to load schema" diagnostic, counted below, instead of reaching the network.
  if (section === 'http') return { proxy: 'http://127.0.0.1:9', proxyStrictSSL: true };
  return {};
}

async function yamlLanguageServerOnce(root: string, files: { uri: string; text: string }[]): Promise<YamlLsRun> {
  const proc = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  proc.stderr!.on('data', (d) => stderr.push(String(d)));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published = new Map<string, { message: string; source?: string }[]>();
  let wake: () => void = () => {};
  let configured: () => void = () => {};
  const configuredOnce = new Promise<void>((r) => (configured = r));
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { message: string; source?: string }[] }) => {
    published.set(p.uri, p.diagnostics);
    if (published.size >= files.length) wake();
  });
  conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
    const answer = p.items.map((i) => configurationSection(root, i.section));
    if (p.items.some((i) => i.section === 'yaml')) setTimeout(configured, 0);
    return answer;
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', () => {});
  conn.onNotification('telemetry/event', () => {});
  conn.listen();
  try {
    const rootUri = pathToFileURL(root).toString();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'definitions' }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } }, textDocument: { publishDiagnostics: {} } },
    });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings(root) } });
    await configuredOnce;
    await new Promise((r) => setTimeout(r, 300)); // let it apply the settings before the first open

    const all = new Promise<void>((r) => (wake = r));
    const t0 = process.hrtime.bigint();
    for (const f of files) void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: f.uri, languageId: 'yaml', version: 1, text: f.text } });
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10 * 60_000).unref());
    if ((await Promise.race([all, timeout])) === 'timeout') throw new Error(`diagnostics for ${published.size} of ${files.length} files after 10 min; stderr: ${stderr.join('').slice(-500)}`);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;

    let diagnostics = 0;
    let schemaDiagnostics = 0;
    let unloadedSchema = 0;
    for (const ds of published.values()) {
      diagnostics += ds.length;
      for (const d of ds) {
        if (d.source?.startsWith('yaml-schema')) schemaDiagnostics++;
        if (/unable to load schema|problems loading reference/i.test(d.message)) unloadedSchema++;
      }
    }
    return { ms, diagnostics, schemaDiagnostics, unloadedSchema };
  } finally {
    await Promise.race([conn.sendRequest('shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
    conn.sendNotification('exit').catch(() => undefined);
    conn.dispose();
    proc.kill();
  }
}

/** Ours, as definitionsBench measures it (a fresh ProjectIndex, load + every file's diagnostics). */
async function oursOnce(root: string): Promise<Run> {
  const t0 = process.hrtime.bigint();
  const index = new ProjectIndex(root, new NodeFileSystem(), DEFAULT_SETTINGS);
  await index.indexAll();
  let diagnostics = 0;
  for (const f of index.files()) diagnostics += index.diagnostics(f).length;
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, diagnostics };
}

/** Ours in a fresh process (started the way threads.ts starts its cold loads). */
function oursInChild(): Run | undefined {
  const r = spawnSync(process.execPath, ['--expose-gc', process.argv[1], '--yaml-ls-only', OURS_ONCE], { encoding: 'utf8' });
  const m = /^ours: (\{.*\})$/m.exec(r.stdout ?? '');
  return m ? (JSON.parse(m[1]) as Run) : undefined;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

export async function yamlLanguageServerBench(root: string, repeats = 3): Promise<void> {
  if (process.argv.includes(OURS_ONCE)) {
    console.log(`ours: ${JSON.stringify(await oursOnce(root))}`);
    return;
  }
  if (!fs.existsSync(SERVER_BIN)) {
    console.log('yaml-language-server: not installed (npm ci installs it as a devDependency); comparison skipped');
    return;
  }
  const rels = new NodeFileSystem().glob(root, [...EVENT_GLOBS, ...METRIC_GLOBS], []);
  const files = rels.map((rel) => ({ uri: pathToFileURL(path.join(root, rel)).toString(), text: fs.readFileSync(path.join(root, rel), 'utf8') }));
  const theirs: YamlLsRun[] = [];
  const ours: Run[] = [];
  for (let i = 0; i < repeats; i++) {
    try {
      theirs.push(await yamlLanguageServerOnce(root, files));
    } catch (e) {
      console.log(`yaml-language-server run ${i + 1} failed: ${(e as Error).message}`);
    }
    const o = oursInChild();
    if (o) ours.push(o);
    else console.log(`our cold load in a child process, run ${i + 1}: failed`);
  }
  if (!theirs.length || !ours.length) return;
  const n = files.length.toLocaleString('en-US');
  const t = median(theirs.map((r) => r.ms));
  const o = median(ours.map((r) => r.ms));
  const last = theirs[theirs.length - 1];
  console.log(
    `yaml-language-server, the same ${n} files and schemas (it validates opened documents only, so all ${n} opened): ` +
      `${t.toFixed(0)} ms (open → all diagnostics, ${last.diagnostics} diagnostics, ${last.schemaDiagnostics} from the schemas` +
      `${last.unloadedSchema ? `, ${last.unloadedSchema} say a schema did not load` : ''}); ` +
      `ours: ${o.toFixed(0)} ms load + full check (${ours[ours.length - 1].diagnostics} diagnostics) = ${(t / o).toFixed(1)}× faster ` +
      `(cold processes, median of ${repeats}; theirs ${theirs.map((r) => r.ms.toFixed(0)).join(', ')}; ours ${ours.map((r) => r.ms.toFixed(0)).join(', ')})`,
  );
}
