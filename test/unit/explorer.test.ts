// The Internal Events view's tree as a function of the index: one table row per behaviour, each
// expanding the tree by labels the way a person clicks through it.
import { strict as assert } from 'node:assert';
import { indexTree, eventYaml, metricYaml, writeTree } from '../helpers/workspace';
import { NodeFileSystem } from '../../server/src/core/fileSystem';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { explorerChildren, type ExplorerFilters, type ExplorerNode, type ExplorerView } from '../../server/src/core/explorer/index';
import { CATEGORY_SPLIT } from '../../server/src/core/explorer/eventsTree';
import { ProjectIndex } from '../../server/src/core/projectIndex';

/** The nodes reached by expanding `labels` in order from the first level. */
function expand(index: ProjectIndex, view: ExplorerView, labels: string[], filters: ExplorerFilters = {}): ExplorerNode[] {
  let nodes = explorerChildren(index, view, undefined, filters).nodes;
  for (const label of labels) {
    const node = nodes.find((n) => n.label === label);
    assert.ok(node, `no "${label}" among ${nodes.map((n) => n.label).join(', ')}`);
    nodes = explorerChildren(index, view, node.id, filters).nodes;
  }
  return nodes;
}

const shown = (nodes: ExplorerNode[]) => nodes.map((n) => (n.description ? `${n.label} — ${n.description}` : n.label));

const manyEvents = (n: number, group: string): Record<string, string> => {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const category = i % 2 ? 'code_review_workflow' : 'source_code_management';
    files[`config/events/e${String(i).padStart(2, '0')}.yml`] = eventYaml(`e${String(i).padStart(2, '0')}`, { product_group: `product_group: ${group}`, product_categories: `product_categories:\n- ${category}` });
  }
  return files;
};

interface Row {
  name: string;
  files: Record<string, string>;
  view?: ExplorerView;
  filters?: ExplorerFilters;
  expand: string[];
  expected: string[];
}

