// detachedCopy (detachedCopy.ts): the same value as structuredClone gives, with no string still a
// view into the text it was cut from.
import { strict as assert } from 'node:assert';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { detachedCopy } from '../../server/src/core/detachedCopy';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

describe('detachedCopy', () => {
  const cases: { name: string; value: unknown }[] = [
    { name: 'a plain object with nested arrays', value: { rel: 'app/a.rb', callSites: [{ event: 'a_long_event_name_here', range: { start: { line: 1, character: 2 } }, identifiers: ['user'] }], log: [] } },
    { name: 'Maps and Sets', value: { declared: new Map([['label', { type: 'string' }]]), names: new Set(['x', 'a_name_longer_than_13']) } },
    { name: 'undefined, null, numbers and booleans', value: { a: undefined, b: null, c: 0, d: -1.5, e: true, f: [undefined, null] } },
    { name: 'a bare string', value: 'short' },
  ];
  for (const c of cases) {
    it(`gives what structuredClone gives: ${c.name}`, () => {
      const copied = detachedCopy(c.value);
      assert.deepEqual(copied, structuredClone(c.value));
      if (typeof c.value === 'object' && c.value !== null) assert.notEqual(copied, c.value);
    });
  }

  it('a name cut from a large text does not keep the text alive', () => {
    const keep = (detach: boolean) => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const names: string[] = [];
      for (let i = 0; i < 40; i++) {
        const text = 'x'.repeat(1 << 20) + i; // 1 MB, a fresh string each time
        const name = text.slice(500_000, 500_030);
        names.push(detach ? detachedCopy(name) : name);
      }
      gc();
      const grown = process.memoryUsage().heapUsed - before;
      assert.equal(names.length, 40);
      return grown;
    };
    // The undetached slices hold the 40 MB of text; the detached copies hold only the names.
    assert.ok(keep(false) > 30 * 1048576, 'the check itself sees retained text');
    assert.ok(keep(true) < 5 * 1048576);
  });
});
