// What a person does with the extension, one scenario per behaviour of issue 5. Positions are
// looked up in the workspace copy's files (not hard-coded), so the demo can change without
// breaking them. Scenarios in TRUSTED_SCENARIOS share one code-server run in list order; the
// restricted-mode scenario gets its own run with workspace trust enabled.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { poll, sleep } from './workbench.mjs';
import { EXPLORER_SCENARIOS } from './scenariosExplorer.mjs';

const UNKNOWN_EVENT_FILE = 'app/services/widgets/create_service.rb';
const UNKNOWN_EVENT = 'create_widget_from_demo';
const KNOWN_CALL_FILE = 'app/services/merge_requests/approve_in_demo_service.rb';
const KNOWN_EVENT = 'approve_merge_request_in_demo';
const VUE_FILE = 'app/assets/javascripts/merge_requests/components/file_tree_toggle.vue';
const HAML_FILE = 'app/views/projects/boards/_list_header.html.haml';
const YAML_TO_BREAK = 'config/events/view_merge_request_diffs_page.yml';
/** A component naming its events through imported constants, in a conditional binding. */
const CONSTANTS_VUE_FILE = 'app/assets/javascripts/merge_requests/components/diff_expand_toggle.vue';
/** A service tracking a name built at run time ("#{action}_merge_request_in_demo"). */
const BUILT_NAME_FILE = 'app/services/merge_requests/bulk_action_service.rb';
/** A demo event no metric counts yet. */
const METRIC_LESS_EVENT = 'view_usage_dashboard_in_demo';

/** The demo workspace copy a run works on: reading files and finding text positions. */
export class Workspace {
  constructor(folder) {
    this.folder = folder;
  }

  path(relativePath) {
    return join(this.folder, relativePath);
  }

  read(relativePath) {
    return readFileSync(this.path(relativePath), 'utf8');
  }

  /** 1-based line and column of the first occurrence of `needle` (after `after`, if given). */
  find(relativePath, needle, after) {
    const text = this.read(relativePath);
    const from = after ? text.indexOf(after) : 0;
    const offset = text.indexOf(needle, Math.max(from, 0));
    if (offset < 0) throw new Error(`"${needle}" not found in ${relativePath}`);
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  }

  /** Position of an event name written in quotes (`'name'` or `"name"`): its first character. */
  findQuotedName(relativePath, name) {
    for (const quote of ["'", '"']) {
      try {
        const position = this.find(relativePath, `${quote}${name}${quote}`);
        return { line: position.line, column: position.column + 1 };
      } catch {
        // try the other quote
      }
    }
    throw new Error(`no quoted "${name}" in ${relativePath}`);
  }

  /** The event definition file for an action, and the 1-based line of its `action:` key. */
  eventDefinition(action) {
    for (const folder of ['config/events', 'ee/config/events']) {
      const relativePath = `${folder}/${action}.yml`;
      if (!existsSync(this.path(relativePath))) continue;
      const text = this.read(relativePath);
      const lines = text.split('\n');
      return {
        relativePath,
        fileName: `${action}.yml`,
        actionLine: lines.findIndex((line) => line.startsWith('action:')) + 1,
        description: /^description: (.*)$/m.exec(text)?.[1].trim() ?? '',
      };
    }
    throw new Error(`no definition file for ${action}`);
  }

  /** Key paths of the metrics that count an event (read from the demo's metric files). */
  metricKeyPathsFor(action) {
    const found = [];
    const visit = (relativeFolder) => {
      const folder = this.path(relativeFolder);
      if (!existsSync(folder)) return;
      for (const entry of readdirSyncSafe(folder)) {
        const relativePath = `${relativeFolder}/${entry}`;
        if (entry.endsWith('.yml')) {
          const text = this.read(relativePath);
          if (new RegExp(`- name: ${action}\\s*$`, 'm').test(text)) found.push(/^key_path: (.*)$/m.exec(text)?.[1].trim());
        } else visit(relativePath);
      }
    };
    visit('config/metrics');
    visit('ee/config/metrics');
    return found.filter(Boolean);
  }
}