const ROWS: Row[] = [
  {
    name: `a group of ${CATEGORY_SPLIT} events lists them`,
    files: manyEvents(CATEGORY_SPLIT, 'code_review'),
    expand: ['code_review'],
    expected: Array.from({ length: CATEGORY_SPLIT }, (_, i) => `e${String(i).padStart(2, '0')} — unused · no metric · no spec`),
  },
  {
    name: 'a larger group gets a level of feature categories',
    files: manyEvents(CATEGORY_SPLIT + 1, 'code_review'),
    expand: ['code_review'],
    expected: ['code_review_workflow — 13 events · 13 flagged', 'source_code_management — 13 events · 13 flagged'],
  },
  {
    name: 'by category, an event of two categories is under both',
    files: { 'config/events/two.yml': eventYaml('two', { product_categories: 'product_categories:\n- service_ping\n- code_review_workflow' }) },
    filters: { groupBy: 'category' },
    expand: [],
    expected: ['code_review_workflow — 1 event · 1 flagged', 'service_ping — 1 event · 1 flagged'],
  },
  {
    name: 'a removed event still tracked: removed, with the problem at its call',
    files: { 'config/events/removed/gone.yml': eventYaml('gone'), 'app/a.rb': "track_internal_event('gone')\n" },
    filters: { groupBy: 'folder' },
    expand: ['config/events/removed'],
    expected: ['gone — 1 problem · removed'],
  },
  {
    name: 'a legacy Snowplow definition is legacy, and needs no spec',
    files: { 'config/events/legacy.yml': '---\ndescription: old\ncategory: Projects::Controller\naction: click_old\nproduct_group: code_review\nmilestone: "15.0"\nintroduced_by_url: https://x.test/1\ntiers:\n- free\n' },
    expand: ['code_review'],
    expected: ['click_old — legacy'],
  },
  {
    name: 'a TODO left by the generator counts as a problem and shows',
    files: { 'config/events/todo.yml': eventYaml('todo', { introduced_by_url: 'introduced_by_url: TODO' }), 'app/a.rb': "track_internal_event('todo')\n" },
    expand: ['analytics_instrumentation'],
    expected: ['todo — 1 problem · no metric · no spec · TODOs'],
  },
  {
    name: 'an event lists its metrics, calls, specs and the built names that may be it',
    files: {
      'config/events/click_save.yml': eventYaml('click_save'),
      'config/metrics/counts_all/count_total_click_save.yml': metricYaml('counts.count_total_click_save', '- name: click_save', { time_frame: 'time_frame: all' }),
      'app/a.rb': "track_internal_event('click_save')\ntrack_internal_event(\"click_#{kind}\")\n",
      'spec/a_spec.rb': "it { expect { x }.to trigger_internal_events('click_save') }\n",
    },
    expand: ['analytics_instrumentation', 'click_save'],
    expected: ['counts.count_total_click_save — all time · total', 'a.rb:1 — app', 'a_spec.rb:1 — spec', 'a.rb:2 — app · name built at run time: click_*'],
  },
  {
    name: 'an event without a metric offers one',
    files: { 'config/events/lonely.yml': eventYaml('lonely'), 'app/a.rb': "track_internal_event('lonely')\n" },
    expand: ['analytics_instrumentation', 'lonely'],
    expected: ['a.rb:1 — app', 'No metric counts this event — New Metric…'],
  },
  {
    name: 'my groups hide the other groups and the undefined names',
    files: { 'config/events/a.yml': eventYaml('a_event', { product_group: 'product_group: code_review' }), 'config/events/b.yml': eventYaml('b_event'), 'app/a.rb': "track_internal_event('nope')\n" },
    filters: { groups: ['code_review'] },
    expand: [],
    expected: ['code_review — 1 event · 1 flagged'],
  },
  {
    name: 'an array time frame is under each of its frames, by the key path it has there',
    files: {
      'config/events/click_save.yml': eventYaml('click_save'),
      'config/metrics/counts_all/count_distinct_user_id_from_click_save.yml': metricYaml('redis_hll_counters.count_distinct_user_id_from_click_save', '- name: click_save\n  unique: user.id', { time_frame: 'time_frame:\n- 28d\n- 7d' }),
    },
    view: 'metrics',
    expand: [],
    expected: ['Weekly (7d) — 1 metric · 1 flagged', 'Monthly (28d) — 1 metric · 1 flagged'],
  },
  {
    name: '… with the weekly key path under Weekly, flagged: its event is unused',
    files: {
      'config/events/click_save.yml': eventYaml('click_save'),
      'config/metrics/counts_all/count_distinct_user_id_from_click_save.yml': metricYaml('redis_hll_counters.count_distinct_user_id_from_click_save', '- name: click_save\n  unique: user.id', { time_frame: 'time_frame:\n- 28d\n- 7d' }),
    },
    view: 'metrics',
    expand: ['Weekly (7d)', 'internal_events'],
    expected: ['redis_hll_counters.count_distinct_user_id_from_click_save_weekly — unique user.id · unused event'],
  },
  {
    name: "a metric's events say what is wrong with each",
    files: {
      'config/events/removed/gone.yml': eventYaml('gone'),
      'config/events/click_save.yml': eventYaml('click_save'),
      'app/a.rb': "track_internal_event('click_save')\n",
      'config/metrics/counts_28d/count_total_three_monthly.yml': metricYaml('counts.count_total_three_monthly', '- name: click_save\n  filter:\n    label: x\n- name: gone\n- name: ghost'),
    },
    view: 'metrics',
    expand: ['Monthly (28d)', 'internal_events', 'counts.count_total_three_monthly'],
    expected: ['click_save — total · filter label', 'gone — total · removed', 'ghost — total · no definition'],
  },
  {
    name: 'a removed metric says so',
    files: {
      'config/events/click_save.yml': eventYaml('click_save'),
      'app/a.rb': "track_internal_event('click_save')\n",
      'config/metrics/counts_28d/count_total_click_save_monthly.yml': metricYaml('counts.count_total_click_save_monthly', '- name: click_save', {
        status: "status: removed\nremoved_by_url: https://x.test/2\nmilestone_removed: '17.9'",
      }),
    },
    view: 'metrics',
    filters: { problemsOnly: false },
    expand: ['Monthly (28d)', 'internal_events'],
    expected: ['counts.count_total_click_save_monthly — total · removed'],
  },
  {
    name: 'problems only, metrics: a clean metric is hidden',
    files: {
      'config/events/click_save.yml': eventYaml('click_save'),
      'app/a.rb': "track_internal_event('click_save')\n",
      'config/metrics/counts_28d/count_total_click_save_monthly.yml': metricYaml('counts.count_total_click_save_monthly', '- name: click_save'),
    },
    view: 'metrics',
    filters: { problemsOnly: true },
    expand: [],
    expected: [],
  },
];

