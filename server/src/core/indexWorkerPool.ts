// Loading a large workspace is CPU-bound (YAML parsing, Ajv, Prism). On machines with cores to
// spare, worker threads analyse chunks of files beside the main thread, which owns the maps.
// Results are plain data (definitions, diagnostics, call sites), cloned across the thread boundary.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DefinitionAnalysis, DefinitionKind, SourceAnalysis } from './fileAnalysis';
import type { IndexSettings } from './settings';
import type { FileStamp } from './workspaceScan';

export type WorkItem = { rel: string; kind: DefinitionKind | 'source' };
/** `stamp`: the size and mtime of the bytes analysed, when they came from disk (for the cache). */
export type WorkResult = ({ definition: DefinitionAnalysis } | { source: SourceAnalysis }) & { stamp?: FileStamp };

export interface WorkerRequest {
  id: number;
  items: WorkItem[];
}

export interface WorkerReply {
  id: number;
  results?: WorkResult[];
  error?: string;
}

export interface WorkerInit {
  root: string;
  settings: IndexSettings;
}

/**
 * Below this many files a worker costs more than it saves: its start-up (the bundle, the schemas,
 * Prism) and a second cold JIT take ~0.2 s, and the 9,000 definitions of the bench load in about
 * 1 s on one thread and on two alike. A GitLab-sized checkout (60,000 source files) is 1.3-1.5x
 * faster on two threads of a 2-core machine.
 */
export const PARALLEL_THRESHOLD = 20_000;
/** More threads than this only add cloning and contention: the main thread merges every result. */
const MAX_THREADS = 4;

/**
 * How many threads (the main one included) analyse files at load. `IE_INDEX_THREADS=N` decides
 * outright (1 for profiling and debugging). Otherwise one per core, for a large workspace.
 * (An earlier pool gave a worker one chunk at a time: each reply then waited for the main thread
 * to finish its own chunk, the worker sat idle a third of the time, and two threads measured
 * slower than one. The pool keeps two chunks in flight per worker; see ProjectIndex.indexAll.)
 */
export function indexThreadCount(files: number, env: NodeJS.ProcessEnv = process.env, cores: number = os.availableParallelism()): number {
  const forced = Number.parseInt(env.IE_INDEX_THREADS ?? '', 10);
  if (forced >= 1) return Math.min(forced, MAX_THREADS);
  if (files < PARALLEL_THRESHOLD) return 1;
  return Math.max(1, Math.min(MAX_THREADS, cores));
}

/** The worker script next to the running bundle (dist/), or the repository's dist/ for tests. */
function workerScript(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    for (const candidate of [path.join(dir, 'indexWorker.js'), path.join(dir, 'dist', 'indexWorker.js')]) {
      if (fs.existsSync(candidate)) return candidate;
    }
    dir = path.dirname(dir);
  }
  return undefined;
}

export class IndexWorker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkResult[]) => void; reject: (e: Error) => void }>();
  private failed: Error | undefined;

  private constructor(private readonly worker: Worker) {
    // An idle worker never keeps the process alive (one started early and then left unused by a
    // failed load must not hang the CLI); one with work pending does, until its reply.
    worker.unref();
    worker.on('message', (m: WorkerReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.results) p.resolve(m.results);
      else p.reject(new Error(m.error ?? 'worker failed'));
    });
    const failAll = (e: Error) => {
      this.failed = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`index worker exited (${code})`)));
  }

  /** A worker, or undefined when the script is not built or threads are unavailable. */
  static start(init: WorkerInit): IndexWorker | undefined {
    const script = workerScript();
    if (!script) return undefined;
    try {
      return new IndexWorker(new Worker(script, { workerData: init }));
    } catch {
      return undefined;
    }
  }

  run(items: WorkItem[]): Promise<WorkResult[]> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, items } satisfies WorkerRequest);
    });
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
