import * as assert from 'node:assert/strict';
import { MonitorSession } from '../../server/src/core/monitor/session';
import { renderScreen, table, type ScreenState } from '../../server/src/core/monitor/terminalScreen';
import { eventYaml, indexTree, metricYaml } from '../helpers/workspace';
import { internalEventParams } from '../helpers/trackerPayloads';

describe('monitor: the CLI terminal screen', () => {
  it("shows the relevant metrics with initial and current values, and the events with their checks, as GitLab's monitor lays them out", async () => {
    const index = await indexTree({
      'config/events/click_button.yml': eventYaml('click_button'),
      'config/metrics/counts_28d/total.yml': metricYaml('counts.count_total_click_button_monthly', '- name: click_button'),
      'config/metrics/counts_28d/other.yml': metricYaml('counts.count_total_other_monthly', '- name: other_event'),
    });
    const session = new MonitorSession(() => index);
    session.ingestParams(internalEventParams({ event: 'click_button', label: 'a', property: 'b', user_id: 9 }), 0, 'collector');
    const state: ScreenState = { monitored: ['click_button'], initialValues: new Map(), firstNewSeq: 2, header: 'HEADER', width: 200, rows: 40, colour: true };
    renderScreen(session, state); // the first draw fixes the initial values
    session.ingestParams(internalEventParams({ event: 'click_button', label: 'a', property: 'b', extra: { nope: 1 } }), 1000, 'collector');
    session.ingestParams(internalEventParams({ event: 'unrelated' }), 2000, 'collector');
    const screen = renderScreen(session, state);
    const lines = screen.split('\n');
    assert.equal(lines[0], 'HEADER');
    assert.equal(lines[1], 'Monitored events: click_button');
    const metricRow = lines.find((l) => l.includes('counts.count_total_click_button_monthly'))!;
    assert.match(metricRow, /^\x1b\[31m\| counts\.count_total_click_button_monthly \| click_button +\| TotalCountMetric +\| 1 +\| 2 +\|\x1b\[0m$/);
    assert.ok(!screen.includes('count_total_other_monthly'), 'a metric of another event is not relevant');
    const eventRows = lines.filter((l) => l.includes('| click_button ') && l.includes('1970'));
    assert.equal(eventRows.length, 2);
    assert.match(eventRows[0], /^\x1b\[31m.*✗ undeclared-property/, 'the new event, highlighted, with its check');
    assert.match(eventRows[1], /^\| click_button +\| 1970-01-01T00:00:00\.000Z \| InternalEventTracking \| 9 +\| 3 +\| 2 +\| free \| a +\| b +\| +\| ✓/);
    assert.ok(!screen.includes('unrelated'), 'events not monitored are not listed');
    assert.match(screen, /PROBLEMS\n {2}✗ Event 'click_button' does not declare the additional property 'nope'/);
  });

  it('tables shrink their widest columns to the terminal width', () => {
    const lines = table('T', ['a', 'b'], [['x'.repeat(100), 'short']], 40);
    for (const l of lines) assert.ok(l.length <= 40, `${l.length}: ${l}`);
    assert.ok(lines.some((l) => l.includes('…')));
  });
});
