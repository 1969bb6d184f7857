// Spec names followed to where they are written (lets, once-assigned locals, splatted arrays, hash
// constants of the described class), seen through the index: the diagnostic lands on the literal,
// rename edits it once, and the 'internal event not tracked' example links its event.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { at, eventYaml, freshIndexOf, indexState, indexTree } from '../helpers/workspace';
import { applyReplacements } from '../../server/src/core/authoring/index';
import { renameEvent } from '../../server/src/core/authoring/rename';
import { hover } from '../../server/src/core/features/hover';
import { definition, references } from '../../server/src/core/features/navigation';

const SPEC = 'spec/services/issues/close_service_spec.rb';
const SPEC_SOURCE = [
  'RSpec.describe Issues::CloseService do',
  "  let(:event_name) { 'issue_closed' }",
  "  it { expect { run }.to trigger_internal_events(event_name).with(user: user, additional_properties: { lang: 'x' }) }",
  '  it { expect { run }.to not_trigger_internal_events(event_name) }',
  "  it 'tracks both' do",
  '    events = %w[issue_closed issue_clsoed]',
  '    expect { run }.to trigger_internal_events(*events)',
  '  end',
  "  context 'when the flag is off' do",
  "    let(:event) { 'issue_closed' }",
  "    it_behaves_like 'internal event not tracked'",
  '  end',
  'end',
  '',
].join('\n');
const defs = { 'config/events/issue_closed.yml': eventYaml('issue_closed') };

describe('spec names through lets and locals, in the index', function () {
  this.timeout(30000);

  it('links every form to the event, flags a typo at its array element', async () => {
    const index = await indexTree({ ...defs, [SPEC]: SPEC_SOURCE });
    assert.deepEqual(index.callSitesOf('issue_closed').map((c) => `${c.site.range.start.line}:${c.site.range.start.character}:${c.site.kind}`), [
      '1:21:rspec.trigger_internal_events',
      '5:16:rspec.trigger_internal_events',
      '9:18:rspec.shared_example',
    ]);
    const typo = index.diagnostics(SPEC).filter((d) => d.code === 'unknown-event');
    assert.deepEqual(typo.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]), [[5, 29, 41]]);
    assert.match(typo[0].message, /Did you mean 'issue_closed'/);
    // The first matcher's .with is still checked, at its own key.
    assert.deepEqual(at(index.diagnostics(SPEC), 'undeclared-property'), [3]);
    assert.match(hover(index, SPEC, SPEC_SOURCE, { line: 1, character: 25 })!.markdown, /\*\*issue_closed\*\*/);
  });

  it('the matcher arguments answer too: hover, go-to-definition and references on `event_name` and `*events`', async () => {
    const index = await indexTree({ ...defs, [SPEC]: SPEC_SOURCE });
    const onLet = { line: 2, character: 55 }; // trigger_internal_events(event_name)
    const shown = hover(index, SPEC, SPEC_SOURCE, onLet)!;
    assert.match(shown.markdown, /\*\*issue_closed\*\*/);
    assert.deepEqual([shown.range?.start, shown.range?.end], [{ line: 2, character: 49 }, { line: 2, character: 59 }]);
    assert.deepEqual(definition(index, SPEC, SPEC_SOURCE, onLet).map((l) => l.file), ['config/events/issue_closed.yml']);
    assert.equal(references(index, SPEC, SPEC_SOURCE, onLet, false).length, 3);
    // `*events` stands for both elements: the defined one and the typo.
    const onSplat = { line: 6, character: 47 };
    const both = hover(index, SPEC, SPEC_SOURCE, onSplat)!.markdown;
    assert.match(both, /\*\*issue_closed\*\*[\s\S]*---[\s\S]*\*\*issue_clsoed\*\*\n\n_No event definition has this action._/);
    assert.deepEqual(definition(index, SPEC, SPEC_SOURCE, onSplat).map((l) => l.file), ['config/events/issue_closed.yml']);
    // Elsewhere on the line: nothing.
    assert.equal(hover(index, SPEC, SPEC_SOURCE, { line: 6, character: 8 }), undefined);
  });

  it('rename edits each literal once: the let, the array element, the not-tracked let', async () => {
    const index = await indexTree({ ...defs, [SPEC]: SPEC_SOURCE });
    const result = renameEvent(index, 'issue_closed', 'issue_shut', () => false);
    assert.ok('changes' in result, JSON.stringify(result));
    const edit = result.changes.find((c) => c.kind === 'edit' && c.path === SPEC);
    assert.ok(edit && edit.kind === 'edit');
    assert.equal(edit.edits.length, 3);
    const renamed = applyReplacements(SPEC_SOURCE, edit.edits);
    assert.equal(renamed.split("'issue_shut'").length - 1, 2);
    assert.match(renamed, /%w\[issue_shut issue_clsoed\]/);
  });
});

