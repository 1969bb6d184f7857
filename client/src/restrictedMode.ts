// Restricted mode (an untrusted workspace): validation and navigation work, nothing writes files.
// The server is told `trusted: false` at initialization and should not offer writes; this module
// is the client's own guarantee, so a server bug cannot create or rename files in a workspace the
// user has not trusted.
import * as vscode from 'vscode';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  type BaseLanguageClient,
  type Middleware,
} from 'vscode-languageclient';
import type * as proto from 'vscode-languageclient';

export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/**
 * For client commands that write files: returns false (after telling the user) when the workspace
 * is not trusted. Call it first in every such command.
 */
export function mayWriteFiles(what: string): boolean {
  if (isTrusted()) return true;
  void vscode.window.showWarningMessage(
    `Internal Events: ${what} writes files, which is disabled in Restricted Mode. Trust the workspace to use it.`,
  );
  return false;
}

/** True when a protocol workspace edit creates or renames files. */
export function createsOrRenamesFiles(edit: proto.WorkspaceEdit | undefined): boolean {
  return (edit?.documentChanges ?? []).some(
    (change) => 'kind' in change && (change.kind === 'create' || change.kind === 'rename'),
  );
}

function writesFiles(item: proto.Command | proto.CodeAction): boolean {
  return 'edit' in item && createsOrRenamesFiles(item.edit);
}

/**
 * Code-action middleware that, while the workspace is untrusted, drops actions whose edit creates
 * or renames files. The check needs the protocol form (vscode.WorkspaceEdit does not expose file
 * operations), so in that case the request is sent here rather than through `next`.
 */
export function restrictedModeMiddleware(getClient: () => BaseLanguageClient): Middleware {
  return {
    provideCodeActions: async (document, range, context, token, next) => {
      if (isTrusted()) return next(document, range, context, token);
      const client = getClient();
      const params: proto.CodeActionParams = {
        textDocument: client.code2ProtocolConverter.asTextDocumentIdentifier(document),
        range: client.code2ProtocolConverter.asRange(range),
        context: client.code2ProtocolConverter.asCodeActionContextSync(context),
      };
      try {
        const actions = await client.sendRequest(CodeActionRequest.type, params, token);
        if (!actions || token.isCancellationRequested) return null;
        const allowed = actions.filter((action) => !writesFiles(action));
        if (allowed.length < actions.length) {
          client.outputChannel.appendLine(
            `Restricted Mode: hid ${actions.length - allowed.length} code action(s) that would create or rename files`,
          );
        }
        return client.protocol2CodeConverter.asCodeActionResult(allowed, token);
      } catch (error) {
        return client.handleFailedRequest(CodeActionRequest.type, token, error, null);
      }
    },

    // Servers may fill in the edit only when an action is resolved: check it there too.
    resolveCodeAction: async (item, token, next) => {
      if (isTrusted()) return next(item, token);
      const client = getClient();
      try {
        const resolved = await client.sendRequest(
          CodeActionResolveRequest.type,
          client.code2ProtocolConverter.asCodeActionSync(item),
          token,
        );
        if (token.isCancellationRequested) return item;
        if (createsOrRenamesFiles(resolved.edit)) {
          void vscode.window.showWarningMessage(
            `Internal Events: "${item.title}" would create or rename files, which is disabled in Restricted Mode.`,
          );
          return new vscode.CodeAction(item.title, item.kind);
        }
        return client.protocol2CodeConverter.asCodeAction(resolved, token);
      } catch (error) {
        return client.handleFailedRequest(CodeActionResolveRequest.type, token, error, item);
      }
    },
  };
}
