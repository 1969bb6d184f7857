// Planted defects in code, one table per call-site rule: code, file and line.
import { strict as assert } from 'node:assert';
import { indexTree, at, eventYaml, metricYaml } from '../helpers/workspace';

const defs = {
  'config/events/click_button.yml': eventYaml('click_button'),
  'config/events/view_page.yml': eventYaml('view_page', { additional_properties: 'additional_properties:\n  value:\n    description: ms' }),
  'config/events/1651580551_legacy.yml': eventYaml('legacy_click', { internal_events: '', category: 'category: Projects' }),
  'config/events/removed/gone_event.yml': eventYaml('gone_event'),
  'lib/gitlab/usage_data_counters/hll_redis_legacy_events.yml': '- old_hll_event\n',
  'config/metrics/counts_28d/u.yml': metricYaml('redis_hll_counters.count_distinct_project_id_from_click_button_monthly', '- name: click_button\n  unique: project.id'),
};

interface Case {
  name: string;
  file: string;
  /** The source file's text. */
  source: string;
  /** The diagnostic code under test. */
  rule: string;
  lines: number[];
  message?: RegExp;
}

const cases: Case[] = [
  { name: 'unknown-event with did-you-mean', file: 'app/a.rb', source: "track_internal_event('click_buton', user: u, project: p)\n", rule: 'unknown-event', lines: [1], message: /Did you mean 'click_button'/ },
  { name: 'known event is fine', file: 'app/a.rb', source: "track_internal_event('click_button', user: u, project: p)\n", rule: 'unknown-event', lines: [] },
  { name: 'legacy HLL events are known', file: 'app/a.rb', source: "track_internal_event('old_hll_event')\n", rule: 'unknown-event', lines: [] },
  { name: 'a legacy Snowplow definition is not an internal event', file: 'app/a.rb', source: "track_internal_event('legacy_click')\n", rule: 'unknown-event', lines: [1], message: /legacy Snowplow/ },
  { name: 'a removed event says so', file: 'app/a.rb', source: "track_internal_event('gone_event')\n", rule: 'unknown-event', lines: [1], message: /was removed/ },
  { name: 'unknown-event says what the definition will need beside a custom key', file: 'app/a.rb', source: "track_internal_event('nope_event', additional_properties: { label: 'x', colour: 'red' })\n", rule: 'unknown-event', lines: [1], message: /will also need 'property': custom properties \('colour'\) need label and property, or value/ },
  { name: 'unknown-event adds nothing when the call sends only base properties', file: 'app/a.rb', source: "track_internal_event('nope_event', additional_properties: { label: 'x' })\n", rule: 'unknown-event', lines: [1], message: /^Unknown event 'nope_event': no internal event definition has this action\.$/ },
  { name: 'dynamic names are never flagged', file: 'app/a.rb', source: 'track_internal_event("x_#{kind}")\n', rule: 'unknown-event', lines: [] },
  { name: 'unknown-event on the misspelt branch of a ternary only', file: 'app/a.rb', source: "track_internal_event(x ?\n  'click_button' :\n  'click_buton', user: u, project: p)\n", rule: 'unknown-event', lines: [3] },
  { name: 'unknown-event on the misspelt branch of a conditional in Vue', file: 'app/a.vue', source: "<template>\n  <a :data-event-tracking=\"x ? 'view_page' : 'view_pag'\" />\n</template>\n", rule: 'unknown-event', lines: [2] },
  { name: 'unknown-event on a call to a wrapper method of the file', file: 'app/a.rb', source: "class S\n  def run\n    track_click('click_buton')\n  end\n\n  def track_click(name)\n    track_internal_event(name, user: u, project: p)\n  end\nend\n", rule: 'unknown-event', lines: [3] },
  { name: 'missing-identifier through a wrapper: what the wrapper passes counts', file: 'app/a.rb', source: "class S\n  def run\n    track_click('click_button')\n  end\n\n  def track_click(name)\n    track_internal_event(name, user: u)\n  end\nend\n", rule: 'missing-identifier', lines: [3] },
  { name: 'unknown-event in JS', file: 'app/a.js', source: "InternalEvents.trackEvent('nope_event');\n", rule: 'unknown-event', lines: [1] },
  { name: 'unknown-event in HAML', file: 'app/v.html.haml', source: "%button{ data: { event_tracking: 'nope_event' } }\n", rule: 'unknown-event', lines: [1] },
  { name: 'unknown-event in an RSpec matcher', file: 'spec/a_spec.rb', source: "it { expect { x }.to trigger_internal_events('nope_event') }\n", rule: 'unknown-event', lines: [1] },
  { name: 'unknown-event in a Jest assertion on the tracking spy', file: 'spec/frontend/a_spec.js', source: "expect(trackEventSpy).toHaveBeenCalledWith('nope_event', {}, undefined);\n", rule: 'unknown-event', lines: [1] },
  { name: 'undeclared-property on the key', file: 'app/a.rb', source: "track_internal_event('view_page',\n  additional_properties: { value: 1, colour: 'red' })\n", rule: 'undeclared-property', lines: [2] },
  { name: 'declared custom property is fine', file: 'app/a.rb', source: "track_internal_event('click_button', project: p, additional_properties: { label: 'a', property: 'b', custom_flag: 'c' })\n", rule: 'undeclared-property', lines: [] },
  { name: 'property-type: label must be a string', file: 'app/a.js', source: "InternalEvents.trackEvent('click_button', { label: 3 });\n", rule: 'property-type', lines: [1], message: /'label' must be a string/ },
  { name: 'property-type: value must be a number', file: 'app/a.rb', source: "track_internal_event('view_page', additional_properties: { value: 'slow' })\n", rule: 'property-type', lines: [1] },
  { name: 'property-type: variables are not judged', file: 'app/a.rb', source: "track_internal_event('view_page', additional_properties: { value: duration })\n", rule: 'property-type', lines: [] },
  { name: 'missing-identifier: unique project metric, no project passed', file: 'app/a.rb', source: "track_internal_event('click_button', user: u)\n", rule: 'missing-identifier', lines: [1], message: /project/ },
  { name: 'missing-identifier: not for frontend calls', file: 'app/a.js', source: "InternalEvents.trackEvent('click_button');\n", rule: 'missing-identifier', lines: [] },
  { name: 'missing-identifier: a splat may pass it', file: 'app/a.rb', source: "track_internal_event('click_button', **args)\n", rule: 'missing-identifier', lines: [] },
  { name: 'undeclared-base-property is information', file: 'app/a.rb', source: "track_internal_event('view_page', additional_properties: { label: 'x', value: 2 })\n", rule: 'undeclared-base-property', lines: [1] },
];

