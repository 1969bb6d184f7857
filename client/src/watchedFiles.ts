// Which changes on disk the server hears about. Plain logic (no vscode import), so it is tested
// without an editor.
//
// One watcher sees every path, and this filter forwards the ones that matter: definitions, schemas
// (JSON), sources, VERSION, and folders. `rm -rf` or `git mv` of a folder reaches an extension as
// ONE event for the folder path, which a watcher on `**/*.yml` never matches: the server expands
// a folder event against its index (ProjectIndex.updatePath).
import * as path from 'node:path';

/** The glob of the one file system watcher. */
export const WATCHER_GLOB = '**/*';

const WATCHED_EXTENSIONS = new Set(['yml', 'yaml', 'json', 'rb', 'rake', 'haml', 'vue', 'js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts', 'py', 'go', 'sh', 'bash', 'zsh']);
/** Folders whose churn is never about definitions or tracking calls (VS Code excludes most already). */
const IGNORED_SEGMENTS = new Set(['node_modules', '.git']);

/**
 * Whether an event for this path goes to the server. A path without an extension may be a
 * folder, so it is forwarded (files without one are rare, and the server ignores what it does
 * not index); a folder with a dot in its name is taken for a file of that extension.
 */
export function isWatchedPath(fsPath: string): boolean {
  const parts = fsPath.split(/[\\/]/);
  if (parts.some((p) => IGNORED_SEGMENTS.has(p))) return false;
  const base = parts[parts.length - 1];
  const ext = path.extname(base);
  if (ext === '') return true; // a folder, VERSION, …
  return WATCHED_EXTENSIONS.has(ext.slice(1).toLowerCase());
}

/**
 * The glob of each `internalEvents.definitionRoots` watcher, relative to the root: everything below
 * its config folders, folders included (a branch switched in that checkout deletes or writes
 * whole folders, one event each); `isDefinitionRootPath` keeps what the server reads from there.
 */
export const DEFINITION_ROOT_GLOB = '{config,ee/config}/**';

/** Definitions, schemas and folders of a definition root. */
export function isDefinitionRootPath(fsPath: string): boolean {
  if (!isWatchedPath(fsPath)) return false;
  const ext = path.extname(fsPath.split(/[\\/]/).pop() ?? '').toLowerCase();
  return ext === '' || ext === '.yml' || ext === '.yaml' || ext === '.json';
}
