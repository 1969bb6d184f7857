// The palette commands' engine (New Event, New Metric, Copy Tracking Snippet): generated files are
// written into a fixture workspace with GitLab's newest schemas, re-indexed, and must leave only
// placeholder warnings; refusals name their reason.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventYaml, indexTree, metricYaml, newestSchemaFiles } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { buildNewEvent, eventChoices, yamlScalar, type NewEventRequest } from '../../server/src/core/authoring/newEvent';
import { buildNewMetrics, metricOptions, type MetricOption } from '../../server/src/core/authoring/newMetric';
import { trackingSnippets, type TrackingSnippet } from '../../server/src/core/authoring/trackingSnippets';

const FILES: Record<string, string> = {
  ...newestSchemaFiles(),
  VERSION: '17.10.0-pre\n',
  // Declares project, namespace, user and label, property, custom_flag.
  'config/events/click_button.yml': eventYaml('click_button'),
  'config/events/view_page.yml': eventYaml('view_page', { identifiers: 'identifiers:\n- user', additional_properties: '' }),
  'config/events/legacy_snowplow.yml': '---\ndescription: old\ncategory: Foo\naction: legacy_snowplow\nproduct_group: analytics_instrumentation\nmilestone: "16.0"\nintroduced_by_url: TODO\ntiers:\n- free\n',
  'config/metrics/counts_28d/count_distinct_user_id_from_click_button_monthly.yml': metricYaml('redis_hll_counters.count_distinct_user_id_from_click_button_monthly', '- name: click_button\n  unique: user.id'),
};

function request(overrides: Partial<NewEventRequest> = {}): NewEventRequest {
  return {
    description: 'Counted when a user exports a report as CSV from the reports page',
    action: 'export_report_csv',
    identifiers: ['project', 'namespace', 'user'],
    properties: [
      { name: 'label', description: 'format of the export' },
      { name: 'property', description: '' },
      { name: 'lang', description: 'language: ruby or js' },
    ],
    productGroup: 'analytics_instrumentation',
    productCategories: ['service_ping'],
    tiers: ['free', 'premium', 'ultimate'],
    ...overrides,
  };
}

/** Writes a generated file into the workspace, as the client would, and re-indexes it. */
function write(index: ProjectIndex, file: { path: string; text: string }): string {
  const abs = path.join(index.root, file.path);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, file.text);
  index.update(file.path);
  return file.path;
}

// A brand-new definition has no call and no metric yet: those hints are expected.
const WORKSPACE_HINTS = new Set(['placeholder', 'event-without-metric', 'unused-event']);

