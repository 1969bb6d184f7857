// Protocol wiring for authoring features (code actions and commands). The logic lives in
// core/authoring; this file only converts between LSP and the core's plain data.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  ErrorCodes,
  ResponseError,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type CreateFile,
  type Diagnostic as LspDiagnostic,
  type PrepareRenameParams,
  type Range,
  type RenameFile,
  type RenameParams,
  type TextDocumentEdit,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger, ProjectIndex } from './core/projectIndex';
import type { Workspace } from './core/workspace';
import type { Diagnostic, DiagnosticCode, Severity } from './core/model';
import { quickFixesFor, touchesFileSystem, type AuthoringFix, type FileChange } from './core/authoring/index';
import { prepareRename, renameEventAt, type EventRename, type RenamePreparation } from './core/authoring/rename';
import { RENAME_ANNOTATIONS } from './core/authoring/renameEdits';
import type { ChangeAnnotation } from './core/authoring/types';

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

export const REVEAL_POSITION_COMMAND = 'internalEvents.revealPosition';
export const CHANGE_PRODUCT_GROUP_COMMAND = 'internalEvents.changeProductGroup';

const SEVERITY_NAMES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function toCoreDiagnostic(d: LspDiagnostic): Diagnostic {
  return {
    range: d.range,
    severity: SEVERITY_NAMES[d.severity ?? 1] ?? 'error',
    code: String(d.code) as DiagnosticCode,
    message: d.message,
    data: d.data && typeof d.data === 'object' ? (d.data as Record<string, unknown>) : undefined,
  };
}

/** One fix as an LSP CodeAction; the diagnostic is echoed back as the client sent it. */
export function toCodeAction(fix: AuthoringFix, lspDiagnostic: LspDiagnostic, uriOf: (rel: string) => string): CodeAction {
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lspDiagnostic] };
  if (fix.preferred) action.isPreferred = true;
  if (fix.disabledReason) {
    action.disabled = { reason: fix.disabledReason };
    return action;
  }
  if (fix.clientCommand) {
    const { path: rel, range, choices, current } = fix.clientCommand;
    action.command = { title: fix.title, command: CHANGE_PRODUCT_GROUP_COMMAND, arguments: [uriOf(rel), range, choices, current] };
    return action;
  }
  const documentChanges: (TextDocumentEdit | CreateFile | RenameFile)[] = [];
  for (const change of fix.changes) {
    if (change.kind === 'create') {
      const uri = uriOf(change.path);
      const annotation = change.annotation && fix.annotations?.[change.annotation] ? { annotationId: change.annotation } : {};
      documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false }, ...annotation });
      const start = { line: 0, character: 0 };
      documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: change.text, ...annotation }] });
    } else if (change.kind === 'rename') {
      documentChanges.push({ kind: 'rename', oldUri: uriOf(change.from), newUri: uriOf(change.to), options: { overwrite: false, ignoreIfExists: false } });
    } else {
      documentChanges.push({ textDocument: { uri: uriOf(change.path), version: null }, edits: change.edits });
    }
  }
  action.edit = { documentChanges, ...(fix.annotations ? { changeAnnotations: fix.annotations } : {}) };
  if (fix.reveal) {
    const { path: rel, position } = fix.reveal;
    action.command = { title: 'Open', command: REVEAL_POSITION_COMMAND, arguments: [uriOf(rel), position.line, position.character] };
  }
  return action;
}

/**
 * A rename's changes as one WorkspaceEdit, in the core's order (text edits, then file renames:
 * the client applies documentChanges in order and the edits address files by their old names).
 */
