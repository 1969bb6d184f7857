// How VS Code starts the MCP server for a workspace folder: the bundled CLI (`cli.js mcp FOLDER`)
// run by the editor's own runtime as Node. Plain logic (no vscode import), tested without an editor.

export interface McpLaunch {
  label: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * One server per folder. `runtime` is the extension host's executable: Node itself in a remote or
 * browser host, Electron on the desktop, which ELECTRON_RUN_AS_NODE turns into Node (as the
 * language client does for the language server).
 */
export function mcpLaunches(folders: readonly { name: string; fsPath: string }[], cliPath: string, runtime: string): McpLaunch[] {
  return folders.map((f) => ({
    label: folders.length > 1 ? `Internal Events (${f.name})` : 'Internal Events',
    command: runtime,
    args: [cliPath, 'mcp', f.fsPath],
    env: { ELECTRON_RUN_AS_NODE: '1' },
  }));
}
