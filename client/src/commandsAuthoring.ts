// The guided palette commands: New Event…, New Metric… (here), Copy Tracking Snippet and Show
// Event Usages (commandsUsages.ts). This side only asks questions and writes or opens files; every
// check, file text and snippet comes from the server (`internalEvents.server.*` commands, which
// vscode-languageclient registers as VS Code commands sending workspace/executeCommand).
import * as vscode from 'vscode';
import { mayWriteFiles } from './restrictedMode';
import { SERVER_COMMANDS, type EventChoices, type GeneratedFile, type MetricOption } from '../../server/src/protocol';
import { askServer, currentFirst, eventItems, pickMany, serverRefusal } from './serverQuestions';
import { copyTrackingSnippet, showEventUsages } from './commandsUsages';

const SERVER = SERVER_COMMANDS;

// The CLI's presets (spec §5, New Event flow).
const IDENTIFIER_PRESETS = [['project', 'namespace', 'user'], ['namespace', 'user'], ['user'], ['project', 'namespace'], ['namespace'], []];
const TIER_PRESETS = [['free', 'premium', 'ultimate'], ['premium', 'ultimate'], ['ultimate']];
const BASE_PROPERTIES = [
  { name: 'label', detail: 'string' },
  { name: 'property', detail: 'string' },
  { name: 'value', detail: 'number' },
];

async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Writes new files, never overwriting: refuses all of them when any exists. Returns the written URIs. */
async function writeNewFiles(files: GeneratedFile[]): Promise<vscode.Uri[] | undefined> {
  const uris = files.map((f) => vscode.Uri.file(f.absPath));
  for (const [i, uri] of uris.entries()) {
    if (await fileExists(uri)) {
      void vscode.window.showErrorMessage(`Internal Events: ${files[i].path} already exists; nothing was written.`);
      return undefined;
    }
  }
  for (const [i, uri] of uris.entries()) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(files[i].text));
  return uris;
}

async function openAtLine(uri: vscode.Uri, line: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const position = new vscode.Position(line, document.lineAt(line).text.length);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false });
}

// ---------------------------------------------------------------------------------------------
// New Event…

async function askProperties(): Promise<{ name: string; description: string }[] | undefined> {
  const properties: { name: string; description: string }[] = [];
  const done = '$(check) Done';
  const custom = '$(add) Custom property…';
  for (;;) {
    const names = properties.map((p) => p.name);
    // GitLab's rule: custom properties only after label and property, or value.
    const allowsCustom = (names.includes('label') && names.includes('property')) || names.includes('value');
    const items: vscode.QuickPickItem[] = [
      { label: done, description: names.length ? names.join(', ') : 'no additional properties' },
      ...BASE_PROPERTIES.filter((p) => !names.includes(p.name)).map((p) => ({ label: p.name, description: p.detail })),
      ...(allowsCustom ? [{ label: custom }] : []),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'New Event: additional properties', placeHolder: 'Add a property, or Done' });
    if (!picked) return undefined;
    if (picked.label === done) return properties;
    let name = picked.label;
    if (name === custom) {
      const entered = await vscode.window.showInputBox({
        title: 'New Event: custom property name',
        validateInput: (v) =>
          !/^[a-z0-9_]+$/.test(v) ? 'Lowercase letters, digits and underscores only' : names.includes(v) || BASE_PROPERTIES.some((p) => p.name === v) ? 'Already chosen or reserved' : undefined,
      });
      if (entered === undefined) return undefined;
      name = entered;
    }
    const description = await vscode.window.showInputBox({ title: `New Event: describe '${name}'`, placeHolder: 'Leave empty for TODO' });
    if (description === undefined) return undefined;
    properties.push({ name, description });
  }
}

async function newEvent(): Promise<void> {
  if (!mayWriteFiles('New Event')) return;
  const choices = await askServer<EventChoices>(SERVER.listEventChoices, {});
  if (!choices) return;
  const description = await vscode.window.showInputBox({
    title: 'New Event: description',
    prompt: 'Be specific: when exactly is this event triggered? (about 10 words or more)',
    validateInput: (v) => (v.trim() ? undefined : 'A description is required'),
  });
  if (description === undefined) return;
  // The server's answer is the uniqueness check; the pattern is checked here first to save a round trip.
  const action = await vscode.window.showInputBox({
    title: 'New Event: name',
    prompt: 'Format: <action>_<target_of_action>_<where/when>, present tense',
    validateInput: async (v) => {
      if (!/^[a-z0-9_]+$/.test(v)) return 'Lowercase letters, digits and underscores only';
      const refusal = await serverRefusal(SERVER.buildNewEvent, { description, action: v, identifiers: [], properties: [], productCategories: [], tiers: ['free'] });
      return refusal && /already exists|removed event|legacy/.test(refusal) ? refusal : undefined;
    },
  });
  if (action === undefined) return;
  const identifiers = await vscode.window.showQuickPick(
    IDENTIFIER_PRESETS.map((preset) => ({ label: preset.length ? preset.join(', ') : 'none', preset })),
    { title: 'New Event: identifiers', placeHolder: 'Which context does the event carry?' },
  );
  if (!identifiers) return;
  const properties = await askProperties();
  if (!properties) return;
  const introducedByUrl = await vscode.window.showInputBox({ title: 'New Event: merge request URL', placeHolder: 'Leave empty for TODO' });
  if (introducedByUrl === undefined) return;
  const group = await vscode.window.showQuickPick(['(none: TODO)', ...choices.productGroups], { title: 'New Event: product group' });
  if (group === undefined) return;
  const categories = await vscode.window.showQuickPick(choices.categories, { title: 'New Event: product categories', canPickMany: true });
  if (categories === undefined) return;
  const tiers = await vscode.window.showQuickPick(
    TIER_PRESETS.map((preset) => ({ label: preset.join(', '), preset })),
    { title: 'New Event: tiers' },
  );
  if (!tiers) return;
  const file = await askServer<GeneratedFile>(SERVER.buildNewEvent, {
    description,
    action,
    identifiers: identifiers.preset,
    properties,
    productGroup: group.startsWith('(none') ? '' : group,
    productCategories: categories,
    tiers: tiers.preset,
    introducedByUrl,
  });
  if (!file) return;
  const written = await writeNewFiles([file]);
  if (written) await openAtLine(written[0], 1);
}

