// What a branch adds, changes and removes: events, metrics, key paths and tracking calls, from the
// changed files' text at the base (given by the caller; the core never runs git) and the index of
// the branch as it is. Definitions are paired by what identifies them (an event's action, a
// metric's key path), so a file that moved is a change, not a removal and an addition.
import * as path from 'node:path';
import type { CallSite } from '../model';
import type { EventDefinition, MetricDefinition } from '../definitions';
import { analyseDefinition } from '../fileAnalysis';
import type { ProjectIndex } from '../projectIndex';
import { isSpecReference } from '../specReferences';
import { reviewPoints, type ReviewPoint } from './reviewPoints';

export interface ChangedFile {
  /** Relative to the project root, '/'-separated. */
  path: string;
  status: 'added' | 'modified' | 'deleted';
  /** The text at the base; absent for an added file. */
  before?: string;
}

export interface ChangeInput {
  /** What the user named (`origin/main`). */
  ref?: string;
  /** The commit compared with, as shown (a short commit id). */
  base: string;
  files: ChangedFile[];
}

export type ChangeKind = 'added' | 'changed' | 'removed';

export interface DefinitionChange {
  change: ChangeKind;
  /** The action or the key path. */
  name: string;
  file: string;
  /** Where it was before, when it moved. */
  previousFile?: string;
  productGroup?: string;
  /** What changed, in words ("tiers", "moved to removed/"). */
  details: string[];
}

export interface CallChange {
  change: 'added' | 'removed';
  event: string;
  file: string;
  /** 1-based, in the branch for an added call, at the base for a removed one. */
  line: number;
  spec: boolean;
}

