// Where a load's CPU time goes, by OS thread: the main thread, the threads started during the load
// (the index, scan and read-ahead workers) and the threads the process had before it (V8's
// background threads: concurrent compilation and GC). Linux only (/proc/self/task); elsewhere it
// reports nothing. Sampled every 100 ms, since a worker's thread is gone once it stops (the last
// 100 ms of a worker can be missed).
import * as fs from 'node:fs';

interface ThreadTime {
  cpuMs: number;
  startedDuringLoad: boolean;
}

function readTaskCpuMs(tid: string): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

function taskIds(): string[] {
  try {
    return fs.readdirSync('/proc/self/task');
  } catch {
    return [];
  }
}

export class ThreadCpuSampler {
  /** CPU time each thread had when the sampler started: only the load's share is reported. */
  private readonly before = new Map(taskIds().map((tid) => [tid, readTaskCpuMs(tid) ?? 0]));
  private readonly threads = new Map<string, ThreadTime>();
  private readonly timer = setInterval(() => this.sample(), 100);

  private sample(): void {
    for (const tid of taskIds()) {
      const cpuMs = readTaskCpuMs(tid);
      if (cpuMs !== undefined) this.threads.set(tid, { cpuMs: cpuMs - (this.before.get(tid) ?? 0), startedDuringLoad: !this.before.has(tid) });
    }
  }

  /** One line: CPU seconds of the main thread, the load's own threads and the runtime's; '' off Linux. */
  stop(): string {
    clearInterval(this.timer);
    this.sample();
    if (this.threads.size === 0) return '';
    const main = this.threads.get(String(process.pid))?.cpuMs ?? 0;
    let started = 0;
    let startedCount = 0;
    let runtime = 0;
    for (const [tid, t] of this.threads) {
      if (tid === String(process.pid)) continue;
      if (t.startedDuringLoad) {
        started += t.cpuMs;
        if (t.cpuMs > 0) startedCount++;
      } else runtime += t.cpuMs;
    }
    const s = (ms: number) => (ms / 1000).toFixed(1);
    return `cpu: ${s(main + started + runtime)} s = main thread ${s(main)} s + ${startedCount} worker thread(s) ${s(started)} s + V8's background threads (JIT, GC) ${s(runtime)} s`;
  }
}
