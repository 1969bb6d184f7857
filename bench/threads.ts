// Cold loads with 1, 2 and "auto" index threads, each in a fresh process (no JIT or cache carried
// over), interleaved and repeated so the shared machine's noise falls on every setting alike.
import { spawnSync } from 'node:child_process';

export type ThreadSetting = '1' | '2' | 'auto';

interface ColdLoad {
  ms: number;
  /** Where its CPU time went, by thread (threadCpu.ts), when the platform tells. */
  cpu?: string;
}

/** One cold load in a child process started with `--cold-load <workspace>`. */
function coldLoadIn(workspace: 'definitions' | 'full', threads: ThreadSetting): ColdLoad | undefined {
  const env = { ...process.env, IE_INDEX_THREADS: threads === 'auto' ? '' : threads };
  const r = spawnSync(process.execPath, ['--expose-gc', process.argv[1], '--cold-load', workspace], { encoding: 'utf8', env });
  const m = /cold load: ([\d.]+) ms/.exec(r.stdout ?? '');
  return m ? { ms: Number(m[1]), cpu: /^cpu: (.*)$/m.exec(r.stdout)?.[1] } : undefined;
}

export function threadsBench(workspace: 'definitions' | 'full', label: string, repeats = 3): void {
  const settings: ThreadSetting[] = ['1', '2', 'auto'];
  const samples = new Map<ThreadSetting, ColdLoad[]>(settings.map((s) => [s, []]));
  for (let i = 0; i < repeats; i++) {
    for (const s of settings) {
      const t = coldLoadIn(workspace, s);
      if (t !== undefined) samples.get(s)!.push(t);
    }
  }
  const median = (xs: ColdLoad[]) => [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)];
  const name = (s: ThreadSetting) => (s === 'auto' ? 'auto' : `${s} thread${s === '1' ? '' : 's'}`);
  const parts = settings.map((s) => {
    const xs = samples.get(s)!;
    return xs.length ? `${name(s)} ${median(xs).ms.toFixed(0)} ms (${xs.map((x) => x.ms.toFixed(0)).join(', ')})` : `${s}: failed`;
  });
  console.log(`index threads, ${label}, cold load in a fresh process, median of ${repeats}: ${parts.join('; ')}`);
  // Two cores cannot run more than twice the wall time: the CPU split says whether they were full.
  for (const s of settings) {
    const cpu = samples.get(s)!.length ? median(samples.get(s)!).cpu : undefined;
    if (cpu) console.log(`  ${name(s)}, the median run's ${cpu}`);
  }
}