export interface ChangedFileProblem {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface BranchChanges {
  ref?: string;
  base: string;
  events: DefinitionChange[];
  metrics: DefinitionChange[];
  keyPaths: { added: string[]; removed: string[] };
  calls: CallChange[];
  reviewPoints: ReviewPoint[];
  /** Errors and warnings `check` reports in the changed files. */
  problems: ChangedFileProblem[];
}

export interface Pair<D> {
  before?: D;
  after?: D;
}

type Def = EventDefinition | MetricDefinition;

/** Definitions of the changed files, at the base (parsed from the given text) and now (from the index). */
function definitionsOf(index: ProjectIndex, files: ChangedFile[]): { before: Def[]; after: Def[] } {
  const before: Def[] = [];
  const after: Def[] = [];
  for (const f of files) {
    const kind = index.classify(f.path);
    if (kind !== 'event' && kind !== 'removed-event' && kind !== 'metric') continue;
    if (f.before !== undefined) {
      const old = analyseDefinition(f.path, kind, { text: f.before }, index.schemas).def;
      if (old) before.push(old);
    }
    const now = f.status === 'deleted' ? undefined : index.definitionIn(f.path);
    if (now) after.push(now);
  }
  return { before, after };
}

/** Pairs by identity, same file first; unmatched ones are additions or removals. */
function pairUp<D extends Def>(before: D[], after: D[], identity: (d: D) => string): Pair<D>[] {
  const pairs: Pair<D>[] = [];
  const left = [...after];
  const take = (b: D, same: (a: D) => boolean) => {
    const i = left.findIndex((a) => identity(a) === identity(b) && same(a));
    return i >= 0 ? left.splice(i, 1)[0] : undefined;
  };
  for (const b of before) pairs.push({ before: b, after: take(b, (a) => a.file === b.file) ?? take(b, () => true) });
  for (const a of left) pairs.push({ after: a });
  return pairs;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function eventDetails(b: EventDefinition, a: EventDefinition): string[] {
  const d: string[] = [];
  if (!b.removed && a.removed) d.push('moved to removed/');
  else if (b.file !== a.file) d.push(`moved from ${b.file}`);
  if (b.description !== a.description) d.push('description');
  if (b.internal !== a.internal) d.push(a.internal ? 'now an internal event' : 'no longer an internal event');
  if (!same(b.identifiers, a.identifiers)) d.push('identifiers');
  if (!same([...b.properties.keys()], [...a.properties.keys()])) d.push('additional properties');
  if (b.productGroup !== a.productGroup) d.push('product group');
  if (!same(b.productCategories, a.productCategories)) d.push('product categories');
  if (!same(b.tiers, a.tiers)) d.push('tiers');
  return d;
}

function metricDetails(b: MetricDefinition, a: MetricDefinition): string[] {
  const d: string[] = [];
  if (b.file !== a.file) d.push(`moved from ${b.file}`);
  if (b.status !== a.status) d.push(`status ${b.status ?? 'unset'} → ${a.status ?? 'unset'}`);
  if (b.description !== a.description) d.push('description');
  if (!same(b.timeFrames, a.timeFrames)) d.push('time frame');
  const rules = (m: MetricDefinition) => m.events.map((e) => [e.name, e.unique, e.filter.map((f) => f.key), e.operator]);
  if (!same(rules(b), rules(a))) d.push('events');
  if (b.dataSource !== a.dataSource) d.push('data source');
  if (b.productGroup !== a.productGroup) d.push('product group');
  if (!same(b.tiers, a.tiers)) d.push('tiers');
  return d;
}

function definitionChange<D extends Def>(p: Pair<D>, name: (d: D) => string, details: (b: D, a: D) => string[]): DefinitionChange | undefined {
  const now = p.after ?? p.before!;
  const base = { name: name(now), file: now.file, productGroup: now.productGroup };
  if (!p.before) return { ...base, change: 'added', details: [] };
  if (!p.after) return { ...base, change: 'removed', details: [] };
  const changed = details(p.before, p.after);
  if (!changed.length) return undefined;
  return { ...base, change: 'changed', details: changed, ...(p.before.file !== p.after.file ? { previousFile: p.before.file } : {}) };
}

const eventName = (e: EventDefinition) => e.action ?? path.posix.basename(e.file, '.yml');
const metricName = (m: MetricDefinition) => m.keyPath ?? m.file;

/** Calls added or removed in one file: its event names counted before and after. */
function callChanges(file: string, before: CallSite[], after: CallSite[]): CallChange[] {
  const named = (sites: CallSite[]) => sites.filter((s) => s.refersTo === 'event' && s.event && !s.dynamic);
  const out: CallChange[] = [];
  const diff = (from: CallSite[], against: CallSite[], change: CallChange['change']) => {
    const budget = new Map<string, number>();
    for (const s of against) budget.set(s.event!, (budget.get(s.event!) ?? 0) + 1);
    for (const s of from) {
      const left = budget.get(s.event!) ?? 0;
      if (left > 0) budget.set(s.event!, left - 1);
      else out.push({ change, event: s.event!, file, line: s.range.start.line + 1, spec: isSpecReference(file, s) });
    }
  };
  diff(named(after), named(before), 'added');
  diff(named(before), named(after), 'removed');
  return out;
}

export function branchChanges(index: ProjectIndex, input: ChangeInput): BranchChanges {
  const { before, after } = definitionsOf(index, input.files);
  const isEvent = (d: Def): d is EventDefinition => d.kind === 'event';
  const isMetric = (d: Def): d is MetricDefinition => d.kind === 'metric';
  const eventPairs = pairUp(before.filter(isEvent), after.filter(isEvent), eventName);
  const metricPairs = pairUp(before.filter(isMetric), after.filter(isMetric), metricName);
  const keyPathsOf = (defs: Def[]) => new Set(defs.filter(isMetric).flatMap((m) => m.expandedKeyPaths.map((k) => k.keyPath)));
  const oldKeys = keyPathsOf(before);
  const newKeys = keyPathsOf(after);
  const calls: CallChange[] = [];
  const problems: ChangedFileProblem[] = [];
  for (const f of input.files) {
    const kind = index.classify(f.path);
    if (kind === 'source') {
      const old = f.before !== undefined ? index.callSitesForText(f.path, f.before) : [];
      calls.push(...callChanges(f.path, old, f.status === 'deleted' ? [] : index.callSitesIn(f.path)));
    }
    if (f.status === 'deleted') continue;
    for (const d of index.diagnostics(f.path)) {
      if (d.severity === 'error' || d.severity === 'warning') problems.push({ file: f.path, line: d.range.start.line + 1, severity: d.severity, code: d.code, message: d.message });
    }
  }
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  // A file touched without a change to its definition (a comment, the key order) says nothing.
  const changedEvents = eventPairs.map((pair) => ({ pair, change: definitionChange(pair, eventName, eventDetails) })).filter((x) => x.change);
  const changedMetrics = metricPairs.map((pair) => ({ pair, change: definitionChange(pair, metricName, metricDetails) })).filter((x) => x.change);
  return {
    ref: input.ref,
    base: input.base,
    events: changedEvents.map((x) => x.change!).sort(byName),
    metrics: changedMetrics.map((x) => x.change!).sort(byName),
    keyPaths: { added: [...newKeys].filter((k) => !oldKeys.has(k)).sort(), removed: [...oldKeys].filter((k) => !newKeys.has(k)).sort() },
    calls: calls.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
    reviewPoints: reviewPoints(index, { events: changedEvents.map((x) => x.pair), metrics: changedMetrics.map((x) => x.pair) }, input.files.map((f) => f.path)),
    problems,
  };
}
