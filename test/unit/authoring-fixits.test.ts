// The small fix-its: each is applied to a fixture file, the file re-indexed, and the diagnostic it
// answers must be gone without any new one appearing.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventYaml, indexTree, metricYaml } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import type { Diagnostic } from '../../server/src/core/model';
import { applyReplacements, quickFixesFor, touchesFileSystem, type AuthoringFix } from '../../server/src/core/authoring/index';
import { addIdentifierEdit } from '../../server/src/core/authoring/addIdentifier';
import { declarePropertyEdit } from '../../server/src/core/authoring/declareProperty';
import { YamlFile } from '../../server/src/core/yamlFile';

const EV = (a: string) => `config/events/${a}.yml`;

function diagnostic(index: ProjectIndex, rel: string, code: string): Diagnostic {
  const d = index.diagnostics(rel).find((x) => x.code === code);
  assert.ok(d, `${rel} has ${code}: ${JSON.stringify(index.diagnostics(rel).map((x) => x.code))}`);
  return d;
}

function onlyFix(index: ProjectIndex, rel: string, code: string): AuthoringFix {
  const exists = (r: string) => fs.existsSync(path.join(index.root, r));
  const fixes = quickFixesFor(index, rel, index.readText(rel)!, diagnostic(index, rel, code), exists);
  assert.equal(fixes.length, 1, JSON.stringify(fixes));
  return fixes[0];
}

/** Applies a fix's text edits on disk and re-indexes the edited files. */
function applyEdits(index: ProjectIndex, fix: AuthoringFix): void {
  for (const c of fix.changes) {
    assert.equal(c.kind, 'edit');
    if (c.kind !== 'edit') continue;
    const abs = path.join(index.root, c.path);
    fs.writeFileSync(abs, applyReplacements(fs.readFileSync(abs, 'utf8'), c.edits));
    index.update(c.path);
  }
}

/** Codes other than the usage hints every lone fixture event gets (no call, no metric). */
function codesOf(index: ProjectIndex, rel: string): string[] {
  return index.diagnostics(rel).map((d) => d.code).filter((c) => c !== 'event-without-metric' && c !== 'unused-event');
}

