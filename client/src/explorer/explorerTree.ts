// One tree of the Internal Events view (Events or Metrics): each expansion is one request to the
// server for that level; a refresh cancels what is still pending. This side only turns the
// server's nodes into tree items (icon, colour, click, context-menu value).
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  EXPLORER_CHILDREN_REQUEST,
  type ExplorerChildrenParams,
  type ExplorerChildrenResult,
  type ExplorerFilters,
  type ExplorerItem,
  type ExplorerView,
} from '../../../server/src/protocol';

/** What the first level said: nothing at all, nothing after the filters, or nodes. */
export type RootState = 'loading' | 'empty' | 'filtered' | 'ready' | 'error';

export const OPEN_NODE_COMMAND = 'internalEvents.explorer.open';

const ICONS: Record<ExplorerItem['kind'], string> = {
  project: 'root-folder',
  group: 'organization',
  category: 'tag',
  folder: 'folder',
  event: 'symbol-event',
  metric: 'graph',
  callSite: 'symbol-method',
  spec: 'beaker',
  possibleCallSite: 'question',
  undefinedEvents: 'warning',
  undefinedEvent: 'circle-slash',
  timeFrame: 'calendar',
  dataSource: 'database',
  metricEvent: 'symbol-event',
  hint: 'lightbulb',
};

const SEVERITY_COLOUR = { error: 'problemsErrorIcon.foreground', warning: 'problemsWarningIcon.foreground' } as const;

/** A request the server gave up on because we cancelled it. */
function wasCancelled(error: unknown): boolean {
  return (error as { code?: number })?.code === -32800;
}

export class ExplorerTree implements vscode.TreeDataProvider<ExplorerItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly pending = new Set<vscode.CancellationTokenSource>();

  constructor(
    readonly view: ExplorerView,
    private readonly client: () => BaseLanguageClient | undefined,
    private readonly filters: () => ExplorerFilters,
    private readonly onRoot: (state: RootState) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Asks again for every level shown; answers still on their way are cancelled. */
  refresh(): void {
    for (const source of this.pending) source.cancel();
    this.pending.clear();
    this.changed.fire(undefined);
  }

  getTreeItem(node: ExplorerItem): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
    item.iconPath = new vscode.ThemeIcon(ICONS[node.kind], node.severity ? new vscode.ThemeColor(SEVERITY_COLOUR[node.severity]) : undefined);
    // "event internal no-metric": the context menu's `when` clauses match on these words.
    item.contextValue = [node.kind, ...(node.flags ?? [])].join(' ');
    if (node.location || node.kind === 'hint') item.command = { command: OPEN_NODE_COMMAND, title: 'Open', arguments: [node] };
    return item;
  }

  async getChildren(node?: ExplorerItem): Promise<ExplorerItem[]> {
    const client = this.client();
    if (!client?.isRunning()) {
      if (!node) this.onRoot('error');
      return [];
    }
    const source = new vscode.CancellationTokenSource();
    this.pending.add(source);
    try {
      const params: ExplorerChildrenParams = { view: this.view, parent: node?.id, filters: this.filters() };
      const answer = await client.sendRequest<ExplorerChildrenResult>(EXPLORER_CHILDREN_REQUEST, params, source.token);
      if (!node) this.onRoot(answer.nodes.length ? 'ready' : answer.total ? 'filtered' : 'empty');
      return answer.nodes;
    } catch (error) {
      if (!wasCancelled(error) && !source.token.isCancellationRequested) {
        this.log.error(`The Internal Events view could not be read: ${String(error)}`);
        if (!node) this.onRoot('error');
      }
      return [];
    } finally {
      this.pending.delete(source);
      source.dispose();
    }
  }

  dispose(): void {
    this.refresh();
    this.changed.dispose();
  }
}
