// The scenarios of test/e2e/scenarios.mjs, through the extension API instead of the screen.
// Runs inside the extension host with the demo workspace copy open. INTERNAL_EVENTS_RESTRICTED=1
// selects the restricted-mode run (workspace trust enabled and not granted).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const restricted = process.env.INTERNAL_EVENTS_RESTRICTED === '1';
const root = () => vscode.workspace.workspaceFolders[0].uri.fsPath;
const uriOf = (relativePath) => vscode.Uri.file(path.join(root(), relativePath));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, probe, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** Opens a file in an editor (so the server analyses it) and returns the document. */
async function open(relativePath) {
  const document = await vscode.workspace.openTextDocument(uriOf(relativePath));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Position a few characters into a quoted name. */
function insideName(document, name, into = 3) {
  const text = document.getText();
  const offset = Math.max(text.indexOf(`'${name}'`), text.indexOf(`"${name}"`));
  assert.ok(offset >= 0, `"${name}" not quoted in ${document.uri.fsPath}`);
  return document.positionAt(offset + 1 + into);
}

function eventDefinition(action) {
  const relativePath = ['config/events', 'ee/config/events']
    .map((folder) => `${folder}/${action}.yml`)
    .find((candidate) => fs.existsSync(path.join(root(), candidate)));
  const text = fs.readFileSync(path.join(root(), relativePath), 'utf8');
  return {
    relativePath,
    actionLine: text.split('\n').findIndex((line) => line.startsWith('action:')),
    description: /^description: (.*)$/m.exec(text)[1].trim(),
  };
}

const diagnosticsWith = (uri, code) =>
  vscode.languages.getDiagnostics(uri).filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === code);

async function hoverText(document, position) {
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

async function definitionOf(document, position) {
  const locations = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', document.uri, position);
  const first = locations[0];
  assert.ok(first, 'no definition');
  return { uri: first.targetUri ?? first.uri, range: first.targetSelectionRange ?? first.targetRange ?? first.range };
}

async function expectLinked(relativePath, action) {
  const document = await open(relativePath);
  const position = insideName(document, action);
  const definition = eventDefinition(action);
  const hover = await until(`a hover on ${action}`, async () => {
    const text = await hoverText(document, position);
    return text.includes(definition.description) && text;
  });
  const target = await definitionOf(document, position);
  assert.ok(target.uri.fsPath.endsWith(definition.relativePath), `definition went to ${target.uri.fsPath}`);
  assert.equal(target.range.start.line, definition.actionLine);
  return hover;
}

async function quickFixes(document, position) {
  return vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, new vscode.Range(position, position));
}

before(async function () {
  this.timeout(120_000);
  const extension = vscode.extensions.all.find((candidate) => candidate.packageJSON.name === 'internal-events-lsp');
  assert.ok(extension, 'the extension is not loaded');
  await extension.activate();
  // Indexing is done once a known call resolves to its definition.
  const document = await open('app/services/merge_requests/approve_in_demo_service.rb');
  await until('the index', async () => {
    const locations = await vscode.commands.executeCommand(
      'vscode.executeDefinitionProvider',
      document.uri,
      insideName(document, 'approve_merge_request_in_demo'),
    );
    return locations.length > 0;
  }, 90_000);
});

(restricted ? describe.skip : describe)('trusted workspace', () => {
  it('1 reports an unknown event', async () => {
    const document = await open('app/services/widgets/create_service.rb');
    await until('an unknown-event diagnostic', () => diagnosticsWith(document.uri, 'unknown-event').length > 0);
  });

  it('2 hovers a known call with its description and metrics', async () => {
    const hover = await expectLinked('app/services/merge_requests/approve_in_demo_service.rb', 'approve_merge_request_in_demo');
    assert.match(hover, /count_distinct_user_id_from_approve_merge_request_in_demo_monthly/);
  });

  it('3 goes to the action: line of the definition', async () => {
    await expectLinked('app/services/merge_requests/approve_in_demo_service.rb', 'approve_merge_request_in_demo');
  });

  it('4 completes event names inside the string', async () => {
    const document = await open('app/services/merge_requests/approve_in_demo_service.rb');
    const list = await vscode.commands.executeCommand(
      'vscode.executeCompletionItemProvider',
      document.uri,
      insideName(document, 'approve_merge_request_in_demo', 0),
    );
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const name of ['view_merge_request_diffs_page', 'click_new_issue_on_board', 'retry_ci_job_from_pipeline_graph']) {
      assert.ok(labels.includes(name), `completion lacks ${name}`);
    }
  });

  it('5 creates the missing event definition with the quick fix', async () => {
    const document = await open('app/services/widgets/create_service.rb');
    await until('an unknown-event diagnostic', () => diagnosticsWith(document.uri, 'unknown-event').length > 0);
    const actions = await quickFixes(document, insideName(document, 'create_widget_from_demo'));
    const fix = actions.find((action) => /Create event definition/i.test(action.title));
    assert.ok(fix, `no "Create event definition" among ${actions.map((a) => a.title).join(', ')}`);
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit));
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await vscode.workspace.saveAll(false);
    const created = path.join(root(), 'config/events/create_widget_from_demo.yml');
    await until('the new definition on disk', () => fs.existsSync(created) && /^action: create_widget_from_demo/m.test(fs.readFileSync(created, 'utf8')));
    await until('the unknown-event diagnostic to go', () => diagnosticsWith(document.uri, 'unknown-event').length === 0);
  });

  it('6 reports a schema error on the edited line of a definition', async () => {
    const document = await open('config/events/view_merge_request_diffs_page.yml');
    const line = document.getText().split('\n').lastIndexOf('- ultimate');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, document.lineAt(line).range, '- gold');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await until(`a schema diagnostic on line ${line + 1}`, () =>
        diagnosticsWith(document.uri, 'schema').some((d) => d.range.start.line === line),
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('7 links calls in Vue and HAML files', async () => {
    await expectLinked('app/assets/javascripts/merge_requests/components/file_tree_toggle.vue', 'toggle_file_tree_on_merge_request');
    await expectLinked('app/assets/javascripts/merge_requests/components/file_tree_toggle.vue', 'click_copy_source_branch_button');
    await expectLinked('app/views/projects/boards/_list_header.html.haml', 'click_new_issue_on_board');
  });
});

(restricted ? describe : describe.skip)('restricted mode', () => {
  it('8 validates but does not write files', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace should not be trusted in this run');
    const document = await open('app/services/widgets/create_service.rb');
    await until('an unknown-event diagnostic', () => diagnosticsWith(document.uri, 'unknown-event').length > 0);
    const actions = await quickFixes(document, insideName(document, 'create_widget_from_demo'));
    for (const action of actions.filter((a) => /Create event definition/i.test(a.title))) {
      if (action.edit) await vscode.workspace.applyEdit(action.edit);
      if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    }
    await sleep(2000);
    assert.ok(!fs.existsSync(path.join(root(), 'config/events/create_widget_from_demo.yml')), 'a file was written in Restricted Mode');
  });
});
