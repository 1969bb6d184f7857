// The "Internal Events" view container's Events and Metrics trees: their filters (problems only,
// my groups, text search, grouping), toolbar and context-menu commands, and the messages and
// empty states people see while the index loads or when there is nothing to show.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { EXPLORER_CHILDREN_REQUEST, type EventGrouping, type ExplorerChildrenResult, type ExplorerFilters, type ExplorerItem, type ExplorerView as ViewName, type IndexStatus } from '../../../server/src/protocol';
import { newMetric } from '../commandsAuthoring';
import { copyTrackingSnippet, showEventUsages } from '../commandsUsages';
import { ExplorerTree, OPEN_NODE_COMMAND, type RootState } from './explorerTree';

export const VIEW_IDS: Record<ViewName, string> = { events: 'internalEvents.events', metrics: 'internalEvents.metrics' };

export const EXPLORER_COMMANDS = {
  refresh: 'internalEvents.explorer.refresh',
  groupBy: 'internalEvents.explorer.groupBy',
  showProblemsOnly: 'internalEvents.explorer.showProblemsOnly',
  showAllDefinitions: 'internalEvents.explorer.showAllDefinitions',
  showMyGroups: 'internalEvents.explorer.showMyGroups',
  showAllGroups: 'internalEvents.explorer.showAllGroups',
  search: 'internalEvents.explorer.search',
  clearFilters: 'internalEvents.explorer.clearFilters',
  open: OPEN_NODE_COMMAND,
  goToDefinition: 'internalEvents.explorer.goToDefinition',
  showUsages: 'internalEvents.explorer.showUsages',
  newMetric: 'internalEvents.explorer.newMetric',
  copyTrackingSnippet: 'internalEvents.explorer.copyTrackingSnippet',
  rename: 'internalEvents.explorer.rename',
} as const;

interface FilterState {
  groupBy: EventGrouping;
  problemsOnly: boolean;
  myGroups: boolean;
  search?: string;
}

const STATE_KEY = 'internalEvents.explorer.filters';
/** Changes reported by the server are applied at most this often. */
const REFRESH_DELAY_MS = 300;
const GROUPINGS: { grouping: EventGrouping; label: string; detail: string }[] = [
  { grouping: 'group', label: 'Product group', detail: 'then feature category when a group has many events' },
  { grouping: 'category', label: 'Feature category', detail: 'an event of two categories is under both' },
  { grouping: 'folder', label: 'Folder', detail: 'config/events, ee/config/events, removed/' },
];

function myGroupsSetting(): string[] {
  const v = vscode.workspace.getConfiguration('internalEvents').get<unknown>('myGroups');
  return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
}