// ---------------------------------------------------------------------------------------------
// New Metric…

/** `event`: the event it counts, chosen already (the Internal Events view's context menu). */
export async function newMetric(event?: unknown): Promise<void> {
  if (!mayWriteFiles('New Metric')) return;
  let names: string[];
  if (typeof event === 'string' && event) names = [event];
  else {
    const choices = await askServer<EventChoices>(SERVER.listEventChoices, {});
    if (!choices) return;
    if (choices.events.length === 0) {
      void vscode.window.showInformationMessage('Internal Events: no internal event is defined in this workspace; New Event… writes one.');
      return;
    }
    const eventRows = currentFirst(eventItems(choices.events), choices.current).map((item) => ({ ...item, picked: item.name === choices.current }));
    const events = await pickMany<(typeof eventRows)[number]>(eventRows, { title: 'New Metric: events', placeholder: 'Tick the events the metric counts', matchOnDetail: true });
    if (!events?.length) return;
    names = events.map((e) => e.name);
  }
  const answer = await askServer<{ options: MetricOption[]; notes: string[] }>(SERVER.listMetricOptions, { events: names });
  if (!answer) return;
  // A quick pick cannot disable an item: existing ones stay visible, marked, and are ignored if picked.
  const items = answer.options.map((option) => ({
    label: `${option.exists ? '$(circle-slash) ' : ''}${option.label}`,
    description: option.exists ? '(already defined)' : option.keyPath,
    detail: option.exists,
    option,
  }));
  // Why unique counts are missing (identifiers not declared), said where they would be listed.
  const note = answer.notes.join(' ');
  const separator = (label: string) => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const totals = items.filter((i) => !i.option.unique);
  const uniques = items.filter((i) => i.option.unique);
  const rows = [
    separator(uniques.length || !note ? 'Total counts' : `Total counts · ${note}`),
    ...totals,
    ...(uniques.length ? [separator(note ? `Unique counts · ${note}` : 'Unique counts'), ...uniques] : []),
  ];
  const picked = await pickMany<(typeof items)[number]>(rows, { title: 'New Metric: what to count', placeholder: 'Tick what to count', matchOnDescription: true });
  if (!picked) return;
  const wanted = picked.map((p) => p.option).filter((o) => !o.exists);
  if (wanted.length === 0) {
    void vscode.window.showInformationMessage('Internal Events: every metric picked is already defined; nothing was written.');
    return;
  }
  // Options that differ only by time frame become one metric with an array time_frame, as the CLI does.
  const byUnique = new Map<string, MetricOption[]>();
  for (const option of wanted) byUnique.set(option.unique ?? '', [...(byUnique.get(option.unique ?? '') ?? []), option]);
  const metricChoices: { timeFrames: string[]; unique?: string; description: string }[] = [];
  for (const [unique, options] of byUnique) {
    const choice = { timeFrames: options.map((o) => o.timeFrame), ...(unique ? { unique } : {}) };
    // One description per metric, its own prefix shown: a total count never inherits "unique users".
    const prefixes = options.map((o) => `"${o.label} …"`).join(', ');
    const description = await vscode.window.showInputBox({
      title: `New Metric: description (${unique ? options[0].label.replace(/^\S+ /, '') : 'total count'})`,
      prompt: `Completes ${prefixes}; leave empty for a default`,
      validateInput: async (v) => (v.trim() ? serverRefusal(SERVER.buildNewMetrics, { events: names, choices: [{ ...choice, description: v }] }).then((r) => (r && /description/.test(r) ? r : undefined)) : undefined),
    });
    if (description === undefined) return;
    metricChoices.push({ ...choice, description });
  }
  const result = await askServer<{ files: GeneratedFile[] }>(SERVER.buildNewMetrics, { events: names, choices: metricChoices });
  if (!result) return;
  const written = await writeNewFiles(result.files);
  if (!written) return;
  await openAtLine(written[0], 2);
  if (written.length > 1) void vscode.window.showInformationMessage(`Internal Events: wrote ${result.files.map((f) => f.path).join(', ')}`);
}

export const AUTHORING_COMMANDS = {
  newEvent: 'internalEvents.newEvent',
  newMetric: 'internalEvents.newMetric',
  copyTrackingSnippet: 'internalEvents.copyTrackingSnippet',
  showEventUsages: 'internalEvents.showEventUsages',
} as const;

export function registerAuthoringCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(AUTHORING_COMMANDS.newEvent, newEvent),
    vscode.commands.registerCommand(AUTHORING_COMMANDS.newMetric, newMetric),
    vscode.commands.registerCommand(AUTHORING_COMMANDS.copyTrackingSnippet, copyTrackingSnippet),
    vscode.commands.registerCommand(AUTHORING_COMMANDS.showEventUsages, showEventUsages),
  ];
}
