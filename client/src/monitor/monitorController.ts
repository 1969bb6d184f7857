// The event monitor's editor side: the commands (start, stop, clear, filters), the status bar
// item "monitor :9090 · N events · M problems", the view, auto-start, and a restart of the monitor
// when the language server restarts. The collector itself runs in the server.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  MONITOR_REQUESTS,
  MONITOR_STATUS_NOTIFICATION,
  type MonitorEvents,
  type MonitorEventView,
  type MonitorStatus,
} from '../../../server/src/protocol';
import { isTrusted } from '../restrictedMode';
import { MonitorTreeProvider, OPEN_LOCATION_COMMAND } from './monitorTree';

export const MONITOR_COMMANDS = {
  start: 'internalEvents.startMonitor',
  stop: 'internalEvents.stopMonitor',
  clear: 'internalEvents.clearMonitor',
  problemsOnly: 'internalEvents.monitor.showProblemsOnly',
  allEvents: 'internalEvents.monitor.showAllEvents',
  currentFile: 'internalEvents.monitor.showCurrentFileOnly',
  allFiles: 'internalEvents.monitor.showAllFiles',
  open: OPEN_LOCATION_COMMAND,
} as const;

export const MONITOR_VIEW = 'internalEvents.monitor';
const REFRESH_MS = 250;

interface MonitorSettings {
  port: number;
  autoStart: boolean;
  allowedOrigins: string[];
}

