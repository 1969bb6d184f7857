// The "Event Monitor" view: received events, newest first, each with its checks (✓/⚠/✗ and the
// message), its metrics with their session values, its identifiers and properties, and the calls
// that may have sent it. Every row comes from the server's `internalEvents/monitor/events` answer;
// this file only shapes it into tree items.
import * as vscode from 'vscode';
import type { MonitorEventRow, MonitorEventView, MonitorEvents } from '../../../server/src/protocol';

export type MonitorNode =
  | { kind: 'event'; event: MonitorEventRow }
  | { kind: 'detail'; item: vscode.TreeItem }
  | { kind: 'more'; count: number }
  | { kind: 'other'; count: number };

const STATUS_ICON: Record<MonitorEventRow['status'], vscode.ThemeIcon> = {
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  hint: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  information: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  bad: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
};

const PROBLEM_ICON: Record<string, vscode.ThemeIcon> = {
  error: STATUS_ICON.error,
  warning: STATUS_ICON.warning,
  information: STATUS_ICON.information,
  hint: STATUS_ICON.information,
};

const OPEN = 'internalEvents.monitor.open';

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour12: false });
}

function idText(v: unknown): string {
  return v === null || v === undefined ? '—' : Array.isArray(v) ? v.join(',') : String(v);
}

function open(uri: string, range?: { start: { line: number; character: number } }): vscode.Command {
  return { command: OPEN, title: 'Open', arguments: [uri, range?.start.line ?? 0, range?.start.character ?? 0] };
}

function detail(label: string, opts: { description?: string; icon?: vscode.ThemeIcon; tooltip?: string | vscode.MarkdownString; command?: vscode.Command; contextValue?: string } = {}): MonitorNode {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.description = opts.description;
  item.iconPath = opts.icon;
  item.tooltip = opts.tooltip ?? (opts.description ? `${label}: ${opts.description}` : label);
  item.command = opts.command;
  item.contextValue = opts.contextValue;
  return { kind: 'detail', item };
}

export function eventItem(e: MonitorEventRow): vscode.TreeItem {
  const name = e.status === 'bad' ? (e.event ? `${e.event} (bad payload)` : 'bad payload') : (e.event ?? (e.eventType === 'page_view' ? 'page view' : e.eventType));
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `monitor-event-${e.seq}`;
  const problems = e.problems.filter((p) => p.severity === 'error' || p.severity === 'warning').length;
  item.description = [time(e.receivedAt), problems ? `${problems} problem${problems === 1 ? '' : 's'}` : e.status === 'ok' ? '✓' : undefined, e.source === 'micro' ? 'via Micro' : undefined].filter(Boolean).join(' · ');
  item.iconPath = STATUS_ICON[e.status];
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${name}** · ${e.receivedAt}${e.category ? ` · category \`${e.category}\`` : ''}\n\n`);
  for (const p of e.problems) md.appendMarkdown(`- ${p.severity === 'error' ? '✗' : p.severity === 'warning' ? '⚠' : 'ℹ'} \`${p.code}\` ${p.message}\n`);
  if (e.problems.length === 0) md.appendMarkdown('✓ Matches its definition.\n');
  item.tooltip = md;
  item.contextValue = e.definition ? 'monitorEventWithDefinition' : 'monitorEvent';
  if (e.definition) item.command = open(e.definition.uri, e.definition.range);
  return item;
}

/** The rows under one event. */
export function eventDetails(e: MonitorEventView): MonitorNode[] {
  const out: MonitorNode[] = [];
  for (const p of e.problems) out.push(detail(p.message, { icon: PROBLEM_ICON[p.severity], tooltip: `${p.code}: ${p.message}`, contextValue: 'monitorProblem' }));
  if (e.status === 'ok' && e.event) out.push(detail('Matches its definition', { icon: STATUS_ICON.ok }));
  for (const m of e.metrics) {
    const counted = m.counted ? 'counted this event' : `did not count it: ${m.why}`;
    // The value first: key paths are long and the sidebar is narrow.
    out.push(
      detail(`${m.value} · ${m.keyPath.split('.').pop()}`, {
        description: counted,
        icon: new vscode.ThemeIcon(m.counted ? 'graph' : 'circle-slash'),
        tooltip: `${m.keyPath} (${m.instrumentationClass}, ${m.timeFrame}): ${m.value} in this session; it ${m.counted ? 'counted this event' : `did not count it (${m.why})`}.`,
        command: open(m.location.uri, m.location.range),
      }),
    );
  }
  if (e.status !== 'bad') {
    const ids = e.identifiers;
    out.push(detail('identifiers', { icon: new vscode.ThemeIcon('person'), description: `user_id ${idText(ids.user_id)} · project_id ${idText(ids.project_id)} · namespace_id ${idText(ids.namespace_id)}${e.plan ? ` · plan ${e.plan}` : ''}` }));
  }
  for (const [key, value] of Object.entries(e.properties)) out.push(detail(key, { icon: new vscode.ThemeIcon('symbol-property'), description: JSON.stringify(value) }));
  for (const s of e.sentFrom) out.push(detail(s.label, { icon: new vscode.ThemeIcon('go-to-file'), description: s.possible ? 'may have sent it (name built at run time)' : 'sends it', command: open(s.uri, s.range) }));
  if (e.eventId) out.push(detail('event id', { icon: new vscode.ThemeIcon('key'), description: e.eventId }));
  return out;
}

/** How the tree answers VS Code: events at the root, details below them. */
export class MonitorTreeProvider implements vscode.TreeDataProvider<MonitorNode> {
  private readonly changed = new vscode.EventEmitter<MonitorNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private latest: MonitorEvents | undefined;

  constructor(
    private fetch: () => Promise<MonitorEvents | undefined>,
    private fetchOne: (seq: number) => Promise<MonitorEventView | undefined>,
  ) {}

  /** The last answer, for the view's message and for tests. */
  get last(): MonitorEvents | undefined {
    return this.latest;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: MonitorNode): vscode.TreeItem {
    if (node.kind === 'event') return eventItem(node.event);
    if (node.kind === 'detail') return node.item;
    if (node.kind === 'other') {
      const other = new vscode.TreeItem(`${node.count} page views and other Snowplow events`, vscode.TreeItemCollapsibleState.None);
      other.iconPath = new vscode.ThemeIcon('eye-closed');
      other.tooltip = 'Received and kept (see /micro/good), but not internal events, so not listed here.';
      return other;
    }
    const more = new vscode.TreeItem(`… ${node.count} older events not shown`, vscode.TreeItemCollapsibleState.None);
    more.iconPath = new vscode.ThemeIcon('ellipsis');
    return more;
  }

  async getChildren(node?: MonitorNode): Promise<MonitorNode[]> {
    if (node?.kind === 'event') {
      // Details are asked for when a row is expanded: metric values are those of this moment.
      const full = await this.fetchOne(node.event.seq);
      return full ? eventDetails(full) : [detail('No longer kept (more than 10,000 newer events arrived)', { icon: new vscode.ThemeIcon('history') })];
    }
    if (node) return [];
    this.latest = await this.fetch();
    if (!this.latest) return [];
    const rows: MonitorNode[] = this.latest.events.map((event) => ({ kind: 'event', event }));
    if (this.latest.matching > this.latest.events.length) rows.push({ kind: 'more', count: this.latest.matching - this.latest.events.length });
    if (this.latest.otherEvents > 0) rows.push({ kind: 'other', count: this.latest.otherEvents });
    return rows;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export const OPEN_LOCATION_COMMAND = OPEN;
