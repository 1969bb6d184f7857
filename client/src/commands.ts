// Commands the extension registers. Two kinds:
// - palette commands (category "Internal Events" in package.json);
// - internal commands the server names in its results (quick fixes, code lenses); hidden from the
//   palette with `menus.commandPalette: when false`. Their arguments are plain JSON because they
//   travel through the protocol.
import * as vscode from 'vscode';
import { AUTHORING_COMMANDS, registerAuthoringCommands } from './commandsAuthoring';

export const COMMANDS = {
  restartServer: 'internalEvents.restartServer',
  showOutput: 'internalEvents.showOutput',
  revealPosition: 'internalEvents.revealPosition',
  showReferences: 'internalEvents.showReferences',
  changeProductGroup: 'internalEvents.changeProductGroup',
  // The guided palette commands (commandsAuthoring.ts). Those that write files start with
  // `if (!mayWriteFiles(...)) return;` (restrictedMode.ts).
  ...AUTHORING_COMMANDS,
} as const;

/** What the commands need from the extension, kept narrow so this file has no client state. */
export interface CommandHost {
  restartServer(): Promise<void>;
  showOutput(): void;
}

interface JsonPosition {
  line: number;
  character: number;
}
interface JsonLocation {
  uri: string;
  range: { start: JsonPosition; end: JsonPosition };
}

export function registerCommands(host: CommandHost): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.restartServer, () => host.restartServer()),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => host.showOutput()),
    vscode.commands.registerCommand(COMMANDS.revealPosition, revealPosition),
    vscode.commands.registerCommand(COMMANDS.showReferences, showReferences),
    vscode.commands.registerCommand(COMMANDS.changeProductGroup, changeProductGroup),
    ...registerAuthoringCommands(),
  ];
}

/** Opens a document with the cursor at a position (e.g. the description of a file a fix created). */
async function revealPosition(uri: string, line: number, character: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const position = new vscode.Position(line, character);
  const editor = await vscode.window.showTextDocument(document, {
    selection: new vscode.Range(position, position),
    preview: false,
  });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** "Change product group…" on a guessed group: the author picks one; it replaces the value and its guess mark. */
async function changeProductGroup(uri: string, range: JsonLocation['range'], choices: string[], current: string): Promise<void> {
  const items = choices.map((group) => ({ label: group, description: group === current ? 'guessed' : undefined }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Product group', placeHolder: `Replaces the guess '${current}'`, matchOnDescription: true });
  if (!picked) return;
  const edit = new vscode.WorkspaceEdit();
  const toPosition = (p: JsonPosition) => new vscode.Position(p.line, p.character);
  edit.replace(vscode.Uri.parse(uri), new vscode.Range(toPosition(range.start), toPosition(range.end)), picked.label);
  await vscode.workspace.applyEdit(edit);
}

/** A code lens's "N call sites · M metrics": the references peek at the lens's position. */
async function showReferences(uri: string, position: JsonPosition, locations: JsonLocation[]): Promise<void> {
  const toPosition = (p: JsonPosition) => new vscode.Position(p.line, p.character);
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    vscode.Uri.parse(uri),
    toPosition(position),
    locations.map(
      (location) =>
        new vscode.Location(
          vscode.Uri.parse(location.uri),
          new vscode.Range(toPosition(location.range.start), toPosition(location.range.end)),
        ),
    ),
  );
}
