// The warm start's scan on a worker thread: the same stamps as fs.statSync, in order, and
// undefined for a file that is not there; and the walk's sources, stamped after the given paths.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanInWorker } from '../../server/src/core/workspaceScan';
import { walkPlan } from '../../server/src/core/sourceWalk';
import { NodeFileSystem } from '../../server/src/core/fileSystem';

describe('scanInWorker', () => {
  it('gives each path its size and mtime, in order, and undefined for a missing one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-stat-'));
    const a = path.join(dir, 'a.rb');
    const b = path.join(dir, 'b.yml');
    fs.writeFileSync(a, 'x'.repeat(17));
    fs.writeFileSync(b, '');
    fs.utimesSync(a, new Date(1_700_000_000_000), new Date(1_700_000_123_456));
    const scan = scanInWorker(undefined, [a, path.join(dir, 'missing.rb'), b]);
    assert.deepEqual(await scan.sources, []);
    const stamps = await scan.stamps;
    assert.ok(stamps);
    assert.deepEqual(stamps[0], { size: 17, mtimeMs: fs.statSync(a).mtimeMs });
    assert.equal(stamps[0]!.mtimeMs, 1_700_000_123_456);
    assert.equal(stamps[1], undefined);
    assert.deepEqual(stamps[2], { size: 0, mtimeMs: fs.statSync(b).mtimeMs });
  });

  it('an empty list is an empty answer', async () => {
    const scan = scanInWorker(undefined, []);
    assert.deepEqual([await scan.sources, await scan.stamps], [[], []]);
  });

  it('walks the plan on the worker and stamps each source after the given paths', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-scan-'));
    for (const rel of ['app/a.rb', 'app/b.txt', 'vendor/c.rb', 'config/events/e.yml']) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), rel);
    }
    const event = path.join(dir, 'config/events/e.yml');
    const scan = scanInWorker(walkPlan(dir, { extensions: ['rb'], exclude: ['**/vendor/**'] }), [event]);
    assert.deepEqual(await scan.sources, ['app/a.rb']);
    assert.deepEqual(await scan.stamps, [
      { size: fs.statSync(event).size, mtimeMs: fs.statSync(event).mtimeMs },
      { size: 'app/a.rb'.length, mtimeMs: fs.statSync(path.join(dir, 'app/a.rb')).mtimeMs },
    ]);
  });

  it('a read reports the stamp of the bytes it read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-stat-'));
    const file = path.join(dir, 'c.js');
    fs.writeFileSync(file, 'trackEvent("x")\n');
    const stamp = { size: -1, mtimeMs: -1 };
    const bytes = new NodeFileSystem().readBytes(file, 1024, stamp);
    assert.ok(Buffer.isBuffer(bytes));
    assert.deepEqual(stamp, { size: bytes.length, mtimeMs: fs.statSync(file).mtimeMs });
  });
});