describe('authoring: fix-its', function () {
  this.timeout(30000);

  it('milestone-not-string: quotes the milestone as written', async () => {
    const index = await indexTree({ [EV('ms')]: eventYaml('ms', { milestone: 'milestone: 16.10' }) });
    const fix = onlyFix(index, EV('ms'), 'milestone-not-string');
    applyEdits(index, fix);
    assert.match(index.readText(EV('ms'))!, /^milestone: '16\.10'$/m);
    assert.deepEqual(codesOf(index, EV('ms')), []);
  });

  it('category-on-internal-event: deletes the category line', async () => {
    const index = await indexTree({ [EV('cat')]: eventYaml('cat', { category: 'category: InternalEventTracking' }) });
    applyEdits(index, onlyFix(index, EV('cat'), 'category-on-internal-event'));
    assert.equal(index.readText(EV('cat')), eventYaml('cat'));
    assert.deepEqual(codesOf(index, EV('cat')), []);
  });

  it('category-on-internal-event: deletes a category in the middle of the file, no blank line left', async () => {
    const text = eventYaml('mid').replace('internal_events: true\n', 'internal_events: true\ncategory: Foo\n');
    const index = await indexTree({ [EV('mid')]: text });
    applyEdits(index, onlyFix(index, EV('mid'), 'category-on-internal-event'));
    assert.equal(index.readText(EV('mid')), eventYaml('mid'));
  });

  it('legacy-internal-marker: a 16.x definition becomes internal_events: true on the category line', async () => {
    const index = await indexTree({ [EV('gen16')]: eventYaml('gen16', { internal_events: 'category: InternalEventTracking' }) });
    const fix = onlyFix(index, EV('gen16'), 'legacy-internal-marker');
    assert.equal(fix.preferred, true);
    applyEdits(index, fix);
    assert.equal(index.readText(EV('gen16')), eventYaml('gen16'));
    assert.deepEqual(codesOf(index, EV('gen16')), []);
  });

  it('legacy-internal-marker: a category on the last line, without a newline', async () => {
    const text = eventYaml('last', { internal_events: '' }) + 'category: InternalEventTracking';
    const index = await indexTree({ [EV('last')]: text });
    applyEdits(index, onlyFix(index, EV('last'), 'legacy-internal-marker'));
    assert.equal(index.readText(EV('last')), eventYaml('last', { internal_events: '' }) + 'internal_events: true');
    assert.equal(index.definitionIn(EV('last'))?.kind === 'event' && index.definitionIn(EV('last'))?.kind, 'event');
    assert.deepEqual(codesOf(index, EV('last')), []);
  });

  it('undeclared-property: declares the property under additional_properties of the event file', async () => {
    const index = await indexTree({ [EV('click')]: eventYaml('click'), 'app/a.rb': "track_internal_event('click', user: u, project: p, additional_properties: { label: 'a', property: 'b', lang: 'x' })\n" });
    const fix = onlyFix(index, 'app/a.rb', 'undeclared-property');
    assert.equal(fix.changes[0].kind === 'edit' && fix.changes[0].path, EV('click'));
    applyEdits(index, fix);
    assert.match(index.readText(EV('click'))!, /  custom_flag:\n    description: a custom property\n  lang:\n    description: TODO describe lang\nproduct_group:/);
    // Issue 11.8: the edited definition opens at the new description, as Create opens its file.
    const lines = index.readText(EV('click'))!.split('\n');
    assert.ok(fix.reveal && fix.reveal.path === EV('click'));
    assert.equal(lines[fix.reveal.position.line].slice(0, fix.reveal.position.character), '    description: ');
    assert.equal(lines[fix.reveal.position.line].slice(fix.reveal.position.character), 'TODO describe lang');
    assert.deepEqual(codesOf(index, 'app/a.rb'), []);
    assert.deepEqual(codesOf(index, EV('click')), ['placeholder']);
  });

  it('undeclared-property: creates additional_properties where the CLI puts it (before product_group)', () => {
    const text = eventYaml('e', { additional_properties: '' });
    const out = applyReplacements(text, [declarePropertyEdit(new YamlFile(text), 'lang')!]);
    assert.match(out, /- user\nadditional_properties:\n  lang:\n    description: TODO describe lang\nproduct_group:/);
  });

  it('undeclared-property: fills an empty additional_properties key', () => {
    const text = eventYaml('e', { additional_properties: 'additional_properties:' });
    const out = applyReplacements(text, [declarePropertyEdit(new YamlFile(text), 'lang')!]);
    assert.match(out, /\nadditional_properties:\n  lang:\n    description: TODO describe lang\nproduct_group:/);
  });

  it('unique-not-declared: adds the identifier to the event', async () => {
    const index = await indexTree({
      [EV('ev')]: eventYaml('ev', { identifiers: 'identifiers:\n- project' }),
      'config/metrics/counts_28d/m.yml': metricYaml('redis_hll_counters.count_distinct_user_id_from_ev_monthly', '- name: ev\n  unique: user.id'),
    });
    const fix = onlyFix(index, 'config/metrics/counts_28d/m.yml', 'unique-not-declared');
    applyEdits(index, fix);
    assert.match(index.readText(EV('ev'))!, /identifiers:\n- project\n- user\nadditional_properties:/);
    assert.deepEqual(fix.reveal, { path: EV('ev'), position: { line: 6, character: '- user'.length } });
    assert.deepEqual(codesOf(index, 'config/metrics/counts_28d/m.yml'), []);
    assert.deepEqual(codesOf(index, EV('ev')), []);
  });

  it('unique-not-declared: flow lists, missing keys and indented lists', () => {
    const cases: [string, RegExp][] = [
      [eventYaml('e', { identifiers: 'identifiers: [project]' }), /identifiers: \[project, user\]\n/],
      [eventYaml('e', { identifiers: '' }), /action: e\nidentifiers:\n- user\nadditional_properties:/],
      [eventYaml('e', { identifiers: 'identifiers:\n  - project' }), /identifiers:\n  - project\n  - user\n/],
      [eventYaml('e', { identifiers: 'identifiers:' }), /identifiers:\n- user\nadditional_properties:/],
    ];
    for (const [text, want] of cases) assert.match(applyReplacements(text, [addIdentifierEdit(new YamlFile(text), 'user')!]), want);
  });

  it('unique-not-declared on a property: declares the property on the event', async () => {
    const index = await indexTree({
      [EV('ev')]: eventYaml('ev', { additional_properties: '' }),
      'config/metrics/counts_28d/m.yml': metricYaml('redis_hll_counters.count_distinct_label_from_ev_monthly', '- name: ev\n  unique: label'),
    });
    const fix = onlyFix(index, 'config/metrics/counts_28d/m.yml', 'unique-not-declared');
    assert.match(fix.title, /Declare 'label' on event 'ev'/);
    assert.equal(fix.reveal?.path, EV('ev'));
    applyEdits(index, fix);
    assert.deepEqual(codesOf(index, 'config/metrics/counts_28d/m.yml'), []);
    assert.deepEqual(codesOf(index, EV('ev')), ['placeholder']);
  });

  it('unknown-filter-property: declares the filtered property on the event', async () => {
    const index = await indexTree({
      [EV('ev')]: eventYaml('ev'),
      'config/metrics/counts_28d/m.yml': metricYaml('counts.count_total_ev_monthly', '- name: ev\n  filter:\n    lang: ruby'),
    });
    applyEdits(index, onlyFix(index, 'config/metrics/counts_28d/m.yml', 'unknown-filter-property'));
    assert.deepEqual(codesOf(index, 'config/metrics/counts_28d/m.yml'), []);
    assert.match(index.readText(EV('ev'))!, /^  lang:\n    description: TODO describe lang$/m);
  });

  it('wrong-folder: moves the file, and refuses when the target exists', async () => {
    const m = metricYaml('counts.count_total_x_weekly', '- name: x', { time_frame: 'time_frame: 7d' });
    const index = await indexTree({ [EV('x')]: eventYaml('x'), 'config/metrics/counts_28d/count_total_x_weekly.yml': m });
    const rel = 'config/metrics/counts_28d/count_total_x_weekly.yml';
    const fix = onlyFix(index, rel, 'wrong-folder');
    assert.deepEqual(fix.changes, [{ kind: 'rename', from: rel, to: 'config/metrics/counts_7d/count_total_x_weekly.yml' }]);
    assert.ok(touchesFileSystem(fix));
    const refused = quickFixesFor(index, rel, m, diagnostic(index, rel, 'wrong-folder'), (r) => r === 'config/metrics/counts_7d/count_total_x_weekly.yml');
    assert.equal(refused[0].changes.length, 0);
    assert.equal(refused[0].disabledReason, 'config/metrics/counts_7d/count_total_x_weekly.yml already exists');
    assert.ok(touchesFileSystem(refused[0]), 'hidden in untrusted workspaces even when disabled');
  });
});

