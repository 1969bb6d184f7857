import * as assert from 'node:assert/strict';
import { MonitorSession, MAX_KEPT, isBad, type CheckedEvent } from '../../server/src/core/monitor/session';
import { reportEvent, jsonLine } from '../../server/src/core/monitor/eventReport';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { eventYaml, indexTree, metricYaml } from '../helpers/workspace';
import { internalEventParams, type InternalEventSpec } from '../helpers/trackerPayloads';

const LEGACY_EVENT = `---
description: Legacy click
category: projects:show
action: click_legacy_button
product_group: analytics_instrumentation
milestone: '15.0'
introduced_by_url: https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1
tiers:
- free
`;

const WORKSPACE = {
  'config/events/click_button.yml': eventYaml('click_button'),
  'config/events/view_page.yml': eventYaml('view_page', { identifiers: 'identifiers:\n- user', additional_properties: 'additional_properties:\n  value:\n    description: seconds' }),
  'config/events/legacy.yml': LEGACY_EVENT,
  'config/events/removed/old_event.yml': eventYaml('old_event'),
  'config/metrics/counts_28d/total.yml': metricYaml('counts.count_total_click_button_monthly', '- name: click_button'),
  'config/metrics/counts_7d/users.yml': metricYaml('redis_hll_counters.count_distinct_user_id_from_click_button_weekly', '- name: click_button\n  unique: user.id', { time_frame: 'time_frame: 7d' }),
  'config/metrics/counts_28d/sidebar.yml': metricYaml('counts.count_total_click_button_sidebar_monthly', '- name: click_button\n  filter:\n    label: sidebar'),
  'config/metrics/counts_28d/labels.yml': metricYaml('redis_hll_counters.count_distinct_label_from_click_button_monthly', '- name: click_button\n  unique: label'),
  'config/metrics/counts_all/seconds.yml': metricYaml('counts.sum_value_from_view_page', '- name: view_page\n  operator: sum(value)', { time_frame: 'time_frame:\n- 28d\n- 7d' }),
};

let index: ProjectIndex;
before(async () => {
  index = await indexTree(WORKSPACE);
});

function session(): MonitorSession {
  return new MonitorSession(() => index);
}

function receive(s: MonitorSession, spec: InternalEventSpec): CheckedEvent {
  const e = s.ingestParams(internalEventParams(spec), 1000, 'collector');
  assert.ok(!isBad(e), `bad: ${isBad(e) ? e.reason : ''}`);
  return e as CheckedEvent;
}

const problems = (e: CheckedEvent) => e.problems.map((p) => `${p.severity} ${p.code}: ${p.message}`);

