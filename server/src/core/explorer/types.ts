// The Internal Events view's tree as plain data: nodes, the filters a request carries, and node
// ids. The server is stateless about the tree: a node's id is the path to it, so the children of
// any node can be computed from the index alone, one level per request.
import type { FileLocation } from '../features/types';
import { plural, type Finding } from '../definitionFacts';

export { plural };

export type ExplorerView = 'events' | 'metrics';
export type EventGrouping = 'group' | 'category' | 'folder';

export interface ExplorerFilters {
  /** Events: what the first level groups by (default: product group). */
  groupBy?: EventGrouping;
  /** Only what has errors, warnings or a whole-workspace finding (unused, no metric, missing event). */
  problemsOnly?: boolean;
  /** Only these product groups (the `internalEvents.myGroups` setting); absent: every group. */
  groups?: string[];
  /** Case-insensitive text the name or description must contain. */
  search?: string;
}

export type NodeKind =
  | 'group'
  | 'category'
  | 'folder'
  | 'event'
  | 'metric'
  | 'callSite'
  | 'spec'
  | 'possibleCallSite'
  | 'undefinedEvents'
  | 'undefinedEvent'
  | 'timeFrame'
  | 'dataSource'
  | 'metricEvent'
  | 'hint';

/** Machine-readable findings on a node (the description shows them as words). */
export type NodeFlag = Finding | 'internal' | 'missing';

export interface ExplorerNode {
  /** The path to the node; pass it back as `parent` to list its children. */
  id: string;
  kind: NodeKind;
  label: string;
  /** Shown after the label: counts and findings. */
  description?: string;
  /** Markdown. */
  tooltip?: string;
  expandable: boolean;
  /** The worst problem at or below the node (colours its icon). */
  severity?: 'error' | 'warning';
  flags?: NodeFlag[];
  /** What a click opens. */
  location?: FileLocation;
  /** The event the node is about (context-menu commands). */
  event?: string;
}

export interface ExplorerAnswer {
  nodes: ExplorerNode[];
  /** At the root: how many definitions the view has before filtering (0: the empty state). */
  total?: number;
}

/** A node id: the (kind, key) pairs from the root down to the node. */
export type NodePath = [string, string][];

export function encodeId(path: NodePath): string {
  return JSON.stringify(path.flat());
}

/** The path of an id; undefined for the root or an id this version did not write. */
export function decodeId(id: string | undefined): NodePath | undefined {
  if (!id) return undefined;
  try {
    const flat = JSON.parse(id) as unknown;
    if (!Array.isArray(flat) || flat.length % 2 !== 0 || !flat.every((x) => typeof x === 'string')) return undefined;
    const path: NodePath = [];
    for (let i = 0; i < flat.length; i += 2) path.push([flat[i] as string, flat[i + 1] as string]);
    return path;
  } catch {
    return undefined;
  }
}

export function childPath(parent: NodePath, kind: string, key: string): NodePath {
  return [...parent, [kind, key]];
}

/** The key of the first pair of this kind in a path. */
export function keyOf(path: NodePath, kind: string): string | undefined {
  return path.find(([k]) => k === kind)?.[1];
}
