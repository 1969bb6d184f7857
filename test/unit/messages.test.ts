// Issue 11.9: Problems panels and CI logs show plain text. Across the demo workspace and GitLab's
// real definitions (both schema generations), no message carries markdown code spans.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { CORPUS, indexTree, listFilesRecursive, newestSchemaFiles, readConfigTree, REPO_ROOT } from '../helpers/workspace';
import * as fs from 'node:fs';

function withBackticks(index: Awaited<ReturnType<typeof indexTree>>): string[] {
  return index.files().flatMap((rel) => index.diagnostics(rel).filter((d) => d.message.includes('`')).map((d) => `${rel}: ${d.message}`));
}

describe('diagnostic messages are plain text (issue 11.9)', function () {
  this.timeout(60000);

  it('in the demo workspace', async () => {
    const demo = path.join(REPO_ROOT, 'demo');
    const files = Object.fromEntries(listFilesRecursive(demo).map((abs) => [path.relative(demo, abs).split(path.sep).join('/'), fs.readFileSync(abs)]));
    assert.deepEqual(withBackticks(await indexTree(files)), []);
  });

  it("in GitLab's definitions, with their own schema and with the newest", async () => {
    assert.deepEqual(withBackticks(await indexTree(readConfigTree(CORPUS))), []);
    const definitions = readConfigTree(CORPUS, (rel) => !rel.includes('/schema') && !rel.endsWith('schema.json'));
    assert.deepEqual(withBackticks(await indexTree({ ...definitions, ...newestSchemaFiles() })), []);
  });
});