function settings(): MonitorSettings {
  const c = vscode.workspace.getConfiguration('internalEvents.monitor');
  return {
    port: c.get<number>('port', 9090),
    autoStart: c.get<boolean>('autoStart', false),
    allowedOrigins: c.get<string[]>('allowedOrigins', ['http://gdk.test:3000', 'http://127.0.0.1:3000', 'http://localhost:3000']),
  };
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function registerMonitorUi(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable[] {
  let status: MonitorStatus = { running: false, received: 0, problems: 0, dropped: 0, version: 0 };
  /** The user wants it running: survives server restarts, cleared by Stop. */
  let wanted = false;
  let problemsOnly = false;
  let currentFileOnly = false;
  let shownVersion = -1;

  const fileUri = () => {
    const doc = vscode.window.activeTextEditor?.document;
    return doc?.uri.scheme === 'file' ? doc.uri.toString() : undefined;
  };
  const fetch = async (): Promise<MonitorEvents | undefined> => {
    if (!client.isRunning()) return undefined;
    try {
      return await client.sendRequest<MonitorEvents>(MONITOR_REQUESTS.events, { problemsOnly, fileUri: currentFileOnly ? (fileUri() ?? 'none:') : undefined });
    } catch (e) {
      output.warn(`Event monitor: could not read the received events: ${String(e)}`);
      return undefined;
    }
  };
  const fetchOne = async (seq: number): Promise<MonitorEventView | undefined> => {
    if (!client.isRunning()) return undefined;
    return (await client.sendRequest<MonitorEventView | null>(MONITOR_REQUESTS.event, { seq }).catch(() => null)) ?? undefined;
  };
  const tree = new MonitorTreeProvider(fetch, fetchOne);
  const view = vscode.window.createTreeView(MONITOR_VIEW, { treeDataProvider: tree, showCollapseAll: true });

  const statusItem = vscode.window.createStatusBarItem('internalEvents.monitor', vscode.StatusBarAlignment.Left, -101);
  statusItem.name = 'Internal Events: Event Monitor';
  statusItem.command = `${MONITOR_VIEW}.focus`;

  // The first event after a quiet moment shows at once; while events stream, the view refreshes at
  // most every REFRESH_MS. Each refresh replaces the rows' commands, so a click landing during one
  // is lost: refreshing on every notification would make rows unclickable under load.
  let lastRefresh = 0;
  let refreshTimer: NodeJS.Timeout | undefined;
  const refresh = () => {
    const wait = lastRefresh + REFRESH_MS - Date.now();
    if (wait <= 0) {
      lastRefresh = Date.now();
      tree.refresh();
    } else if (!refreshTimer) {
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        lastRefresh = Date.now();
        tree.refresh();
      }, wait);
    }
  };

  const render = () => {
    void vscode.commands.executeCommand('setContext', 'internalEvents.monitor.running', status.running);
    const where = status.port !== undefined ? `:${status.port}` : '';
    if (status.running) {
      statusItem.text = `$(broadcast) monitor ${where} · ${plural(status.received, 'event')} · ${plural(status.problems, 'problem')}`;
      statusItem.tooltip = `Event monitor ${status.mode === 'attached' ? `reading the Snowplow Micro on 127.0.0.1${where}` : `listening on 127.0.0.1${where}`}${status.message ? `\n${status.message}` : ''}${status.dropped ? `\n${status.dropped} older events dropped` : ''}\nClick to show the Event Monitor`;
      statusItem.backgroundColor = status.problems ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      statusItem.show();
      view.message = status.mode === 'attached' ? `Reading the Snowplow Micro on 127.0.0.1${where}.` : undefined;
    } else if (wanted && status.message) {
      statusItem.text = `$(warning) monitor: not running`;
      statusItem.tooltip = status.message;
      statusItem.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      statusItem.show();
      view.message = status.message;
    } else {
      statusItem.hide();
      view.message = undefined;
    }
    const filters = [problemsOnly ? 'problems only' : undefined, currentFileOnly ? 'current file' : undefined].filter(Boolean);
    view.description = filters.length ? filters.join(' · ') : undefined;
    if (status.version !== shownVersion) {
      shownVersion = status.version;
      refresh();
    }
  };

  const start = async (fromUser: boolean) => {
    if (!isTrusted()) {
      if (fromUser) {
        const choice = await vscode.window.showWarningMessage('Internal Events: the event monitor opens a port, so it is off in Restricted Mode. Trust the workspace to use it.', 'Manage Workspace Trust');
        if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
      }
      return;
    }
    wanted = true;
    if (!client.isRunning()) return; // started when the server is
    const s = settings();
    try {
      status = await client.sendRequest<MonitorStatus>(MONITOR_REQUESTS.start, { port: s.port, allowedOrigins: s.allowedOrigins });
    } catch (e) {
      output.error(`Event monitor: ${String(e)}`);
      return;
    }
    render();
    if (!status.running && fromUser) void vscode.window.showErrorMessage(`Internal Events: ${status.message ?? 'the event monitor did not start'}`);
  };

  const send = async (request: string) => {
    if (!client.isRunning()) return;
    status = await client.sendRequest<MonitorStatus>(request, {});
    render();
  };

  const setFilter = (which: 'problemsOnly' | 'currentFileOnly', on: boolean) => {
    if (which === 'problemsOnly') problemsOnly = on;
    else currentFileOnly = on;
    void vscode.commands.executeCommand('setContext', `internalEvents.monitor.${which}`, on);
    render();
    tree.refresh();
  };

  client.onNotification(MONITOR_STATUS_NOTIFICATION, (s: MonitorStatus) => {
    status = s;
    render();
  });

  const openLocation = async (uri: string, line: number, character: number) => {
    const position = new vscode.Position(line, character);
    await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(position, position), preview: true });
  };

  void vscode.commands.executeCommand('setContext', 'internalEvents.monitor.running', false);
  return [
    view,
    tree,
    statusItem,
    vscode.commands.registerCommand(MONITOR_COMMANDS.start, () => start(true)),
    vscode.commands.registerCommand(MONITOR_COMMANDS.stop, async () => {
      wanted = false;
      await send(MONITOR_REQUESTS.stop);
    }),
    vscode.commands.registerCommand(MONITOR_COMMANDS.clear, () => send(MONITOR_REQUESTS.clear)),
    vscode.commands.registerCommand(MONITOR_COMMANDS.problemsOnly, () => setFilter('problemsOnly', true)),
    vscode.commands.registerCommand(MONITOR_COMMANDS.allEvents, () => setFilter('problemsOnly', false)),
    vscode.commands.registerCommand(MONITOR_COMMANDS.currentFile, () => setFilter('currentFileOnly', true)),
    vscode.commands.registerCommand(MONITOR_COMMANDS.allFiles, () => setFilter('currentFileOnly', false)),
    vscode.commands.registerCommand(MONITOR_COMMANDS.open, openLocation),
    vscode.window.onDidChangeActiveTextEditor(() => currentFileOnly && refresh()),
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Running && (wanted || settings().autoStart)) void start(false);
      if (newState === State.Stopped) {
        status = { ...status, running: false };
        render();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('internalEvents.monitor') && (status.running || wanted)) void start(false);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => settings().autoStart && void start(false)),
  ];
}