describe('explorer: the tree as a function of the index', () => {
  for (const row of ROWS) {
    it(row.name, async () => {
      const index = await indexTree(row.files);
      assert.deepEqual(shown(expand(index, row.view ?? 'events', row.expand, row.filters)), row.expected);
    });
  }

  it('gives ids that survive a change of the index, and nothing for an id it did not write', async () => {
    const files = { 'config/events/a.yml': eventYaml('a_event'), 'app/a.rb': "track_internal_event('a_event')\n" };
    const index = await indexTree(files);
    const before = explorerChildren(index, 'events', undefined, {}).nodes.map((n) => n.id);
    index.setOverlay('app/a.rb', "track_internal_event('a_event')\ntrack_internal_event('a_event')\n");
    assert.deepEqual(explorerChildren(index, 'events', undefined, {}).nodes.map((n) => n.id), before);
    for (const id of ['', '[1,2]', '["event"]', '{', '["event","config/events/none.yml"]']) {
      assert.deepEqual(explorerChildren(index, 'events', id || undefined, {}).nodes.length > 0, id === '', id);
    }
  });

  it('answers from the index as it is after each change, though facts are kept between requests', async () => {
    const index = await indexTree({ 'config/events/a.yml': eventYaml('a_event') });
    assert.deepEqual(shown(expand(index, 'events', ['analytics_instrumentation'])), ['a_event — unused · no metric · no spec']);
    index.setOverlay('app/a.rb', "track_internal_event('a_event')\n");
    assert.deepEqual(shown(expand(index, 'events', ['analytics_instrumentation'])), ['a_event — no metric · no spec'], 'a call: no longer unused');
    assert.deepEqual(shown(expand(index, 'events', [])), ['analytics_instrumentation — 1 event · 1 flagged']);
    index.setOverlay('config/metrics/counts_all/count_total_a_event.yml', metricYaml('counts.count_total_a_event', '- name: a_event'));
    assert.deepEqual(shown(expand(index, 'events', [])), ['analytics_instrumentation — 1 event'], 'a metric: nothing flagged');
    // Names no definition has are kept too, and dropped the same way.
    index.setOverlay('app/b.rb', "track_internal_event('b_event')\n");
    assert.deepEqual(shown(expand(index, 'events', [])).slice(1), ['Tracked, not defined — 1 event · 1 call']);
    index.setOverlay('app/b.rb', "track_internal_event('a_event')\n");
    assert.deepEqual(shown(expand(index, 'events', [])), ['analytics_instrumentation — 1 event']);
  });

  it('asked while the sources still load, answers from the whole index once they are in', async () => {
    const root = writeTree({ 'config/events/a.yml': eventYaml('a_event'), 'app/a.rb': "track_internal_event('a_event')\n" });
    const index = new ProjectIndex(root, new NodeFileSystem(), DEFAULT_SETTINGS);
    let early: string[] = [];
    await index.indexAll(undefined, () => (early = shown(expand(index, 'events', ['analytics_instrumentation']))));
    assert.deepEqual(early, ['a_event — no spec'], 'every definition in, no call yet, no workspace-wide hint yet');
    assert.deepEqual(shown(expand(index, 'events', ['analytics_instrumentation'])), ['a_event — no metric · no spec']);
    assert.deepEqual(shown(expand(index, 'events', ['analytics_instrumentation', 'a_event'])), ['a.rb:1 — app', 'No metric counts this event — New Metric…']);
  });
});
