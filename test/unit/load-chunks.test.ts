// The load's chunks (loadChunks.ts): definitions first for every thread, then each thread its own
// kind of source (workers Ruby, the main thread the rest), then the other's; every file once.
import { strict as assert } from 'node:assert';
import { LoadChunks, type ChunkPreference } from '../../server/src/core/loadChunks';
import type { WorkItem } from '../../server/src/core/indexWorkerPool';

const items: WorkItem[] = [
  { rel: 'app/a.rb', kind: 'source' },
  { rel: 'app/a.js', kind: 'source' },
  { rel: 'config/events/e1.yml', kind: 'event' },
  { rel: 'lib/tasks/t.rake', kind: 'source' },
  { rel: 'app/v.vue', kind: 'source' },
  { rel: 'config/metrics/m.yml', kind: 'metric' },
  { rel: 'app/b.rb', kind: 'source' },
  { rel: 'app/h.haml', kind: 'source' },
];

const names = (chunk: WorkItem[] | undefined) => chunk?.map((i) => i.rel);

describe('LoadChunks', () => {
  const cases: { name: string; takes: ChunkPreference[]; expected: (string[] | undefined)[] }[] = [
    {
      name: 'a worker: definitions, then Ruby (.rb and .rake), then the rest',
      takes: ['ruby', 'ruby', 'ruby', 'ruby', 'ruby'],
      expected: [['config/events/e1.yml', 'config/metrics/m.yml'], ['app/a.rb', 'lib/tasks/t.rake'], ['app/b.rb'], ['app/a.js', 'app/v.vue'], ['app/h.haml']],
    },
    {
      name: 'the main thread: definitions, then the rest, then Ruby',
      takes: ['other', 'other', 'other', 'other', 'other'],
      expected: [['config/events/e1.yml', 'config/metrics/m.yml'], ['app/a.js', 'app/v.vue'], ['app/h.haml'], ['app/a.rb', 'lib/tasks/t.rake'], ['app/b.rb']],
    },
    {
      name: 'both at once: each keeps to its kind while it lasts',
      takes: ['other', 'ruby', 'other', 'ruby', 'ruby', 'ruby'],
      expected: [['config/events/e1.yml', 'config/metrics/m.yml'], ['app/a.rb', 'lib/tasks/t.rake'], ['app/a.js', 'app/v.vue'], ['app/b.rb'], ['app/h.haml'], undefined],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const chunks = new LoadChunks(items, 2);
      assert.equal(chunks.length, 5);
      assert.deepEqual(c.takes.map((p) => names(chunks.take(p))), c.expected);
      assert.equal(chunks.length, 0);
    });
  }

  it('a chunk given back (its worker failed) is the next one taken, by any thread', () => {
    const chunks = new LoadChunks(items, 4);
    const first = chunks.take('ruby')!;
    chunks.giveBack(first);
    assert.deepEqual(names(chunks.take('other')), names(first));
  });

  it('every file is in exactly one chunk, whatever the order taken', () => {
    const chunks = new LoadChunks(items, 3);
    const seen: string[] = [];
    for (let i = 0, c = chunks.take('ruby'); c; i++, c = chunks.take(i % 2 ? 'other' : 'ruby')) seen.push(...names(c)!);
    assert.deepEqual([...seen].sort(), items.map((i) => i.rel).sort());
  });
});