export function toRenameWorkspaceEdit(changes: FileChange[], uriOf: (rel: string) => string, annotations: Record<string, ChangeAnnotation> = RENAME_ANNOTATIONS): WorkspaceEdit {
  const documentChanges: (TextDocumentEdit | RenameFile)[] = [];
  const used = new Set<string>();
  const annotated = (id: string | undefined) => (id && annotations[id] ? (used.add(id), { annotationId: id }) : {});
  for (const change of changes) {
    if (change.kind === 'edit') {
      const edits = change.edits.map(({ range, newText, annotation }) => ({ range, newText, ...annotated(annotation) }));
      documentChanges.push({ textDocument: { uri: uriOf(change.path), version: null }, edits });
    } else if (change.kind === 'rename') {
      documentChanges.push({ kind: 'rename', oldUri: uriOf(change.from), newUri: uriOf(change.to), options: { overwrite: false, ignoreIfExists: false }, ...annotated(change.annotation) });
    }
  }
  if (used.size === 0) return { documentChanges };
  return { documentChanges, changeAnnotations: Object.fromEntries([...used].map((id) => [id, annotations[id]])) };
}

/** Rename requests. A refusal becomes a ResponseError so the editor shows its reason. */
function registerRename(ctx: AuthoringContext): void {
  // A real Connection always has both; the code-action tests' stub connections have neither.
  if (typeof ctx.connection.onPrepareRename !== 'function' || typeof ctx.connection.onRenameRequest !== 'function') return;
  ctx.connection.onPrepareRename(async (params: PrepareRenameParams): Promise<{ range: Range; placeholder: string } | null> => {
    await ctx.ready();
    let prepared: RenamePreparation;
    try {
      const doc = ctx.docAt(params.textDocument.uri);
      if (!doc) return null;
      prepared = prepareRename(doc.index, doc.rel, doc.text, params.position);
    } catch (e) {
      ctx.log.error(`prepare rename failed: ${(e as Error).stack ?? e}`);
      return null;
    }
    if ('error' in prepared) throw new ResponseError(ErrorCodes.InvalidRequest, prepared.error);
    return prepared;
  });

  ctx.connection.onRenameRequest(async (params: RenameParams): Promise<WorkspaceEdit | null> => {
    await ctx.ready();
    let renamed: EventRename;
    let uriOf: (rel: string) => string;
    try {
      const doc = ctx.docAt(params.textDocument.uri);
      if (!doc) return null;
      const { index, rel, text } = doc;
      uriOf = (r: string) => ctx.pathToUri(path.join(index.root, r));
      // Never overwrite: the new file name counts as taken when on disk or open unsaved.
      const exists = (r: string) => fs.existsSync(path.join(index.root, r)) || ctx.documents.get(uriOf(r)) !== undefined;
      renamed = renameEventAt(index, rel, text, params.position, params.newName, exists);
    } catch (e) {
      ctx.log.error(`rename failed: ${(e as Error).stack ?? e}`);
      return null;
    }
    if ('error' in renamed) throw new ResponseError(ErrorCodes.InvalidRequest, renamed.error);
    // Untrusted workspaces get no file operations: the action changes, the file keeps its name.
    const changes = ctx.trusted() ? renamed.changes : renamed.changes.filter((c) => c.kind !== 'rename');
    return toRenameWorkspaceEdit(changes, uriOf);
  });
}

export function registerAuthoring(ctx: AuthoringContext): void {
  ctx.connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
    await ctx.ready();
    try {
      const doc = ctx.docAt(params.textDocument.uri);
      if (!doc) return [];
      const { index, rel, text } = doc;
      const uriOf = (r: string) => ctx.pathToUri(path.join(index.root, r));
      // Never overwrite: a target counts as existing when it is on disk or open unsaved.
      const exists = (r: string) => fs.existsSync(path.join(index.root, r)) || ctx.documents.get(uriOf(r)) !== undefined;
      const trusted = ctx.trusted();
      const actions: CodeAction[] = [];
      for (const lspDiagnostic of params.context.diagnostics) {
        if (lspDiagnostic.source !== 'internal-events') continue;
        for (const fix of quickFixesFor(index, rel, text, toCoreDiagnostic(lspDiagnostic), exists)) {
          if (!trusted && touchesFileSystem(fix)) continue; // the client filters these too
          actions.push(toCodeAction(fix, lspDiagnostic, uriOf));
        }
      }
      return actions;
    } catch (e) {
      ctx.log.error(`code actions failed: ${(e as Error).stack ?? e}`);
      return [];
    }
  });
  registerRename(ctx);
}
