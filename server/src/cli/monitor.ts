// `internal-events monitor [ROOT] [--port 9090] [--json] [EVENT...]`: the editor's event monitor
// without VS Code. The same collector (or attach mode) and the same checks; a terminal screen like
// GitLab's monitor.rb, or one JSON object per received event. Ctrl+C / SIGTERM exit 0; a port held
// by something that is not Snowplow Micro exits 2.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventMonitor, MONITOR_HOST, PortInUseError } from '../monitor/eventMonitor';
import { jsonLine, reportEvent } from '../core/monitor/eventReport';
import type { BadEvent, CheckedEvent } from '../core/monitor/session';
import { renderScreen, wanted, type ScreenState } from '../core/monitor/terminalScreen';
import type { ProjectIndex } from '../core/projectIndex';
import { loadIndex, parseArgs, type CliCommand, DEFINITIONS_OPTION } from './common';

const DEFAULT_ORIGINS = ['http://gdk.test:3000', 'http://127.0.0.1:3000', 'http://localhost:3000'];
const REDRAW_MS = 1000;

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['port', 'allowed-origin', DEFINITIONS_OPTION], flags: ['json'], aliases: { p: 'port' } });
  const port = args.options.port === undefined ? 9090 : Number(args.options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) args.fail(`--port must be a port number, not '${args.options.port}'`);
  // ROOT is the first positional when it is a folder; every other positional is an event name.
  const first = args.positionals[0];
  const rootGiven = first !== undefined && fs.existsSync(first) && fs.statSync(first).isDirectory();
  const root = path.resolve(rootGiven ? first : '.');
  const monitored = args.positionals.slice(rootGiven ? 1 : 0);
  const origins = args.options['allowed-origin'] ? args.options['allowed-origin'].split(',') : DEFAULT_ORIGINS;

  const { index } = await loadIndex(root, { definitions: args.options[DEFINITIONS_OPTION] });
  const monitor = new EventMonitor({ indexFor: () => index, allowedOrigins: () => origins });
  try {
    await monitor.start(port);
  } catch (e) {
    if (e instanceof PortInUseError) {
      process.stderr.write(`internal-events monitor: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const where = `http://${MONITOR_HOST}:${monitor.status.port}`;
  const how = monitor.status.mode === 'attached' ? `reading the Snowplow Micro at ${where}` : `listening on ${where} (Snowplow collector and Micro API)`;
  process.stderr.write(`internal-events monitor: ${how}; ${monitored.length ? `events ${monitored.join(', ')}` : 'all events'}; Ctrl+C to stop\n`);
  const unwatch = watchDefinitions(index, () => monitor.session.definitionsChanged());

  const state: ScreenState = {
    monitored,
    initialValues: new Map(),
    firstNewSeq: monitor.session.goodTotal + monitor.session.badTotal + 1,
    header: '',
    width: process.stdout.columns || 160,
    rows: process.stdout.rows || 40,
    colour: Boolean(process.stdout.isTTY),
  };
  const screen = process.stdout.isTTY && !args.flags.has('json');
  let stopScreen = () => {};
  if (args.flags.has('json')) {
    // Events already in a Micro we attached to are printed too, oldest first.
    for (const e of [...monitor.session.goodEvents(), ...monitor.session.badEvents()].sort((a, b) => a.seq - b.seq)) printJson(e);
    monitor.session.onEvent(printJson);
  } else if (screen) stopScreen = drawScreen();
  else monitor.session.onEvent(printLine);

  function printJson(e: CheckedEvent | BadEvent): void {
    if (wanted(state, e)) process.stdout.write(jsonLine(reportEvent(monitor.session, e)) + '\n');
  }

  function printLine(e: CheckedEvent | BadEvent): void {
    if (!wanted(state, e)) return;
    const r = reportEvent(monitor.session, e);
    const verdict = r.problems.length ? r.problems.map((p) => `${p.severity} ${p.code}: ${p.message}`).join('; ') : 'ok';
    const metrics = r.metrics.map((m) => `${m.keyPath}=${m.value}`).join(' ');
    process.stdout.write(`${r.receivedAt} ${r.event ?? '(bad payload)'} user_id=${r.identifiers.user_id ?? '-'} project_id=${r.identifiers.project_id ?? '-'} namespace_id=${r.identifiers.namespace_id ?? '-'} ${verdict}${metrics ? ` | ${metrics}` : ''}\n`);
  }

  function drawScreen(): () => void {
    process.stdout.write('\x1b[?1049h\x1b[H'); // the alternate screen, as monitor.rb uses
    let pending = false;
    const draw = () => {
      pending = false;
      state.width = process.stdout.columns || state.width;
      state.rows = process.stdout.rows || state.rows;
      state.header = `Internal events monitor · ${how} · updated ${new Date().toLocaleTimeString()}`;
      process.stdout.write('\x1b[H\x1b[2J' + renderScreen(monitor.session, state));
    };
    draw();
    const timer = setInterval(draw, REDRAW_MS);
    const off = monitor.session.onEvent(() => {
      if (pending) return;
      pending = true;
      setTimeout(draw, 100);
    });
    return () => {
      clearInterval(timer);
      off();
      process.stdout.write('\x1b[?1049l');
    };
  }

  return new Promise<number>((resolve) => {
    const finish = () => {
      stopScreen();
      unwatch();
      monitor.stop();
      resolve(0);
    };
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
}

/** Definitions edited while the monitor runs are read again, and received events re-checked. */
function watchDefinitions(index: ProjectIndex, changed: () => void): () => void {
  let watcher: fs.FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  const pending = new Set<string>();
  try {
    watcher = fs.watch(index.root, { recursive: true }, (_event, name) => {
      if (!name) return;
      const rel = String(name).split(path.sep).join('/');
      const kind = index.classify(rel);
      if (kind !== 'event' && kind !== 'removed-event' && kind !== 'metric' && kind !== 'schema') return;
      pending.add(rel);
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const f of pending) index.update(f);
        pending.clear();
        changed();
      }, 200);
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // No recursive watching here: the definitions read at start are used.
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}

export const monitorCommand: CliCommand = {
  name: 'monitor',
  usage: 'internal-events monitor [ROOT] [--port 9090] [--json] [--allowed-origin URL,…] [--definitions ../gitlab] [EVENT...]',
  summary:
    'Receives Snowplow events on 127.0.0.1:PORT (or reads the Snowplow Micro serving it), checks each against the definitions under ROOT\nand shows the metrics it feeds: a terminal screen, or with --json one JSON object per event on stdout. Exit 0 on Ctrl+C, 2 if the port is taken.',
  run,
};

