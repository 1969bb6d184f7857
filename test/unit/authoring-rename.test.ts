// Event rename across a fixture workspace: the changes are applied on disk, the folder re-indexed,
// and every former reference must name the new event with nothing left unknown. Then the refusals.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventYaml, indexTree, metricYaml } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import type { Position } from '../../server/src/core/model';
import { applyReplacements, type FileChange } from '../../server/src/core/authoring/index';
import { prepareRename, renameEvent, renameEventAt, type EventRename } from '../../server/src/core/authoring/rename';
import { registerAuthoring, toRenameWorkspaceEdit, type AuthoringContext } from '../../server/src/authoringHandlers';
import { ResponseError, type PrepareRenameParams, type Range, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver/node';

const DEFINITION = 'config/events/click_button.yml';
const METRIC = 'config/metrics/counts_28d/count_total_click_button_monthly.yml';
const METRIC_QUOTED = 'config/metrics/counts_7d/count_distinct_user_id_from_click_button_weekly.yml';
const RUBY = 'app/services/projects/click_service.rb';
const SPEC = 'spec/services/projects/click_service_spec.rb';
const JS = 'app/assets/javascripts/projects/click.js';
const VUE = 'app/assets/javascripts/projects/components/click_button.vue';
const HAML = 'app/views/projects/show.html.haml';
const JEST = 'spec/frontend/projects/click_spec.js';

/** Every file that names click_button, with the quote style each one uses. */
function fixture(): Record<string, string> {
  return {
    [DEFINITION]: eventYaml('click_button'),
    'config/events/other_event.yml': eventYaml('other_event'),
    'config/events/removed/gone_event.yml': eventYaml('gone_event'),
    'lib/gitlab/usage_data_counters/hll_redis_legacy_events.yml': '- legacy_counter\n',
    // Built by the CLI from the name: key_path, file name and description follow a rename.
    [METRIC]: metricYaml('counts.count_total_click_button_monthly', '- name: click_button', { description: 'description: Monthly count of click_button events (not click_button_x)' }),
    [METRIC_QUOTED]: metricYaml(
      'redis_hll_counters.count_distinct_user_id_from_click_button_weekly',
      '- name: "click_button"\n  unique: user.id\n- name: other_event\n  unique: user.id',
      { time_frame: 'time_frame: 7d' },
    ),
    [RUBY]: [
      'module Projects',
      '  class ClickService',
      '    def execute',
      "      track_internal_event('click_button', user: user, project: project, namespace: namespace)",
      '    end',
      '  end',
      'end',
      '',
    ].join('\n'),
    [SPEC]: [
      "RSpec.describe Projects::ClickService do",
      "  it 'tracks the click' do",
      "    expect { service.execute }.to trigger_internal_events('click_button').with(user: user, project: project, namespace: namespace)",
      "      .and increment_usage_metrics('counts.count_total_click_button_monthly')",
      '  end',
      'end',
      '',
    ].join('\n'),
    [JS]: ["import { InternalEvents } from '~/tracking';", '', 'export const onClick = () => InternalEvents.trackEvent("click_button");', ''].join('\n'),
    [VUE]: [
      '<script>',
      "import { InternalEvents } from '~/tracking';",
      '',
      'export default {',
      '  mixins: [InternalEvents.mixin()],',
      "  methods: { go() { this.trackEvent('click_button'); } },",
      '};',
      '</script>',
      '<template>',
      '  <button data-event-tracking="click_button" @click="go">Go</button>',
      '  <a :data-event-tracking="on ? \'other_event\' : \'click_button\'">Toggle</a>',
      '</template>',
      '',
    ].join('\n'),
    [HAML]: ["%button.btn{ type: 'button', data: { event_tracking: 'click_button' } } Go", ''].join('\n'),
    [JEST]: ['const { trackEventSpy } = bindInternalEventDocument(wrapper.element);', "expect(trackEventSpy).toHaveBeenCalledWith('click_button', {}, undefined);", ''].join('\n'),
  };
}

/** Where `needle` starts in `rel` (first occurrence), plus `shift` characters. */
function positionOf(index: ProjectIndex, rel: string, needle: string, shift = 0): Position {
  const text = index.readText(rel)!;
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} in ${rel}`);
  const before = text.slice(0, offset + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function changesOf(result: EventRename): FileChange[] {
  assert.ok('changes' in result, 'error' in result ? result.error : '');
  return result.changes;
}

/** Applies the changes on disk in order, as a client applies documentChanges, and re-indexes. */
function applyOnDisk(index: ProjectIndex, changes: FileChange[]): void {
  for (const change of changes) {
    if (change.kind === 'edit') {
      const abs = path.join(index.root, change.path);
      fs.writeFileSync(abs, applyReplacements(fs.readFileSync(abs, 'utf8'), change.edits));
      index.update(change.path);
    } else if (change.kind === 'rename') {
      const to = path.join(index.root, change.to);
      assert.ok(!fs.existsSync(to), `${change.to} must not be overwritten`);
      fs.renameSync(path.join(index.root, change.from), to);
      index.update(change.from);
      index.update(change.to);
    } else {
      assert.fail(`a rename creates no file (${change.path})`);
    }
  }
}

const UNKNOWN = new Set(['unknown-event', 'unknown-metric-event']);

function unknownNames(index: ProjectIndex): string[] {
  return index.files().flatMap((rel) => index.diagnostics(rel).filter((d) => UNKNOWN.has(d.code)).map((d) => `${rel}: ${d.message}`));
}

const NEW_DEFINITION = 'config/events/new_name.yml';
const NEW_METRIC = 'config/metrics/counts_28d/count_total_new_name_monthly.yml';

/** The workspace after a rename to new_name: file, action, metrics and every call. */
function assertRenamed(index: ProjectIndex): void {
  assert.deepEqual(unknownNames(index), []);
  assert.ok(!fs.existsSync(path.join(index.root, DEFINITION)), 'old definition file is gone');
  assert.match(index.readText(NEW_DEFINITION)!, /^action: new_name$/m);
  assert.deepEqual(index.eventsNamed('new_name').map((d) => d.file), [NEW_DEFINITION]);
  assert.deepEqual(index.eventsNamed('click_button'), []);
  assert.deepEqual(index.callSitesOf('click_button'), []);
  const callFiles = index.callSitesOf('new_name').map((c) => `${c.file} ${c.site.kind}`).sort();
  assert.deepEqual(callFiles, [
    `${VUE} js.data_attribute`,
    `${VUE} js.data_attribute`,
    `${VUE} js.mixin_track_event`,
    `${JS} js.internal_events_track_event`,
    `${HAML} haml.data_attribute`,
    `${RUBY} ruby.track_internal_event`,
    `${SPEC} rspec.trigger_internal_events`,
    `${JEST} jest.track_event_spy`,
  ].sort());
  assert.deepEqual(index.metricsCounting('new_name').map((m) => m.file).sort(), [METRIC_QUOTED, NEW_METRIC].sort());
  // Quote styles are the user's: only the characters of the name changed.
  assert.match(index.readText(NEW_METRIC)!, /^- name: new_name$/m);
  assert.match(index.readText(METRIC_QUOTED)!, /^- name: "new_name"\n  unique: user\.id\n- name: other_event$/m);
  assert.match(index.readText(RUBY)!, /track_internal_event\('new_name', user: user/);
  assert.match(index.readText(SPEC)!, /trigger_internal_events\('new_name'\)/);
  assert.match(index.readText(JS)!, /InternalEvents\.trackEvent\("new_name"\)/);
  assert.match(index.readText(VUE)!, /this\.trackEvent\('new_name'\)/);
  assert.match(index.readText(VUE)!, /data-event-tracking="new_name"/);
  assert.match(index.readText(VUE)!, /:data-event-tracking="on \? 'other_event' : 'new_name'"/, 'only its branch of the conditional');
  assert.match(index.readText(HAML)!, /event_tracking: 'new_name'/);
  assert.match(index.readText(JEST)!, /toHaveBeenCalledWith\('new_name', \{\}, undefined\)/);
  // Issue 11.8: what the CLI built from the name follows it (the editor asks to confirm these).
  assert.ok(!fs.existsSync(path.join(index.root, METRIC)), 'old metric file is gone');
  assert.match(index.readText(NEW_METRIC)!, /^key_path: counts\.count_total_new_name_monthly$/m);
  assert.match(index.readText(NEW_METRIC)!, /^description: Monthly count of new_name events \(not click_button_x\)$/m);
  assert.match(index.readText(SPEC)!, /increment_usage_metrics\('counts\.count_total_new_name_monthly'\)/);
  // A key path not built from this name alone (two events) is the author's: left alone.
  assert.match(index.readText(METRIC_QUOTED)!, /^key_path: redis_hll_counters\.count_distinct_user_id_from_click_button_weekly$/m);
  assert.deepEqual(unknownMetricKeys(index), []);
}

/** increment_usage_metrics naming a key path no metric has. */
function unknownMetricKeys(index: ProjectIndex): string[] {
  return index.files().flatMap((rel) => index.callSitesIn(rel).filter((s) => s.refersTo === 'metric' && s.event && index.metricsWithKeyPath(s.event).length === 0).map((s) => `${rel}: ${s.event}`));
}

describe('authoring: rename an event', function () {
  this.timeout(30000);

  const starts: { from: string; rel: string; needle: string; shift: number }[] = [
    { from: 'the definition', rel: DEFINITION, needle: 'action: click_button', shift: 'action: click'.length },
    { from: 'the Ruby call', rel: RUBY, needle: "'click_button'", shift: 3 },
    { from: 'the metric', rel: METRIC, needle: 'name: click_button', shift: 'name: '.length },
    { from: 'the quoted metric name', rel: METRIC_QUOTED, needle: '"click_button"', shift: 1 },
    { from: 'the Vue template', rel: VUE, needle: 'data-event-tracking="click_button"', shift: 'data-event-tracking="'.length + 2 },
    { from: 'the spec', rel: SPEC, needle: "'click_button'", shift: 0 },
    { from: 'the Jest assertion', rel: JEST, needle: "'click_button'", shift: 5 },
  ];
  for (const { from, rel, needle, shift } of starts) {
    it(`from ${from}: renames definition, file, metrics and every call`, async () => {
      const index = await indexTree(fixture());
      const position = positionOf(index, rel, needle, shift);
      const prepared = prepareRename(index, rel, index.readText(rel)!, position);
      assert.ok('range' in prepared, 'error' in prepared ? prepared.error : '');
      assert.equal(prepared.placeholder, 'click_button');
      const text = index.readText(rel)!;
      const lines = text.split('\n');
      assert.equal(lines[prepared.range.start.line].slice(prepared.range.start.character, prepared.range.end.character), 'click_button', 'range excludes quotes');

      applyOnDisk(index, changesOf(renameEventAt(index, rel, text, position, 'new_name')));
      assertRenamed(index);
    });
  }

  it('orders the definition edits before the file rename, in one set of changes', async () => {
    const index = await indexTree(fixture());
    const changes = changesOf(renameEvent(index, 'click_button', 'new_name'));
    const renameAt = changes.findIndex((c) => c.kind === 'rename');
    const editAt = changes.findIndex((c) => c.kind === 'edit' && c.path === DEFINITION);
    assert.ok(editAt >= 0 && renameAt > editAt, JSON.stringify(changes.map((c) => c.kind)));
    assert.deepEqual(changes[renameAt], { kind: 'rename', from: DEFINITION, to: NEW_DEFINITION });
    const editedFiles = changes.flatMap((c) => (c.kind === 'edit' ? [c.path] : []));
    assert.equal(new Set(editedFiles).size, editedFiles.length, 'one edit per file');
    assert.deepEqual(editedFiles.sort(), [DEFINITION, METRIC, METRIC_QUOTED, RUBY, SPEC, JS, VUE, HAML, JEST].sort());
  });

  it('as an LSP WorkspaceEdit: one TextDocumentEdit per file (version null), then RenameFile without overwrite', async () => {
    const index = await indexTree(fixture());
    const edit = toRenameWorkspaceEdit(changesOf(renameEvent(index, 'click_button', 'new_name')), (rel) => `file:///ws/${rel}`);
    const kinds = (edit.documentChanges ?? []).map((c) => {
      if (!('kind' in c)) return `edit ${c.textDocument.uri} v${c.textDocument.version}`;
      return c.kind === 'rename' ? `rename ${c.oldUri} -> ${c.newUri}` : c.kind;
    });
    assert.equal(kinds.length, 11, kinds.join('\n'));
    assert.equal(kinds[9], `rename file:///ws/${DEFINITION} -> file:///ws/${NEW_DEFINITION}`);
    assert.equal(kinds[10], `rename file:///ws/${METRIC} -> file:///ws/${NEW_METRIC}`);
    assert.ok(kinds.slice(0, 9).every((k) => k.startsWith('edit ') && k.endsWith(' vnull')), kinds.join('\n'));
    const renameFile = edit.documentChanges?.[9];
    assert.ok(renameFile && 'kind' in renameFile && renameFile.kind === 'rename');
    assert.deepEqual(renameFile.options, { overwrite: false, ignoreIfExists: false });
    assert.equal(renameFile.annotationId, undefined, 'the definition follows its action without asking');
  });

  it('annotates what was built from the name, so the preview shows it and asks to confirm (issue 11.8)', async () => {
    const index = await indexTree(fixture());
    const edit = toRenameWorkspaceEdit(changesOf(renameEvent(index, 'click_button', 'new_name')), (rel) => `file:///ws/${rel}`);
    assert.deepEqual(Object.keys(edit.changeAnnotations ?? {}), ['metric-keys']);
    assert.equal(edit.changeAnnotations!['metric-keys'].needsConfirmation, true);
    const annotated = (edit.documentChanges ?? []).flatMap((c) => {
      if ('kind' in c) return c.kind === 'rename' && c.annotationId ? [`rename ${c.newUri.split('/').pop()}`] : [];
      const uri = c.textDocument.uri.split('/').pop();
      return c.edits.filter((e) => 'annotationId' in e && e.annotationId).map((e) => `${uri}: ${e.newText}`);
    });
    assert.deepEqual(annotated.sort(), [
      'click_service_spec.rb: counts.count_total_new_name_monthly',
      'count_total_click_button_monthly.yml: counts.count_total_new_name_monthly',
      'count_total_click_button_monthly.yml: new_name',
      'rename count_total_new_name_monthly.yml',
    ]);
  });

  it('keeps the file name when the definition is not named after the action, or the target exists', async () => {
    const index = await indexTree({ 'config/events/misnamed.yml': eventYaml('click_button') });
    const changes = changesOf(renameEvent(index, 'click_button', 'new_name'));
    assert.deepEqual(changes.map((c) => c.kind), ['edit']);

    const taken = await indexTree({ [DEFINITION]: eventYaml('click_button') });
    const kept = changesOf(renameEvent(taken, 'click_button', 'new_name', (rel) => rel === NEW_DEFINITION));
    assert.deepEqual(kept.map((c) => c.kind), ['edit']);
  });

  it('quotes a new name YAML would not read as a string, and a Ruby symbol starting with a digit', async () => {
    const index = await indexTree({
      [DEFINITION]: eventYaml('click_button'),
      [RUBY]: "track_internal_event(:click_button)\n",
    });
    applyOnDisk(index, changesOf(renameEvent(index, 'click_button', '1_000')));
    assert.match(index.readText('config/events/1_000.yml')!, /^action: '1_000'$/m);
    assert.equal(index.readText(RUBY), 'track_internal_event(:"1_000")\n');
    assert.deepEqual(unknownNames(index), []);
  });

  const refusals: { name: string; newName: string; reason: RegExp }[] = [
    { name: 'an invalid name', newName: 'New-Name', reason: /not a valid event name/ },
    { name: 'an empty name', newName: '', reason: /not a valid event name/ },
    { name: 'an existing event', newName: 'other_event', reason: /already exists \(config\/events\/other_event\.yml\)/ },
    { name: 'a removed event', newName: 'gone_event', reason: /already exists \(config\/events\/removed\/gone_event\.yml\)/ },
    { name: 'a legacy event name', newName: 'legacy_counter', reason: /legacy event name/ },
    { name: 'the same name', newName: 'click_button', reason: /same as the old one/ },
  ];
  for (const { name, newName, reason } of refusals) {
    it(`refuses ${name}`, async () => {
      const index = await indexTree(fixture());
      const result = renameEvent(index, 'click_button', newName);
      assert.ok('error' in result, JSON.stringify(result));
      assert.match(result.error, reason);
    });
  }

  it('refuses an event named through a constant, naming the file and line', async () => {
    const constantUse = 'app/services/constant_service.rb';
    const index = await indexTree({
      ...fixture(),
      [constantUse]: ['class ConstantService', "  EVENT = 'click_button'", '', '  def execute', '    track_internal_event(EVENT, user: user)', '  end', 'end', ''].join('\n'),
    });
    const prepared = prepareRename(index, DEFINITION, index.readText(DEFINITION)!, positionOf(index, DEFINITION, 'click_button'));
    assert.ok('error' in prepared, JSON.stringify(prepared));
    assert.match(prepared.error, /app\/services\/constant_service\.rb:5/);
    // Also from the constant reference itself, and when rename is asked for without preparing.
    const fromConstant = prepareRename(index, constantUse, index.readText(constantUse)!, positionOf(index, constantUse, '(EVENT', 1));
    assert.ok('error' in fromConstant && /constant_service\.rb:5/.test(fromConstant.error), JSON.stringify(fromConstant));
    const direct = renameEvent(index, 'click_button', 'new_name');
    assert.ok('error' in direct && /constant/.test(direct.error), JSON.stringify(direct));
  });

  const notOnAName: { name: string; rel: string; needle: string; shift: number }[] = [
    { name: 'a definition key', rel: DEFINITION, needle: 'action:', shift: 2 },
    { name: 'the description', rel: DEFINITION, needle: 'description:', shift: 'description: '.length + 3 },
    { name: 'a metric key path', rel: METRIC, needle: 'key_path: counts', shift: 'key_path: '.length + 2 },
    { name: 'a call argument that is not the name', rel: RUBY, needle: 'user: user', shift: 8 },
    { name: 'a line without a call', rel: RUBY, needle: 'class ClickService', shift: 3 },
  ];
  for (const { name, rel, needle, shift } of notOnAName) {
    it(`refuses when the cursor is on ${name}`, async () => {
      const index = await indexTree(fixture());
      const prepared = prepareRename(index, rel, index.readText(rel)!, positionOf(index, rel, needle, shift));
      assert.ok('error' in prepared, JSON.stringify(prepared));
      assert.match(prepared.error, /Place the cursor on an event name/);
    });
  }

  it('refuses an event with no internal definition, and a removed one', async () => {
    const index = await indexTree({ ...fixture(), 'app/services/unknown.rb': "track_internal_event('not_defined')\n" });
    const unknown = prepareRename(index, 'app/services/unknown.rb', index.readText('app/services/unknown.rb')!, positionOf(index, 'app/services/unknown.rb', 'not_defined', 2));
    assert.ok('error' in unknown && /not an internal event defined in this workspace/.test(unknown.error), JSON.stringify(unknown));
    const removedRel = 'config/events/removed/gone_event.yml';
    const removed = prepareRename(index, removedRel, index.readText(removedRel)!, positionOf(index, removedRel, 'action: gone', 'action: '.length));
    assert.ok('error' in removed && /removed event/.test(removed.error), JSON.stringify(removed));
  });
});

