// Quick fix on unknown-event: the generated definition is written into a fixture workspace that
// uses GitLab's newest schemas, re-indexed, and must leave only placeholder warnings behind.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS, eventYaml, indexTree, newestSchemaFiles } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import type { Diagnostic } from '../../server/src/core/model';
import { quickFixesFor, type AuthoringFix } from '../../server/src/core/authoring/index';
import { registerAuthoring, toCodeAction, type AuthoringContext } from '../../server/src/authoringHandlers';
import type { CodeAction, CodeActionParams } from 'vscode-languageserver/node';



const NEIGHBOUR_EVENT = eventYaml('view_existing_page', { product_group: 'product_group: analytics_instrumentation', product_categories: 'product_categories:\n- service_ping' });

const FILES: Record<string, string> = {
  ...newestSchemaFiles(),
  VERSION: '17.10.0-pre\n',
  'config/events/view_existing_page.yml': NEIGHBOUR_EVENT,
  'app/services/reports/existing_service.rb': "class ExistingService\n  def run\n    track_internal_event('view_existing_page', user: user)\n  end\nend\n",
  'app/services/reports/new_service.rb': [
    'class NewService',
    '  def run',
    "    track_internal_event('export_report_csv', user: current_user, project: project,",
    "      additional_properties: { lang: 'ruby', property: 'csv', label: 'weekly' })",
    '  end',
    'end',
    '',
  ].join('\n'),
  'ee/app/services/reports/ee_service.rb': "track_internal_event('export_ee_report', namespace: group)\n",
  'app/assets/javascripts/reports/export.js': "InternalEvents.trackEvent('click_export_js', { label: 'x' });\n",
  'app/assets/javascripts/reports/export_button.vue': '<template>\n  <button data-event-tracking="click_export_vue">Export</button>\n</template>\n',
  'app/views/reports/show.html.haml': "%button{ data: { event_tracking: 'click_export_haml' } } Export\n",
  'spec/services/reports/new_service_spec.rb': "it 'tracks' do\n  expect { run }.to trigger_internal_events('export_from_spec')\nend\n",
};

function unknownEventDiagnostic(index: ProjectIndex, rel: string, event: string): Diagnostic {
  const d = index.diagnostics(rel).find((x) => x.code === 'unknown-event' && x.data?.event === event);
  assert.ok(d, `${rel} has an unknown-event diagnostic for ${event}: ${JSON.stringify(index.diagnostics(rel))}`);
  return d;
}

function fixesFor(index: ProjectIndex, rel: string, event: string): AuthoringFix[] {
  const text = index.readText(rel)!;
  const exists = (r: string) => fs.existsSync(path.join(index.root, r));
  return quickFixesFor(index, rel, text, unknownEventDiagnostic(index, rel, event), exists);
}

function createFix(index: ProjectIndex, rel: string, event: string): AuthoringFix {
  const fix = fixesFor(index, rel, event).find((f) => f.title === `Create event definition '${event}'`);
  assert.ok(fix, 'the create fix is offered');
  return fix;
}

function createdFile(fix: AuthoringFix): { path: string; text: string } {
  const c = fix.changes[0];
  assert.ok(c && c.kind === 'create');
  return { path: c.path, text: c.text };
}

