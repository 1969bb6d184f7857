// A minimal LSP client for protocol tests: starts the built server (dist/server.js) over stdio
// and speaks JSON-RPC to it, exactly as an editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REPO_ROOT, writeTree } from '../helpers/workspace';

export interface PublishedDiagnostics {
  uri: string;
  diagnostics: { range: { start: { line: number; character: number } }; code: string; message: string; severity: number }[];
}

export class LspTestClient {
  readonly conn: MessageConnection;
  readonly proc: ChildProcess;
  readonly diagnostics = new Map<string, PublishedDiagnostics['diagnostics']>();
  readonly statuses: { state: string; events: number; metrics: number }[] = [];
  readonly logs: string[] = [];
  private waiters: (() => void)[] = [];
  /** What the server's `workspace/configuration` request is answered with (the `internalEvents` section). */
  settings: Record<string, unknown> | null = null;
  /** A workspace folder's own answer (its `.vscode/settings.json`), by folder path: asked with its scopeUri. */
  folderSettings: Record<string, Record<string, unknown>> = {};
  /** Workspace folders after the root given to start/initialize (a multi-root workspace). */
  extraFolders: string[] = [];

  constructor() {
    this.proc = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => this.logs.push(String(d)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.wake();
    });
    this.conn.onNotification('internalEvents/status', (p: { state: string; events: number; metrics: number }) => {
      this.statuses.push(p);
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) =>
      p.items.map((item) => (item.scopeUri ? this.folderSettings[fileURLToPath(item.scopeUri)] : undefined) ?? this.settings),
    );
    this.conn.onNotification('$/progress', () => {});
    this.conn.listen();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when the predicate holds, re-checked after every notification. */
  async until(pred: () => boolean, what: string, timeoutMs = 15000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; logs:\n${this.logs.join('\n')}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  /** Initializes and waits until the whole index is ready. */
  async start(root: string, initializationOptions: Record<string, unknown> = { trusted: true }): Promise<void> {
    await this.initialize(root, initializationOptions);
    await this.until(() => this.statuses.some((s) => s.state === 'ready'), 'the index to be ready');
  }

  /** Initializes without waiting for the index. */
  async initialize(root: string, initializationOptions: Record<string, unknown> = { trusted: true }): Promise<void> {
    const uri = pathToFileURL(root).toString();
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'ws' }, ...this.extraFolders.map((f, i) => ({ uri: pathToFileURL(f).toString(), name: `ws${i + 2}` }))],
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
      initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
  }

  uri(root: string, rel: string): string {
    return pathToFileURL(path.join(root, rel)).toString();
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      // Written after the server may have gone (a slow shutdown, then kill): not worth a crash.
      this.conn.sendNotification('exit').catch(() => undefined);
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    this.proc.kill();
  }
}

/** A workspace written from `files` and the built server started on it, its index ready. */
export async function serverOnFiles(files: Record<string, string>): Promise<{ client: LspTestClient; root: string }> {
  const root = writeTree(files);
  const client = new LspTestClient();
  await client.start(root);
  return { client, root };
}
