// The event a palette command should start from: the one under the cursor (an action, a metric's
// events[].name, a tracking call), else the event the active file defines or its metric counts.
import type { Position } from '../model';
import type { ProjectIndex } from '../projectIndex';
import { eventNameAt } from './renameTarget';

export function eventInContext(index: ProjectIndex, rel: string, text: string, position: Position | undefined): string | undefined {
  const internal = (name: string | undefined) => (name !== undefined && index.internalEvent(name) ? name : undefined);
  const atCursor = position ? internal(eventNameAt(index, rel, text, position)?.name) : undefined;
  if (atCursor) return atCursor;
  const def = index.definitionIn(rel);
  if (def?.kind === 'event') return internal(def.action);
  if (def?.kind === 'metric') return def.events.map((e) => internal(e.name)).find(Boolean);
  return undefined;
}