describe('monitor: checks of received events', () => {
  const TABLE: [string, InternalEventSpec, RegExp[]][] = [
    ['a well-formed internal event', { event: 'click_button', label: 'sidebar', property: 'left', extra: { custom_flag: 'yes' } }, []],
    ['an unknown event, with did you mean', { event: 'click_buton' }, [/^error unknown-event: Unknown event 'click_buton'.*Did you mean 'click_button'/]],
    ['a legacy definition sent as an internal event', { event: 'click_legacy_button' }, [/^error unknown-event: 'click_legacy_button' is defined as a legacy Snowplow event/]],
    ['a removed event', { event: 'old_event' }, [/^error unknown-event: Event 'old_event' was removed/]],
    ['a legacy Snowplow event its definition documents', { event: 'click_legacy_button', category: 'projects:show', legacy: true }, []],
    ['a legacy Snowplow event nobody defined', { event: 'zzz_unheard_of', category: 'projects:show', legacy: true }, [/^information unknown-event: Snowplow event 'zzz_unheard_of' \(category projects:show\) has no event definition/]],
    ['a custom property the event does not declare', { event: 'click_button', label: 'sidebar', property: 'x', extra: { colour: 'red' } }, [/^error undeclared-property: .*'colour'/]],
    ['a custom property of the wrong type', { event: 'click_button', label: 'a', property: 'b', extra: { custom_flag: true } }, [/^error property-type: 'custom_flag' must be a string or a number, not boolean/]],
    ['label sent but not declared', { event: 'view_page', label: 'x', value: 2 }, [/^information undeclared-base-property: 'label' is sent/]],
    ['a declared identifier arrived empty', { event: 'view_page', user_id: null, value: 1 }, [/^warning missing-identifier: Arrived without user_id: 'view_page' declares the identifier 'user'\.$/]],
    [
      'a unique metric could not count it, and the identifier is declared',
      { event: 'click_button', user_id: null, label: 'a', property: 'b' },
      [/^warning missing-identifier: Arrived without user_id: 'click_button' declares the identifier 'user', and metric 'redis_hll_counters\.count_distinct_user_id_from_click_button_weekly' did not count it\.$/],
    ],
    ['a unique-label metric without a label', { event: 'click_button', property: 'b' }, [/^warning missing-identifier: Arrived without label: metric 'redis_hll_counters\.count_distinct_label_from_click_button_monthly' did not count it/]],
  ];
  for (const [name, spec, expected] of TABLE) {
    it(name, () => {
      const got = problems(receive(session(), spec));
      assert.equal(got.length, expected.length, got.join('\n'));
      expected.forEach((re, i) => assert.match(got[i], re));
    });
  }

  it('a repeated event id is reported on the second arrival only', () => {
    const s = session();
    assert.deepEqual(problems(receive(s, { event: 'click_button', eid: 'e-1', label: 'a', property: 'b' })), []);
    const again = problems(receive(s, { event: 'click_button', eid: 'e-1', label: 'a', property: 'b' }));
    assert.equal(again.length, 1);
    assert.match(again[0], /^warning duplicate-event-id: Event id e-1 was already received \(event #1\)/);
  });

  it('events alike share their checks, but the ids of each are their own', () => {
    const s = session();
    const a = receive(s, { event: 'view_page', value: 1 });
    const b = receive(s, { event: 'view_page', value: 1, user_id: null });
    assert.deepEqual(problems(a), []);
    assert.equal(problems(b).length, 1);
  });
});

describe('monitor: session values of metrics', () => {
  const value = (s: MonitorSession, e: CheckedEvent, keyPath: string) => {
    const m = reportEvent(s, e).metrics.find((x) => x.keyPath === keyPath);
    assert.ok(m, `no metric ${keyPath}`);
    return m;
  };

  it('total, unique user, filtered and unique-label metrics count as Service Ping would', () => {
    const s = session();
    receive(s, { event: 'click_button', user_id: 1, label: 'sidebar', property: 'p' });
    receive(s, { event: 'click_button', user_id: 1, label: 'header', property: 'p' });
    const last = receive(s, { event: 'click_button', user_id: 2, label: 'sidebar', property: 'p' });
    assert.equal(value(s, last, 'counts.count_total_click_button_monthly').value, 3);
    assert.equal(value(s, last, 'redis_hll_counters.count_distinct_user_id_from_click_button_weekly').value, 2);
    assert.equal(value(s, last, 'counts.count_total_click_button_sidebar_monthly').value, 2);
    assert.equal(value(s, last, 'redis_hll_counters.count_distinct_label_from_click_button_monthly').value, 2);
  });

  it('says why a metric did not count an event', () => {
    const s = session();
    const e = receive(s, { event: 'click_button', user_id: null, label: 'header', property: 'p' });
    const filtered = value(s, e, 'counts.count_total_click_button_sidebar_monthly');
    assert.equal(filtered.counted, false);
    assert.equal(filtered.why, 'filter label: "sidebar" (got "header")');
    const unique = value(s, e, 'redis_hll_counters.count_distinct_user_id_from_click_button_weekly');
    assert.deepEqual([unique.counted, unique.why, unique.value], [false, 'no user_id', 0]);
    assert.equal(value(s, e, 'counts.count_total_click_button_monthly').counted, true);
  });

  it('sum(value) sums, and an array time frame gives each expanded key path', () => {
    const s = session();
    receive(s, { event: 'view_page', value: 5 });
    const e = receive(s, { event: 'view_page', value: 7 });
    const r = reportEvent(s, e);
    assert.deepEqual(
      r.metrics.map((m) => [m.keyPath, m.value, m.instrumentationClass]),
      [
        ['counts.sum_value_from_view_page_monthly', 12, 'TotalSumMetric'],
        ['counts.sum_value_from_view_page_weekly', 12, 'TotalSumMetric'],
      ],
    );
  });

  it('the JSON line has the documented keys', () => {
    const s = session();
    const e = receive(s, { event: 'click_button', eid: 'abc', label: 'sidebar', property: 'p', user_id: 4 });
    const line = JSON.parse(jsonLine(reportEvent(s, e)));
    assert.deepEqual(Object.keys(line), ['event', 'eventId', 'receivedAt', 'category', 'identifiers', 'properties', 'problems', 'metrics']);
    assert.deepEqual(line.identifiers, { user_id: 4, project_id: 2, namespace_id: 3 });
    assert.deepEqual(line.properties, { label: 'sidebar', property: 'p' });
    assert.equal(line.metrics.length, 4);
    assert.equal(line.receivedAt, '1970-01-01T00:00:01.000Z');
  });

  it('keeps at most MAX_KEPT events, counts the dropped ones, and keeps counting', () => {
    const s = session();
    for (let i = 0; i < MAX_KEPT + 5; i++) s.ingestParams(internalEventParams({ event: 'view_page', value: 1 }), i, 'collector');
    assert.equal(s.goodEvents().length, MAX_KEPT);
    assert.equal(s.droppedGood, 5);
    assert.equal(s.goodTotal, MAX_KEPT + 5);
    assert.equal(s.goodEvents()[0].seq, 6);
    assert.equal(s.eventsNamed('view_page').length, MAX_KEPT);
    // The tally was built at the first event and kept up to date: dropped events still count.
    assert.equal(s.metricValues(s.goodEvents()[0])[0].value, MAX_KEPT + 5);
  });

  it('after the definitions change, events are checked again', async () => {
    const own = await indexTree({ 'config/events/click_button.yml': eventYaml('click_button') });
    const s = new MonitorSession(() => own);
    const e = s.ingestParams(internalEventParams({ event: 'brand_new_event' }), 0, 'collector') as CheckedEvent;
    assert.equal(e.problems[0]?.code, 'unknown-event');
    const fs = await import('node:fs');
    const path = await import('node:path');
    fs.writeFileSync(path.join(own.root, 'config/events/brand_new_event.yml'), eventYaml('brand_new_event'));
    own.update('config/events/brand_new_event.yml');
    s.definitionsChanged();
    assert.deepEqual(e.problems, []);
  });
});

describe('monitor: an event without the gitlab_standard context', () => {
  it('gets one missing-identifier problem naming every field and metric, not one per field', async () => {
    const s = session();
    const e = s.ingestParams({ e: 'se', se_ac: 'click_button', se_la: 'a', se_pr: 'b' }, 0, 'collector') as CheckedEvent;
    const got = problems(e);
    assert.equal(got.length, 1, got.join('\n'));
    assert.match(got[0], /^warning missing-identifier: Arrived without the gitlab_standard context, so without project_id, namespace_id, user_id, and metric 'redis_hll_counters\.count_distinct_user_id_from_click_button_weekly' did not count it\.$/);
  });
});
