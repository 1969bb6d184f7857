// The guided palette commands: New Event…, New Metric…, Copy Tracking Snippet, Show Event Usages.
// This side only asks questions and writes or opens files; every check, file text and snippet comes
// from the server (`internalEvents.server.*` commands, which vscode-languageclient registers as VS
// Code commands sending workspace/executeCommand).
import * as vscode from 'vscode';
import { mayWriteFiles } from './restrictedMode';
import {
  SERVER_COMMANDS,
  type EventChoice,
  type EventChoices,
  type GeneratedFile,
  type MetricOption,
  type TrackingSnippet,
} from '../../server/src/protocol';

const SERVER = SERVER_COMMANDS;
type Snippet = TrackingSnippet;
interface JsonRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
type Refusal = { error: string };

// The CLI's presets (spec §5, New Event flow).
const IDENTIFIER_PRESETS = [['project', 'namespace', 'user'], ['namespace', 'user'], ['user'], ['project', 'namespace'], ['namespace'], []];
const TIER_PRESETS = [['free', 'premium', 'ultimate'], ['premium', 'ultimate'], ['ultimate']];
const BASE_PROPERTIES = [
  { name: 'label', detail: 'string' },
  { name: 'property', detail: 'string' },
  { name: 'value', detail: 'number' },
];

/** The folder the command works in: the active file's, else the only (or first) one. */
function currentFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}

/**
 * Where the server should work: the folder, and the active document (its project, in a monorepo;
 * with the cursor, the event the person is looking at).
 */
function folderArgs(folder: vscode.WorkspaceFolder): Record<string, unknown> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return { folderUri: folder.uri.toString() };
  const { line, character } = editor.selection.active;
  return { folderUri: folder.uri.toString(), activeUri: editor.document.uri.toString(), position: { line, character } };
}

function isRefusal(value: unknown): value is Refusal {
  return !!value && typeof value === 'object' && typeof (value as Refusal).error === 'string';
}

/** Asks the server; undefined (after telling the user) when it cannot answer. */
async function askServer<T>(command: string, args: Record<string, unknown>): Promise<T | undefined> {
  const folder = currentFolder();
  if (!folder) {
    void vscode.window.showWarningMessage('Internal Events: open a workspace folder first.');
    return undefined;
  }
  try {
    const answer = await vscode.commands.executeCommand<T | Refusal>(command, { ...folderArgs(folder), ...args });
    if (isRefusal(answer)) {
      void vscode.window.showErrorMessage(`Internal Events: ${answer.error}`);
      return undefined;
    }
    return answer;
  } catch (error) {
    // Before the server has started, its commands are not registered yet.
    void vscode.window.showErrorMessage(`Internal Events: the language server could not answer (${String(error)}).`);
    return undefined;
  }
}

async function serverRefusal(command: string, args: Record<string, unknown>): Promise<string | undefined> {
  const folder = currentFolder();
  if (!folder) return undefined;
  try {
    const answer = await vscode.commands.executeCommand<unknown>(command, { ...folderArgs(folder), ...args });
    return isRefusal(answer) ? answer.error : undefined;
  } catch {
    return undefined;
  }
}

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

function eventItems(events: EventChoice[]): (vscode.QuickPickItem & { name: string })[] {
  return events.map((e) => ({ label: e.name, name: e.name, detail: e.description }));
}

/** The current event (the server's answer: under the cursor, or the active file's) first. */
function currentFirst<T extends { name: string }>(items: T[], current: string | undefined): T[] {
  return current ? [...items].sort((a, b) => Number(b.name === current) - Number(a.name === current)) : items;
}

/**
 * A multi-select pick that never closes on Enter with nothing chosen: it stays open and says what
 * to do, except after typing a filter, when Enter takes the row the filter put first.
 */
