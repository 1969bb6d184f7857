// The warm start's stat pass on a worker thread: the same stamps as fs.statSync, in order, and
// undefined for a file that is not there.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { statInWorker } from '../../server/src/core/statInWorker';
import { NodeFileSystem } from '../../server/src/core/fileSystem';

describe('statInWorker', () => {
  it('gives each path its size and mtime, in order, and undefined for a missing one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-stat-'));
    const a = path.join(dir, 'a.rb');
    const b = path.join(dir, 'b.yml');
    fs.writeFileSync(a, 'x'.repeat(17));
    fs.writeFileSync(b, '');
    fs.utimesSync(a, new Date(1_700_000_000_000), new Date(1_700_000_123_456));
    const stamps = await statInWorker([a, path.join(dir, 'missing.rb'), b]);
    assert.ok(stamps);
    assert.deepEqual(stamps[0], { size: 17, mtimeMs: fs.statSync(a).mtimeMs });
    assert.equal(stamps[0]!.mtimeMs, 1_700_000_123_456);
    assert.equal(stamps[1], undefined);
    assert.deepEqual(stamps[2], { size: 0, mtimeMs: fs.statSync(b).mtimeMs });
  });

  it('an empty list is an empty answer', async () => {
    assert.deepEqual(await statInWorker([]), []);
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
