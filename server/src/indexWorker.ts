// Entry point of the index worker thread (see core/indexWorkerPool.ts): analyses the files it is
// sent with the same pure functions the main thread uses.
import { parentPort, workerData } from 'node:worker_threads';
import { NodeFileSystem } from './core/fileSystem';
import { loadSchemaSet } from './core/schemaSet';
import { initCallSiteParsers } from './core/callsites/index';
import { analyseOnDisk } from './core/fileAnalysis';
import type { WorkerInit, WorkerReply, WorkerRequest, WorkResult } from './core/indexWorkerPool';

const init = workerData as WorkerInit;
const host = new NodeFileSystem();
const schemas = loadSchemaSet(host, init.root);
// Prism's WASM start-up is only waited for by chunks with source files: the definitions, sent
// first, start at once. (A failed start-up fails those chunks, and the main thread takes them.)
const parsersReady = initCallSiteParsers();
parsersReady.catch(() => undefined);

parentPort!.on('message', async (req: WorkerRequest) => {
  try {
    if (req.items.some((item) => item.kind === 'source')) await parsersReady;
    const results: WorkResult[] = req.items.map((item) => analyseOnDisk(host, init.root, item, init.settings, schemas));
    parentPort!.postMessage({ id: req.id, results } satisfies WorkerReply);
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: (e as Error).stack ?? String(e) } satisfies WorkerReply);
  }
});
