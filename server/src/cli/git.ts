// The git side of `report --changed-since`: which files the branch changed since it left REF, and
// their text there. git is run with execFile (no shell), reads only, and with the settings that
// could make it start another program (an fsmonitor hook, an external diff, a pager) turned off.
import { execFileSync } from 'node:child_process';
import type { ChangeInput, ChangedFile } from '../core/workspaceReport/index';

/** git could not answer (not a repository, an unknown REF, git missing): exit 2 with its words. */
export class GitError extends Error {}

const MAX_OUTPUT = 256 * 1024 * 1024;

function git(root: string, args: string[]): Buffer {
  try {
    return execFileSync('git', ['-C', root, '-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: MAX_OUTPUT,
      env: { ...process.env, GIT_PAGER: 'cat', GIT_EXTERNAL_DIFF: '', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' },
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new GitError('git is not installed (or not on PATH)');
    const said = err.stderr?.toString('utf8').trim().split('\n').pop();
    throw new GitError(`git ${args[0]} failed: ${said || err.message}`);
  }
}

const STATUS: Record<string, ChangedFile['status']> = { A: 'added', D: 'deleted' };

/**
 * Files changed between where the branch left `ref` (their merge base) and the working tree, as
 * the index sees it: committed and uncommitted changes, and new files git does not track yet.
 * `wanted` says which paths are worth reading at the base (definitions, sources).
 */
export function changesSince(root: string, ref: string, wanted: (rel: string) => boolean): ChangeInput {
  if (ref.startsWith('-')) throw new GitError(`'${ref}' is not a git revision`);
  let base: string;
  try {
    base = git(root, ['merge-base', ref, 'HEAD']).toString('utf8').trim();
  } catch (e) {
    // A CI clone often lacks the target branch: say what to fetch.
    throw new GitError(`cannot compare with '${ref}' (${(e as Error).message}); is it fetched? In CI: git fetch origin <branch>`);
  }
  // -z: NUL-separated "status\0path\0" records, paths exactly as they are (no quoting).
  const fields = git(root, ['diff', '--name-status', '--no-renames', '--no-ext-diff', '--no-textconv', '--relative', '-z', base, '--']).toString('utf8').split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) files.push({ status: STATUS[fields[i][0]] ?? 'modified', path: fields[i + 1] });
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z']).toString('utf8').split('\0').filter(Boolean);
  for (const rel of untracked) files.push({ status: 'added', path: rel });
  for (const f of files) {
    if (f.status === 'added' || !wanted(f.path)) continue;
    try {
      f.before = git(root, ['show', '--no-textconv', `${base}:./${f.path}`]).toString('utf8');
    } catch {
      // Not readable at the base (a submodule, a type change): compared as if it were new.
    }
  }
  return { ref, base: base.slice(0, 12), files };
}