function readdirSyncSafe(folder) {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

const hasCode = (code) => (row) => row.text.includes(code);
const onLine = (line) => (row) => new RegExp(`\\bLn ${line}\\b`).test(row.text);

/** Puts the cursor a few characters into a quoted event name. */
async function cursorIntoName(wb, ws, relativePath, name, into = 3) {
  const { line, column } = ws.findQuotedName(relativePath, name);
  await wb.goTo(line, column + into);
}

async function expectDefinitionReached(wb, ws, action) {
  const definition = ws.eventDefinition(action);
  await wb.waitForActiveTab(definition.fileName);
  await poll(`the cursor on the action: line (Ln ${definition.actionLine}) of ${definition.fileName}`, async () => {
    const position = await wb.cursorPosition();
    return position?.line === definition.actionLine ? position : false;
  }, { timeout: 10_000 });
}

async function expectHoverDescribes(wb, ws, action, capture) {
  const definition = ws.eventDefinition(action);
  const text = await wb.hoverAtCursor(definition.description.slice(0, 30));
  const keyPaths = ws.metricKeyPathsFor(action);
  const missing = keyPaths.filter((keyPath) => !text.includes(keyPath.split('.').pop()));
  if (missing.length) throw new Error(`hover lacks the metrics ${missing.join(', ')}; it shows: ${text.slice(0, 500)}`);
  if (capture) await capture();
  await wb.pressEscape(1);
  return text;
}

/** F1 and the command, for a command that asks questions next (its own quick input follows). */
async function startCommand(wb, title) {
  await wb.focusWorkbench();
  await wb.page.keyboard.press('F1');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await wb.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title.replace(/^Internal Events: /, '') }).first().click();
}

/** In a command's event picker: types the name until its row shows, then picks it. */
async function pickEvent(wb, event) {
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  const eventRow = wb.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: event }).first();
  await poll(`the event picker listing ${event}`, async () => {
    if (!(await input.isVisible())) return false;
    await input.fill(event);
    return eventRow.isVisible();
  }, { timeout: 20_000 });
  await eventRow.click();
}

/** Scenario 0: the extension activated: its status bar item and its output channel exist. */
export const activation = {
  n: 0,
  name: 'activation',
  async run({ wb }) {
    await wb.statusItem().waitFor({ state: 'visible', timeout: 90_000 });
    wb.log(`status bar: "${await wb.statusItemText()}"`);
    await wb.runCommand('Internal Events: Show Output');
    // The Output view shows the chosen channel's name in its title-bar picker, and its text.
    await poll('the "Internal Events" output channel to be shown with log lines', async () => {
      const panel = wb.page.locator('.part.panel');
      const pickerText = await panel.locator('.monaco-select-box, .action-item .monaco-dropdown').allTextContents();
      const selected = await panel.locator('select.monaco-select-box').evaluateAll((selects) =>
        selects.map((select) => select.options[select.selectedIndex]?.text ?? ''),
      );
      // Monaco renders spaces as non-breaking spaces.
      const content = (await panel.locator('.monaco-editor .view-lines').allTextContents()).map((t) => t.replace(/\u00a0/g, ' '));
      // A native <select> lists every channel in its text, so its selected option is what counts.
      const shownNames = selected.length ? selected : pickerText;
      const channelShown = shownNames.some((text) => text.includes('Internal Events'));
      // Any line will do: the client's first one may have scrolled out of view by now.
      return channelShown && content.join('').trim().length > 0;
    }, { timeout: 30_000 });
    // Not part of the check (activation is), but later scenarios should not spend their time
    // budget on the first indexing of a slow machine.
    await wb
      .waitForIndexReady(60_000)
      .then((text) => wb.log(`index ready: "${text}"`))
      .catch((error) => wb.log(`index not ready: ${error.message}`));
  },
};

