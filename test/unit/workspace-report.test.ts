// The workspace report and the branch changes as functions of the index: the demo workspace for
// the report, a table of changed files (text at the base given, as the CLI reads it from git)
// for the changes and their review points.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexTree, eventYaml, metricYaml, REPO_ROOT, listFilesRecursive } from '../helpers/workspace';
import { workspaceReport } from '../../server/src/core/workspaceReport/workspaceModel';
import { branchChanges, type ChangedFile } from '../../server/src/core/workspaceReport/branchChanges';
import { formatWorkspaceReport, formatBranchChanges } from '../../server/src/core/workspaceReport/index';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { code, type ReportDocument } from '../../server/src/core/workspaceReport/document';
import { renderHtml } from '../../server/src/core/workspaceReport/html';
import { renderMarkdown } from '../../server/src/core/workspaceReport/markdown';

/** Every file of the demo workspace, by relative path. */
function demoFiles(): Record<string, string> {
  const root = path.join(REPO_ROOT, 'demo');
  const files: Record<string, string> = {};
  for (const abs of listFilesRecursive(root)) files[path.relative(root, abs).split(path.sep).join('/')] = fs.readFileSync(abs, 'utf8');
  return files;
}

describe('workspace report: the demo, per product group', () => {
  let index: ProjectIndex;
  before(async () => {
    index = await indexTree(demoFiles());
  });

  it('counts events, metrics and tracking calls, and orders the groups', () => {
    const r = workspaceReport(index);
    assert.deepEqual(r.totals, { events: 11, metrics: 7, trackingCalls: 11, groups: 5 });
    assert.deepEqual(r.groups.map((g) => [g.group, g.events.length, g.metrics.length]), [
      ['analytics_instrumentation', 1, 0],
      ['code_review', 5, 3],
      ['pipeline_execution', 3, 2],
      ['project_management', 1, 1],
      ['source_code', 1, 1],
    ]);
  });

  it("lists a group's events without metric or spec, and its definitions with problems", () => {
    const g = workspaceReport(index).groups.find((x) => x.group === 'code_review')!;
    assert.deepEqual(g.eventsWithoutMetric, ['collapse_all_diff_files_in_demo', 'expand_all_diff_files_in_demo', 'view_merge_request_diffs_page']);
    assert.deepEqual(g.eventsWithoutSpec, ['collapse_all_diff_files_in_demo', 'expand_all_diff_files_in_demo', 'toggle_file_tree_on_merge_request', 'view_merge_request_diffs_page']);
    const pm = workspaceReport(index).groups.find((x) => x.group === 'project_management')!;
    assert.deepEqual(pm.definitionsWithProblems.map((p) => [p.file, p.errors, p.kind]), [['config/metrics/counts_28d/count_total_click_new_issue_on_board_monthly.yml', 1, 'metric']]);
    assert.match(pm.definitionsWithProblems[0].messages[0], /^10: milestone must be a quoted string/);
  });

  it('narrows to one group, in any of its spellings', () => {
    const r = workspaceReport(index, { group: 'group::pipeline execution' });
    assert.deepEqual(r.groups.map((g) => g.group), ['pipeline_execution']);
    assert.deepEqual(r.totals, { events: 3, metrics: 2, trackingCalls: 3, groups: 1 });
  });

  it('writes Markdown tables a merge request renders', () => {
    const md = formatWorkspaceReport(index, 'markdown');
    assert.match(md, /^## Internal events in /);
    assert.match(md, /\| Product group \| Events \| Metrics \| Unused \| No metric \| No spec \| With problems \| Legacy in use \|\n\| --- \| ---: \|/);
    assert.match(md, /\n\| code_review \| 5 \| 3 \| 0 \| 3 \| 4 \| 0 \| 0 \|\n/);
    assert.match(md, /\*\*Events without a metric \(3\):\*\* `collapse_all_diff_files_in_demo`, `expand_all_diff_files_in_demo`, `view_merge_request_diffs_page`/);
  });

  it('reports legacy definitions still in use, and unused events', async () => {
    const i = await indexTree({
      'config/events/legacy.yml': '---\ndescription: old\ncategory: Projects::Controller\naction: click_old\nproduct_group: code_review\ntiers:\n- free\n',
      'config/events/quiet.yml': eventYaml('quiet_one', { product_group: 'product_group: code_review' }),
      'config/metrics/counts_28d/count_total_click_old_monthly.yml': metricYaml('counts.count_total_click_old_monthly', '- name: click_old', { product_group: 'product_group: code_review' }),
    });
    const g = workspaceReport(i).groups[0];
    assert.deepEqual(g.legacyInUse, [{ action: 'click_old', file: 'config/events/legacy.yml', calls: 0, metrics: 1 }]);
    assert.deepEqual(g.unusedEvents, ['quiet_one']);
  });
});

const EVENT = 'config/events/click_save_on_form.yml';
const METRIC = 'config/metrics/counts_28d/count_total_click_save_on_form_monthly.yml';
const CODE = 'app/services/form_service.rb';

/** A branch: the files as they are now, and the changed ones with their text at the base. */
async function branch(now: Record<string, string>, changed: (Omit<ChangedFile, 'before'> & { before?: string })[]) {
  const index = await indexTree(now);
  return { index, changes: branchChanges(index, { ref: 'main', base: 'abc123', files: changed }) };
}

const BASE = {
  [EVENT]: eventYaml('click_save_on_form', { product_group: 'product_group: code_review' }),
  [METRIC]: metricYaml('counts.count_total_click_save_on_form_monthly', '- name: click_save_on_form', { product_group: 'product_group: code_review' }),
  [CODE]: "track_internal_event('click_save_on_form', user: user)\n",
};

describe('branch changes and review points', () => {
  it('an added event with a short description, in the wrong folder, never tracked', async () => {
    const added = 'config/events/tap.yml';
    const { changes } = await branch({ ...BASE, [added]: eventYaml('tap_button', { description: 'description: Taps', tiers: 'tiers:\n- ultimate' }) }, [{ path: added, status: 'added' }]);
    assert.deepEqual(changes.events.map((e) => [e.change, e.name, e.file]), [['added', 'tap_button', added]]);
    assert.deepEqual(changes.reviewPoints.map((p) => p.message), [
      "the description has 1 word: say exactly when this is triggered (GitLab's CLI asks for about ten)",
      'tiers [ultimate] exclude free: the definition belongs under ee/config/events/',
      'the name has fewer parts than <operation>_<target>_<where/when>',
      'no tracking call in the branch names it yet',
    ]);
  });

  it('an event moved to removed/ while code and a metric still use it', async () => {
    const moved = 'config/events/removed/click_save_on_form.yml';
    const { [EVENT]: text, ...rest } = BASE;
    const { changes } = await branch({ ...rest, [moved]: text }, [
      { path: EVENT, status: 'deleted', before: text },
      { path: moved, status: 'added' },
    ]);
    assert.deepEqual(changes.events.map((e) => [e.change, e.name, e.details]), [['changed', 'click_save_on_form', ['moved to removed/']]]);
    assert.deepEqual(changes.events[0].previousFile, EVENT);
    assert.deepEqual(changes.reviewPoints.map((p) => p.message), [
      'moved to removed/ while code still tracks it: remove the tracking code and its specs',
      'moved to removed/ while metrics still count it: counts.count_total_click_save_on_form_monthly',
    ]);
  });

  it('a metric deleted instead of marked removed, and its key path gone', async () => {
    const { [METRIC]: text, ...rest } = BASE;
    const { changes } = await branch(rest, [{ path: METRIC, status: 'deleted', before: text }]);
    assert.deepEqual(changes.metrics.map((m) => [m.change, m.name]), [['removed', 'counts.count_total_click_save_on_form_monthly']]);
    assert.deepEqual(changes.keyPaths, { added: [], removed: ['counts.count_total_click_save_on_form_monthly'] });
    assert.match(changes.reviewPoints[0].message, /GitLab keeps removed metrics in place with status: removed, removed_by_url and milestone_removed/);
  });

  it('a metric newly removed without removed_by_url', async () => {
    const now = metricYaml('counts.count_total_click_save_on_form_monthly', '- name: click_save_on_form', { product_group: 'product_group: code_review', status: "status: removed\nmilestone_removed: '17.9'" });
    const { changes } = await branch({ ...BASE, [METRIC]: now }, [{ path: METRIC, status: 'modified', before: BASE[METRIC] }]);
    assert.deepEqual(changes.metrics.map((m) => [m.change, m.details]), [['changed', ['status active → removed']]]);
    assert.deepEqual(changes.reviewPoints.map((p) => p.message), [
      'status: removed without removed_by_url (and milestone_removed)',
      'a metric removal: tell Customer Success Operations and the data team (reviewers ask for it)',
    ]);
  });

  it("a metric's key path, group and tiers against its events and GitLab's CLI", async () => {
    const added = 'config/metrics/counts_28d/saves.yml';
    const text = metricYaml('counts.saves_monthly', '- name: click_save_on_form', { product_group: 'product_group: source_code', description: 'description: Monthly count of forms saved with the save button' });
    const { changes } = await branch({ ...BASE, [EVENT]: eventYaml('click_save_on_form', { product_group: 'product_group: code_review', tiers: 'tiers:\n- premium\n- ultimate' }), [added]: text }, [{ path: added, status: 'added' }]);
    assert.deepEqual(changes.reviewPoints.map((p) => p.message), [
      "key_path differs from the one GitLab's CLI derives (counts.count_total_click_save_on_form_monthly): keep it only if it reads better",
      "product_group source_code differs from its events' (code_review)",
      'tiers include free, which none of its events has',
    ]);
  });

  it('tracking calls added and removed, a spec apart; a touched file with nothing changed is not reported', async () => {
    const spec = 'spec/services/form_service_spec.rb';
    const now = "track_internal_event('click_save_on_form', user: user)\ntrack_internal_event('click_save_on_form', user: user)\n";
    const { changes } = await branch({ ...BASE, [CODE]: now, [spec]: "it { expect { x }.to trigger_internal_events('click_save_on_form') }\n" }, [
      { path: CODE, status: 'modified', before: "track_internal_event('click_cancel_on_form')\ntrack_internal_event('click_save_on_form', user: user)\n" },
      { path: spec, status: 'added' },
      { path: EVENT, status: 'modified', before: `${BASE[EVENT]}# a comment\n` },
    ]);
    assert.deepEqual(changes.calls, [
      { change: 'removed', event: 'click_cancel_on_form', file: CODE, line: 1, spec: false },
      { change: 'added', event: 'click_save_on_form', file: CODE, line: 2, spec: false },
      { change: 'added', event: 'click_save_on_form', file: spec, line: 1, spec: true },
    ]);
    assert.deepEqual(changes.events, []);
    assert.deepEqual(changes.reviewPoints, []);
  });

  it('the problems check finds in the changed files, and a Markdown comment', async () => {
    const { index, changes } = await branch({ ...BASE, [CODE]: "track_internal_event('click_sav_on_form')\n" }, [{ path: CODE, status: 'modified', before: BASE[CODE] }]);
    assert.deepEqual(changes.problems.map((p) => [p.file, p.line, p.code]), [[CODE, 1, 'unknown-event']]);
    const md = formatBranchChanges(index, { ref: 'main', base: 'abc123', files: [{ path: CODE, status: 'modified', before: BASE[CODE] }] }, 'markdown');
    assert.match(md, /^## Internal events: what this branch changes\n\nCompared with `main` where this branch left it \(`abc123`\)\./);
    assert.match(md, /\n\| tracking calls \| 1 \| — \| 1 \|\n/);
    assert.match(md, /\n- error `app\/services\/form_service\.rb:1` `unknown-event` Unknown event/);
  });

  it('nothing relevant changed: says so', async () => {
    const { index } = await branch(BASE, []);
    const md = formatBranchChanges(index, { base: 'abc123', files: [{ path: 'README.md', status: 'modified', before: 'x' }] }, 'markdown');
    assert.match(md, /No event, metric, key path or tracking call changed\./);
    assert.match(md, /#### Review points \(0\)/);
  });
});


describe('report documents: rendering', () => {
  const doc: ReportDocument = {
    title: 'A <title> & more',
    blocks: [
      { kind: 'paragraph', text: ['<img src=x onerror=alert(1)> ', code('a|b`c'), ' *not bold* _x_ snake_case'] },
      { kind: 'table', columns: [{ title: 'Name' }, { title: 'N', numeric: true }], rows: [[['pipe | here'], ['3']]] },
      { kind: 'list', checklist: true, items: [['check ', code('it')]] },
    ],
  };

  it('HTML: every text is escaped', () => {
    const html = renderHtml(doc, 'footer');
    assert.match(html, /<title>A &lt;title&gt; &amp; more<\/title>/);
    assert.match(html, /<p>&lt;img src=x onerror=alert\(1\)&gt; <code>a\|b`c<\/code>/);
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /<ul class="checklist"><li><input type="checkbox" disabled> check <code>it<\/code><\/li><\/ul>/);
  });

  it('Markdown: markup in text is escaped, code spans fenced past their backticks, pipes kept inside cells', () => {
    const md = renderMarkdown(doc);
    assert.match(md, /\\<img src=x onerror=alert\(1\)\\> `` a\|b`c `` \\\*not bold\\\* \\_x\\_ snake_case/);
    assert.match(md, /\| pipe \\\| here \| 3 \|/);
    assert.match(md, /- \[ \] check `it`/);
  });
});
