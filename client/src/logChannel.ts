// vscode-languageclient writes every server log line to its output channel as plain text with a
// "[Error - 10:42:01 AM] " prefix. Given a LogOutputChannel, that would log everything at info
// level with two timestamps. This adapter turns the prefix back into the line's log level, so the
// log file's [error]/[warning] markers mean what they say. Debug and trace lines stay at info: the
// server only sends them when `internalEvents.logLevel` / `internalEvents.trace.server` ask for
// them, and the channel's own default level (info) would otherwise hide what was asked for.
import * as vscode from 'vscode';

const PREFIX = /^\[(Error|Warn|Info|Debug)\s*- [^\]]*\] ?/;

export function levelledOutputChannel(log: vscode.LogOutputChannel): vscode.OutputChannel {
  return {
    name: log.name,
    append: (value) => log.append(value),
    appendLine: (line) => {
      const match = PREFIX.exec(line);
      const message = match ? line.slice(match[0].length) : line;
      switch (match?.[1]) {
        case 'Error':
          return log.error(message);
        case 'Warn':
          return log.warn(message);
        default:
          return log.info(message);
      }
    },
    replace: (value) => log.replace(value),
    clear: () => log.clear(),
    show: (columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean) =>
      typeof columnOrPreserveFocus === 'boolean' ? log.show(columnOrPreserveFocus) : log.show(columnOrPreserveFocus, preserveFocus),
    hide: () => log.hide(),
    dispose: () => log.dispose(),
  };
}
