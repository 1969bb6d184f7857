// Who owns a new event: product group and categories guessed from the code around the call, nearest
// evidence first. Code in one folder is nearly always owned by one group, and GitLab's EE code
// mirrors the CE tree (ee/app/services/x beside app/services/x). A wrong guess costs the author a
// word to change; no guess costs a TODO to look up, so we guess only where the evidence agrees.
import * as path from 'node:path';
import type { ProjectIndex } from '../projectIndex';

export interface Ownership {
  productGroup?: string;
  productCategories: string[];
}

interface Owner {
  group: string;
  categories: string[];
}

/** The most common value and the share of items that have it (ties: first seen wins). */
function mostCommon<T>(items: T[], keyOf: (t: T) => string): { item: T; share: number } | undefined {
  const counts = new Map<string, { item: T; n: number }>();
  for (const it of items) {
    const k = keyOf(it);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { item: it, n: 1 });
  }
  let best: { item: T; n: number } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best && { item: best.item, share: best.n / items.length };
}

/** The same folder on the other side of the CE/EE split. */
function mirrorOf(dir: string): string {
  return dir.startsWith('ee/') ? dir.slice(3) : `ee/${dir}`;
}

/** Owners of the events tracked by calls in files that `inFolder` accepts. */
function ownersWhere(index: ProjectIndex, inFolder: (dir: string) => boolean, excludeEvent: string): Owner[] {
  const owners: Owner[] = [];
  for (const { file, site } of index.callSites()) {
    if (!site.event || site.event === excludeEvent || !inFolder(path.posix.dirname(file))) continue;
    const def = index.internalEvent(site.event);
    if (def?.productGroup) owners.push({ group: def.productGroup, categories: def.productCategories });
  }
  return owners;
}

/** The most common group, when its share of the owners is above `aboveShare`. */
function ownershipOf(owners: Owner[], aboveShare: number): Ownership | undefined {
  const top = mostCommon(owners, (o) => o.group);
  if (!top || top.share <= aboveShare) return undefined;
  const group = top.item.group;
  const categories = mostCommon(owners.filter((o) => o.group === group), (o) => o.categories.join(','))?.item.categories ?? [];
  return { productGroup: group, productCategories: categories };
}

/**
 * In order: the events tracked in the caller's folder or its CE/EE mirror (the most common group);
 * then in the parent folder's tree or its mirror, only when one group has more than half of them;
 * then the Ruby class's `feature_category`: the group of most events in that product category.
 */
export function guessOwnership(index: ProjectIndex, callerRel: string, callerText: string, excludeEvent: string): Ownership {
  const dir = path.posix.dirname(callerRel);
  const nearby = ownersWhere(index, (d) => d === dir || d === mirrorOf(dir), excludeEvent);
  const fromFolder = ownershipOf(nearby, 0);
  if (fromFolder) return fromFolder;
  const parent = path.posix.dirname(dir);
  if (parent !== '.' && parent !== 'ee') {
    const under = (root: string) => (d: string) => d === root || d.startsWith(`${root}/`);
    const inParent = under(parent);
    const inMirror = under(mirrorOf(parent));
    const fromParent = ownershipOf(ownersWhere(index, (d) => inParent(d) || inMirror(d), excludeEvent), 0.5);
    if (fromParent) return fromParent;
  }
  const feature = /^\s*feature_category\s*\(?\s*:(\w+)/m.exec(callerText)?.[1];
  if (!feature) return { productCategories: [] };
  const inCategory = index.events().filter((e) => e.internal && e.productGroup && e.productCategories.includes(feature));
  const group = mostCommon(inCategory, (e) => e.productGroup!)?.item.productGroup;
  return { productGroup: group, productCategories: [feature] };
}
