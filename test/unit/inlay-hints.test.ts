// Inlay hints as a function of (index, file, text, range): one row per kind of name.
import { strict as assert } from 'node:assert';
import { indexTree, eventYaml, metricYaml } from '../helpers/workspace';
import { inlayHints, MAX_INLAY_HINT_LINES } from '../../server/src/core/features/inlayHints';
import type { ProjectIndex } from '../../server/src/core/projectIndex';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };

const FILES = {
  'config/events/click_save.yml': eventYaml('click_save'),
  'config/events/click_open.yml': eventYaml('click_open'),
  'config/events/removed/gone.yml': eventYaml('gone'),
  'config/events/legacy.yml': '---\ndescription: old\ncategory: Projects::Controller\naction: click_old\nproduct_group: code_review\ntiers:\n- free\n',
  'lib/gitlab/usage_data_counters/hll_redis_legacy_events.yml': '- i_legacy_counter\n',
  'config/metrics/counts_28d/count_total_click_save_monthly.yml': metricYaml('counts.count_total_click_save_monthly', '- name: click_save'),
  'config/metrics/counts_7d/count_total_click_save_weekly.yml': metricYaml('counts.count_total_click_save_weekly', '- name: click_save', { time_frame: 'time_frame: 7d' }),
};

interface Row {
  name: string;
  file: string;
  source: string;
  expected: [number, string, string | null][];
}

const ROWS: Row[] = [
  { name: 'a counted event: how many metrics', file: 'app/a.rb', source: "track_internal_event('click_save')\n", expected: [[0, '2 metrics', null]] },
  { name: 'an event no metric counts', file: 'app/a.rb', source: "track_internal_event('click_open')\n", expected: [[0, 'no metric', null]] },
  { name: 'an unknown name, in the error colour', file: 'app/a.rb', source: "track_internal_event('click_sav')\n", expected: [[0, 'unknown', 'error']] },
  { name: 'a removed event', file: 'app/a.rb', source: "track_internal_event('gone')\n", expected: [[0, 'removed', 'error']] },
  { name: 'a legacy Snowplow definition is not an internal event', file: 'app/a.rb', source: "track_internal_event('click_old')\n", expected: [[0, 'not an internal event', 'error']] },
  { name: 'a legacy Redis HLL name is known', file: 'app/a.rb', source: "track_internal_event('i_legacy_counter')\n", expected: [[0, 'no metric', null]] },
  { name: 'a name built at run time: the events it may be', file: 'app/a.rb', source: 'track_internal_event("click_#{kind}")\n', expected: [[0, 'may be 2 events', null]] },
  { name: 'a built name no event matches', file: 'app/a.rb', source: 'track_internal_event("tap_#{kind}_button")\n', expected: [[0, 'matches no event', null]] },
  { name: 'each name of a spec matcher', file: 'spec/a_spec.rb', source: "it { expect { x }.to trigger_internal_events('click_save', 'click_open') }\n", expected: [[0, '2 metrics', null], [0, 'no metric', null]] },
  { name: 'JS, after the name', file: 'app/assets/javascripts/a.js', source: "InternalEvents.trackEvent('click_open', { label: 'x' });\n", expected: [[0, 'no metric', null]] },
  { name: 'a metric key path is not an event', file: 'spec/b_spec.rb', source: "it { expect { x }.to trigger_internal_events('click_save').and increment_usage_metrics('counts.count_total_click_save_monthly') }\n", expected: [[0, '2 metrics', null]] },
];

describe('inlay hints', () => {
  let index: ProjectIndex;
  before(async () => {
    index = await indexTree(FILES);
  });

  for (const row of ROWS) {
    it(row.name, () => {
      const got = inlayHints(index, row.file, row.source, WHOLE);
      assert.deepEqual(got.map((h) => [h.position.line, h.label, h.severity ?? null]), row.expected);
    });
  }

  it("a definition's action line gets the code lens's counts", () => {
    const text = index.readText('config/events/click_save.yml')!;
    const got = inlayHints(index, 'config/events/click_save.yml', text, WHOLE);
    assert.deepEqual(got.map((h) => [h.position, h.label]), [[{ line: 3, character: 'action: click_save'.length }, '0 call sites · 2 metrics']]);
  });

  it('a metric definition gets none', () => {
    const rel = 'config/metrics/counts_28d/count_total_click_save_monthly.yml';
    assert.deepEqual(inlayHints(index, rel, index.readText(rel)!, WHOLE), []);
  });

  it(`a file of more than ${MAX_INLAY_HINT_LINES.toLocaleString('en-US')} lines gets none`, () => {
    const call = "track_internal_event('click_save')\n";
    assert.equal(inlayHints(index, 'app/big.rb', call + '\n'.repeat(MAX_INLAY_HINT_LINES - 2), WHOLE).length, 1);
    assert.deepEqual(inlayHints(index, 'app/big.rb', call + '\n'.repeat(MAX_INLAY_HINT_LINES), WHOLE), []);
  });
});
