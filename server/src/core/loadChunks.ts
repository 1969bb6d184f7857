// The chunks of a load, grouped by the code that analyses them. Every thread has its own V8
// isolate, and each compiles (JIT) the code it runs: with chunks dealt out in walk order both
// threads compiled every parser, and V8's compiler threads took about a third of the load's CPU
// on two cores. So definitions come first for every thread (the open files wait for them), then
// workers prefer Ruby (Prism and its walker) and the main thread the rest (Babel, Vue, HAML…);
// a thread whose kind has run out takes the other's, so no core idles.
import { languageOf } from './callsites/index';
import type { WorkItem } from './indexWorkerPool';

export type ChunkPreference = 'ruby' | 'other';

export class LoadChunks {
  private readonly definitions: WorkItem[][] = [];
  private readonly ruby: WorkItem[][] = [];
  private readonly other: WorkItem[][] = [];
  /** Chunks given back (a worker that failed): taken before anything else. */
  private readonly returned: WorkItem[][] = [];

  constructor(items: WorkItem[], size: number) {
    const byGroup: Record<'definitions' | 'ruby' | 'other', WorkItem[]> = { definitions: [], ruby: [], other: [] };
    for (const item of items) byGroup[item.kind !== 'source' ? 'definitions' : languageOf(item.rel) === 'ruby' ? 'ruby' : 'other'].push(item);
    for (const [group, list] of Object.entries(byGroup) as ['definitions' | 'ruby' | 'other', WorkItem[]][]) {
      for (let i = 0; i < list.length; i += size) this[group].push(list.slice(i, i + size));
    }
  }

  get length(): number {
    return this.returned.length + this.definitions.length + this.ruby.length + this.other.length;
  }

  take(prefer: ChunkPreference): WorkItem[] | undefined {
    const [mine, theirs] = prefer === 'ruby' ? [this.ruby, this.other] : [this.other, this.ruby];
    return this.returned.shift() ?? this.definitions.shift() ?? mine.shift() ?? theirs.shift();
  }

  giveBack(chunk: WorkItem[]): void {
    this.returned.push(chunk);
  }
}