/** Writes the created file into the workspace, as the editor would, and re-indexes it. */
function applyCreate(index: ProjectIndex, fix: AuthoringFix): string {
  const { path: rel, text } = createdFile(fix);
  const abs = path.join(index.root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
  index.update(rel);
  return rel;
}

describe('authoring: create event definition on unknown-event', function () {
  this.timeout(30000);
  let index: ProjectIndex;

  before(async () => {
    index = await indexTree(FILES);
    assert.equal(index.schemas.source, 'workspace');
  });

  it('writes the CLI layout: identifiers and properties from the call, group guessed from the folder', () => {
    const fix = createFix(index, 'app/services/reports/new_service.rb', 'export_report_csv');
    assert.deepEqual(createdFile(fix), {
      path: 'config/events/export_report_csv.yml',
      text: [
        '---',
        'description: TODO describe when this event is triggered',
        'internal_events: true',
        'action: export_report_csv',
        'identifiers:',
        '- project',
        '- user',
        'additional_properties:',
        '  label:',
        '    description: TODO describe label',
        '  property:',
        '    description: TODO describe property',
        '  lang:',
        '    description: TODO describe lang',
        "product_group: analytics_instrumentation # guessed: the event tracked in app/services/reports/ and ee/app/services/reports/ is analytics_instrumentation's",
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
    });
    assert.deepEqual(fix.reveal, { path: 'config/events/export_report_csv.yml', position: { line: 1, character: 13 } });
  });

  it('the new file passes the newest schema: only placeholder warnings remain, and the call is resolved', () => {
    const rel = applyCreate(index, createFix(index, 'app/services/reports/new_service.rb', 'export_report_csv'));
    // The event-without-metric hint is expected: no metric counts a brand-new event yet.
    const diags = index.diagnostics(rel).filter((d) => d.code !== 'event-without-metric');
    const notPlaceholder = diags.filter((d) => d.code !== 'placeholder' && d.code !== 'guessed-product-group');
    assert.deepEqual(notPlaceholder.map((d) => `${d.code}: ${d.message}`), [], 'no schema or other diagnostics');
    assert.deepEqual(diags.filter((d) => d.code === 'guessed-product-group').map((d) => d.range.start.line), [14], 'the guessed group asks to be confirmed');
    const diagsPlaceholders = diags.filter((d) => d.code === 'placeholder');
    assert.deepEqual(diagsPlaceholders.map((d) => d.range.start.line), [1, 9, 11, 13, 18], 'placeholders: description, 3 property descriptions, introduced_by_url');
    const caller = index.diagnostics('app/services/reports/new_service.rb').map((d) => d.code);
    assert.ok(!caller.includes('unknown-event'), `unknown-event is gone from the caller: ${caller}`);
    assert.ok(!caller.includes('undeclared-property'));
  });

  it('never overwrites: when the file exists (here under another action) the fix is disabled, with no edit', async () => {
    const other = await indexTree({
      'config/events/taken_name.yml': eventYaml('renamed_action'),
      'app/services/a.rb': "track_internal_event('taken_name')\n",
    });
    const fix = createFix(other, 'app/services/a.rb', 'taken_name');
    assert.equal(fix.changes.length, 0);
    assert.equal(fix.disabledReason, 'config/events/taken_name.yml already exists');
    const d = unknownEventDiagnostic(other, 'app/services/a.rb', 'taken_name');
    const action = toCodeAction(fix, { ...d, severity: 1 }, (r) => 'file:///w/' + r);
    assert.equal(action.edit, undefined);
    assert.deepEqual(action.disabled, { reason: 'config/events/taken_name.yml already exists' });
  });

  it('places an event called from ee/ under ee/ with premium and ultimate tiers', () => {
    const fix = createFix(index, 'ee/app/services/reports/ee_service.rb', 'export_ee_report');
    const { path: rel, text } = createdFile(fix);
    assert.equal(rel, 'ee/config/events/export_ee_report.yml');
    assert.match(text, /identifiers:\n- namespace\n/);
    assert.match(text, /tiers:\n- premium\n- ultimate\n$/);
    // EE code mirrors CE: the group of the events tracked in app/services/reports/.
    assert.match(text, /product_group: analytics_instrumentation # guessed: [^\n]*\nproduct_categories:\n- service_ping\n/);
    const created = applyCreate(index, fix);
    assert.deepEqual([...new Set(index.diagnostics(created).map((d) => d.code))].sort(), ['event-without-metric', 'guessed-product-group', 'placeholder']);
  });

  for (const [rel, event] of [
    ['app/assets/javascripts/reports/export.js', 'click_export_js'],
    ['app/assets/javascripts/reports/export_button.vue', 'click_export_vue'],
    ['app/views/reports/show.html.haml', 'click_export_haml'],
    ['spec/services/reports/new_service_spec.rb', 'export_from_spec'],
  ]) {
    it(`is offered for ${path.extname(rel)} calls (${event}), without guessed identifiers`, () => {
      const { path: created, text } = createdFile(createFix(index, rel, event));
      assert.equal(created, `config/events/${event}.yml`);
      assert.doesNotMatch(text, /identifiers/);
    });
  }

  it('converts to a CreateFile (never overwriting) plus an insert, and reveals the description', () => {
    const fix = createFix(index, 'app/assets/javascripts/reports/export.js', 'click_export_js');
    const d = unknownEventDiagnostic(index, 'app/assets/javascripts/reports/export.js', 'click_export_js');
    const action = toCodeAction(fix, { ...d, severity: 1, source: 'internal-events' }, (r) => 'file:///w/' + r);
    const uri = 'file:///w/config/events/click_export_js.yml';
    assert.equal(action.kind, 'quickfix');
    assert.deepEqual(action.edit?.documentChanges?.[0], { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
    assert.deepEqual(action.edit?.documentChanges?.[1], { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: createdFile(fix).text }] });
    assert.deepEqual(action.command, { title: 'Open', command: 'internalEvents.revealPosition', arguments: [uri, 1, 13] });
  });
});

describe('authoring: replace with a suggestion on unknown-event', function () {
  this.timeout(30000);
  it('offers each did-you-mean name on the literal, the first preferred', async () => {
    const index = await indexTree({
      'config/events/view_existing_page.yml': eventYaml('view_existing_page'),
      'app/services/a.rb': "track_internal_event('view_existng_page')\n",
    });
    const fixes = fixesFor(index, 'app/services/a.rb', 'view_existng_page');
    const replace = fixes.filter((f) => f.title.startsWith('Replace'));
    assert.equal(replace.length, 1);
    assert.equal(replace[0].title, "Replace with 'view_existing_page'");
    assert.equal(replace[0].preferred, true);
    assert.deepEqual(replace[0].changes, [{ kind: 'edit', path: 'app/services/a.rb', edits: [{ range: { start: { line: 0, character: 22 }, end: { line: 0, character: 39 } }, newText: 'view_existing_page' }] }]);
  });
});

describe('authoring: no definition is created beside an existing legacy one', function () {
  this.timeout(30000);
  it('offers no create fix when a legacy Snowplow event has the action', async () => {
    const index = await indexTree({
      'config/events/legacy_click.yml': eventYaml('legacy_click', { internal_events: '', category: 'category: Projects' }),
      'app/services/a.rb': "track_internal_event('legacy_click')\n",
    });
    assert.deepEqual(fixesFor(index, 'app/services/a.rb', 'legacy_click').map((f) => f.title), []);
  });
});

describe('authoring: code action handler', function () {
  this.timeout(30000);

  /** Registers the handlers on a stub connection and returns the code-action handler. */
  function handler(index: ProjectIndex, rel: string, trusted: boolean, errors: string[] = [], openUris: string[] = []): (p: CodeActionParams) => Promise<CodeAction[]> {
    let registered: ((p: CodeActionParams) => Promise<CodeAction[]>) | undefined;
    const ctx = {
      connection: { onCodeAction: (h: (p: CodeActionParams) => Promise<CodeAction[]>) => (registered = h) },
      documents: { get: (uri: string) => (openUris.includes(uri) ? {} : undefined) },
      workspace: () => undefined,
      ready: async () => {},
      log: { info() {}, warn() {}, error: (m: string) => errors.push(m) },
      trusted: () => trusted,
      docAt: (uri: string) => (uri === 'file:///doc' ? { index, rel, text: index.readText(rel)! } : undefined),
      pathToUri: (p: string) => 'file://' + p,
    } as unknown as AuthoringContext;
    registerAuthoring(ctx);
    return registered!;
  }

  it('offers replace and create when trusted, only the in-place replace when untrusted', async () => {
    const index = await indexTree({
      'config/events/view_existing_page.yml': eventYaml('view_existing_page'),
      'app/services/a.rb': "track_internal_event('view_existng_page')\n",
    });
    const d = index.diagnostics('app/services/a.rb').find((x) => x.code === 'unknown-event')!;
    const params: CodeActionParams = {
      textDocument: { uri: 'file:///doc' },
      range: d.range,
      context: { diagnostics: [{ range: d.range, severity: 1, code: d.code, source: 'internal-events', message: d.message, data: d.data }, { range: d.range, message: 'other', source: 'eslint' }] },
    };
    const titles = async (trusted: boolean) => (await handler(index, 'app/services/a.rb', trusted)(params)).map((a) => a.title);
    assert.deepEqual(await titles(true), ["Replace with 'view_existing_page'", "Create event definition 'view_existng_page'"]);
    assert.deepEqual(await titles(false), ["Replace with 'view_existing_page'"]);
    // A target open in an editor but not yet saved counts as existing: never overwrite it.
    const target = 'file://' + path.join(index.root, 'config/events/view_existng_page.yml');
    const withOpen = await handler(index, 'app/services/a.rb', true, [], [target])(params);
    assert.deepEqual(withOpen[1].disabled, { reason: 'config/events/view_existng_page.yml already exists' });
    assert.equal(withOpen[1].edit, undefined);
  });

  it('logs and returns no actions when a fix throws', async () => {
    const index = await indexTree({ 'app/services/a.rb': "track_internal_event('x')\n" });
    const errors: string[] = [];
    const bad = { textDocument: { uri: 'file:///doc' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: null } } as unknown as CodeActionParams;
    assert.deepEqual(await handler(index, 'app/services/a.rb', true, errors)(bad), []);
    assert.equal(errors.length, 1);
  });
});
