// What the palette commands share: asking the language server (the answer, or the refusal shown
// to the user) and the pickers every flow starts with.
import * as vscode from 'vscode';
import { SERVER_COMMANDS, type EventChoice, type EventChoices } from '../../server/src/protocol';

type Refusal = { error: string };

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
export async function askServer<T>(command: string, args: Record<string, unknown>): Promise<T | undefined> {
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

export async function serverRefusal(command: string, args: Record<string, unknown>): Promise<string | undefined> {
  const folder = currentFolder();
  if (!folder) return undefined;
  try {
    const answer = await vscode.commands.executeCommand<unknown>(command, { ...folderArgs(folder), ...args });
    return isRefusal(answer) ? answer.error : undefined;
  } catch {
    return undefined;
  }
}

export function eventItems(events: EventChoice[]): (vscode.QuickPickItem & { name: string })[] {
  return events.map((e) => ({ label: e.name, name: e.name, detail: e.description }));
}

/** The current event (the server's answer: under the cursor, or the active file's) first. */
export function currentFirst<T extends { name: string }>(items: T[], current: string | undefined): T[] {
  return current ? [...items].sort((a, b) => Number(b.name === current) - Number(a.name === current)) : items;
}

/**
 * A multi-select pick that never closes on Enter with nothing chosen: it stays open and says what
 * to do, except after typing a filter, when Enter takes the row the filter put first.
 */
export function pickMany<T extends vscode.QuickPickItem>(items: (T | vscode.QuickPickItem)[], options: { title: string; placeholder: string; matchOnDetail?: boolean; matchOnDescription?: boolean }): Promise<T[] | undefined> {
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

export async function pickEvent(title: string): Promise<string | undefined> {
  const choices = await askServer<EventChoices>(SERVER_COMMANDS.listEventChoices, {});
  if (!choices) return undefined;
  if (choices.events.length === 0) {
    void vscode.window.showInformationMessage('Internal Events: no internal event is defined in this workspace.');
    return undefined;
  }
  // The event under the cursor comes first, so Enter picks it.
  const items = currentFirst(eventItems(choices.events), choices.current);
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Event', matchOnDetail: true }))?.name;
}
