// Satellite services (AI Gateway, Duo Workflow, any REST caller) keep no definitions of their
// own: their events are defined in the monolith's checkout. `definitionRoots` names such
// checkouts, relative to the workspace folder (`../gitlab`); the index reads their definitions and
// schemas read-only under a prefixed path (`../gitlab/config/events/x.yml`), so every answer that
// names a file (go-to-definition, hover, the view) points into the other checkout as it is.
import * as path from 'node:path';
import type { FileSystemHost } from './fileSystem';

export interface DefinitionRoot {
  /** As written in the setting. */
  setting: string;
  /** The root as a path relative to the index root, posix separators ('../gitlab'). */
  prefix: string;
  absolute: string;
  exists: boolean;
}

export function resolveDefinitionRoots(indexRoot: string, settings: readonly string[], fs: FileSystemHost): DefinitionRoot[] {
  const out: DefinitionRoot[] = [];
  for (const setting of settings) {
    if (!setting.trim()) continue;
    const absolute = path.resolve(indexRoot, setting);
    const prefix = path.relative(indexRoot, absolute).split(path.sep).join('/');
    // The folder itself (or a folder inside it) is no other checkout: its files are indexed anyway.
    if (prefix === '' || !prefix.startsWith('..')) continue;
    if (out.some((r) => r.prefix === prefix)) continue;
    out.push({ setting, prefix, absolute, exists: fs.exists(absolute) });
  }
  return out;
}

/** The root a prefixed path lies in, and the path inside it; undefined for the folder's own files. */
export function splitRootPath(roots: readonly DefinitionRoot[], rel: string): { root: DefinitionRoot; inner: string } | undefined {
  if (!rel.startsWith('..')) return undefined;
  for (const root of roots) if (rel.startsWith(`${root.prefix}/`)) return { root, inner: rel.slice(root.prefix.length + 1) };
  return undefined;
}

export function missingRootMessage(root: DefinitionRoot): string {
  return `internalEvents.definitionRoots: '${root.setting}' (${root.absolute}) does not exist; its event and metric definitions are read once it does`;
}
