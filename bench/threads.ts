// Cold loads with 1, 2 and "auto" index threads, each in a fresh process (no JIT or cache carried
// over), interleaved and repeated so the shared machine's noise falls on every setting alike.
import { spawnSync } from 'node:child_process';

export type ThreadSetting = '1' | '2' | 'auto';

/** One cold load in a child process started with `--cold-load <workspace>`; its wall time in ms. */
function coldLoadIn(workspace: 'definitions' | 'full', threads: ThreadSetting): number | undefined {
  const env = { ...process.env, IE_INDEX_THREADS: threads === 'auto' ? '' : threads };
  const r = spawnSync(process.execPath, ['--expose-gc', process.argv[1], '--cold-load', workspace], { encoding: 'utf8', env });
  const m = /cold load: ([\d.]+) ms/.exec(r.stdout ?? '');
  return m ? Number(m[1]) : undefined;
}

export function threadsBench(workspace: 'definitions' | 'full', label: string, repeats = 3): void {
  const settings: ThreadSetting[] = ['1', '2', 'auto'];
  const samples = new Map<ThreadSetting, number[]>(settings.map((s) => [s, []]));
  for (let i = 0; i < repeats; i++) {
    for (const s of settings) {
      const t = coldLoadIn(workspace, s);
      if (t !== undefined) samples.get(s)!.push(t);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const parts = settings.map((s) => {
    const xs = samples.get(s)!;
    return xs.length ? `${s === 'auto' ? 'auto' : `${s} thread${s === '1' ? '' : 's'}`} ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})` : `${s}: failed`;
  });
  console.log(`index threads, ${label}, cold load in a fresh process, median of ${repeats}: ${parts.join('; ')}`);
}
