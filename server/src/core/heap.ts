// A full garbage collection on request. After a bulk load the heap holds hundreds of megabytes of
// dead parse trees that V8 would otherwise keep mapped until its idle-time memory reducer gets to
// them, if ever; one full collection then gives most of it back to the system. V8 offers gc()
// only behind --expose-gc: set at run time, the flag applies to contexts made afterwards.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let gc: (() => void) | null | undefined;

/** Runs a full collection; false when this runtime refuses one. */
export function collectGarbage(): boolean {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const found: unknown = vm.runInNewContext('typeof gc === "function" ? gc : null');
      gc = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  if (!gc) return false;
  gc();
  return true;
}

/** The process's memory in one line, for the log: where a user's report of a large server starts. */
export function memorySummary(): string {
  const m = process.memoryUsage();
  const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
  return `memory: rss ${mb(m.rss)}, JS heap ${mb(m.heapUsed)} used of ${mb(m.heapTotal)}, external ${mb(m.external)}`;
}
