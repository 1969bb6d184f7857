// Issue 11.6: New Metric… starts from the event in front of the person, says why unique counts are
// missing, never lets a total count's description promise unique users, and reuses the event's
// merge request link.
import { strict as assert } from 'node:assert';
import { eventYaml, indexTree, metricYaml } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { buildNewMetrics, missingUniqueReasons } from '../../server/src/core/authoring/newMetric';
import { eventInContext } from '../../server/src/core/authoring/eventInContext';

describe('commands: New Metric in context (issue 11.6)', function () {
  this.timeout(30000);
  let index: ProjectIndex;
  before(async () => {
    index = await indexTree({
      'config/events/click_button.yml': eventYaml('click_button'),
      'config/events/view_page.yml': eventYaml('view_page', { identifiers: '', introduced_by_url: 'introduced_by_url: https://gitlab.com/gitlab-org/gitlab/-/merge_requests/42' }),
      'config/events/open_panel.yml': eventYaml('open_panel', { identifiers: 'identifiers:\n- user' }),
      'config/metrics/counts_28d/m.yml': metricYaml('counts.count_total_open_panel_monthly', '- name: open_panel'),
      'app/services/a.rb': "class A\n  def run\n    track_internal_event('click_button', user: u)\n    track_internal_event('view_page')\n  end\nend\n",
    });
  });

  const at = (rel: string, line: number, character: number) => eventInContext(index, rel, index.readText(rel)!, { line, character });

  it('preselects the event under the cursor in a call, else none in code', () => {
    assert.equal(at('app/services/a.rb', 2, 28), 'click_button');
    assert.equal(at('app/services/a.rb', 3, 28), 'view_page');
    assert.equal(at('app/services/a.rb', 0, 3), undefined);
  });

  it('preselects the event an event file defines wherever the cursor is, and a metric file\'s event', () => {
    assert.equal(at('config/events/view_page.yml', 0, 0), 'view_page');
    assert.equal(at('config/metrics/counts_28d/m.yml', 1, 0), 'open_panel');
    assert.equal(eventInContext(index, 'config/events/view_page.yml', index.readText('config/events/view_page.yml')!, undefined), 'view_page');
  });

  it('says why unique counts are missing', () => {
    assert.deepEqual(missingUniqueReasons(index, ['view_page']), ["Unique users, projects and namespaces cannot be counted: 'view_page' declares no identifiers."]);
    assert.deepEqual(missingUniqueReasons(index, ['open_panel']), ["Unique projects and namespaces cannot be counted: 'open_panel' does not declare 'project' or 'namespace' in identifiers."]);
    assert.deepEqual(missingUniqueReasons(index, ['click_button']), []);
  });

  it('refuses a total count whose description says unique, and keeps each choice its own description', () => {
    const refused = buildNewMetrics(index, { events: ['click_button'], choices: [{ timeFrames: ['all'], description: 'unique users who click' }] });
    assert.deepEqual(refused, { error: "A total count counts every event, not unique ones: its description must not say 'unique'." });
    const files = buildNewMetrics(index, {
      events: ['click_button'],
      choices: [
        { timeFrames: ['7d'], unique: 'user.id', description: 'who click the button' },
        { timeFrames: ['all'], description: 'clicks on the button' },
      ],
    });
    assert.ok(!('error' in files), JSON.stringify(files));
    assert.match(files[0].text, /\ndescription: Weekly count of unique users who click the button\n/);
    assert.match(files[1].text, /\ndescription: Total count of clicks on the button\n/);
  });

  it("reuses the event's introduced_by_url", () => {
    const files = buildNewMetrics(index, { events: ['view_page'], choices: [{ timeFrames: ['all'] }] });
    assert.ok(!('error' in files));
    assert.match(files[0].text, /\nintroduced_by_url: https:\/\/gitlab\.com\/gitlab-org\/gitlab\/-\/merge_requests\/42\n/);
  });
});
