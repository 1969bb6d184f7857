// Issue 15's churn test in process: the sequence of test/helpers/churn.ts applied through the
// index's update API the server uses (updatePath, setOverlay), with what the editor shows
// (PublishedView) compared with a fresh load at several checkpoints.
// `npm run churn -- --seed N --ops N` runs a longer one; test/protocol/churn.test.ts runs it
// against the built server.
import { strict as assert } from 'node:assert';
import { indexTree } from '../helpers/workspace';
import { PublishedView } from '../helpers/publishedView';
import { churn, seedTree, type Editor } from '../helpers/churn';

const SEED = Number(process.env.CHURN_SEED ?? 15);
const OPS = Number(process.env.CHURN_OPS ?? 300);
const CHECKPOINTS = Number(process.env.CHURN_CHECKPOINTS ?? 6);

describe('churn: the index after any sequence of edits equals a fresh load', function () {
  this.timeout(Math.max(30000, OPS * 200));
  it(`seed ${SEED}, ${OPS} operations, ${CHECKPOINTS} checkpoints`, async () => {
    const index = await indexTree(seedTree(SEED));
    const view = new PublishedView(index);
    const editor: Editor = {
      root: index.root,
      // As server.ts handles watched files: a Changed event of an open file is skipped.
      fileEvent(rel, type) {
        if (type === 'changed' && index.hasOverlay(rel)) return;
        view.publish(index.updatePath(rel));
      },
      tab(rel, text) {
        view.publish(index.setOverlay(rel, text));
      },
      shown: async () => view.lines(),
    };
    const { checkpoints } = await churn(SEED, OPS, CHECKPOINTS, editor);
    assert.equal(checkpoints, CHECKPOINTS);
  });
});
