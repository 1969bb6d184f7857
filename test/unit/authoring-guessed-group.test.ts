// Issue 11.5: a guessed product group is marked as a guess in the file it is written to, with the
// reason, and the author gets "Confirm" (drops the mark) and "Change…" (the editor asks which group).
import { strict as assert } from 'node:assert';
import { eventYaml, indexTree } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { applyReplacements, quickFixesFor, type AuthoringFix } from '../../server/src/core/authoring/index';
import { toCodeAction } from '../../server/src/authoringHandlers';
import { buildMetricDefinition, TOTAL_ALL_TIME } from '../../server/src/core/authoring/createMetrics';
import { buildNewMetrics } from '../../server/src/core/authoring/newMetric';

const GUESSED = "product_group: code_review # guessed: the event tracked in app/services/x/ is code_review's";
const FILE = 'config/events/guessed.yml';

describe('authoring: a guessed product group (issue 11.5)', function () {
  this.timeout(30000);
  let index: ProjectIndex;
  let fixes: AuthoringFix[];
  before(async () => {
    index = await indexTree({ [FILE]: eventYaml('guessed', { product_group: GUESSED }) });
    const diagnostic = index.diagnostics(FILE).find((d) => d.code === 'guessed-product-group');
    assert.ok(diagnostic);
    fixes = quickFixesFor(index, FILE, index.readText(FILE)!, diagnostic, () => false);
  });

  it('"Confirm" removes the mark and keeps the value', () => {
    const confirm = fixes.find((f) => f.title === "Confirm product group 'code_review'");
    assert.ok(confirm?.preferred);
    const change = confirm.changes[0];
    assert.ok(change.kind === 'edit');
    const after = applyReplacements(index.readText(FILE)!, change.edits);
    assert.match(after, /\nproduct_group: code_review\nproduct_categories:/);
  });

  it('"Change…" asks the editor for one of the schema\'s groups, replacing value and mark', () => {
    const change = fixes.find((f) => f.title === 'Change product group…');
    assert.ok(change?.clientCommand);
    assert.deepEqual(change.changes, []);
    const { range, choices, current } = change.clientCommand;
    assert.equal(current, 'code_review');
    assert.ok(choices.includes('analytics_instrumentation') && choices.includes('code_review'));
    const replaced = applyReplacements(index.readText(FILE)!, [{ range, newText: 'source_code' }]);
    assert.match(replaced, /\nproduct_group: source_code\nproduct_categories:/);
    const action = toCodeAction(change, { range, message: 'm', severity: 3 }, (r) => `file:///w/${r}`);
    assert.deepEqual(action.command, { title: 'Change product group…', command: 'internalEvents.changeProductGroup', arguments: [`file:///w/${FILE}`, range, choices, 'code_review'] });
    assert.equal(action.edit, undefined);
  });

  it('metrics written from a guessed event carry the guess, not a fact', () => {
    const event = index.internalEvent('guessed')!;
    assert.match(buildMetricDefinition({ ...event, action: 'guessed' }, TOTAL_ALL_TIME, '17.9').text, /\nproduct_group: code_review # guessed: the event tracked in app\/services\/x\/ is code_review's\n/);
    const built = buildNewMetrics(index, { events: ['guessed'], choices: [{ timeFrames: ['all'] }] });
    assert.ok(!('error' in built));
    assert.match(built[0].text, /\nproduct_group: code_review # guessed: /);
  });
});
