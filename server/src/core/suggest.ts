// "Did you mean": nearest names by edit distance, used for unknown events, keys and enum values.

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * editDistance when it is at most `max`, else max + 1, found without filling the whole table: the
 * shared start and end are skipped, and the scan stops once a row cannot get back under `max`.
 * "Did you mean" asks this of every defined name for each unknown one, so it must be cheap.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  let prev = new Uint16Array(m + 1);
  let cur = new Uint16Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(start + i - 1);
    for (let j = 1; j <= m; j++) {
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const sub = prev[j - 1] + (ca === b.charCodeAt(start + j - 1) ? 0 : 1);
      const v = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[m], max + 1);
}

/** The n candidates nearest to `name` (ties keep candidate order). */
export function closest(name: string, candidates: Iterable<string>, n: number): string[] {
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) scored.push({ c, d: editDistance(name.toLowerCase(), c.toLowerCase()) });
  scored.sort((x, y) => x.d - y.d);
  return scored.slice(0, n).map((s) => s.c);
}

/**
 * A close-enough name for a "did you mean" hint: within a quarter of the name's length (at least one
 * edit), or the same word with a plural/suffix (`tier` → `tiers`). Tighter than it looks necessary:
 * `distribution` → `description` is four edits apart and a wrong hint is worse than none.
 */
export function didYouMean(name: string, candidates: Iterable<string>, maxCandidates = 3): string[] {
  const limit = Math.max(1, Math.floor(name.length / 4));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    if (c === name) continue;
    const extends_ = c.startsWith(name) || name.startsWith(c);
    if (Math.abs(c.length - name.length) > (extends_ ? 3 : limit)) continue;
    const d = editDistanceWithin(name, c, extends_ ? Math.max(limit, 3) : limit);
    if ((d <= limit && differingPartsClose(name, c)) || (extends_ && d <= 3)) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  return scored.slice(0, maxCandidates).map((s) => s.c);
}

/**
 * Whether what differs between two names, once their shared start and end are set aside, is a
 * slip rather than another word. Long shared prefixes make the overall distance look small:
 * `g_project_management_issue_title_changed` is 10 edits from `..._issue_created`, under a quarter
 * of its length, yet `title_chang` and `creat` have nothing in common.
 */
function differingPartsClose(a: string, b: string): boolean {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const coreA = a.slice(start, a.length - end);
  const coreB = b.slice(start, b.length - end);
  return editDistance(coreA, coreB) <= Math.max(2, Math.ceil(Math.max(coreA.length, coreB.length) / 2));
}

/**
 * The same value as it is usually meant: a `group::` style prefix dropped, spaces and hyphens as
 * underscores (GitLab's older definitions wrote `group::code review` for `code_review`).
 */
export function normalizedSlug(value: string): string {
  return value.replace(/^[a-z]+::/i, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}
