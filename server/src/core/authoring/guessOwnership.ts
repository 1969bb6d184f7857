// Who owns a new event: product group and categories guessed from the code around the call, nearest
// evidence first. Code in one folder is nearly always owned by one group, and GitLab's EE code
// mirrors the CE tree (ee/app/services/x beside app/services/x). A wrong guess costs the author a
// word to change; no guess costs a TODO to look up, so we guess only where the evidence agrees,
// and every guess carries its reason, for the file to say it is one.
import * as path from 'node:path';
import type { ProjectIndex } from '../projectIndex';

export interface Ownership {
  productGroup?: string;
  productCategories: string[];
  /** Why this group, when it is a guess: "2 of 3 events tracked in app/services/x/ are alpha's". */
  reason?: string;
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

const PLACEHOLDER_GROUP = /^(TODO|TBD|FIXME)\b/;

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
    // A placeholder or another guess is no evidence: guesses must not breed guesses.
    if (def?.productGroup && !def.productGroupGuess && !PLACEHOLDER_GROUP.test(def.productGroup)) owners.push({ group: def.productGroup, categories: def.productCategories });
  }
  return owners;
}

/** The most common group, when its share of the owners is above `aboveShare`. */
function ownershipOf(owners: Owner[], aboveShare: number, where: string): Ownership | undefined {
  const top = mostCommon(owners, (o) => o.group);
  if (!top || top.share <= aboveShare) return undefined;
  const group = top.item.group;
  const theirs = owners.filter((o) => o.group === group);
  const categories = mostCommon(theirs, (o) => o.categories.join(','))?.item.categories ?? [];
  const count = theirs.length === owners.length ? (owners.length === 1 ? 'the event' : `all ${owners.length} events`) : `${theirs.length} of ${owners.length} events`;
  return { productGroup: group, productCategories: categories, reason: `${count} tracked ${where} ${theirs.length === 1 ? 'is' : 'are'} ${group}'s` };
}

/**
 * Folders that hold every feature of a layer (app/services, lib/gitlab, spec/…): events tracked
 * somewhere below them say nothing about a new feature folder beside those.
 */
const LAYER_ROOT = /^(ee|(ee\/)?(app|lib|spec|app\/[^/]+|app\/assets\/javascripts|lib\/gitlab|lib\/api|spec\/[^/]+|spec\/frontend|spec\/lib\/gitlab))$/;

/**
 * In order: the events tracked in the caller's folder or its CE/EE mirror (the most common group);
 * then in the parent folder's tree or its mirror, only when one group has more than half of them;
 * then the Ruby class's `feature_category`: the group of most events in that product category.
 */
export function guessOwnership(index: ProjectIndex, callerRel: string, callerText: string, excludeEvent: string): Ownership {
  const dir = path.posix.dirname(callerRel);
  const nearby = ownersWhere(index, (d) => d === dir || d === mirrorOf(dir), excludeEvent);
  const fromFolder = ownershipOf(nearby, 0, `in ${dir}/ and ${mirrorOf(dir)}/`);
  if (fromFolder) return fromFolder;
  const parent = path.posix.dirname(dir);
  if (parent !== '.' && !LAYER_ROOT.test(parent)) {
    const under = (root: string) => (d: string) => d === root || d.startsWith(`${root}/`);
    const inParent = under(parent);
    const inMirror = under(mirrorOf(parent));
    const fromParent = ownershipOf(ownersWhere(index, (d) => inParent(d) || inMirror(d), excludeEvent), 0.5, `under ${parent}/ and ${mirrorOf(parent)}/`);
    if (fromParent) return fromParent;
  }
  const feature = /^\s*feature_category\s*\(?\s*:(\w+)/m.exec(callerText)?.[1];
  if (!feature) return { productCategories: [] };
  const inCategory = index.events().filter((e) => e.internal && e.productGroup && !e.productGroupGuess && !PLACEHOLDER_GROUP.test(e.productGroup) && e.productCategories.includes(feature));
  const top = mostCommon(inCategory, (e) => e.productGroup!);
  if (!top) return { productCategories: [feature] };
  const group = top.item.productGroup!;
  const n = Math.round(top.share * inCategory.length);
  return { productGroup: group, productCategories: [feature], reason: `the class's feature_category is ${feature}, and ${n} of ${inCategory.length} events in it are ${group}'s` };
}
