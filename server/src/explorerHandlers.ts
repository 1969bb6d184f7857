// Protocol wiring for the Internal Events view: `internalEvents/explorer/children` answers one tree
// level from core/explorer, and `internalEvents/explorer/changed` tells the client the index moved
// on. A request waits for the index, and gives up as soon as the client cancels it (the view was
// refreshed or collapsed meanwhile).
import * as path from 'node:path';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import type { Logger, ProjectIndex } from './core/projectIndex';
import type { Workspace } from './core/workspace';
import { explorerChildren, type ExplorerAnswer, type ExplorerFilters } from './core/explorer/index';
import {
  EXPLORER_CHANGED_NOTIFICATION,
  EXPLORER_CHILDREN_REQUEST,
  type ExplorerChildrenParams,
  type ExplorerChildrenResult,
  type ExplorerItem,
} from './protocol';

export interface ExplorerContext {
  connection: Connection;
  workspace: () => Workspace;
  ready: () => Promise<void>;
  log: Logger;
  pathToUri: (p: string) => string;
}

const GROUPINGS = new Set(['group', 'category', 'folder']);
/** The client refreshes at most this often while files change. */
const CHANGE_THROTTLE_MS = 500;

/** Filters as sent, with anything malformed dropped (a bad request never throws here). */
export function sanitizeFilters(raw: unknown): ExplorerFilters {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const groups = Array.isArray(r.groups) ? r.groups.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : undefined;
  return {
    groupBy: typeof r.groupBy === 'string' && GROUPINGS.has(r.groupBy) ? (r.groupBy as ExplorerFilters['groupBy']) : 'group',
    problemsOnly: r.problemsOnly === true,
    groups: groups && groups.length ? groups : undefined,
    search: typeof r.search === 'string' && r.search.trim() ? r.search.trim().slice(0, 200) : undefined,
  };
}

/** A protocol id: the project's root and the core's id in it (absent: the project's first level). */
function wrapId(root: string, id: string | undefined): string {
  return JSON.stringify([root, id ?? null]);
}

function unwrapId(id: string): { root: string; id?: string } | undefined {
  try {
    const v = JSON.parse(id) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'string' && (v[1] === null || typeof v[1] === 'string')) return { root: v[0], id: v[1] ?? undefined };
  } catch {
    /* not ours */
  }
  return undefined;
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

/** Resolves when `ready` does, or as soon as the token is cancelled. */
function readyOrCancelled(ready: Promise<void>, token: CancellationToken): Promise<void> {
  if (token.isCancellationRequested) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = token.onCancellationRequested(() => resolve());
    void ready.finally(() => {
      listener.dispose();
      resolve();
    });
  });
}

export function registerExplorer(ctx: ExplorerContext): { indexChanged(): void } {
  const toItems = (index: ProjectIndex, answer: ExplorerAnswer): ExplorerChildrenResult => ({
    total: answer.total,
    nodes: answer.nodes.map(({ location, ...node }): ExplorerItem => ({
      ...node,
      id: wrapId(index.root, node.id),
      location: location && { uri: ctx.pathToUri(path.join(index.root, location.file)), range: location.range },
    })),
  });

  const answer = (params: ExplorerChildrenParams): ExplorerChildrenResult => {
    const view = params.view === 'metrics' ? 'metrics' : 'events';
    const filters = sanitizeFilters(params.filters);
    const indexes = [...ctx.workspace().indexes].sort((a, b) => a.root.localeCompare(b.root));
    if (params.parent === undefined) {
      if (indexes.length === 1) return toItems(indexes[0], explorerChildren(indexes[0], view, undefined, filters));
      // Several projects: a level of projects first, each with its own tree.
      let total = 0;
      const nodes: ExplorerItem[] = indexes.map((index) => {
        const first = explorerChildren(index, view, undefined, filters);
        total += first.total ?? 0;
        const noun = view === 'metrics' ? 'metric' : 'event';
        return {
          id: wrapId(index.root, undefined),
          kind: 'project',
          label: path.basename(index.root),
          description: `${first.total ?? 0} ${noun}${first.total === 1 ? '' : 's'}`,
          tooltip: index.root,
          expandable: first.nodes.length > 0,
          severity: first.nodes.some((n) => n.severity === 'error') ? 'error' : first.nodes.some((n) => n.severity === 'warning') ? 'warning' : undefined,
        };
      });
      return { nodes, total };
    }
    const parent = unwrapId(params.parent);
    const index = parent && indexes.find((i) => i.root === parent.root);
    if (!parent || !index) return { nodes: [] }; // a project that is gone, or an id from elsewhere
    const children = explorerChildren(index, view, parent.id, filters);
    return toItems(index, parent.id === undefined ? children : { nodes: children.nodes });
  };

  ctx.connection.onRequest(EXPLORER_CHILDREN_REQUEST, async (params: ExplorerChildrenParams, token: CancellationToken) => {
    await readyOrCancelled(ctx.ready(), token);
    if (token.isCancellationRequested) throw cancelled();
    try {
      return answer(params);
    } catch (e) {
      ctx.log.error(`explorer request failed: ${(e as Error).stack ?? e}`);
      throw new ResponseError(ErrorCodes.InternalError, `The Internal Events view could not be computed: ${(e as Error).message}`);
    }
  });

  let timer: NodeJS.Timeout | undefined;
  return {
    indexChanged() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void ctx.connection.sendNotification(EXPLORER_CHANGED_NOTIFICATION, {});
      }, CHANGE_THROTTLE_MS);
    },
  };
}