export const TRUSTED_SCENARIOS = [
  {
    n: 1,
    name: 'unknown-event-problem',
    async run({ wb, ws }) {
      const { line } = ws.findQuotedName(UNKNOWN_EVENT_FILE, UNKNOWN_EVENT);
      await wb.openFile(UNKNOWN_EVENT_FILE);
      await wb.waitForProblems(
        `an unknown-event problem for ${UNKNOWN_EVENT} on line ${line}`,
        (rows) => rows.some((row) => hasCode('unknown-event')(row) && row.text.includes(UNKNOWN_EVENT) && onLine(line)(row)),
        { file: UNKNOWN_EVENT_FILE },
      );
    },
  },
  {
    n: 2,
    name: 'hover-known-call',
    async run({ wb, ws, capture }) {
      await wb.openFile(KNOWN_CALL_FILE);
      await cursorIntoName(wb, ws, KNOWN_CALL_FILE, KNOWN_EVENT);
      await expectHoverDescribes(wb, ws, KNOWN_EVENT, capture);
    },
  },
  {
    n: 3,
    name: 'go-to-definition',
    async run({ wb, ws }) {
      await wb.openFile(KNOWN_CALL_FILE);
      await cursorIntoName(wb, ws, KNOWN_CALL_FILE, KNOWN_EVENT);
      await wb.page.keyboard.press('F12');
      await expectDefinitionReached(wb, ws, KNOWN_EVENT);
    },
  },
  {
    n: 4,
    name: 'complete-event-names',
    async run({ wb, ws, capture }) {
      await wb.openFile(KNOWN_CALL_FILE);
      // Right after the opening quote: nothing typed yet, so every defined event is offered.
      await cursorIntoName(wb, ws, KNOWN_CALL_FILE, KNOWN_EVENT, 0);
      const labels = await wb.triggerSuggest('click_new_issue_on_board');
      const defined = ['view_merge_request_diffs_page', 'retry_ci_job_from_pipeline_graph', 'click_new_issue_on_board'];
      const missing = defined.filter((name) => !labels.some((label) => label.includes(name)));
      if (missing.length) throw new Error(`suggestions lack ${missing.join(', ')}; offered: ${labels.join(', ')}`);
      await capture();
      await wb.pressEscape(1);
    },
  },
  {
    n: 5,
    name: 'quick-fix-create-event',
    async run({ wb, ws }) {
      const created = `config/events/${UNKNOWN_EVENT}.yml`;
      await wb.openFile(UNKNOWN_EVENT_FILE);
      await cursorIntoName(wb, ws, UNKNOWN_EVENT_FILE, UNKNOWN_EVENT);
      // The diagnostic must be there before the quick fix can be.
      await wb.waitForProblems('the unknown-event problem', (rows) => rows.some((row) => row.text.includes(UNKNOWN_EVENT)), {
        file: UNKNOWN_EVENT_FILE,
      });
      const titles = await poll('a "Create event definition" quick fix', async () => {
        const offered = await wb.openQuickFixMenu().catch(() => []);
        if (offered.some((title) => /Create event definition/i.test(title))) return offered;
        await wb.pressEscape(1);
        return false;
      }, { timeout: 30_000 });
      wb.log(`quick fixes: ${titles.join(' | ')}`);
      await wb.pickQuickFix(/Create event definition/i);
      await wb.waitForActiveTab(`${UNKNOWN_EVENT}.yml`);
      await wb.page.keyboard.press('Control+S');
      await poll(`${created} on disk with action: ${UNKNOWN_EVENT}`, () =>
        existsSync(ws.path(created)) && new RegExp(`^action: ${UNKNOWN_EVENT}\\s*$`, 'm').test(ws.read(created)),
      );
      await wb.waitForProblems(
        `the unknown-event problem for ${UNKNOWN_EVENT} to disappear`,
        (rows) => !rows.some((row) => hasCode('unknown-event')(row) && row.text.includes(UNKNOWN_EVENT)),
        { file: UNKNOWN_EVENT_FILE },
      );
    },
  },
  {
    n: 6,
    name: 'schema-error-in-yaml',
    async run({ wb, ws, capture }) {
      const { line } = ws.find(YAML_TO_BREAK, '- ultimate', 'tiers:');
      await wb.openFile(YAML_TO_BREAK);
      await wb.goTo(line, 1);
      await wb.replaceCurrentLine('- gold');
      const fileName = YAML_TO_BREAK.split('/').pop();
      try {
        await wb.waitForProblems(
          `a schema problem on line ${line} of ${fileName}`,
          (rows) => rows.some((row) => row.file.includes(fileName) && hasCode('schema')(row) && onLine(line)(row)),
          { file: YAML_TO_BREAK },
        );
        await capture();
      } finally {
        await wb.runCommand('File: Revert File').catch(() => undefined);
      }
    },
  },
  {
    n: 7,
    name: 'vue-and-haml-calls',
    async run({ wb, ws, capture }) {
      // Vue: the mixin call in <script> (hover) and the data attribute in <template> (F12).
      await wb.openFile(VUE_FILE);
      await cursorIntoName(wb, ws, VUE_FILE, 'toggle_file_tree_on_merge_request');
      await expectHoverDescribes(wb, ws, 'toggle_file_tree_on_merge_request', capture);
      await cursorIntoName(wb, ws, VUE_FILE, 'click_copy_source_branch_button');
      await wb.page.keyboard.press('F12');
      await expectDefinitionReached(wb, ws, 'click_copy_source_branch_button');
      // HAML: the data: { event_tracking: } hash (hover, then F12).
      await wb.openFile(HAML_FILE);
      await cursorIntoName(wb, ws, HAML_FILE, 'click_new_issue_on_board');
      await expectHoverDescribes(wb, ws, 'click_new_issue_on_board');
      await cursorIntoName(wb, ws, HAML_FILE, 'click_new_issue_on_board');
      await wb.page.keyboard.press('F12');
      await expectDefinitionReached(wb, ws, 'click_new_issue_on_board');
    },
  },
  {
    n: 9,
    name: 'show-event-usages',
    async run({ wb, ws, capture }) {
      // The palette command, as a person runs it: F1, the command, then the event picker.
      await wb.openFile(KNOWN_CALL_FILE);
      await startCommand(wb, 'Internal Events: Show Event Usages');
      await pickEvent(wb, KNOWN_EVENT);
      // The usages grouped by what they are; the built name that may be this event is marked.
      const widget = wb.page.locator('.quick-input-widget');
      await poll('the usages list with the possible call marked', async () =>
        (await widget.getByText('Possible calls: the name is built at run time').isVisible().catch(() => false)) &&
        (await widget.locator('.monaco-list-row').filter({ hasText: BUILT_NAME_FILE.split('/').pop() }).filter({ hasText: 'possible:' }).first().isVisible().catch(() => false)),
      { timeout: 20_000 });
      await widget.locator('.monaco-list-row').filter({ hasText: 'in the references peek' }).first().click();
      // Definition, Ruby call, spec and metrics: at least the definition, one call and one metric.
      const expected = 2 + ws.metricKeyPathsFor(KNOWN_EVENT).length;
      const shown = await poll(`a references peek with at least ${expected} usages of ${KNOWN_EVENT}`, async () => {
        const text = (await wb.page.locator('.peekview-widget').allTextContents()).join(' ');
        // The peek's title counts them: "Locations (7)" (or "7 references" for a references peek).
        const m = /(?:Locations|References)\s*\((\d+)\)|(\d+) references?/i.exec(text);
        const count = m ? Number(m[1] ?? m[2]) : 0;
        return count >= expected ? text : false;
      }, { timeout: 20_000 });
      wb.log(`usages peek: ${shown.slice(0, 200)}`);
      await capture();
      await wb.pressEscape(2);
    },
  },
  {
    n: 10,
    name: 'new-event-command',
    async run({ wb, ws, capture }) {
      // The guided flow, answered as a person would: type, Enter, next question.
      const action = 'open_demo_settings_page';
      const created = `config/events/${action}.yml`;
      const input = wb.page.locator('.quick-input-widget .quick-input-box input');
      const title = wb.page.locator('.quick-input-widget .quick-input-title');
      const answer = async (question, text) => {
        await poll(`the question "${question}"`, async () => (await title.isVisible()) && (await title.textContent())?.includes(question));
        await input.fill(text);
        await sleep(300); // let the list filter, or an async validation answer
        await wb.page.keyboard.press('Enter');
      };
      await wb.focusWorkbench();
      await wb.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
      await input.fill('>Internal Events: New Event');
      await wb.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'New Event' }).first().click();
      await answer('New Event: description', 'A person opens the settings page of the demo shop from the top bar');
      await answer('New Event: name', action);
      await answer('New Event: identifiers', 'project, namespace, user');
      await answer('New Event: additional properties', 'label');
      await answer("New Event: describe 'label'", 'where the page was opened from');
      await answer('New Event: additional properties', 'Done');
      await answer('New Event: merge request URL', '');
      await answer('New Event: product group', 'code_review');
      await answer('New Event: product categories', '');
      await answer('New Event: tiers', 'free, premium, ultimate');
      await poll(`${created} written with action: ${action}`, () =>
        existsSync(ws.path(created)) && new RegExp(`^action: ${action}\\s*$`, 'm').test(ws.read(created)),
      );
      await wb.waitForActiveTab(`${action}.yml`);
      const text = ws.read(created);
      for (const want of [/^identifiers:\n- project\n- namespace\n- user$/m, /^  label:\n    description: where the page was opened from$/m, /^product_group: code_review$/m, /^milestone: '\d+\.\d+'$/m]) {
        if (!want.test(text)) throw new Error(`${created} lacks ${want}:\n${text}`);
      }
      await capture();
    },
  },
  {
    n: 11,
    name: 'new-metric-command',
    async run({ wb, ws, capture }) {
      // The event has no metric yet. Its definition is open, so the picker starts with it ticked;
      // Enter with nothing ticked does not end the flow; the missing unique counts are explained.
      const event = METRIC_LESS_EVENT;
      const created = `config/metrics/counts_7d/count_distinct_user_id_from_${event}_weekly.yml`;
      const input = wb.page.locator('.quick-input-widget .quick-input-box input');
      const title = wb.page.locator('.quick-input-widget .quick-input-title');
      const rows = wb.page.locator('.quick-input-widget .monaco-list-row');
      const question = (text) => poll(`the question "${text}"`, async () => (await title.isVisible()) && (await title.textContent())?.includes(text));
      /** Multi-select: filter, tick the one row that matches, accept. */
      const tick = async (filter, rowText) => {
        await input.fill(filter);
        const row = rows.filter({ hasText: rowText }).first();
        await row.waitFor({ state: 'visible', timeout: 15_000 });
        await row.click();
        await poll(`"${rowText}" ticked`, async () => (await row.getAttribute('aria-checked')) === 'true' || (await row.locator('input[type=checkbox]').isChecked().catch(() => false)), { timeout: 5_000 });
        await wb.page.keyboard.press('Enter');
      };
      const placeholder = wb.page.locator('.quick-input-widget .quick-input-box input');
      await wb.openFile(`config/events/${event}.yml`);
      await startCommand(wb, 'Internal Events: New Metric');
      await question('New Metric: events');
      const preselected = rows.filter({ hasText: event }).first();
      await preselected.waitFor({ state: 'visible', timeout: 15_000 });
      await poll(`${event} ticked from the open definition`, async () => (await preselected.getAttribute('aria-checked')) === 'true', { timeout: 5_000 });
      await wb.page.keyboard.press('Enter');
      await question('New Metric: what to count');
      await poll('the note on the missing unique projects', () => wb.page.locator('.quick-input-widget').getByText("Unique projects cannot be counted: 'view_usage_dashboard_in_demo' does not declare 'project' in identifiers.").isVisible());
      await wb.page.keyboard.press('Enter');
      await poll('Enter with nothing ticked keeps the question open and says why', async () => (await title.textContent())?.includes('New Metric: what to count') && /Nothing chosen/.test((await placeholder.getAttribute('placeholder')) ?? ''));
      await tick('Weekly count of unique users', 'Weekly count of unique users');
      await question('New Metric: description');
      await input.fill('people who open the usage dashboard');
      await wb.page.keyboard.press('Enter');
      await poll(`${created} written`, () => existsSync(ws.path(created)));
      await wb.waitForActiveTab(created.split('/').pop());
      const text = ws.read(created);
      const wanted = [
        `^key_path: redis_hll_counters\\.count_distinct_user_id_from_${event}_weekly$`,
        '^description: Weekly count of unique users people who open the usage dashboard$',
        // The event's own merge request, reused.
        '^introduced_by_url: https://gitlab\\.example\\.com/demo/shop/-/merge_requests/108$',
        '^time_frame: 7d$',
        '^data_source: internal_events$',
        `^- name: ${event}\\n  unique: user\\.id$`,
      ];
      for (const want of wanted) if (!new RegExp(want, 'm').test(text)) throw new Error(`${created} lacks /${want}/:\n${text}`);
      await capture();
    },
  },
  {
    n: 12,
    name: 'copy-tracking-snippet',
    async run({ wb, capture }) {
      await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(wb.page.url()).origin });
      const rows = wb.page.locator('.quick-input-widget .monaco-list-row');
      await startCommand(wb, 'Internal Events: Copy Tracking Snippet');
      await pickEvent(wb, KNOWN_EVENT);
      const snippetRow = rows.filter({ hasText: 'Ruby (Rails): track_internal_event' }).first();
      await snippetRow.waitFor({ state: 'visible', timeout: 15_000 });
      await snippetRow.click();
      await wb.page.locator('.notifications-toasts').filter({ hasText: `copied the Ruby (Rails): track_internal_event snippet for ${KNOWN_EVENT}` }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await capture();
      const copied = await poll('the snippet on the clipboard', async () => {
        const text = await wb.page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
        return text.includes('track_internal_event(') && text.includes(`'${KNOWN_EVENT}'`) ? text : false;
      }, { timeout: 10_000 });
      wb.log(`clipboard: ${copied.split('\n').slice(0, 3).join(' | ')}`);
      await wb.pressEscape(2);
    },
  },
  {
    n: 13,
    name: 'constants-and-built-names',
    async run({ wb, ws, capture }) {
      // An imported constant, through the component options, in one branch of a conditional.
      await wb.openFile(CONSTANTS_VUE_FILE);
      const expand = ws.find(CONSTANTS_VUE_FILE, 'DIFF_TRACKING_EVENTS.EXPAND_ALL', '<template>');
      await wb.goTo(expand.line, expand.column + 'DIFF_TRACKING_EVENTS.'.length + 3);
      await expectHoverDescribes(wb, ws, 'expand_all_diff_files_in_demo', capture);
      await wb.page.keyboard.press('F12');
      await expectDefinitionReached(wb, ws, 'expand_all_diff_files_in_demo');
      // A name built at run time: hover names the defined event it may be.
      await wb.openFile(BUILT_NAME_FILE);
      const built = ws.find(BUILT_NAME_FILE, '"#{action}_merge_request_in_demo"');
      await wb.goTo(built.line, built.column + 12);
      const text = await wb.hoverAtCursor('May track');
      if (!text.includes(KNOWN_EVENT)) throw new Error(`the hover does not name ${KNOWN_EVENT}: ${text.slice(0, 300)}`);
      await wb.pressEscape(1);
    },
  },
  {
    n: 15,
    name: 'snippets-where-they-belong',
    async run({ wb, ws, capture }) {
      /** The suggest list's labels after Ctrl+Space with `typed` just typed (empty when "No suggestions"). */
      const suggestions = async (typed, shot) => {
        await wb.page.keyboard.type(typed, { delay: 20 });
        await wb.page.keyboard.press('Control+Space');
        const widget = wb.page.locator('.editor-widget.suggest-widget');
        await poll('the suggest widget', async () => (await widget.locator('.monaco-list-row').count()) > 0 || (await widget.locator('.message').isVisible().catch(() => false)), { timeout: 20_000 });
        await sleep(1500); // every provider has answered
        const labels = await widget.locator('.monaco-list-row .label-name').allTextContents();
        if (shot) await shot();
        await wb.pressEscape(1);
        return labels;
      };
      const snippetsIn = (labels) => labels.filter((label) => label.startsWith('ie-'));
      // A new metric file: its skeletons, not the event's.
      const metric = 'config/metrics/counts_7d/count_total_e2e_snippet_weekly.yml';
      writeFileSync(ws.path(metric), '');
      await wb.openFile(metric);
      await wb.waitForEditorFocus();
      const inMetric = snippetsIn(await suggestions('ie'));
      if (!inMetric.includes('ie-metric') || !inMetric.includes('ie-metric-total') || inMetric.includes('ie-event')) throw new Error(`an empty metric file offers ${inMetric.join(', ')}`);
      // Inside a list of an event file: no skeleton at all.
      const event = `config/events/${METRIC_LESS_EVENT}.yml`;
      await wb.openFile(event);
      const ultimate = ws.find(event, '- ultimate');
      await wb.goTo(ultimate.line, ultimate.column + '- ultimate'.length);
      await wb.page.keyboard.press('Enter');
      const inList = snippetsIn(await suggestions('- ie'));
      if (inList.length) throw new Error(`a tiers list item offers ${inList.join(', ')}`);
      // Ruby: not inside the additional_properties hash, but where a statement starts.
      await wb.openFile(KNOWN_CALL_FILE);
      const label = ws.find(KNOWN_CALL_FILE, "label: 'web',");
      await wb.goTo(label.line, label.column + "label: 'web',".length);
      await wb.page.keyboard.press('Enter');
      const inHash = snippetsIn(await suggestions('ie'));
      if (inHash.length) throw new Error(`an argument hash offers ${inHash.join(', ')}`);
      const success = ws.find(KNOWN_CALL_FILE, 'success(approval: approval)');
      await wb.goTo(success.line + 1, success.column + 'success(approval: approval)'.length);
      await wb.page.keyboard.press('Enter');
      const inBody = snippetsIn(await suggestions('ie', capture));
      if (!inBody.includes('ie-track')) throw new Error(`a method body offers ${inBody.join(', ') || 'no snippet'}`);
    },
  },
  {
    n: 20,
    name: 'python-service-hover',
    async run({ wb, ws, capture }) {
      // A satellite service's Python file (written here, into the session's copy of demo/): the
      // call on an injected InternalEventsClient is found by the Python finder and hovered.
      const file = 'services/ai_gateway/approvals.py';
      mkdirSync(ws.path('services/ai_gateway'), { recursive: true });
      writeFileSync(
        ws.path(file),
        [
          'from ai_gateway.internal_events import InternalEventsClient',
          '',
          '',
          'class ApprovalNotifier:',
          '    def __init__(self, events: InternalEventsClient):',
          '        self.events = events',
          '',
          '    def notify(self, request):',
          `        self.events.track_event("${KNOWN_EVENT}", category=__name__)`,
          '',
        ].join('\n'),
      );
      await wb.openFile(file);
      await cursorIntoName(wb, ws, file, KNOWN_EVENT);
      await expectHoverDescribes(wb, ws, KNOWN_EVENT, capture);
    },
  },
  ...EXPLORER_SCENARIOS,
];

