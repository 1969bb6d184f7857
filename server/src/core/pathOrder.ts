// The one order in which the index lists several files that answer the same question (two
// definitions of one action, two Ruby files a constant may come from). It depends on the paths
// alone, never on the order files were read or changed in, so an index kept up to date through
// any sequence of edits answers exactly as a fresh load (the CLI) does.

/** Whether a path lies in GitLab's EE tree (`ee/…`, `jh/…`): the CE copy is preferred, as GitLab's loader reads CE first. */
function isExtension(rel: string): boolean {
  return rel.startsWith('ee/') || rel.startsWith('jh/');
}

/** CE paths before EE ones, then by code point: stable whatever the locale. */
export function comparePaths(a: string, b: string): number {
  const ea = isExtension(a);
  if (ea !== isExtension(b)) return ea ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
