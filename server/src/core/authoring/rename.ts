// Renaming an event: its action, its file (when named after the action), every metric counting it
// and every literal call and spec naming it, as one set of changes. Refused, with the reason, when
// a use cannot be rewritten safely (a constant) or the new name is not a valid, free action.
import * as path from 'node:path';
import type { Position, Range } from '../model';
import type { ProjectIndex } from '../projectIndex';
import { eventNameAt } from './renameTarget';
import { eventRenameChanges } from './renameEdits';
import type { FileChange, FileExists } from './types';

/** GitLab's action pattern (events schema and the CLI's event definer). */
export const EVENT_NAME_PATTERN = /^[a-z0-9_]+$/;

export type RenamePreparation = { range: Range; placeholder: string } | { error: string };
export type EventRename = { changes: FileChange[] } | { error: string };

/** How many constant uses a refusal lists before "and N more". */
const LISTED_USES = 3;

/**
 * Why `name` cannot be renamed, or undefined. A call naming the event through a constant would
 * need the constant's definition rewritten, which this rename does not do: it refuses instead of
 * leaving that call behind on the old name.
 */
export function renameBlocker(index: ProjectIndex, name: string): string | undefined {
  if (!index.eventsNamed(name).some((d) => d.internal)) {
    const removed = index.removedEventNamed(name);
    if (removed) return `'${name}' is a removed event (${removed.file}); removed events keep their name.`;
    return `'${name}' is not an internal event defined in this workspace.`;
  }
  const throughConstants = index.callSitesOf(name).filter((c) => c.site.refersTo === 'event' && c.site.event === name && !c.site.nameRange);
  if (throughConstants.length === 0) return undefined;
  const places = throughConstants.slice(0, LISTED_USES).map((c) => `${c.file}:${c.site.range.start.line + 1}`);
  const more = throughConstants.length > LISTED_USES ? ` and ${throughConstants.length - LISTED_USES} more` : '';
  return `'${name}' is named through a constant at ${places.join(', ')}${more}; rename the constant's value by hand first, or make the call use a literal.`;
}

/** Why `newName` cannot replace `oldName`, or undefined. */
export function newNameProblem(index: ProjectIndex, oldName: string, newName: string): string | undefined {
  if (newName === oldName) return `The new name is the same as the old one.`;
  if (!EVENT_NAME_PATTERN.test(newName)) return `'${newName}' is not a valid event name: use lowercase letters, digits and underscores only.`;
  const existing = index.eventsNamed(newName)[0] ?? index.removedEventNamed(newName);
  if (existing) return `An event named '${newName}' already exists (${existing.file}).`;
  // GitLab's CLI refuses legacy names too: their Redis keys are still counted.
  if (index.isLegacyEvent(newName)) return `'${newName}' is a legacy event name and cannot be reused.`;
  return undefined;
}

/** The editor's "can I rename here?": the name's range and text, or why not. */
export function prepareRename(index: ProjectIndex, rel: string, text: string, position: Position): RenamePreparation {
  const target = eventNameAt(index, rel, text, position);
  if (!target) return { error: 'Place the cursor on an event name: an action, a metric\'s events[].name or the event of a tracking call.' };
  const blocker = renameBlocker(index, target.name);
  return blocker ? { error: blocker } : { range: target.range, placeholder: target.name };
}

function existsInIndexFolder(index: ProjectIndex): FileExists {
  return (rel) => index.hasOverlay(rel) || index.fs.exists(path.join(index.root, rel));
}

/** The changes renaming `oldName` to `newName`, or why not. `exists` guards the file rename. */
export function renameEvent(index: ProjectIndex, oldName: string, newName: string, exists: FileExists = existsInIndexFolder(index)): EventRename {
  const problem = newNameProblem(index, oldName, newName) ?? renameBlocker(index, oldName);
  if (problem) return { error: problem };
  return { changes: eventRenameChanges(index, oldName, newName, exists) };
}

/** renameEvent for the event under the cursor. */
export function renameEventAt(index: ProjectIndex, rel: string, text: string, position: Position, newName: string, exists?: FileExists): EventRename {
  const prepared = prepareRename(index, rel, text, position);
  if ('error' in prepared) return prepared;
  return renameEvent(index, prepared.placeholder, newName, exists);
}
