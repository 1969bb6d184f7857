// The internal event definition a diagnostic's `data.event` names, with its current text (the
// editor's if open): fixes that edit the event's YAML start here.
import type { Diagnostic } from '../model';
import type { EventDefinition } from '../definitions';
import type { ProjectIndex } from '../projectIndex';
import { YamlFile } from '../yamlFile';

export function eventOfDiagnostic(index: ProjectIndex, diagnostic: Diagnostic): { def: EventDefinition; yaml: YamlFile } | undefined {
  const name = diagnostic.data?.event;
  if (typeof name !== 'string') return undefined;
  const def = index.internalEvent(name);
  if (!def) return undefined;
  const text = index.readText(def.file);
  if (text === undefined) return undefined;
  return { def, yaml: new YamlFile(text) };
}
