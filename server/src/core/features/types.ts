// What editor features return: plain data shaped like LSP's, so server.ts only forwards it.
import type { Range } from '../model';

/** `snippet`: insertText is in VS Code's snippet syntax (tab stops, choices). */
export type CompletionKind = 'event' | 'key' | 'value' | 'property' | 'keyword' | 'snippet';

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText?: string;
  /** Text to replace; absent means the word at the cursor. */
  range?: Range;
  sortText?: string;
  filterText?: string;
  /** The event whose full summary the editor fetches on demand (completionItem/resolve). */
  resolveEvent?: string;
}

export interface HoverResult {
  markdown: string;
  range?: Range;
  /** The event the hover is about, when it is about one (the event monitor adds what it saw). */
  event?: string;
}

/** A place in a workspace folder: path relative to the folder's root. */
export interface FileLocation {
  file: string;
  range: Range;
}

/** A reference with what it is, for lists that can say so (LSP's references cannot). */
export interface Usage extends FileLocation {
  role: 'definition' | 'call' | 'spec' | 'metric' | 'possible';
  /** For a possible call: the name's pattern (`click_*_button`). */
  pattern?: string;
}

export interface SymbolNode {
  name: string;
  detail?: string;
  kind: 'event' | 'metric' | 'key';
  range: Range;
  selectionRange: Range;
  children?: SymbolNode[];
}

export interface Lens {
  range: Range;
  title: string;
  /** Where the lens jumps: the definition's position and the references to show. */
  position: Range['start'];
  locations: FileLocation[];
}
