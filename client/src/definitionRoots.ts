// File watchers for `internalEvents.definitionRoots`: those checkouts lie outside the workspace,
// where the language client's own watchers do not look, so their definition and schema changes
// are forwarded to the server here as ordinary watched-file events.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, type LanguageClient } from 'vscode-languageclient/node';
import { DEFINITION_ROOT_GLOB, isDefinitionRootPath } from './watchedFiles';

const SETTING = 'definitionRoots';

export class DefinitionRootWatchers implements vscode.Disposable {
  private watchers: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.rebuild();
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`internalEvents.${SETTING}`)) this.rebuild();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuild()),
    );
  }

  /** The absolute roots the settings of every workspace folder name. */
  static roots(): string[] {
    const out = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const value = vscode.workspace.getConfiguration('internalEvents', folder.uri).get<unknown>(SETTING);
      if (!Array.isArray(value)) continue;
      for (const r of value) if (typeof r === 'string' && r.trim()) out.add(path.resolve(folder.uri.fsPath, r));
    }
    return [...out];
  }

  private rebuild(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const root of DefinitionRootWatchers.roots()) {
      if (!fs.existsSync(root)) {
        this.watchForCreation(root);
        continue;
      }
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), DEFINITION_ROOT_GLOB));
      const forward = (type: FileChangeType) => (uri: vscode.Uri) => {
        const c = this.client();
        // A folder's event is expanded by the server against its index (ProjectIndex.updatePath).
        if (isDefinitionRootPath(uri.fsPath) && c?.isRunning()) void c.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri.toString(), type }] });
      };
      this.watchers.push(
        watcher,
        watcher.onDidCreate(forward(FileChangeType.Created)),
        watcher.onDidChange(forward(FileChangeType.Changed)),
        watcher.onDidDelete(forward(FileChangeType.Deleted)),
      );
    }
  }

  /**
   * A root that does not exist yet (the monolith not cloned yet): its parent is watched for it.
   * Once it appears the server is asked to look again (it re-indexes when a root it found missing
   * exists now), and the root gets its own watcher.
   */
  private watchForCreation(root: string): void {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(root)), path.basename(root)), false, true, true);
    this.watchers.push(
      watcher,
      watcher.onDidCreate(() => {
        void this.client()?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
        this.rebuild();
      }),
    );
  }

  dispose(): void {
    for (const d of [...this.watchers, ...this.subscriptions]) d.dispose();
  }
}
