// The language server itself on the 60k workspace, over LSP as VS Code starts it: the time from
// `initialize` to the index being ready, cold and then warm from its analysis cache, and the
// server process's memory (resident now, and its peak) once it is ready.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient } from '../test/protocol/lspClient';

function procStatusMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    return NaN;
  }
}

/**
 * `--server-only --heap-snapshot`: the ready server writes a heap snapshot into its working
 * directory (it runs with --heapsnapshot-signal, see serverBench), for finding what holds memory.
 */
async function heapSnapshotOf(client: LspTestClient): Promise<void> {
  const before = new Set(fs.readdirSync(process.cwd()));
  client.proc.kill('SIGUSR2');
  // The snapshot is written on the server's main thread: any answer comes after it is complete.
  await client.request('internalEvents/benchPing', {}).catch(() => undefined);
  const written = fs.readdirSync(process.cwd()).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
  console.log(`heap snapshot of the server: ${written ? path.resolve(written) : 'not written'}`);
}

async function startOnce(root: string, storagePath: string): Promise<{ readyMs: number; rss: number; peak: number }> {
  const client = new LspTestClient();
  try {
    const t0 = performance.now();
    await client.initialize(root, { trusted: true, storagePath });
    await client.until(() => client.statuses.some((s) => s.state === 'ready'), 'the index to be ready', 180_000);
    const readyMs = performance.now() - t0;
    // A moment for the cache write and the collector to settle, as a user's idle server would.
    await new Promise((r) => setTimeout(r, 8000));
    const indexed = client.logs.find((l) => l.includes('after the load: memory:'));
    if (indexed) console.log(`  (server log: ${indexed.trim()})`);
    if (process.argv.includes('--heap-snapshot')) await heapSnapshotOf(client);
    return { readyMs, rss: procStatusMb(client.proc.pid, 'VmRSS'), peak: procStatusMb(client.proc.pid, 'VmHWM') };
  } finally {
    await client.stop();
  }
}

export async function serverBench(root: string, label: string): Promise<void> {
  if (process.argv.includes('--heap-snapshot')) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --heapsnapshot-signal=SIGUSR2`;
  const storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-bench-storage-'));
  try {
    const cold = await startOnce(root, storagePath);
    const warm = await startOnce(root, storagePath);
    const f = (n: number) => `${n.toFixed(0)} MB`;
    console.log(`language server over LSP, ${label}: ready ${cold.readyMs.toFixed(0)} ms cold, ${warm.readyMs.toFixed(0)} ms warm from its cache (initialize → index ready, process start included)`);
    console.log(`language server memory once ready (target: rss ≤ 250 MB): rss ${f(cold.rss)} cold, peak ${f(cold.peak)}; rss ${f(warm.rss)} warm, peak ${f(warm.peak)}`);
  } finally {
    fs.rmSync(storagePath, { recursive: true, force: true });
  }
}
