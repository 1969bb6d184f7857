// Metric generation on event-without-metric: key paths and folders against GitLab's derivation
// (spec §2.6), and the generated files validated by the newest schemas in a fixture workspace.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS, eventYaml, indexTree, newestSchemaFiles } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { quickFixesFor, type AuthoringFix } from '../../server/src/core/authoring/index';
import { metricKey } from '../../server/src/core/authoring/metricKey';



const FREE = ['free', 'premium', 'ultimate'];

describe('authoring: metric key_path and folder (spec §2.6)', () => {
  const cases: [string | undefined, string | string[], string, string][] = [
    [undefined, '7d', 'counts.count_total_create_ci_build_weekly', 'config/metrics/counts_7d/count_total_create_ci_build_weekly.yml'],
    [undefined, '28d', 'counts.count_total_create_ci_build_monthly', 'config/metrics/counts_28d/count_total_create_ci_build_monthly.yml'],
    [undefined, 'all', 'counts.count_total_create_ci_build', 'config/metrics/counts_all/count_total_create_ci_build.yml'],
    [undefined, ['28d', '7d'], 'counts.count_total_create_ci_build', 'config/metrics/counts_all/count_total_create_ci_build.yml'],
    ['user.id', '7d', 'redis_hll_counters.count_distinct_user_id_from_create_ci_build_weekly', 'config/metrics/counts_7d/count_distinct_user_id_from_create_ci_build_weekly.yml'],
    ['user.id', '28d', 'redis_hll_counters.count_distinct_user_id_from_create_ci_build_monthly', 'config/metrics/counts_28d/count_distinct_user_id_from_create_ci_build_monthly.yml'],
    ['user.id', 'all', 'redis_hll_counters.count_distinct_user_id_from_create_ci_build', 'config/metrics/counts_all/count_distinct_user_id_from_create_ci_build.yml'],
    ['user.id', ['28d', '7d'], 'redis_hll_counters.count_distinct_user_id_from_create_ci_build', 'config/metrics/counts_all/count_distinct_user_id_from_create_ci_build.yml'],
    ['project.id', '28d', 'redis_hll_counters.count_distinct_project_id_from_create_ci_build_monthly', 'config/metrics/counts_28d/count_distinct_project_id_from_create_ci_build_monthly.yml'],
    ['label', '7d', 'redis_hll_counters.count_distinct_label_from_create_ci_build_weekly', 'config/metrics/counts_7d/count_distinct_label_from_create_ci_build_weekly.yml'],
  ];
  for (const [unique, timeFrame, keyPath, file] of cases) {
    it(`${unique ?? 'total'} × ${JSON.stringify(timeFrame)}`, () => {
      assert.deepEqual(metricKey({ unique, events: ['create_ci_build'], timeFrame, tiers: FREE }), { keyPath, value: keyPath.split('.')[1], path: file });
      assert.equal(metricKey({ unique, events: ['create_ci_build'], timeFrame, tiers: ['premium', 'ultimate'] }).path, 'ee/' + file);
    });
  }
  it('joins several events with _and_', () => {
    assert.equal(metricKey({ events: ['a', 'b'], timeFrame: '28d', tiers: FREE }).keyPath, 'counts.count_total_a_and_b_monthly');
  });
});