describe('authoring: rename handlers', function () {
  this.timeout(30000);

  type PrepareHandler = (p: PrepareRenameParams) => Promise<{ range: Range; placeholder: string } | null>;
  type RenameHandler = (p: RenameParams) => Promise<WorkspaceEdit | null>;

  /** Registers the handlers on a stub connection; the document is the file at `rel`. */
  function handlers(index: ProjectIndex, rel: string, trusted: boolean, errors: string[] = []): { prepare: PrepareHandler; rename: RenameHandler } {
    let prepare: PrepareHandler | undefined;
    let rename: RenameHandler | undefined;
    const ctx = {
      connection: { onCodeAction() {}, onPrepareRename: (h: PrepareHandler) => (prepare = h), onRenameRequest: (h: RenameHandler) => (rename = h) },
      documents: { get: () => undefined },
      workspace: () => undefined,
      ready: async () => {},
      log: { info() {}, warn() {}, error: (m: string) => errors.push(m) },
      trusted: () => trusted,
      docAt: (uri: string) => (uri === 'file:///doc' ? { index, rel, text: index.readText(rel)! } : undefined),
      pathToUri: (p: string) => 'file://' + p,
    } as unknown as AuthoringContext;
    registerAuthoring(ctx);
    assert.ok(prepare && rename, 'both rename handlers registered');
    return { prepare, rename };
  }

  const textDocument = { uri: 'file:///doc' };

  it('prepare answers the range and placeholder; a refusal is a ResponseError carrying the reason', async () => {
    const index = await indexTree(fixture());
    const { prepare } = handlers(index, RUBY, true);
    const answer = await prepare({ textDocument, position: positionOf(index, RUBY, 'click_button', 1) });
    assert.equal(answer?.placeholder, 'click_button');
    await assert.rejects(prepare({ textDocument, position: positionOf(index, RUBY, 'class', 1) }), (e: unknown) => e instanceof ResponseError && /Place the cursor/.test(e.message));
  });

  it('rename answers documentChanges; an invalid name is a ResponseError; untrusted keeps the file name', async () => {
    const index = await indexTree(fixture());
    const position = positionOf(index, RUBY, 'click_button', 1);
    const trusted = await handlers(index, RUBY, true).rename({ textDocument, position, newName: 'new_name' });
    const kindsOf = (edit: WorkspaceEdit | null) => (edit?.documentChanges ?? []).map((c) => ('kind' in c ? c.kind : 'edit'));
    assert.deepEqual(kindsOf(trusted), [...Array(9).fill('edit'), 'rename', 'rename']);
    const untrusted = await handlers(index, RUBY, false).rename({ textDocument, position, newName: 'new_name' });
    assert.deepEqual(kindsOf(untrusted), Array(9).fill('edit'));
    await assert.rejects(handlers(index, RUBY, true).rename({ textDocument, position, newName: 'Bad Name' }), (e: unknown) => e instanceof ResponseError && /not a valid event name/.test(e.message));
  });

  it('logs and answers nothing when the core throws', async () => {
    const index = await indexTree(fixture());
    const errors: string[] = [];
    const broken = Object.create(index) as ProjectIndex;
    broken.callSitesForText = () => {
      throw new Error('boom');
    };
    const { prepare, rename } = handlers(broken, RUBY, true, errors);
    const position = positionOf(index, RUBY, 'click_button', 1);
    assert.equal(await prepare({ textDocument, position }), null);
    assert.equal(await rename({ textDocument, position, newName: 'new_name' }), null);
    assert.equal(errors.length, 2);
    assert.match(errors[0], /prepare rename failed: Error: boom/);
  });
});
