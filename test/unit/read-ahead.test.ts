// The load's read-ahead (readAhead.ts): a worker's reads answer exactly as the host's own
// readBytes would (bytes, 'too-large', missing, a folder), with the stamp of the bytes read, once
// per file; anything else goes to the disk.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from '../../server/src/core/fileSystem';
import type { FileStamp } from '../../server/src/core/workspaceScan';
import { ReadAhead, prefetchedHost } from '../../server/src/core/readAhead';

describe('ReadAhead', () => {
  const disk = new NodeFileSystem();
  let dir: string;
  let reader: ReadAhead;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-read-'));
    fs.writeFileSync(path.join(dir, 'a.yml'), 'action: a\n');
    fs.writeFileSync(path.join(dir, 'empty.rb'), '');
    fs.writeFileSync(path.join(dir, 'big.js'), 'x'.repeat(100));
    fs.writeFileSync(path.join(dir, 'utf8.rb'), "track_internal_event('é')\n");
    fs.mkdirSync(path.join(dir, 'folder.rb'));
    reader = ReadAhead.start()!;
  });
  after(() => {
    reader.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const names = ['a.yml', 'empty.rb', 'big.js', 'utf8.rb', 'folder.rb', 'missing.rb'];

  it('answers every kind of file as readBytes does, with the same stamps', async () => {
    assert.ok(reader);
    const files = await reader.read(names.map((n) => ({ abs: path.join(dir, n), maxBytes: 50 })));
    assert.ok(files);
    const host = prefetchedHost(disk, files);
    for (const name of names) {
      const abs = path.join(dir, name);
      const [mine, theirs]: FileStamp[] = [{ size: -1, mtimeMs: -1 }, { size: -1, mtimeMs: -1 }];
      const read = host.readBytes(abs, 50, mine);
      assert.deepEqual(read, disk.readBytes(abs, 50, theirs), name);
      assert.deepEqual(mine, theirs, name);
    }
    assert.equal(files.size, 0, 'each read answered once');
    assert.equal(String(host.readBytes(path.join(dir, 'utf8.rb'), 50)), "track_internal_event('é')\n");
  });

  it('a different limit, or a file not read ahead, goes to the disk', async () => {
    const files = await reader.read([{ abs: path.join(dir, 'big.js'), maxBytes: 50 }]);
    assert.ok(files);
    const host = prefetchedHost(disk, files);
    assert.equal(host.readBytes(path.join(dir, 'big.js'), 1000)?.length, 100);
    assert.equal(String(host.readBytes(path.join(dir, 'a.yml'), 1000)), 'action: a\n');
  });

  it('a stopped reader answers undefined, so the caller reads for itself', async () => {
    const stopped = ReadAhead.start()!;
    stopped.stop();
    assert.equal(await stopped.read([{ abs: path.join(dir, 'a.yml'), maxBytes: 50 }]), undefined);
  });
});
