// The index state in the status bar. The server pushes `internalEvents/status` whenever the index
// changes; this item only renders the latest state and never asks the server anything.
import * as vscode from 'vscode';

import { STATUS_NOTIFICATION, type IndexStatus } from '../../server/src/protocol';

export { STATUS_NOTIFICATION, type IndexStatus };

const TITLE = 'Internal Events';

export class IndexStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(showOutputCommand: string) {
    // Left side, low priority: sits to the right of the more important left-hand items.
    this.item = vscode.window.createStatusBarItem('internalEvents.status', vscode.StatusBarAlignment.Left, -100);
    this.item.name = TITLE;
    this.item.command = showOutputCommand;
    this.showStarting();
    this.item.show();
  }

  /** Not shown while the server has nothing to do in this window (dormancy.ts). */
  hide(): void {
    this.item.hide();
  }

  /** Before the server has said anything (also after each restart). */
  showStarting(): void {
    this.item.show();
    this.item.text = `$(sync~spin) ${TITLE}`;
    this.item.tooltip = `${TITLE}: starting the language server`;
    this.item.backgroundColor = undefined;
  }

  showStopped(reason: string): void {
    this.render({ state: 'error', events: 0, metrics: 0, callSites: 0, message: reason });
  }

  render(status: IndexStatus): void {
    switch (status.state) {
      case 'indexing': {
        const progress = status.total ? ` ${status.done ?? 0}/${status.total}` : '';
        this.item.text = `$(sync~spin) ${TITLE}: indexing${progress}`;
        this.item.tooltip = `${TITLE}: indexing the workspace${progress}`;
        this.item.backgroundColor = undefined;
        break;
      }
      case 'ready': {
        const warnings = status.warnings ?? [];
        this.item.text = `$(${warnings.length ? 'warning' : 'check'}) ${count(status.events, 'event')} · ${count(status.metrics, 'metric')}`;
        this.item.tooltip = [
          `${TITLE}: index ready`,
          `${count(status.events, 'event')}, ${count(status.metrics, 'metric')}, ${count(status.callSites, 'call site')}`,
          ...warnings,
          'Click to show the log',
        ].join('\n');
        this.item.backgroundColor = warnings.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
        break;
      }
      case 'error':
        this.item.text = `$(error) ${TITLE}`;
        this.item.tooltip = `${TITLE}: ${status.message ?? 'error'}\nClick to show the log`;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
