// A warm start lists the workspace and checks every file's size and mtime against the analysis
// cache: a walk of 69,000 entries and as many stat calls on the bench's tree, over half a second
// of the main thread, which also has the cache to parse. A short-lived worker thread does both
// meanwhile, on the other core.
import { Worker } from 'node:worker_threads';
import { walkSources, type WalkPlan } from './sourceWalk';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * The worker's script: a string (node:fs only, and the walk's own source text), so it runs from the
 * bundle, the tests and the bench alike. It posts the walk's sources first (the caller can classify
 * them while the stats run), then one stamp per path of `stampFirst` followed by one per source, as
 * a Float64Array of (size, mtime) pairs, -1 when missing.
 */
const SCAN_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const walkSources = (${walkSources.toString()});
const { plan, stampFirst } = workerData;
const sources = plan ? walkSources(plan, fs) : [];
parentPort.postMessage(sources);
const paths = stampFirst.concat(sources.map((rel) => plan.root + '/' + rel));
const out = new Float64Array(paths.length * 2).fill(-1);
paths.forEach((p, i) => {
  try {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (st) { out[2 * i] = st.size; out[2 * i + 1] = st.mtimeMs; }
  } catch {}
});
parentPort.postMessage(out, [out.buffer]);
`;

/** A scan under way; each part is undefined when the worker failed (the caller does it itself). */
export interface WorkspaceScan {
  /** The files the walk found (none when no plan was given). */
  sources: Promise<string[] | undefined>;
  /** One per path of `stampFirst`, then one per source; undefined for a file not there. */
  stamps: Promise<(FileStamp | undefined)[] | undefined>;
}

/**
 * On a worker thread: the sources of `plan` (when given) walked, then `stampFirst` (absolute
 * paths) and every source stat'ed.
 */
export function scanInWorker(plan: WalkPlan | undefined, stampFirst: string[]): WorkspaceScan {
  let sourcesDone: (s: string[] | undefined) => void = () => {};
  let stampsDone: (s: (FileStamp | undefined)[] | undefined) => void = () => {};
  const scan: WorkspaceScan = { sources: new Promise((r) => (sourcesDone = r)), stamps: new Promise((r) => (stampsDone = r)) };
  const failed = () => {
    sourcesDone(undefined); // after an answer: no effect
    stampsDone(undefined);
  };
  let worker: Worker;
  try {
    worker = new Worker(SCAN_SCRIPT, { eval: true, workerData: { plan, stampFirst } });
  } catch {
    failed();
    return scan;
  }
  worker.on('message', (m: string[] | Float64Array) => {
    if (Array.isArray(m)) return sourcesDone(m);
    const stamps: (FileStamp | undefined)[] = new Array(m.length / 2);
    for (let i = 0; i < stamps.length; i++) stamps[i] = m[2 * i] < 0 ? undefined : { size: m[2 * i], mtimeMs: m[2 * i + 1] };
    stampsDone(stamps);
    void worker.terminate();
  });
  worker.once('error', failed);
  worker.once('exit', failed);
  return scan;
}