/**
 * Scenario 21, in a run of its own: a Go service beside the monolith (run.mjs lays out service/
 * and demo/). Nothing in the service matches a workspaceContains activation event, so the
 * extension wakes on the Go file; with no definitions and no settings it starts no server (no
 * status item). Once `.vscode/settings.json` sets `internalEvents.definitionRoots: ["../demo"]`
 * the server starts (before the monolith's checkout exists: then it appears), and the REST call's
 * event is hovered with the monolith's definition. Then the monolith's events folder is renamed
 * away and back: the call's event is unknown, then known again.
 */
export const SATELLITE_FILE = 'internal/usage/track.go';
export const SATELLITE_SCENARIO = {
  n: 21,
  name: 'go-service-beside-the-monolith',
  writeService(service) {
    mkdirSync(service.path('internal/usage'), { recursive: true });
    writeFileSync(
      service.path(SATELLITE_FILE),
      [
        'package usage',
        '',
        'func TrackApproval(c *http.Client, base string) {',
        // Spaces, not gofmt's tab: the status bar's column counts a tab as its width.
        `    c.Post(base+"/api/v4/usage_data/track_event", "application/json", strings.NewReader(\`{"event": "${KNOWN_EVENT}"}\`))`,
        '}',
        '',
      ].join('\n'),
    );
  },
  async run({ wb, ws, monolith, capture }) {
    await wb.openFile(SATELLITE_FILE);
    // Activation on the Go file takes a moment; a server started anyway would show its item.
    await sleep(8000);
    if (await wb.statusItem().isVisible()) throw new Error(`a server started with nothing to check: "${await wb.statusItemText()}"`);
    // The setting comes first and the monolith's checkout after it (cloned later): the server
    // starts with a warning, and reads the checkout once it appears.
    const later = `${monolith.folder}-not-cloned-yet`;
    renameSync(monolith.folder, later);
    mkdirSync(ws.path('.vscode'), { recursive: true });
    writeFileSync(ws.path('.vscode/settings.json'), JSON.stringify({ 'internalEvents.definitionRoots': ['../demo'] }, null, 2));
    await wb.statusItem().waitFor({ state: 'visible', timeout: 90_000 });
    wb.log(`index ready without the checkout: "${await wb.waitForIndexReady(60_000)}"`);
    renameSync(later, monolith.folder);
    const ready = await poll('the status bar to count the monolith\'s definitions', async () => {
      const text = await wb.statusItemText().catch(() => '');
      return /\b11 events · 7 metrics/.test(text) ? text : false;
    }, { timeout: 60_000 });
    wb.log(`index ready once the checkout is there: "${ready}"`);
    await cursorIntoName(wb, ws, SATELLITE_FILE, KNOWN_EVENT);
    await expectHoverDescribes(wb, monolith, KNOWN_EVENT, capture);
    // A branch switched in the monolith takes its events folder away and brings it back: the
    // root's watcher gets one event for the folder each time (no file of it matches on its own).
    const unknownHere = (rows) => rows.some((row) => hasCode('unknown-event')(row) && row.text.includes(KNOWN_EVENT));
    renameSync(monolith.path('config/events'), monolith.path('config/events-away'));
    await wb.waitForProblems(`unknown-event for ${KNOWN_EVENT} once the monolith's events folder is gone`, unknownHere, { file: SATELLITE_FILE, timeout: 60_000 });
    renameSync(monolith.path('config/events-away'), monolith.path('config/events'));
    await wb.waitForProblems('the unknown-event gone once the folder is back', (rows) => !unknownHere(rows), { file: SATELLITE_FILE, timeout: 60_000 });
  },
};

