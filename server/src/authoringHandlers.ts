// Protocol wiring for authoring features (code actions and commands). The logic lives in
// core/authoring; this file only converts between LSP and the core's plain data.
import type { Connection, TextDocuments, CodeAction } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger, ProjectIndex } from './core/projectIndex';
import type { Workspace } from './core/workspace';

export interface AuthoringContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace: () => Workspace;
  ready: () => Promise<void>;
  log: Logger;
  trusted: () => boolean;
  docAt: (uri: string) => { index: ProjectIndex; rel: string; text: string } | undefined;
  pathToUri: (p: string) => string;
}

export function registerAuthoring(ctx: AuthoringContext): void {
  ctx.connection.onCodeAction(async (): Promise<CodeAction[]> => {
    await ctx.ready();
    return [];
  });
}
