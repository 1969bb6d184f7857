// Reading a closed file costs four system calls (open, fstat, read, close): on these VMs 20-25 µs
// a file, 0.2 s of the 9,000-definition load's 1.2 s, all on the thread that parses. When the main
// thread analyses a load's files itself, a small worker reads its next chunks meanwhile, on the
// other core, and hands their bytes over in one transferred buffer per chunk. The analysis is
// unchanged: it reads through a host that answers from those bytes (prefetchedHost).
import { Worker } from 'node:worker_threads';
import type { FileSystemHost } from './fileSystem';
import type { FileStamp } from './workspaceScan';

/** One file's read, as the host's readBytes would have answered it. */
export interface PrefetchedFile {
  bytes: Buffer | 'too-large' | undefined;
  /** Of the bytes read (the same fstat), when the file could be opened. */
  stamp?: FileStamp;
  maxBytes: number;
}

const OK = 0;
const TOO_LARGE = 1;
const UNREADABLE = 2;

/**
 * The worker: node:fs only, from a string (it runs from the bundle, the tests and the bench
 * alike, and starts in milliseconds, without loading the bundle). Per file it answers status,
 * size, mtime and the bytes' offset in one buffer.
 */
const READ_SCRIPT = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', ({ id, paths, maxBytes }) => {
  const meta = new Float64Array(paths.length * 4);
  const parts = [];
  let total = 0;
  paths.forEach((p, i) => {
    let fd = -1;
    meta[4 * i] = ${UNREADABLE};
    meta[4 * i + 1] = -1;
    try {
      fd = fs.openSync(p, 'r');
      const st = fs.fstatSync(fd);
      meta[4 * i + 1] = st.size;
      meta[4 * i + 2] = st.mtimeMs;
      if (st.size > maxBytes[i]) { meta[4 * i] = ${TOO_LARGE}; return; }
      const buf = Buffer.allocUnsafeSlow(st.size);
      let off = 0;
      while (off < st.size) {
        const n = fs.readSync(fd, buf, off, st.size - off, off);
        if (n === 0) break;
        off += n;
      }
      parts.push(off === st.size ? buf : buf.subarray(0, off));
      meta[4 * i] = ${OK};
      meta[4 * i + 3] = off;
      total += off;
    } catch {
    } finally {
      if (fd >= 0) try { fs.closeSync(fd); } catch {}
    }
  });
  const data = new Uint8Array(total);
  let at = 0;
  for (const part of parts) { data.set(part, at); at += part.length; }
  parentPort.postMessage({ id, meta, data }, [meta.buffer, data.buffer]);
});
`;

interface Reply {
  id: number;
  meta: Float64Array;
  data: Uint8Array;
}

export class ReadAhead {
  private nextId = 1;
  private readonly pending = new Map<number, { paths: string[]; maxBytes: number[]; done: (files: Map<string, PrefetchedFile> | undefined) => void }>();
  private failed = false;

  private constructor(private readonly worker: Worker) {
    worker.unref(); // never keeps a process alive: a read not answered is simply done on the spot
    worker.on('message', (reply: Reply) => this.answer(reply));
    const fail = () => {
      this.failed = true;
      for (const p of this.pending.values()) p.done(undefined);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
  }

  /** A reader, or undefined when no worker can start (the caller reads on its own thread). */
  static start(): ReadAhead | undefined {
    try {
      return new ReadAhead(new Worker(READ_SCRIPT, { eval: true }));
    } catch {
      return undefined;
    }
  }

  /** The files read, by absolute path; undefined when the reader failed. */
  read(requests: { abs: string; maxBytes: number }[]): Promise<Map<string, PrefetchedFile> | undefined> {
    if (this.failed) return Promise.resolve(undefined);
    const id = this.nextId++;
    const paths = requests.map((r) => r.abs);
    const maxBytes = requests.map((r) => r.maxBytes);
    return new Promise((done) => {
      this.pending.set(id, { paths, maxBytes, done });
      this.worker.postMessage({ id, paths, maxBytes });
    });
  }

  private answer({ id, meta, data }: Reply): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    const files = new Map<string, PrefetchedFile>();
    let at = 0;
    request.paths.forEach((abs, i) => {
      const status = meta[4 * i];
      // As readBytes: the stamp of a file that could be opened, even when its read then failed.
      const stamp = meta[4 * i + 1] < 0 ? undefined : { size: meta[4 * i + 1], mtimeMs: meta[4 * i + 2] };
      let bytes: PrefetchedFile['bytes'];
      if (status === OK) {
        const length = meta[4 * i + 3];
        bytes = Buffer.from(data.buffer, data.byteOffset + at, length);
        at += length;
      } else bytes = status === TOO_LARGE ? 'too-large' : undefined;
      files.set(abs, { bytes, stamp, maxBytes: request.maxBytes[i] });
    });
    request.done(files);
  }

  stop(): void {
    this.failed = true;
    void this.worker.terminate();
  }
}

/**
 * `inner`, except that readBytes answers from `files` (once per file, with the same limit the
 * read was made with); anything else, and any other file, goes to `inner`.
 */
export function prefetchedHost(inner: FileSystemHost, files: Map<string, PrefetchedFile>): FileSystemHost {
  return {
    readText: (abs) => inner.readText(abs),
    exists: (abs) => inner.exists(abs),
    glob: (root, patterns, ignore) => inner.glob(root, patterns, ignore),
    size: (abs) => inner.size(abs),
    stamp: (abs) => inner.stamp(abs),
    listSources: (plan) => inner.listSources(plan),
    readBytes: (abs, maxBytes, stamp) => {
      const file = files.get(abs);
      if (!file || file.maxBytes !== maxBytes) return inner.readBytes(abs, maxBytes, stamp);
      files.delete(abs);
      if (stamp && file.stamp) {
        stamp.size = file.stamp.size;
        stamp.mtimeMs = file.stamp.mtimeMs;
      }
      return file.bytes;
    },
  };
}
