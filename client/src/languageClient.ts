// How the language client is set up: which files the server sees, what it is told at start, and
// how crashes are handled.
import * as vscode from 'vscode';
import {
  CloseAction,
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { levelledOutputChannel } from './logChannel';
import { restrictedModeMiddleware, isTrusted } from './restrictedMode';
import type { UnknownNameHints } from './unknownNameHints';
import { isWatchedPath, WATCHER_GLOB } from './watchedFiles';

/** Also the prefix of the `internalEvents.trace.server` setting read by vscode-languageclient. */
export const CLIENT_ID = 'internalEvents';
const CLIENT_NAME = 'Internal Events';

// By file pattern, not language id: code-server (and many VS Code installs) have no Vue or HAML
// language extension, so those files would otherwise be plain text and never reach the server.
const SOURCE_PATTERNS = [
  '**/*.yml',
  '**/*.yaml',
  '**/*.rb',
  '**/*.rake',
  '**/*.haml',
  '**/*.vue',
  '**/*.{js,jsx,ts,tsx,mjs,cjs}',
  '**/*.py',
  '**/*.go',
  '**/*.{sh,bash,zsh}',
];
const DOCUMENT_SELECTOR: DocumentSelector = SOURCE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern }));


export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, unknownNames: UnknownNameHints): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };

  // Files whose changes on disk the server must hear about even when they are not open, and
  // folders (a folder deleted or renamed is one event): watchedFiles.ts filters what is forwarded.
  const watchers = [vscode.workspace.createFileSystemWatcher(WATCHER_GLOB)];
  context.subscriptions.push(...watchers);

  // The default handler (restart up to 4 times in 3 minutes, then give up) is created from the
  // client itself, so it is filled in after construction. This wrapper logs each restart as a
  // warning; giving up is logged and shown to the user by vscode-languageclient itself.
  let defaultHandler: ErrorHandler | undefined;
  const errorHandler: ErrorHandler = {
    error: (error, message, count) => defaultHandler!.error(error, message, count),
    closed: async () => {
      const result = await defaultHandler!.closed();
      if (result.action !== CloseAction.Restart) return result;
      output.warn('The language server stopped unexpectedly; restarting it.');
      return { ...result, handled: true };
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: {
      fileEvents: watchers,
      // The server reads these with workspace/configuration and is told when they change.
      configurationSection: 'internalEvents',
    },
    // A function, so each (re)start tells the server the trust state of that moment.
    // storagePath: where the server keeps its analysis cache (per workspace, owned by the extension).
    initializationOptions: () => ({ trusted: isTrusted(), storagePath: (context.storageUri ?? context.globalStorageUri).fsPath }),
    outputChannel: levelledOutputChannel(output),
    traceOutputChannel: levelledOutputChannel(output),
    errorHandler,
    middleware: {
      ...restrictedModeMiddleware(() => client),
      ...unknownNames.middleware,
      workspace: { didChangeWatchedFile: (event, next) => (isWatchedPath(vscode.Uri.parse(event.uri).fsPath) ? next(event) : Promise.resolve()) },
    },
  };

  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  defaultHandler = client.createDefaultErrorHandler();
  return client;
}