describe('hash constants of the described class, in the index', function () {
  this.timeout(30000);
  const COUNTER = 'lib/gitlab/usage_data_counters/work_item_counter.rb';
  const COUNTER_SOURCE = [
    'module Gitlab',
    '  module UsageDataCounters',
    '    class WorkItemCounter',
    "      EVENTS = { close: 'issue_closed', reopen: 'issue_reopend' }.freeze",
    '    end',
    '  end',
    'end',
    '',
  ].join('\n');
  const COUNTER_SPEC = 'spec/lib/gitlab/usage_data_counters/work_item_counter_spec.rb';
  const EV_REOPENED = 'config/events/issue_reopened.yml';
  const COUNTER_SPEC_SOURCE = [
    'RSpec.describe Gitlab::UsageDataCounters::WorkItemCounter do',
    "  it_behaves_like 'internal event tracking' do",
    '    let(:event) { described_class::EVENTS[:close] }',
    '  end',
    '  it { expect { run }.to trigger_internal_events(described_class::EVENTS[:reopen]) }',
    '  it { expect { run }.to trigger_internal_events(described_class::EVENTS[:missing]) }',
    'end',
    '',
  ].join('\n');

  it('reads the element from the class file; a wrong value is flagged; hover names the element', async () => {
    const index = await indexTree({ ...defs, [COUNTER]: COUNTER_SOURCE, [COUNTER_SPEC]: COUNTER_SPEC_SOURCE });
    assert.deepEqual(index.callSitesOf('issue_closed').map((c) => [c.file, c.site.range.start.line]), [[COUNTER_SPEC, 2]]);
    assert.deepEqual(at(index.diagnostics(COUNTER_SPEC), 'unknown-event'), [5]);
    assert.equal(index.callSitesIn(COUNTER_SPEC)[2].dynamic, true, 'a key the hash lacks stays unknown');
    const shown = hover(index, COUNTER_SPEC, COUNTER_SPEC_SOURCE, { line: 2, character: 30 })!.markdown;
    assert.match(shown, /Gitlab::UsageDataCounters::WorkItemCounter::EVENTS\[:close\]/);
  });

  it('edits, deletion and re-creation of the class file re-resolve the spec, equal to a fresh index after each', async () => {
    const reopen = { [EV_REOPENED]: eventYaml('issue_reopened') };
    const index = await indexTree({ ...defs, ...reopen, [COUNTER]: COUNTER_SOURCE, [COUNTER_SPEC]: COUNTER_SPEC_SOURCE });
    const write = (text: string | undefined): Set<string> => {
      const abs = path.join(index.root, COUNTER);
      if (text === undefined) fs.rmSync(abs);
      else fs.writeFileSync(abs, text);
      return index.update(COUNTER);
    };
    // `linked`: the spec's sites naming a known event; `unknownAt`: lines with unknown-event.
    const steps: Array<{ name: string; run: () => Set<string>; linked: number; unknownAt: number[] }> = [
      { name: 'the typo in the hash is fixed', run: () => write(COUNTER_SOURCE.replace("'issue_reopend'", "'issue_reopened'")), linked: 2, unknownAt: [] },
      { name: 'the class file is deleted', run: () => write(undefined), linked: 0, unknownAt: [] },
      { name: 'it comes back with the typo', run: () => write(COUNTER_SOURCE), linked: 1, unknownAt: [5] },
      { name: 'the hash is no longer a literal', run: () => write(COUNTER_SOURCE.replace('EVENTS = {', 'EVENTS = build_events || {')), linked: 0, unknownAt: [] },
    ];
    for (const step of steps) {
      assert.ok(step.run().has(COUNTER_SPEC), `${step.name}: the spec is re-checked`);
      const linked = index.callSitesIn(COUNTER_SPEC).filter((site) => site.event && index.internalEvent(site.event));
      assert.equal(linked.length, step.linked, step.name);
      assert.deepEqual(at(index.diagnostics(COUNTER_SPEC), 'unknown-event'), step.unknownAt, step.name);
      assert.deepEqual(indexState(index), indexState(await freshIndexOf(index.root)), `${step.name}: equals a fresh index`);
    }
  });

  it('a change to the hash re-resolves the spec', async () => {
    const index = await indexTree({ ...defs, [COUNTER]: COUNTER_SOURCE, [COUNTER_SPEC]: COUNTER_SPEC_SOURCE });
    const affected = index.setOverlay(COUNTER, COUNTER_SOURCE.replace("'issue_reopend'", "'issue_closed'"));
    assert.ok(affected.has(COUNTER_SPEC));
    assert.deepEqual(at(index.diagnostics(COUNTER_SPEC), 'unknown-event'), []);
    assert.equal(index.callSitesOf('issue_closed').length, 2);
  });
});