describe('call-site rules (planted defects)', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const index = await indexTree({ ...defs, [c.file]: c.source });
      const diags = index.diagnostics(c.file);
      assert.deepEqual(at(diags, c.rule), c.lines, JSON.stringify(diags.map((d) => [d.code, d.range.start.line + 1, d.message])));
      if (c.message) for (const d of diags.filter((x) => x.code === c.rule)) assert.match(d.message, c.message);
    });
  }

  it('undeclared-base-property has severity information, missing-identifier warning', async () => {
    const index = await indexTree({ ...defs, 'app/a.rb': "track_internal_event('view_page', additional_properties: { label: 'x' })\ntrack_internal_event('click_button', user: u)\n" });
    const d = index.diagnostics('app/a.rb');
    assert.equal(d.find((x) => x.code === 'undeclared-base-property')!.severity, 'information');
    assert.equal(d.find((x) => x.code === 'missing-identifier')!.severity, 'warning');
  });

  it('unused-event clears when a call appears, and comes back when it goes', async () => {
    const index = await indexTree(defs);
    assert.deepEqual(at(index.diagnostics('config/events/view_page.yml'), 'unused-event'), [4]);
    const affected = index.setOverlay('app/new.rb', "track_internal_event('view_page')\n");
    assert.ok(affected.has('config/events/view_page.yml'));
    assert.deepEqual(at(index.diagnostics('config/events/view_page.yml'), 'unused-event'), []);
    index.setOverlay('app/new.rb', '# nothing here\n');
    assert.deepEqual(at(index.diagnostics('config/events/view_page.yml'), 'unused-event'), [4]);
  });

  it('specs alone do not make an event used: RSpec, Jest and attribute maps in spec files', async () => {
    const index = await indexTree({
      ...defs,
      'spec/requests/a_spec.rb': "it { expect { get '/' }.to trigger_internal_events('view_page') }\n",
      'spec/frontend/a_spec.js': "expect(trackEventSpy).toHaveBeenCalledWith('view_page');\n",
      'ee/spec/frontend/b_spec.js': "expect(attrs).toEqual({ 'data-event-tracking': 'view_page' });\n",
      'app/assets/javascripts/__tests__/c.test.js': "const attrs = { 'data-event-tracking': 'view_page' };\n",
    });
    const hint = index.diagnostics('config/events/view_page.yml').find((d) => d.code === 'unused-event');
    assert.match(hint?.message ?? '', /outside specs \(4 spec references\)/);
    index.setOverlay('app/assets/javascripts/d.js', "const attrs = { 'data-event-tracking': 'view_page' };\n");
    assert.deepEqual(at(index.diagnostics('config/events/view_page.yml'), 'unused-event'), []);
  });

  it('binary and oversized source files are skipped with a reason', async () => {
    const index = await indexTree({ ...defs, 'app/bin.js': Buffer.concat([Buffer.from('trackEvent'), Buffer.from([0, 1, 2])]) as unknown as string, 'app/huge.js': "InternalEvents.trackEvent('x');\n".repeat(40000) }, { maxSourceFileSize: 1024 * 1024 });
    assert.match(index.skipped.get('app/bin.js') ?? '', /binary/);
    assert.match(index.skipped.get('app/huge.js') ?? '', /limit/);
  });
});