/** Scenario 8, in a run with workspace trust enabled and the folder not trusted. */
export const RESTRICTED_SCENARIO = {
  n: 8,
  name: 'restricted-mode',
  async run({ wb, ws }) {
    const created = `config/events/${UNKNOWN_EVENT}.yml`;
    await wb.page.locator('.statusbar-item').filter({ hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible' });
    await wb.statusItem().waitFor({ state: 'visible', timeout: 90_000 });
    await wb.openFile(UNKNOWN_EVENT_FILE);
    await wb.waitForProblems(
      'the unknown-event problem (validation works in Restricted Mode)',
      (rows) => rows.some((row) => hasCode('unknown-event')(row) && row.text.includes(UNKNOWN_EVENT)),
      { file: UNKNOWN_EVENT_FILE },
    );
    await cursorIntoName(wb, ws, UNKNOWN_EVENT_FILE, UNKNOWN_EVENT);
    // Try the fix as a person would. It should not be offered; if it is, applying it must not write.
    const titles = await wb.openQuickFixMenu().catch(() => []);
    wb.log(`quick fixes in Restricted Mode: ${titles.join(' | ') || 'none'}`);
    if (titles.some((title) => /Create event definition/i.test(title))) {
      await wb.pickQuickFix(/Create event definition/i);
      await sleep(1000);
      await wb.page.keyboard.press('Control+S');
    }
    await wb.pressEscape(2);
    await sleep(3000); // a write, if any, would land within this
    if (existsSync(ws.path(created))) throw new Error(`${created} was written in Restricted Mode`);
  },
};
