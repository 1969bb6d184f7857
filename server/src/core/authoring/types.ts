// What an authoring fix is, in plain data: the server turns it into an LSP CodeAction. Paths are
// workspace-relative ('config/events/x.yml'); positions use the model's 0-based UTF-16 convention.
import type { Diagnostic, Position, Range } from '../model';

export interface TextReplacement {
  range: Range;
  newText: string;
  /** Groups the change in the editor's preview (ChangeAnnotations); see `annotations` of a rename. */
  annotation?: string;
}

/** One change to the workspace. A fix never overwrites: `create` refuses an existing target. */
export type FileChange =
  | { kind: 'create'; path: string; text: string; annotation?: string }
  | { kind: 'edit'; path: string; edits: TextReplacement[] }
  | { kind: 'rename'; from: string; to: string; annotation?: string };

/** How the editor's preview presents a group of changes; `needsConfirmation` makes it ask first. */
export interface ChangeAnnotation {
  label: string;
  description?: string;
  needsConfirmation: boolean;
}

export interface AuthoringFix {
  title: string;
  /** The diagnostic the fix answers (echoed back in the CodeAction). */
  diagnostic: Diagnostic;
  changes: FileChange[];
  preferred?: boolean;
  /** Where to put the cursor afterwards (e.g. on the description of a created file). */
  reveal?: { path: string; position: Position };
  /** Set when the fix cannot apply now (the target exists): shown greyed out with this reason. */
  disabledReason?: string;
  /** Creates or moves files (also when disabled, so untrusted workspaces never see it). */
  writesFiles?: boolean;
  /** The annotations `changes` name (e.g. a file created in another checkout, which asks first). */
  annotations?: Record<string, ChangeAnnotation>;
  /** A question the editor asks before it edits (e.g. which product group): run instead of `changes`. */
  clientCommand?: ChangeProductGroupCommand;
}

/** Replace `range` of `path` with the value the author picks from `choices`. */
export interface ChangeProductGroupCommand {
  command: 'changeProductGroup';
  path: string;
  range: Range;
  choices: string[];
  current: string;
}

/** Whether a workspace-relative file exists, on disk or as an open (unsaved) editor. */
export type FileExists = (rel: string) => boolean;

/** True when a fix creates or moves files: not offered in untrusted workspaces. */
export function touchesFileSystem(fix: AuthoringFix): boolean {
  return fix.writesFiles === true || fix.changes.some((c) => c.kind === 'create' || c.kind === 'rename');
}

/** Applies non-overlapping replacements to a text (previews and tests). */
export function applyReplacements(text: string, edits: TextReplacement[]): string {
  const offsetOf = (p: Position): number => {
    let offset = 0;
    for (let line = 0; line < p.line; line++) {
      const nl = text.indexOf('\n', offset);
      if (nl < 0) return text.length;
      offset = nl + 1;
    }
    return Math.min(offset + p.character, text.length);
  };
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(e.range.start)) + e.newText + out.slice(offsetOf(e.range.end));
  return out;
}

/** Where `needle` ends once `edit` is applied (the start of the edit when it holds no such text). */
export function positionInInsert(edit: TextReplacement, needle: string): Position {
  const at = edit.newText.indexOf(needle);
  if (at < 0) return edit.range.start;
  const before = edit.newText.slice(0, at + needle.length).split('\n');
  const line = edit.range.start.line + before.length - 1;
  return { line, character: (before.length === 1 ? edit.range.start.character : 0) + before[before.length - 1].length };
}