describe('authoring: fixes the message already knows (issue 11.7)', function () {
  this.timeout(30000);

  for (const [name, extra, wrong, right, title] of [
    ['an enum slip in a long list', { product_group: 'product_group: code_reviews' }, 'code_reviews', 'product_group: code_review', "Replace 'code_reviews' with 'code_review'"],
    ['a quoted enum slip', { product_group: "product_group: 'code_reviews'" }, 'code_reviews', "product_group: 'code_review'", "Replace 'code_reviews' with 'code_review'"],
    ['an enum slip in a list item', { identifiers: 'identifiers:\n- users' }, 'users', '- user', "Replace 'users' with 'user'"],
    ['a misspelt key', { description: 'descripton: Counted when things happen' }, 'descripton', 'description: Counted', "Rename key 'descripton' to 'description'"],
  ] as const) {
    it(`schema: ${name}: "${title}"`, async () => {
      const index = await indexTree({ [EV('typo')]: eventYaml('typo', extra) });
      const schemaErrors = index.diagnostics(EV('typo')).filter((d) => d.code === 'schema');
      const fixes = schemaErrors.flatMap((d) => quickFixesFor(index, EV('typo'), index.readText(EV('typo'))!, d, () => false));
      assert.deepEqual(fixes.map((f) => f.title), [title]);
      applyEdits(index, fixes[0]);
      assert.ok(index.readText(EV('typo'))!.includes(right));
      assert.ok(!index.readText(EV('typo'))!.includes(wrong));
      assert.deepEqual(codesOf(index, EV('typo')), []);
    });
  }

  it('schema: no fix where the message names no single value', async () => {
    const index = await indexTree({ [EV('far')]: eventYaml('far', { product_group: 'product_group: qqqxxzz', tiers: 'tiers:\n- gold' }) });
    const schemaErrors = index.diagnostics(EV('far')).filter((d) => d.code === 'schema');
    assert.equal(schemaErrors.length, 2);
    assert.deepEqual(schemaErrors.flatMap((d) => quickFixesFor(index, EV('far'), index.readText(EV('far'))!, d, () => false)), []);
  });

  const twoUniqueMetrics = {
    [EV('click_button')]: eventYaml('click_button'),
    'config/metrics/counts_28d/a.yml': metricYaml('redis_hll_counters.count_distinct_user_id_from_click_button_monthly', '- name: click_button\n  unique: user.id'),
    'config/metrics/counts_7d/b.yml': metricYaml('redis_hll_counters.count_distinct_user_id_from_click_button_weekly', '- name: click_button\n  unique: user.id', { time_frame: 'time_frame: 7d' }),
  };

  it('missing-identifier names every metric it affects', async () => {
    const index = await indexTree({ ...twoUniqueMetrics, 'app/services/a.rb': "track_internal_event('click_button', project: project)\n" });
    const d = diagnostic(index, 'app/services/a.rb', 'missing-identifier');
    assert.equal(
      d.message,
      "2 metrics: 'redis_hll_counters.count_distinct_user_id_from_click_button_monthly', 'redis_hll_counters.count_distinct_user_id_from_click_button_weekly' count unique user.id for 'click_button', but this call does not pass 'user:'; they will not be incremented.",
    );
    assert.equal(index.diagnostics('app/services/a.rb').filter((x) => x.code === 'missing-identifier').length, 1, 'one diagnostic per identifier');
  });

  for (const [name, source, after] of [
    ['after the last keyword', "track_internal_event('click_button', project: project)\n", "track_internal_event('click_button', project: project, user: current_user)\n"],
    ['after the name alone', "track_internal_event('click_button')\n", "track_internal_event('click_button', user: current_user)\n"],
    ['keeping a trailing comma', "track_internal_event(\n  'click_button',\n  project: project,\n)\n", "track_internal_event(\n  'click_button',\n  project: project, user: current_user,\n)\n"],
    ['after additional properties', "Gitlab::InternalEvents.track_event('click_button', additional_properties: { label: 'x' })\n", "Gitlab::InternalEvents.track_event('click_button', additional_properties: { label: 'x' }, user: current_user)\n"],
  ] as const) {
    it(`missing-identifier: "Pass 'user: current_user'" ${name}`, async () => {
      const index = await indexTree({ ...twoUniqueMetrics, 'app/services/a.rb': source });
      const fix = onlyFix(index, 'app/services/a.rb', 'missing-identifier');
      assert.equal(fix.title, "Pass 'user: current_user'");
      applyEdits(index, fix);
      assert.equal(index.readText('app/services/a.rb'), after);
      assert.ok(!index.diagnostics('app/services/a.rb').some((x) => x.code === 'missing-identifier'));
    });
  }

  it('missing-identifier in the API helper: no guessed project_id expression', async () => {
    const index = await indexTree({
      [EV('click_button')]: eventYaml('click_button'),
      'config/metrics/counts_28d/p.yml': metricYaml('redis_hll_counters.count_distinct_project_id_from_click_button_monthly', '- name: click_button\n  unique: project.id'),
      'lib/api/things.rb': "track_event('click_button', user: current_user)\n",
    });
    const d = diagnostic(index, 'lib/api/things.rb', 'missing-identifier');
    assert.deepEqual(quickFixesFor(index, 'lib/api/things.rb', index.readText('lib/api/things.rb')!, d, () => false), []);
  });

  it('missing-identifier through a wrapper: no fix at the wrapper call (the wrapper passes the identifiers)', async () => {
    const index = await indexTree({ ...twoUniqueMetrics, 'app/services/a.rb': "class S\n  def run\n    track_click('click_button')\n  end\n\n  def track_click(name)\n    track_internal_event(name, project: p)\n  end\nend\n" });
    const d = diagnostic(index, 'app/services/a.rb', 'missing-identifier');
    assert.deepEqual(quickFixesFor(index, 'app/services/a.rb', index.readText('app/services/a.rb')!, d, () => false), []);
  });
});
