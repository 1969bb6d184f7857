// Whether this window has work for the language server. The extension also activates on the
// languages a satellite service is written in (Go, shell, JS/TS, Python, Ruby), where most
// workspaces have nothing to do with internal events: there the server is not started until the
// workspace has definitions (a folder's own, or `internalEvents.definitionRoots` naming another
// checkout's) or the user asks for something that needs it.
import * as vscode from 'vscode';
import { DefinitionRootWatchers } from './definitionRoots';

/** Settings that point the server at definitions somewhere else than the default places. */
const POINTING_SETTINGS = ['eventGlobs', 'metricGlobs'];

/**
 * The files whose presence activates the extension (package.json's `workspaceContains:` events),
 * as one glob for findFiles and watchers: the manifest stays the one list of them.
 */
export function definitionFilesGlob(activationEvents: readonly string[]): string {
  const globs = activationEvents.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
  return `{${globs.join(',')}}`;
}

/** Why the server has work here, or undefined when it has none. */
export async function serverWork(definitionFiles: string): Promise<string | undefined> {
  if (DefinitionRootWatchers.roots().length) return 'internalEvents.definitionRoots is set';
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const config = vscode.workspace.getConfiguration('internalEvents', folder.uri);
    for (const key of POINTING_SETTINGS) {
      const set = config.inspect(key);
      if (set?.workspaceValue !== undefined || set?.workspaceFolderValue !== undefined) return `internalEvents.${key} is set`;
    }
  }
  const found = await vscode.workspace.findFiles(definitionFiles, '**/node_modules/**', 1);
  return found.length ? `event definitions in the workspace (${vscode.workspace.asRelativePath(found[0])})` : undefined;
}

/** Calls `wake` once the workspace gains work for the server: a setting, a folder or a definition file. */
export function whenServerHasWork(definitionFiles: string, wake: (reason: string) => void): vscode.Disposable {
  let woken = false;
  const check = async () => {
    if (woken) return;
    const reason = await serverWork(definitionFiles);
    if (reason && !woken) {
      woken = true;
      wake(reason);
    }
  };
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${definitionFiles}`, false, true, true);
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(() => void check()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('internalEvents')) void check();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void check()),
  );
}
