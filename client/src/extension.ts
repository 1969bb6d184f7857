// Entry point of the VS Code extension: starts the language server (dist/server.js) and adds the
// editor-side pieces the protocol does not cover: the status bar item, the output channel, the
// commands, the Internal Events view, restricted-mode guards, and a restart when the user trusts
// the workspace.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, registerCommands } from './commands';
import { createLanguageClient } from './languageClient';
import { DefinitionRootWatchers } from './definitionRoots';
import { definitionFilesGlob, serverWork, whenServerHasWork } from './dormancy';
import { IndexStatusBar, STATUS_NOTIFICATION, type IndexStatus } from './statusBar';
import { registerMonitorUi } from './monitor/monitorController';
import { ExplorerViews } from './explorer/explorerView';
import { UnknownNameHints } from './unknownNameHints';
import { McpServers } from './mcpProvider';
import { EXPLORER_CHANGED_NOTIFICATION } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // One channel for the client's own lines, the server's logs and the protocol trace
  // (`internalEvents.trace.server`). Its name is what users look for in the Output view.
  const output = vscode.window.createOutputChannel('Internal Events', { log: true });
  const statusBar = new IndexStatusBar(COMMANDS.showOutput);
  context.subscriptions.push(output, statusBar);

  const unknownNames = new UnknownNameHints();
  const languageClient = createLanguageClient(context, output, unknownNames);
  client = languageClient;
  const explorer = new ExplorerViews(context, () => client, output);
  const mcpServers = new McpServers(context, (m) => output.info(m));
  context.subscriptions.push(unknownNames, explorer, new DefinitionRootWatchers(() => client), mcpServers);

  // Registered before start: vscode-languageclient keeps handlers across restarts.
  languageClient.onNotification(STATUS_NOTIFICATION, (status: IndexStatus) => {
    statusBar.render(status);
    explorer.onStatus(status);
  });
  languageClient.onNotification(EXPLORER_CHANGED_NOTIFICATION, () => explorer.onIndexChanged());
  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) statusBar.showStarting();
      if (newState === State.Stopped) statusBar.showStopped('the language server is not running (see the log)');
      if (newState !== State.Starting) explorer.onServerState(newState === State.Running);
    }),
  );

  const restartServer = async (reason: string): Promise<void> => {
    output.info(`Restarting the language server: ${reason}`);
    try {
      if (languageClient.isRunning()) await languageClient.restart();
      else await languageClient.start();
    } catch (error) {
      output.error(`The language server did not restart: ${String(error)}`);
    }
  };

  context.subscriptions.push(...registerMonitorUi(languageClient, output));

  context.subscriptions.push(
    ...registerCommands({
      restartServer: () => restartServer('requested by the user'),
      showOutput: () => output.show(true),
    }),
    // The server learned `trusted: false` at initialization; only a restart tells it otherwise.
    vscode.workspace.onDidGrantWorkspaceTrust(() => restartServer('the workspace is now trusted')),
  );

  const startServer = async (reason: string): Promise<void> => {
    output.info(
      `Starting the language server (${reason}; VS Code ${vscode.version}, workspace ${vscode.workspace.isTrusted ? 'trusted' : 'restricted'})`,
    );
    mcpServers.serverHasWork();
    try {
      await languageClient.start();
    } catch (error) {
      // Activation must not fail: the commands and the log stay available to diagnose.
      output.error(`The language server failed to start: ${String(error)}`);
      statusBar.showStopped(`the language server failed to start: ${String(error)}`);
    }
  };
  // If the question itself fails (an unusual file system), start as before rather than stay silent.
  const definitionFiles = definitionFilesGlob((context.extension.packageJSON as { activationEvents?: string[] }).activationEvents ?? []);
  const work = await serverWork(definitionFiles).catch((error) => `could not look for definitions: ${String(error)}`);
  if (work) return startServer(work);
  // Activated by a language (a service's Go, JS, Python…) in a workspace with no definitions:
  // nothing to check against yet. Any command that asks the server starts it too.
  statusBar.hide();
  output.info('No event definitions in this workspace and no internalEvents.definitionRoots: the language server starts once there are.');
  const waiting = whenServerHasWork(definitionFiles, (reason) => {
    waiting.dispose();
    if (languageClient.state === State.Stopped) void startServer(reason);
  });
  context.subscriptions.push(waiting);
}

export async function deactivate(): Promise<void> {
  // stop() rejects when the server never started; there is nothing left to clean up then.
  await client?.stop().catch(() => undefined);
  client = undefined;
}