export class ExplorerViews implements vscode.Disposable {
  private filters: FilterState;
  private readonly trees: ExplorerTree[];
  private readonly views: vscode.TreeView<ExplorerItem>[];
  private readonly disposables: vscode.Disposable[] = [];
  private indexing?: IndexStatus;
  private refreshTimer?: NodeJS.Timeout;
  /** A change arrived while no tree was visible: refresh when one is shown. */
  private stale = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => BaseLanguageClient | undefined,
    log: vscode.LogOutputChannel,
  ) {
    this.filters = { groupBy: 'group', problemsOnly: false, myGroups: false, ...context.workspaceState.get<Partial<FilterState>>(STATE_KEY) };
    this.trees = (['events', 'metrics'] as const).map((view) => new ExplorerTree(view, client, () => this.requestFilters(), (state) => this.setState(view, state), log));
    this.views = this.trees.map((tree) => vscode.window.createTreeView(VIEW_IDS[tree.view], { treeDataProvider: tree, showCollapseAll: true }));
    for (const view of this.views) {
      this.disposables.push(
        view,
        view.onDidChangeVisibility(({ visible }) => {
          if (visible && this.stale) this.refresh();
        }),
      );
    }
    this.disposables.push(
      ...this.trees,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('internalEvents.myGroups') && this.filters.myGroups) this.refresh();
      }),
      ...this.registerCommands(),
    );
    for (const view of ['events', 'metrics'] as const) this.setState(view, 'loading');
    this.applyFilters();
  }

  /** The index state (status bar notification): "Indexing 12,400 files…" while it loads. */
  onStatus(status: IndexStatus): void {
    this.indexing = status.state === 'indexing' ? status : undefined;
    this.updateMessages();
  }

  /** The server says the index changed: the trees ask again, soon, if anyone is looking. */
  onIndexChanged(): void {
    if (!this.views.some((v) => v.visible)) {
      this.stale = true;
      return;
    }
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }

  /** The language server started or stopped. */
  onServerState(running: boolean): void {
    if (!running) for (const view of ['events', 'metrics'] as const) this.setState(view, 'error');
    this.refresh();
  }

  refresh(): void {
    this.stale = false;
    clearTimeout(this.refreshTimer);
    for (const tree of this.trees) tree.refresh();
  }

  private requestFilters(): ExplorerFilters {
    const groups = this.filters.myGroups ? myGroupsSetting() : [];
    return {
      groupBy: this.filters.groupBy,
      problemsOnly: this.filters.problemsOnly,
      groups: groups.length ? groups : undefined,
      search: this.filters.search,
    };
  }

  private setState(view: ViewName, state: RootState): void {
    void vscode.commands.executeCommand('setContext', `internalEvents.${view}.state`, state);
  }

  private updateMessages(): void {
    const f = this.filters;
    const parts = [f.problemsOnly ? 'Problems only' : '', f.myGroups ? `My groups: ${myGroupsSetting().join(', ') || 'none set'}` : '', f.search ? `“${f.search}”` : ''].filter(Boolean);
    const status = this.indexing;
    const loading = status?.total ? `Indexing ${status.total.toLocaleString('en-US')} files… ${Math.floor(((status.done ?? 0) / status.total) * 100)}%` : status ? 'Indexing the workspace…' : '';
    for (const [i, view] of this.views.entries()) {
      const grouping = this.trees[i].view === 'events' && f.groupBy !== 'group' ? [`By ${GROUPINGS.find((g) => g.grouping === f.groupBy)!.label.toLowerCase()}`] : [];
      view.message = loading || [...grouping, ...parts].join(' · ') || undefined;
    }
  }

  /** Saves the filters, updates the toolbar's toggles and the messages, and asks again. */
  private applyFilters(): void {
    void this.context.workspaceState.update(STATE_KEY, this.filters);
    void vscode.commands.executeCommand('setContext', 'internalEvents.explorer.problemsOnly', this.filters.problemsOnly);
    void vscode.commands.executeCommand('setContext', 'internalEvents.explorer.myGroups', this.filters.myGroups);
    void vscode.commands.executeCommand('setContext', 'internalEvents.explorer.filtered', this.filters.problemsOnly || this.filters.myGroups || !!this.filters.search);
    this.updateMessages();
    this.refresh();
  }

  private setFilters(change: Partial<FilterState>): void {
    this.filters = { ...this.filters, ...change };
    this.applyFilters();
  }

  private async chooseGrouping(): Promise<void> {
    const picked = await vscode.window.showQuickPick(
      GROUPINGS.map((g) => ({ ...g, description: g.grouping === this.filters.groupBy ? '(current)' : undefined })),
      { title: 'Internal Events: group events by' },
    );
    if (picked) this.setFilters({ groupBy: picked.grouping });
  }

  /** Turns "my groups" on; the first time, asks which groups they are and saves the setting. */
  private async showMyGroups(): Promise<void> {
    if (!myGroupsSetting().length) {
      const client = this.client();
      const answer = client?.isRunning()
        ? await client.sendRequest<ExplorerChildrenResult>(EXPLORER_CHILDREN_REQUEST, { view: 'events', filters: { groupBy: 'group' } }).catch(() => undefined)
        : undefined;
      const groups = (answer?.nodes ?? []).filter((n) => n.kind === 'group' && !n.label.startsWith('(')).map((n) => n.label);
      const picked = await vscode.window.showQuickPick(groups, { title: 'Internal Events: which product groups are yours?', canPickMany: true, placeHolder: 'Saved in the internalEvents.myGroups setting' });
      if (!picked?.length) return;
      await vscode.workspace.getConfiguration('internalEvents').update('myGroups', picked, vscode.ConfigurationTarget.Global);
    }
    this.setFilters({ myGroups: true });
  }

  private async search(): Promise<void> {
    const text = await vscode.window.showInputBox({
      title: 'Internal Events: filter by text',
      prompt: 'Part of an event name, a key path or a description; empty shows everything',
      value: this.filters.search ?? '',
    });
    if (text !== undefined) this.setFilters({ search: text.trim() || undefined });
  }

  private async openNode(node: ExplorerItem): Promise<void> {
    if (node.kind === 'hint') return newMetric(node.event);
    if (!node.location) return;
    const { start, end } = node.location.range;
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(node.location.uri), { selection: range, preview: true });
  }

  private async rename(node: ExplorerItem): Promise<void> {
    await this.openNode(node);
    await vscode.commands.executeCommand('editor.action.rename');
  }

  private registerCommands(): vscode.Disposable[] {
    const c = EXPLORER_COMMANDS;
    const event = (node?: ExplorerItem) => node?.event;
    return [
      vscode.commands.registerCommand(c.refresh, () => this.refresh()),
      vscode.commands.registerCommand(c.groupBy, () => this.chooseGrouping()),
      vscode.commands.registerCommand(c.showProblemsOnly, () => this.setFilters({ problemsOnly: true })),
      vscode.commands.registerCommand(c.showAllDefinitions, () => this.setFilters({ problemsOnly: false })),
      vscode.commands.registerCommand(c.showMyGroups, () => this.showMyGroups()),
      vscode.commands.registerCommand(c.showAllGroups, () => this.setFilters({ myGroups: false })),
      vscode.commands.registerCommand(c.search, () => this.search()),
      vscode.commands.registerCommand(c.clearFilters, () => this.setFilters({ problemsOnly: false, myGroups: false, search: undefined })),
      vscode.commands.registerCommand(c.open, (node: ExplorerItem) => this.openNode(node)),
      vscode.commands.registerCommand(c.goToDefinition, (node: ExplorerItem) => this.openNode(node)),
      vscode.commands.registerCommand(c.showUsages, (node?: ExplorerItem) => showEventUsages(event(node))),
      vscode.commands.registerCommand(c.newMetric, (node?: ExplorerItem) => newMetric(event(node))),
      vscode.commands.registerCommand(c.copyTrackingSnippet, (node?: ExplorerItem) => copyTrackingSnippet(event(node))),
      vscode.commands.registerCommand(c.rename, (node: ExplorerItem) => this.rename(node)),
    ];
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}