describe('authoring: create metrics on event-without-metric', function () {
  this.timeout(30000);
  let index: ProjectIndex;
  const EVENT = 'config/events/export_report_csv.yml';
  const exists = (r: string) => fs.existsSync(path.join(index.root, r));
  const fixes = (rel: string): AuthoringFix[] => {
    const d = index.diagnostics(rel).find((x) => x.code === 'event-without-metric');
    assert.ok(d, `${rel} has event-without-metric`);
    return quickFixesFor(index, rel, index.readText(rel)!, d, exists);
  };
  const create = (fix: AuthoringFix): string => {
    const c = fix.changes[0];
    assert.ok(c && c.kind === 'create');
    fs.mkdirSync(path.dirname(path.join(index.root, c.path)), { recursive: true });
    fs.writeFileSync(path.join(index.root, c.path), c.text);
    index.update(c.path);
    return c.path;
  };

  before(async () => {
    index = await indexTree({
      ...newestSchemaFiles(),
      VERSION: '17.10.0\n',
      [EVENT]: eventYaml('export_report_csv'),
      'ee/config/events/export_ee_only.yml': eventYaml('export_ee_only', { identifiers: 'identifiers:\n- namespace', tiers: 'tiers:\n- premium\n- ultimate', introduced_by_url: 'introduced_by_url: TODO' }),
    });
  });

  it('writes a weekly/monthly unique-users metric in the CLI field order, ownership copied from the event', () => {
    const [unique, total] = fixes(EVENT);
    assert.equal(unique.title, "Create weekly and monthly unique-users metric for 'export_report_csv'");
    assert.equal(total.title, "Create all-time total metric for 'export_report_csv'");
    const c = unique.changes[0];
    assert.ok(c.kind === 'create');
    assert.equal(c.path, 'config/metrics/counts_all/count_distinct_user_id_from_export_report_csv.yml');
    assert.equal(
      c.text,
      [
        '---',
        'key_path: redis_hll_counters.count_distinct_user_id_from_export_report_csv',
        'description: Weekly/Monthly count of unique users who triggered export_report_csv',
        'product_group: analytics_instrumentation',
        'product_categories:',
        '- service_ping',
        'performance_indicator_type: []',
        'value_type: number',
        'status: active',
        "milestone: '17.9'",
        // Issue 11.6: the event's merge request, as the CLI offers to copy it.
        'introduced_by_url: https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1',
        'time_frame:',
        '- 28d',
        '- 7d',
        'data_source: internal_events',
        'data_category: optional',
        'tiers:',
        '- free',
        '- premium',
        '- ultimate',
        'events:',
        '- name: export_report_csv',
        '  unique: user.id',
        '',
      ].join('\n'),
    );
  });

  it('the created metrics pass the newest schema (no placeholder left: the URL is the event\'s) and satisfy the event', () => {
    for (const fix of fixes(EVENT)) {
      const rel = create(fix);
      assert.deepEqual(index.diagnostics(rel).map((d) => `${d.code}@${d.range.start.line}`), [], rel);
    }
    assert.ok(!index.diagnostics(EVENT).some((d) => d.code === 'event-without-metric'));
  });

  it('refuses a metric that already exists (same event, time frames and unique)', () => {
    const d = { range: { start: { line: 3, character: 8 }, end: { line: 3, character: 25 } }, severity: 'hint' as const, code: 'event-without-metric' as const, message: '', data: { event: 'export_report_csv' } };
    const refused = quickFixesFor(index, EVENT, index.readText(EVENT)!, d, () => false);
    assert.deepEqual(
      refused.map((f) => [f.changes.length, f.disabledReason]),
      [
        [0, 'config/metrics/counts_all/count_distinct_user_id_from_export_report_csv.yml already counts this'],
        [0, 'config/metrics/counts_all/count_total_export_report_csv.yml already counts this'],
      ],
    );
  });

  it('offers only the total when the event has no user, under ee/ when its tiers exclude free', () => {
    const list = fixes('ee/config/events/export_ee_only.yml');
    assert.deepEqual(list.map((f) => f.title), ["Create all-time total metric for 'export_ee_only'"]);
    const rel = create(list[0]);
    assert.equal(rel, 'ee/config/metrics/counts_all/count_total_export_ee_only.yml');
    // The event's URL is a TODO itself: the metric gets its own placeholder, not a copy of it.
    assert.deepEqual(index.diagnostics(rel).map((d) => d.code), ['placeholder']);
    assert.match(index.readText(rel)!, /\nintroduced_by_url: TODO\n/);
  });
});
