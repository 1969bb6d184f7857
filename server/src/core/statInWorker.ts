// A warm start checks every workspace file's size and mtime against the analysis cache: 60,000
// stat calls, a third of a second of the main thread, while the main thread also has the cache
// to parse. A short-lived worker thread does the stats meanwhile, on the other core. Its script is
// a string (node:fs only), so it runs from the bundle, the tests and the bench alike.
import { Worker } from 'node:worker_threads';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

const STAT_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const out = new Float64Array(workerData.length * 2).fill(-1);
workerData.forEach((p, i) => {
  try {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (st) { out[2 * i] = st.size; out[2 * i + 1] = st.mtimeMs; }
  } catch {}
});
parentPort.postMessage(out, [out.buffer]);
`;

/**
 * The stamps of `paths` (undefined for a missing file), computed on a worker thread; undefined
 * when no worker could run, and the caller stats on its own thread instead.
 */
export function statInWorker(paths: string[]): Promise<(FileStamp | undefined)[] | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(STAT_SCRIPT, { eval: true, workerData: paths });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (out: Float64Array) => {
      const stamps = paths.map((_, i) => (out[2 * i] < 0 ? undefined : { size: out[2 * i], mtimeMs: out[2 * i + 1] }));
      resolve(stamps);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined)); // after a message: no effect
  });
}