function pickMany<T extends vscode.QuickPickItem>(items: (T | vscode.QuickPickItem)[], options: { title: string; placeholder: string; matchOnDetail?: boolean; matchOnDescription?: boolean }): Promise<T[] | undefined> {
  const pick = vscode.window.createQuickPick<T | vscode.QuickPickItem>();
  Object.assign(pick, { title: options.title, placeholder: options.placeholder, canSelectMany: true, matchOnDetail: !!options.matchOnDetail, matchOnDescription: !!options.matchOnDescription, items });
  pick.selectedItems = items.filter((i) => i.picked);
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: T[] | undefined) => {
      if (done) return;
      done = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidAccept(() => {
      const rows = (list: readonly (T | vscode.QuickPickItem)[]) => list.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator) as T[];
      const usable = pick.selectedItems.length ? rows(pick.selectedItems) : pick.value ? rows(pick.activeItems).slice(0, 1) : [];
      if (usable.length) return finish(usable);
      pick.placeholder = `Nothing chosen: tick a row (Space or click), then press Enter. ${options.placeholder}`;
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

async function pickEvent(title: string): Promise<string | undefined> {
  const choices = await askServer<EventChoices>(SERVER.listEventChoices, {});
  if (!choices) return undefined;
  if (choices.events.length === 0) {
    void vscode.window.showInformationMessage('Internal Events: no internal event is defined in this workspace.');
    return undefined;
  }
  // The event under the cursor comes first, so Enter picks it.
  const items = currentFirst(eventItems(choices.events), choices.current);
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Event', matchOnDetail: true }))?.name;
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

async function newMetric(): Promise<void> {
  if (!mayWriteFiles('New Metric')) return;
  const choices = await askServer<EventChoices>(SERVER.listEventChoices, {});
  if (!choices) return;
  const eventRows = currentFirst(eventItems(choices.events), choices.current).map((item) => ({ ...item, picked: item.name === choices.current }));
  const events = await pickMany<(typeof eventRows)[number]>(eventRows, { title: 'New Metric: events', placeholder: 'Tick the events the metric counts', matchOnDetail: true });
  if (!events?.length) return;
  const names = events.map((e) => e.name);
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

// ---------------------------------------------------------------------------------------------
// Copy Tracking Snippet, Show Event Usages

async function copyTrackingSnippet(): Promise<void> {
  const event = await pickEvent('Copy Tracking Snippet: event');
  if (!event) return;
  const snippets = await askServer<Snippet[]>(SERVER.trackingSnippets, { event });
  if (!snippets) return;
  const picked = await vscode.window.showQuickPick(
    snippets.map((snippet) => ({ label: snippet.label, description: snippet.language, snippet })),
    { title: `Copy Tracking Snippet: ${event}` },
  );
  if (!picked) return;
  await vscode.env.clipboard.writeText(picked.snippet.text);
  void vscode.window.showInformationMessage(`Internal Events: copied the ${picked.snippet.label} snippet for ${event}.`);
}

interface UsageLocation {
  uri: string;
  range: JsonRange;
  role: 'definition' | 'call' | 'spec' | 'metric' | 'possible';
  pattern?: string;
}

const USAGE_GROUPS: [UsageLocation['role'], string][] = [
  ['definition', 'Definition'],
  ['call', 'Calls'],
  ['spec', 'Specs'],
  ['metric', 'Metrics'],
  ['possible', 'Possible calls: the name is built at run time'],
];

/**
 * Every usage of an event, grouped by what it is, the possible calls (a name built at run time)
 * marked as such, which the references peek cannot do; its first row opens that peek.
 */
async function showEventUsages(): Promise<void> {
  const event = await pickEvent('Show Event Usages: event');
  if (!event) return;
  const answer = await askServer<{ locations: UsageLocation[] }>(SERVER.eventUsages, { event });
  if (!answer) return;
  const toRange = (r: JsonRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const locations = answer.locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range)));
  if (locations.length === 0) {
    void vscode.window.showInformationMessage(`Internal Events: no usage of ${event} found.`);
    return;
  }
  type Row = vscode.QuickPickItem & { location?: vscode.Location };
  const rows: Row[] = [{ label: `$(references) Show all ${locations.length} in the references peek`, alwaysShow: true }];
  for (const [role, heading] of USAGE_GROUPS) {
    const inGroup = answer.locations.map((usage, i) => ({ usage, location: locations[i] })).filter(({ usage }) => usage.role === role);
    if (inGroup.length) rows.push({ label: heading, kind: vscode.QuickPickItemKind.Separator });
    for (const { usage, location } of inGroup) {
      const where = `${vscode.workspace.asRelativePath(location.uri)}:${location.range.start.line + 1}`;
      rows.push({ label: where, description: usage.role === 'possible' ? `possible: ${usage.pattern ? `\`${usage.pattern}\` may be ${event}` : 'name built at run time'}` : undefined, location });
    }
  }
  const picked = await vscode.window.showQuickPick(rows, {
    title: `Show Event Usages: ${event}`,
    matchOnDescription: true,
    onDidSelectItem: (row: Row) => row.location && void vscode.window.showTextDocument(row.location.uri, { selection: row.location.range, preview: true, preserveFocus: true }),
  });
  if (!picked) return;
  if (picked.location) {
    await vscode.window.showTextDocument(picked.location.uri, { selection: picked.location.range, preview: false });
    return;
  }
  // The definition comes first in the server's answer: the peek opens there.
  const anchor = locations[0];
  await vscode.window.showTextDocument(anchor.uri, { selection: anchor.range, preview: true });
  await vscode.commands.executeCommand('editor.action.showReferences', anchor.uri, anchor.range.start, locations);
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
