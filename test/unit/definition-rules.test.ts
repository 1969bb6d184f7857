// Planted defects, one table per definition rule: each case names the file and the 1-based line
// the diagnostic must land on, so a rule that fires in the wrong place fails.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS, indexTree, at, eventYaml, metricYaml } from '../helpers/workspace';

interface Case {
  name: string;
  files: Record<string, string>;
  file: string;
  code: string;
  /** Expected 1-based lines (empty: the rule must not fire). */
  lines: number[];
  severity?: string;
  message?: RegExp;
}

const EV = (a: string) => `config/events/${a}.yml`;
const M28 = (n: string) => `config/metrics/counts_28d/${n}.yml`;
const base = { [EV('click_button')]: eventYaml('click_button') };
/** GitLab 16.x's event schema (no internal_events key), from the corpus. */
const SCHEMA_16X = { 'config/events/schema.json': fs.readFileSync(path.join(CORPUS, '_alt_schema_versions/ecf1ffc1/config/events/schema.json'), 'utf8') };

const cases: Case[] = [
  // yaml-syntax
  { name: 'yaml-syntax: bad indentation', files: { [EV('a')]: 'description: ok\naction: "unterminated\n' }, file: EV('a'), code: 'yaml-syntax', lines: [3], message: /Missing closing/ },
  { name: 'yaml-syntax: duplicate key reported where it is', files: { [EV('dup_key')]: eventYaml('dup_key') + 'action: dup_key\n' }, file: EV('dup_key'), code: 'yaml-syntax', lines: [25], message: /^Duplicate key 'action' \(first on line 4\): YAML keeps only one of them\.$/ },
  { name: 'yaml-syntax: a nested duplicate key is named', files: { [EV('dup2')]: eventYaml('dup2', { additional_properties: 'additional_properties:\n  label:\n    description: a\n  label:\n    description: b' }) }, file: EV('dup2'), code: 'yaml-syntax', lines: [12], message: /^Duplicate key 'label' \(first on line 10\)/ },
  { name: 'yaml-syntax: empty file', files: { [EV('empty')]: '' }, file: EV('empty'), code: 'yaml-syntax', lines: [1], message: /Empty/ },
  { name: 'yaml-syntax: alias bomb is refused', files: { [EV('bomb')]: 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n' }, file: EV('bomb'), code: 'yaml-syntax', lines: [1], message: /alias/ },
  // schema
  { name: 'schema: unknown key points at the key', files: { [EV('k')]: eventYaml('k', { extra: 'colour: blue' }) }, file: EV('k'), code: 'schema', lines: [25], message: /Unknown key 'colour'\.$/ },
  { name: 'schema: bad tier points at the value', files: { [EV('t')]: eventYaml('t', { tiers: 'tiers:\n- gold' }) }, file: EV('t'), code: 'schema', lines: [22], message: /not a valid tiers item.*free, premium, ultimate/ },
  { name: 'schema: uppercase action', files: { [EV('Bad')]: eventYaml('Bad') }, file: EV('Bad'), code: 'schema', lines: [4], message: /pattern/ },
  // Issue 11.9: the Problems panel shows text; GitLab-style `code` spans become quotes.
  { name: 'schema: custom property without label+property or value', files: { [EV('c')]: eventYaml('c', { additional_properties: 'additional_properties:\n  label:\n    description: x\n  lang:\n    description: y' }) }, file: EV('c'), code: 'schema', lines: [12], message: /^[^`]*add both 'label' and 'property', or add 'value'[^`]*$/ },
  { name: 'schema: a slip in a long enum names the value meant', files: { [EV('g')]: eventYaml('g', { product_group: 'product_group: analytics_instrumentatoin' }) }, file: EV('g'), code: 'schema', lines: [16], message: /Did you mean 'analytics_instrumentation'\?$/ },
  // Issue 11.7: the message knows the answer, and lists values only when they are near.
  { name: 'schema: a plural of an enum value names the value meant', files: { [EV('g3')]: eventYaml('g3', { product_group: 'product_group: code_reviews' }) }, file: EV('g3'), code: 'schema', lines: [16], message: /^'code_reviews' is not a valid product_group\. Did you mean 'code_review'\?$/ },
  { name: 'schema: a plural in a short enum names the value meant', files: { [EV('i')]: eventYaml('i', { identifiers: 'identifiers:\n- users' }) }, file: EV('i'), code: 'schema', lines: [6], message: /^'users' is not a valid identifiers item\. Did you mean 'user'\?$/ },
  { name: 'schema: nothing near in a long enum: no list of far-off values', files: { [EV('g4')]: eventYaml('g4', { product_group: 'product_group: qqqxxzz' }) }, file: EV('g4'), code: 'schema', lines: [16], message: /^'qqqxxzz' is not a valid product_group\. None of the \d+ allowed values is close; completion lists them\.$/ },
  { name: 'schema: values near a typo are listed when none is clearly meant', files: { [EV('g5')]: eventYaml('g5', { product_group: 'product_group: pipeline' }) }, file: EV('g5'), code: 'schema', lines: [16], message: /Closest allowed values: pipeline_\w+/ },
  { name: 'schema: an old group:: spelling gets the slug it means', files: { [EV('g2')]: eventYaml('g2', { product_group: "product_group: 'group::code review'" }) }, file: EV('g2'), code: 'schema', lines: [16], message: /Did you mean 'code_review'\?/ },
  { name: 'schema: no misleading hint for a far-off key (distribution is not description)', files: { [EV('d')]: eventYaml('d', { extra: 'distribution:\n- ce' }) }, file: EV('d'), code: 'schema', lines: [25], message: /^Unknown key 'distribution'\.$/ },
  { name: 'schema: a plural slip gets its hint', files: { [EV('t2')]: eventYaml('t2', { tiers: 'tier:\n- free', extra: '' }) }, file: EV('t2'), code: 'schema', lines: [2, 21], message: /Missing required key 'tiers'|Unknown key 'tier'\. Did you mean 'tiers'\?/ },
  { name: 'schema: missing required key', files: { [EV('r')]: eventYaml('r', { tiers: '' }) }, file: EV('r'), code: 'schema', lines: [2], message: /Missing required key 'tiers'/ },
  { name: 'schema: metric time_frame array with none explains the array branch', files: { ...base, [M28('m')]: metricYaml('counts.m', '- name: click_button', { time_frame: 'time_frame:\n- 7d\n- none' }) }, file: M28('m'), code: 'schema', lines: [14], message: /'none' is not a valid time_frame item. Allowed: 7d, 28d, all/ },
  { name: 'schema: valid event has none', files: base, file: EV('click_button'), code: 'schema', lines: [] },
  // milestone-not-string
  { name: 'milestone-not-string: 16.10 read as 16.1', files: { [EV('ms')]: eventYaml('ms', { milestone: 'milestone: 16.10' }) }, file: EV('ms'), code: 'milestone-not-string', lines: [19], message: /16\.10.*16\.1/ },
  // category-on-internal-event
  { name: 'category-on-internal-event', files: { [EV('cat')]: eventYaml('cat', { category: 'category: InternalEventTracking' }) }, file: EV('cat'), code: 'category-on-internal-event', lines: [25] },
  { name: 'category on a legacy event is fine', files: { [EV('leg')]: eventYaml('leg', { internal_events: '', category: 'category: Projects' }) }, file: EV('leg'), code: 'category-on-internal-event', lines: [] },
  { name: "category-on-internal-event: not on a 16.x event, whose category is its marker", files: { [EV('gen16')]: eventYaml('gen16', { internal_events: 'category: InternalEventTracking' }) }, file: EV('gen16'), code: 'category-on-internal-event', lines: [] },
  // legacy-internal-marker
  { name: 'legacy-internal-marker: a 16.x event under a schema that knows internal_events', files: { [EV('gen16')]: eventYaml('gen16', { internal_events: 'category: InternalEventTracking' }) }, file: EV('gen16'), code: 'legacy-internal-marker', lines: [3], severity: 'information', message: /GitLab 16\.x way.*internal_events: true/ },
  { name: 'legacy-internal-marker: silent under a 16.x schema, where the category is the marker', files: { ...SCHEMA_16X, [EV('gen16')]: eventYaml('gen16', { internal_events: 'category: InternalEventTracking' }) }, file: EV('gen16'), code: 'legacy-internal-marker', lines: [] },
  { name: 'legacy-internal-marker: not with internal_events: true beside the category', files: { [EV('both')]: eventYaml('both', { category: 'category: InternalEventTracking' }) }, file: EV('both'), code: 'legacy-internal-marker', lines: [] },
  { name: 'legacy-internal-marker: not on a Snowplow category', files: { [EV('leg')]: eventYaml('leg', { internal_events: 'category: Projects' }) }, file: EV('leg'), code: 'legacy-internal-marker', lines: [] },
  // duplicate-action
  { name: 'duplicate-action on both files', files: { [EV('x')]: eventYaml('same'), [EV('y')]: eventYaml('same') }, file: EV('y'), code: 'duplicate-action', lines: [4], message: /config\/events\/x\.yml/ },
  { name: 'removed event does not count as duplicate', files: { [EV('same')]: eventYaml('same'), 'config/events/removed/same.yml': eventYaml('same') }, file: EV('same'), code: 'duplicate-action', lines: [] },
  // unknown-metric-event
  { name: 'unknown-metric-event with suggestion', files: { ...base, [M28('m')]: metricYaml('counts.m', '- name: click_buton') }, file: M28('m'), code: 'unknown-metric-event', lines: [20], message: /click_button/ },
  { name: 'removed metric is not checked', files: { ...base, [M28('m')]: metricYaml('counts.m', '- name: nope', { status: "status: removed\nremoved_by_url: https://x.test/1\nmilestone_removed: '17.9'" }) }, file: M28('m'), code: 'unknown-metric-event', lines: [] },
  // duplicate-key-path after expansion
  { name: 'duplicate-key-path after array expansion', files: { ...base, 'config/metrics/counts_all/a.yml': metricYaml('counts.a', '- name: click_button', { time_frame: 'time_frame:\n- 7d\n- 28d' }), 'config/metrics/counts_7d/b.yml': metricYaml('counts.a_weekly', '- name: click_button', { time_frame: 'time_frame: 7d' }) }, file: 'config/metrics/counts_7d/b.yml', code: 'duplicate-key-path', lines: [2], message: /counts_all\/a\.yml/ },
  // unique-not-declared
  { name: 'unique-not-declared identifier', files: { [EV('u')]: eventYaml('u', { identifiers: 'identifiers:\n- user' }), [M28('m')]: metricYaml('redis_hll_counters.m', '- name: u\n  unique: project.id') }, file: M28('m'), code: 'unique-not-declared', lines: [21], message: /identifier 'project'/ },
  { name: 'unique-not-declared property', files: { [EV('u')]: eventYaml('u', { additional_properties: '' }), [M28('m')]: metricYaml('redis_hll_counters.m', '- name: u\n  unique: label') }, file: M28('m'), code: 'unique-not-declared', lines: [21] },
  { name: 'unique on a declared identifier is fine', files: { [EV('u')]: eventYaml('u'), [M28('m')]: metricYaml('redis_hll_counters.m', '- name: u\n  unique: user.id') }, file: M28('m'), code: 'unique-not-declared', lines: [] },
  // unknown-filter-property
  { name: 'unknown-filter-property', files: { ...base, [M28('m')]: metricYaml('counts.m', '- name: click_button\n  filter:\n    label: a\n    colour: red') }, file: M28('m'), code: 'unknown-filter-property', lines: [23] },
  // mixed-unique-total
  { name: 'mixed-unique-total', files: { ...base, [EV('b')]: eventYaml('b'), [M28('m')]: metricYaml('counts.m', '- name: click_button\n  unique: user.id\n- name: b') }, file: M28('m'), code: 'mixed-unique-total', lines: [22] },
  // placeholder
  { name: 'placeholder TODO url', files: { [EV('p')]: eventYaml('p', { introduced_by_url: 'introduced_by_url: TODO' }) }, file: EV('p'), code: 'placeholder', lines: [20], severity: 'warning' },
  { name: 'placeholder suppresses the uri error on the same value', files: { [EV('p')]: eventYaml('p', { introduced_by_url: 'introduced_by_url: TODO' }) }, file: EV('p'), code: 'schema', lines: [] },
  { name: 'todo as a word is not a placeholder', files: { [EV('p')]: eventYaml('p', { description: 'description: Adds an alert to the todo list' }) }, file: EV('p'), code: 'placeholder', lines: [] },
  // wrong-folder
  { name: 'wrong-folder: 7d metric in counts_28d', files: { ...base, [M28('m')]: metricYaml('counts.m', '- name: click_button', { time_frame: 'time_frame: 7d' }) }, file: M28('m'), code: 'wrong-folder', lines: [12], severity: 'warning', message: /counts_7d\/m\.yml/ },
  { name: 'wrong-folder: premium-only metric outside ee/', files: { ...base, [M28('m')]: metricYaml('counts.m', '- name: click_button', { tiers: 'tiers:\n- premium\n- ultimate' }) }, file: M28('m'), code: 'wrong-folder', lines: [15], message: /ee\/config\/metrics\/counts_28d/ },
  // filename-mismatch
  { name: 'filename-mismatch hint', files: { 'config/events/other_name.yml': eventYaml('click_link') }, file: 'config/events/other_name.yml', code: 'filename-mismatch', lines: [4], severity: 'hint' },
  { name: 'timestamped legacy file names are fine', files: { 'config/events/1651580551_groups_show.yml': eventYaml('click_link') }, file: 'config/events/1651580551_groups_show.yml', code: 'filename-mismatch', lines: [] },
  // guessed-product-group (issue 11.5)
  { name: 'guessed-product-group on the marked value', files: { [EV('gu')]: eventYaml('gu', { product_group: "product_group: code_review # guessed: 2 of 3 events tracked in app/x/ are code_review's" }) }, file: EV('gu'), code: 'guessed-product-group', lines: [16], severity: 'information', message: /^Product group 'code_review' is a guess \(2 of 3 events tracked in app\/x\/ are code_review's\): confirm it or change it\.$/ },
  { name: 'guessed-product-group on a metric copied from a guess', files: { ...base, [M28('m')]: metricYaml('counts.m', '- name: click_button', { product_group: 'product_group: code_review # guessed: nearby events' }) }, file: M28('m'), code: 'guessed-product-group', lines: [4] },
  { name: 'an ordinary comment is no guess', files: { [EV('gu')]: eventYaml('gu', { product_group: 'product_group: code_review # owned since 16.0' }) }, file: EV('gu'), code: 'guessed-product-group', lines: [] },
  // whole-workspace hints
  { name: 'event-without-metric', files: base, file: EV('click_button'), code: 'event-without-metric', lines: [4], severity: 'hint' },
  { name: 'unused-event', files: base, file: EV('click_button'), code: 'unused-event', lines: [4], severity: 'hint' },
];

describe('definition rules (planted defects)', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const index = await indexTree(c.files);
      const diags = index.diagnostics(c.file);
      assert.deepEqual(at(diags, c.code), c.lines, JSON.stringify(diags.map((d) => [d.code, d.range.start.line + 1, d.message]), null, 1));
      for (const d of diags.filter((x) => x.code === c.code)) {
        if (c.severity) assert.equal(d.severity, c.severity);
        if (c.message) assert.match(d.message, c.message);
      }
    });
  }

  it('a 5 MB definition file is skipped with a clear diagnostic', async () => {
    const index = await indexTree({ [EV('huge')]: 'description: ' + 'x'.repeat(5 * 1024 * 1024) + '\n' });
    const diags = index.diagnostics(EV('huge'));
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /MB limit/);
  });

  it('a file that is not UTF-8 gets a clear diagnostic', async () => {
    const index = await indexTree({ [EV('latin1')]: Buffer.from([0x61, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x3a, 0x20, 0xe9, 0x0a]) as unknown as string });
    const diags = index.diagnostics(EV('latin1'));
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /UTF-8/);
  });

  it('incremental update: fixing a duplicate clears the other file too', async () => {
    const index = await indexTree({ [EV('x')]: eventYaml('same'), [EV('y')]: eventYaml('same') });
    assert.deepEqual(at(index.diagnostics(EV('x')), 'duplicate-action'), [4]);
    const affected = index.setOverlay(EV('y'), eventYaml('different'));
    assert.ok(affected.has(EV('x')), 'the other file is reported as affected');
    assert.deepEqual(at(index.diagnostics(EV('x')), 'duplicate-action'), []);
  });
});