function problems(index: ProjectIndex, rel: string): string[] {
  return index
    .diagnostics(rel)
    .filter((d) => !WORKSPACE_HINTS.has(d.code))
    .map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`);
}

function built<T>(result: T | { error: string }): T {
  assert.ok(!(result && typeof result === 'object' && 'error' in result), `no error: ${JSON.stringify(result)}`);
  return result as T;
}

describe('commands: New Event', function () {
  this.timeout(30000);
  let index: ProjectIndex;
  before(async () => {
    index = await indexTree(FILES);
    assert.equal(index.schemas.source, 'workspace');
  });

  it('lists internal events, the schema product groups, categories and the version', () => {
    const choices = eventChoices(index);
    assert.deepEqual(choices.events.map((e) => e.name), ['click_button', 'view_page']);
    assert.deepEqual(choices.events[0].properties, ['label', 'property', 'custom_flag']);
    assert.ok(choices.productGroups.includes('analytics_instrumentation'), 'product groups from the schema enum');
    assert.ok(choices.categories.includes('service_ping'));
    assert.equal(choices.version, '17.10');
  });

  it('writes the CLI field order and passes the newest schema apart from placeholders', () => {
    const file = built(buildNewEvent(index, request()));
    assert.equal(file.path, 'config/events/export_report_csv.yml');
    assert.equal(
      file.text,
      [
        '---',
        'description: Counted when a user exports a report as CSV from the reports page',
        'internal_events: true',
        'action: export_report_csv',
        'identifiers:',
        '- project',
        '- namespace',
        '- user',
        'additional_properties:',
        '  label:',
        '    description: format of the export',
        '  property:',
        '    description: TODO',
        '  lang:',
        '    description: "language: ruby or js"',
        'product_group: analytics_instrumentation',
        'product_categories:',
        '- service_ping',
        "milestone: '17.10'",
        'introduced_by_url: TODO',
        'tiers:',
        '- free',
        '- premium',
        '- ultimate',
        '',
      ].join('\n'),
    );
    const rel = write(index, file);
    assert.deepEqual(problems(index, rel), []);
    assert.deepEqual(index.diagnostics(rel).filter((d) => d.code === 'placeholder').map((d) => d.range.start.line + 1), [13, 20]);
  });

  it('places an event whose tiers exclude free under ee/', () => {
    const file = built(buildNewEvent(index, request({ action: 'export_ee_report', tiers: ['premium', 'ultimate'], properties: [], identifiers: ['namespace'] })));
    assert.equal(file.path, 'ee/config/events/export_ee_report.yml');
    assert.match(file.text, /tiers:\n- premium\n- ultimate\n$/);
    assert.doesNotMatch(file.text, /additional_properties/);
    assert.deepEqual(problems(index, write(index, file)), []);
  });

  const refusals: [string, Partial<NewEventRequest>, RegExp][] = [
    ['a name breaking the pattern', { action: 'Export-Report' }, /not a valid event name/],
    ['an existing internal action', { action: 'click_button' }, /already exists/],
    ['an existing legacy Snowplow action', { action: 'legacy_snowplow' }, /already exists/],
    ['a custom property without label and property', { properties: [{ name: 'label' }, { name: 'lang' }] }, /need both 'label' and 'property', or 'value'/],
    ['a property name breaking the pattern', { properties: [{ name: 'value' }, { name: 'Lang' }] }, /not a valid property name/],
    ['an empty description', { description: '  ' }, /description is required/],
    ['an unknown tier', { tiers: ['gold'] }, /Unknown tier/],
    // An agent (MCP) types the group; the pickers only offer the schema's.
    ['a product group the schema does not list, with the closest', { productGroup: 'analytics_instrumentaton' }, /Unknown product group 'analytics_instrumentaton': did you mean 'analytics_instrumentation'/],
    ['a product category the workspace does not list', { productCategories: ['service_pingg'] }, /Unknown product category 'service_pingg'.*did you mean 'service_ping'/],
  ];
  for (const [what, overrides, reason] of refusals) {
    it(`refuses ${what}`, () => {
      const result = buildNewEvent(index, request({ action: 'never_written', ...overrides }));
      assert.ok('error' in result, JSON.stringify(result));
      assert.match(result.error, reason);
    });
  }

  it('allows custom properties next to value alone', () => {
    built(buildNewEvent(index, request({ action: 'value_and_custom', properties: [{ name: 'value' }, { name: 'lang' }] })));
  });

  it('refuses a file that exists', () => {
    const result = buildNewEvent(index, request({ action: 'fresh_name' }), (rel) => rel === 'config/events/fresh_name.yml');
    assert.deepEqual(result, { error: 'config/events/fresh_name.yml already exists.' });
  });

  it('quotes free text only when YAML would misread it', () => {
    assert.equal(yamlScalar('Plain words, even (parens)'), 'Plain words, even (parens)');
    assert.equal(yamlScalar('https://gitlab.com/x/-/merge_requests/1'), 'https://gitlab.com/x/-/merge_requests/1');
    assert.equal(yamlScalar('note: colon'), '"note: colon"');
    assert.equal(yamlScalar('true'), '"true"');
    assert.equal(yamlScalar("'quoted'"), `"'quoted'"`);
    assert.equal(yamlScalar('a # comment'), '"a # comment"');
  });
});

describe('commands: New Metric', function () {
  this.timeout(30000);
  let index: ProjectIndex;
  before(async () => {
    index = await indexTree(FILES);
  });

  const describeOption = (o: MetricOption) => `${o.unique ?? 'total'}/${o.timeFrame}${o.exists ? ' (exists)' : ''}`;

  it('offers only the uniques every selected event declares, no all-time uniques, and marks existing ones', () => {
    const options = built(metricOptions(index, ['click_button']));
    assert.deepEqual(options.map(describeOption), [
      'total/28d',
      'total/7d',
      'total/all',
      'user.id/28d (exists)',
      'user.id/7d',
      'project.id/28d',
      'project.id/7d',
      'namespace.id/28d',
      'namespace.id/7d',
      'label/28d',
      'label/7d',
      'property/28d',
      'property/7d',
    ]);
    const existing = options.find((o) => o.exists)!;
    assert.equal(existing.exists, 'config/metrics/counts_28d/count_distinct_user_id_from_click_button_monthly.yml');
    const both = built(metricOptions(index, ['click_button', 'view_page']));
    assert.deepEqual([...new Set(both.map((o) => o.unique ?? 'total'))], ['total', 'user.id']);
    assert.equal(both[0].keyPath, 'counts.count_total_click_button_and_view_page_monthly');
  });

  it('derives key paths and folders per §2.6 for every option', () => {
    for (const o of built(metricOptions(index, ['view_page']))) {
      const suffix = { '7d': '_weekly', '28d': '_monthly', all: '' }[o.timeFrame];
      const folder = { '7d': 'counts_7d', '28d': 'counts_28d', all: 'counts_all' }[o.timeFrame];
      const value = o.unique ? `count_distinct_user_id_from_view_page${suffix}` : `count_total_view_page${suffix}`;
      assert.equal(o.keyPath, `${o.unique ? 'redis_hll_counters' : 'counts'}.${value}`);
      assert.equal(o.path, `config/metrics/${folder}/${value}.yml`);
    }
  });

  it('merges time frames of one choice into an array time_frame in counts_all, valid against the newest schema', () => {
    const files = built(buildNewMetrics(index, { events: ['view_page'], choices: [{ timeFrames: ['7d', '28d'], unique: 'user.id' }, { timeFrames: ['all'] }] }));
    assert.deepEqual(files.map((f) => f.path), ['config/metrics/counts_all/count_distinct_user_id_from_view_page.yml', 'config/metrics/counts_all/count_total_view_page.yml']);
    assert.equal(
      files[0].text,
      [
        '---',
        'key_path: redis_hll_counters.count_distinct_user_id_from_view_page',
        'description: Monthly/Weekly count of unique users who triggered view_page',
        'product_group: analytics_instrumentation',
        'product_categories:',
        '- service_ping',
        'performance_indicator_type: []',
        'value_type: number',
        'status: active',
        "milestone: '17.9'",
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
        '- name: view_page',
        '  unique: user.id',
        '',
      ].join('\n'),
    );
    assert.match(files[1].text, /description: Total count of view_page events\n/);
    for (const file of files) assert.deepEqual(problems(index, write(index, file)), [], file.path);
    // Now defined: the options say so, and a second request is refused.
    assert.ok(built(metricOptions(index, ['view_page'])).filter((o) => o.unique === 'user.id').every((o) => o.exists));
    const again = buildNewMetrics(index, { events: ['view_page'], choices: [{ timeFrames: ['28d'], unique: 'user.id' }] });
    assert.ok('error' in again && /already counts this/.test(again.error), JSON.stringify(again));
  });

  it('writes several events with the author description after the CLI prefix', () => {
    const files = built(buildNewMetrics(index, { events: ['click_button', 'view_page'], choices: [{ timeFrames: ['7d'], unique: 'user.id' }], description: 'who clicked or viewed' }));
    assert.equal(files[0].path, 'config/metrics/counts_7d/count_distinct_user_id_from_click_button_and_view_page_weekly.yml');
    assert.match(files[0].text, /description: Weekly count of unique users who clicked or viewed\n/);
    assert.match(files[0].text, /events:\n- name: click_button\n {2}unique: user.id\n- name: view_page\n {2}unique: user.id\n$/);
    assert.deepEqual(problems(index, write(index, files[0])), []);
  });

  const refusals: [string, Parameters<typeof buildNewMetrics>[1], RegExp][] = [
    ['an existing metric', { events: ['click_button'], choices: [{ timeFrames: ['28d'], unique: 'user.id' }] }, /already counts this/],
    ['an all-time unique', { events: ['click_button'], choices: [{ timeFrames: ['all'], unique: 'user.id' }] }, /only weekly/],
    ['an undeclared unique', { events: ['view_page'], choices: [{ timeFrames: ['7d'], unique: 'project.id' }] }, /does not declare/],
    ['an unknown event', { events: ['nope'], choices: [{ timeFrames: ['7d'] }] }, /not a defined internal event/],
  ];
  for (const [what, req, reason] of refusals) {
    it(`refuses ${what}`, () => {
      const result = buildNewMetrics(index, req);
      assert.ok('error' in result, JSON.stringify(result));
      assert.match(result.error, reason);
    });
  }
});

describe('commands: tracking snippets', function () {
  this.timeout(30000);
  let index: ProjectIndex;
  before(async () => {
    index = await indexTree(FILES);
  });

  const snippet = (snippets: TrackingSnippet[], label: RegExp) => snippets.find((s) => label.test(s.label))!.text;

  it('passes every declared identifier and property, in each language', () => {
    const snippets = trackingSnippets(index, 'click_button')!;
    assert.deepEqual([...new Set(snippets.map((s) => s.language))], ['Ruby', 'RSpec', 'Vue', 'JavaScript', 'HAML']);
    assert.equal(
      snippet(snippets, /^Ruby/),
      "include Gitlab::InternalEventsTracking\n\ntrack_internal_event(\n  'click_button',\n  project: project,\n  namespace: namespace,\n  user: user,\n  additional_properties: { label: 'label_value', property: 'property_value', custom_flag: 'custom_flag_value' }\n)\n",
    );
    const rspec = snippet(snippets, /^RSpec/);
    assert.match(rspec, /it_behaves_like 'internal event tracking' do\n {2}let\(:event\) \{ 'click_button' \}\n {2}let\(:project\) \{ create\(:project\) \}\n {2}let\(:namespace\) \{ project.namespace \}\n {2}let\(:user\) \{ create\(:user\) \}\n/);
    assert.match(rspec, /trigger_internal_events\('click_button'\)\.with\(project: project, namespace: namespace, user: user, additional_properties: /);
    assert.match(rspec, /\.and increment_usage_metrics\('redis_hll_counters.count_distinct_user_id_from_click_button_monthly'\)/);
    assert.match(snippet(snippets, /^Vue: /), /mixins: \[InternalEvents.mixin\(\)\][\s\S]*this.trackEvent\('click_button', \{ label: 'label_value', property: 'property_value', custom_flag: 'custom_flag_value' \}\);/);
    assert.match(snippet(snippets, /^Vue template/), /data-event-tracking="click_button"\n {2}data-event-label="label_value"\n {2}data-event-property="property_value"\n {2}data-event-additional='\{"custom_flag":"custom_flag_value"\}'/);
    assert.match(snippet(snippets, /^JavaScript/), /InternalEvents.trackEvent\('click_button', \{ label: /);
    assert.equal(snippet(snippets, /^HAML/), "%button.btn{ data: { event_tracking: 'click_button', event_label: 'label_value', event_property: 'property_value', event_additional: { custom_flag: 'custom_flag_value' }.to_json } }\n  Click me\n");
  });

  it('leaves out what the event does not declare', () => {
    const snippets = trackingSnippets(index, 'view_page')!;
    assert.equal(snippet(snippets, /^Ruby/), "include Gitlab::InternalEventsTracking\n\ntrack_internal_event(\n  'view_page',\n  user: user\n)\n");
    for (const s of snippets) {
      assert.doesNotMatch(s.text, /project|namespace|additional|label/, s.label);
    }
    assert.match(snippet(snippets, /^JavaScript/), /InternalEvents.trackEvent\('view_page'\);/);
  });

  it('answers undefined for an unknown or legacy event', () => {
    assert.equal(trackingSnippets(index, 'nope'), undefined);
    assert.equal(trackingSnippets(index, 'legacy_snowplow'), undefined);
  });
});
