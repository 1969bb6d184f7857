// Offers the MCP server to VS Code's agents (Copilot's agent mode lists its tools: find_events,
// describe_event, check, create_event, create_metrics), one per workspace folder. Only once the
// language server has work in this window (a workspace without definitions offers nothing) and
// only in a trusted workspace (the server writes new definition files). The API is VS Code 1.101's;
// an older editor gets nothing and loses nothing.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { mcpLaunches } from './mcpLaunch';

/** The id of `contributes.mcpServerDefinitionProviders` in package.json. */
export const MCP_PROVIDER_ID = 'internalEvents.mcp';

interface McpProviderApi {
  registerMcpServerDefinitionProvider(
    id: string,
    provider: { onDidChangeMcpServerDefinitions: vscode.Event<void>; provideMcpServerDefinitions(): unknown[] },
  ): vscode.Disposable;
}
type StdioServerDefinition = new (label: string, command: string, args: string[], env: Record<string, string>, version: string) => unknown;

export class McpServers implements vscode.Disposable {
  private hasWork = false;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];

  constructor(context: vscode.ExtensionContext, log: (message: string) => void) {
    try {
      this.register(context);
    } catch (error) {
      // VS Code 1.100 has the API as a proposal: touching it throws for an extension not allowed it.
      log(`MCP server not offered to VS Code's agents: ${String(error)}`);
    }
  }

  private register(context: vscode.ExtensionContext): void {
    const api = vscode as unknown as { lm?: Partial<McpProviderApi>; McpStdioServerDefinition?: StdioServerDefinition };
    const Definition = api.McpStdioServerDefinition;
    if (!api.lm?.registerMcpServerDefinitionProvider || !Definition) return;
    const cli = path.join(context.extensionPath, 'dist', 'cli.js');
    const version = String((context.extension.packageJSON as { version?: string }).version ?? '0');
    this.subscriptions.push(
      api.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
        onDidChangeMcpServerDefinitions: this.changed.event,
        provideMcpServerDefinitions: () => {
          if (!this.hasWork || !vscode.workspace.isTrusted) return [];
          const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ name: f.name, fsPath: f.uri.fsPath }));
          return mcpLaunches(folders, cli, process.execPath).map((l) => new Definition(l.label, l.command, l.args, l.env, version));
        },
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    );
  }

  /** The language server started: this window has definitions to serve. */
  serverHasWork(): void {
    if (this.hasWork) return;
    this.hasWork = true;
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
