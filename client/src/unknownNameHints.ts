// Inlay hints cannot be coloured one by one (VS Code draws them all in the inlay-hint colour), so
// the server's hints marked `severity: error` ("unknown", "removed") are drawn here instead, as
// text after the name in the editor's error colour. Every other hint stays a plain inlay hint.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';

function isError(hint: vscode.InlayHint): boolean {
  return (hint as vscode.InlayHint & { data?: { severity?: string } }).data?.severity === 'error';
}

function labelOf(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

export class UnknownNameHints implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorError.foreground'), margin: '0 0 0 0.4em', fontStyle: 'italic' },
  });
  private readonly byDocument = new Map<string, vscode.DecorationOptions[]>();
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      this.decoration,
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.apply(e))),
      vscode.workspace.onDidCloseTextDocument((d) => this.byDocument.delete(d.uri.toString())),
      // With inlay hints off the server is never asked, so nothing would clear what is drawn.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('editor.inlayHints.enabled')) this.clearAll();
      }),
    ];
  }

  /** Splits the hints the server answered: error ones become decorations, the rest are returned. */
  readonly middleware: Pick<Middleware, 'provideInlayHints'> = {
    provideInlayHints: async (document, range, token, next) => {
      const hints = await next(document, range, token);
      if (!hints || token.isCancellationRequested) return hints;
      const errors = hints.filter(isError);
      this.byDocument.set(
        document.uri.toString(),
        errors.map((hint) => ({
          range: new vscode.Range(hint.position, hint.position),
          hoverMessage: hint.tooltip,
          renderOptions: { after: { contentText: labelOf(hint) } },
        })),
      );
      for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.apply(editor);
      return hints.filter((hint) => !isError(hint));
    },
  };

  private apply(editor: vscode.TextEditor): void {
    editor.setDecorations(this.decoration, this.byDocument.get(editor.document.uri.toString()) ?? []);
  }

  private clearAll(): void {
    this.byDocument.clear();
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
