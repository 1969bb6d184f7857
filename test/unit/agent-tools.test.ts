// What the MCP tools answer about events (core/agentTools/events.ts), on a small tree: the
// ranking of find_events, and describe_event for known, removed, legacy and misspelt names.
import { strict as assert } from 'node:assert';
import { eventYaml, indexTree, metricYaml } from '../helpers/workspace';
import { describeEvent, findEvents } from '../../server/src/core/agentTools/events';
import type { ProjectIndex } from '../../server/src/core/projectIndex';

describe('agent tools: events', function () {
  let index: ProjectIndex;
  before(async () => {
    index = await indexTree({
      'config/events/approve_merge_request.yml': eventYaml('approve_merge_request', { description: 'description: A reviewer approves a merge request' }),
      'config/events/approve_merge_request_twice.yml': eventYaml('approve_merge_request_twice'),
      'config/events/view_pipeline.yml': eventYaml('view_pipeline', { description: 'description: Someone opens the pipeline of a merge request' }),
      'config/events/removed/old_click.yml': eventYaml('old_click'),
      'config/events/legacy_snowplow.yml': '---\ndescription: old\ncategory: Foo\naction: legacy_snowplow\nproduct_group: analytics_instrumentation\nmilestone: "16.0"\nintroduced_by_url: TODO\ntiers:\n- free\n',
      'config/metrics/counts_28d/count_approvals.yml': metricYaml('counts.count_approvals', '- name: approve_merge_request\n  unique: user.id'),
      'app/services/approve.rb': "track_internal_event('approve_merge_request', user: user, project: project)\n",
      'spec/services/approve_spec.rb': "it { expect { x }.to trigger_internal_events('approve_merge_request') }\n",
    });
  });

  const table: [string, string[]][] = [
    ['approve_merge_request', ['approve_merge_request', 'approve_merge_request_twice']], // exact, then prefix
    ['merge request', ['approve_merge_request', 'approve_merge_request_twice', 'view_pipeline']], // every word, in the name or the description; names holding the words first
    ['pipeline', ['view_pipeline']],
    ['old_click', []], // removed events are not offered
    ['legacy', []], // nor legacy ones
  ];
  for (const [query, expected] of table) {
    it(`find_events '${query}'`, () => {
      const found = findEvents(index, query);
      assert.deepEqual(found.events.map((e) => e.action), expected);
      assert.equal(found.total, expected.length);
    });
  }

  it('find_events caps the answer and says how many matched', () => {
    const found = findEvents(index, '', 1);
    assert.deepEqual([found.events.length, found.total], [1, 3]);
  });

  it('describe_event: metrics, tracked and asserted call sites', () => {
    const e = describeEvent(index, 'approve_merge_request');
    assert.ok(e.known);
    assert.deepEqual(e.metrics.map((m) => [m.keyPaths, m.unique]), [[['counts.count_approvals'], 'user.id']]);
    assert.deepEqual(e.callSites.map((s) => [s.file, s.spec]), [['app/services/approve.rb', false], ['spec/services/approve_spec.rb', true]]);
    assert.ok(e.snippets.length > 0);
  });

  const unknown: [string, RegExp | undefined, string[]][] = [
    ['old_click', /removed event/, []],
    ['legacy_snowplow', /legacy Snowplow/, []],
    ['aprove_merge_request', undefined, ['approve_merge_request']],
  ];
  for (const [name, note, closest] of unknown) {
    it(`describe_event '${name}': not an internal event${note ? `, ${note.source}` : ''}`, () => {
      const e = describeEvent(index, name);
      assert.ok(!e.known);
      if (note) assert.match(e.note ?? '', note);
      else assert.equal(e.note, undefined);
      assert.deepEqual(e.didYouMean.slice(0, closest.length), closest);
    });
  }
});
