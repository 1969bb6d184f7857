// Protocol wiring for the event monitor: start/stop/clear and the view's event list as requests,
// a coalesced status notification whenever something arrives, and the hover section. The
// collector runs in this process (server/src/monitor/) and never blocks a request for long:
// bodies are bounded and each event is checked in microseconds.
import * as path from 'node:path';
import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import type { ProjectIndex } from './core/projectIndex';
import { eventRow, reportEvent, type PlaceInFile } from './core/monitor/eventReport';
import { isProblem } from './core/monitor/session';
import { eventsOfFile } from './core/monitor/eventsOfFile';
import { monitorHoverSection } from './core/monitor/hoverSection';
import { EventMonitor, PortInUseError } from './monitor/eventMonitor';
import type { AuthoringContext } from './authoringHandlers';
import {
  MONITOR_REQUESTS,
  MONITOR_STATUS_NOTIFICATION,
  type LocationInFile,
  type MonitorEvents,
  type MonitorEventsParams,
  type MonitorEventView,
  type MonitorStartParams,
  type MonitorStatus,
} from './protocol';

/** Status notifications are at least this far apart: at 2,000 events/s the client gets ≤ 50/s. */
const NOTIFY_AFTER_MS = 20;
/** The definitions settle this long after the last change before received events are re-checked. */
const RECHECK_AFTER_MS = 300;
const DEFAULT_VIEW_LIMIT = 500;
const MAX_VIEW_LIMIT = 5000;

export interface MonitorWiring {
  /** Markdown to add to a hover about this event, when the monitor has run. */
  hoverSection(event: string): string | undefined;
  /** Something in an index changed: received events are checked again shortly. */
  indexChanged(): void;
  stop(): void;
}

export function registerMonitor(ctx: AuthoringContext): MonitorWiring {
  let allowedOrigins: string[] = [];
  let version = 0;
  let lastMessage: string | undefined;
  let notifyTimer: NodeJS.Timeout | undefined;
  let recheckTimer: NodeJS.Timeout | undefined;
  let everStarted = false;

  /** The index that defines the event, else the first (for "did you mean"). */
  const indexFor = (name: string): ProjectIndex | undefined => {
    const indexes = ctx.workspace().indexes;
    return indexes.find((i) => i.eventsNamed(name).length > 0 || i.removedEventNamed(name)) ?? indexes[0];
  };

  const monitor = new EventMonitor({
    indexFor,
    allowedOrigins: () => allowedOrigins,
    log: ctx.log,
    onChange: () => scheduleNotify(),
  });

  function status(): MonitorStatus {
    const s = monitor.session;
    const state = monitor.status;
    return {
      running: state.running,
      mode: state.mode,
      port: state.port,
      received: s.goodTotal + s.badTotal,
      problems: s.problemCount(),
      dropped: s.droppedGood + s.droppedBad,
      message: state.message ?? (state.running ? undefined : lastMessage),
      version,
    };
  }

  /** The first change after a quiet moment is told at once; changes during a burst, once per interval. */
  let lastNotified = 0;
  function scheduleNotify(): void {
    version++;
    if (notifyTimer) return;
    const send = () => {
      notifyTimer = undefined;
      lastNotified = Date.now();
      void ctx.connection.sendNotification(MONITOR_STATUS_NOTIFICATION, status());
    };
    const wait = lastNotified + NOTIFY_AFTER_MS - Date.now();
    // setImmediate even when quiet: the events of one tp2 batch arrive in one go and share it.
    notifyTimer = wait <= 0 ? (setImmediate(send) as unknown as NodeJS.Timeout) : setTimeout(send, wait);
  }

  ctx.connection.onRequest(MONITOR_REQUESTS.start, async (params: MonitorStartParams): Promise<MonitorStatus> => {
    if (!ctx.trusted()) throw new ResponseError(ErrorCodes.InvalidRequest, 'The event monitor opens a port, so it is off in Restricted Mode: trust the workspace to use it.');
    allowedOrigins = Array.isArray(params?.allowedOrigins) ? params.allowedOrigins.filter((o): o is string => typeof o === 'string') : [];
    const port = Number.isInteger(params?.port) && params.port >= 0 && params.port < 65536 ? params.port : 9090;
    if (monitor.status.running && monitor.status.port !== port && port !== 0) monitor.stop();
    try {
      await monitor.start(port);
      everStarted = true;
      lastMessage = undefined;
    } catch (e) {
      lastMessage = e instanceof PortInUseError ? e.message : `the event monitor could not start on port ${port}: ${(e as Error).message}`;
      ctx.log.warn(lastMessage);
    }
    scheduleNotify();
    return status();
  });

  ctx.connection.onRequest(MONITOR_REQUESTS.stop, (): MonitorStatus => {
    monitor.stop();
    lastMessage = undefined;
    scheduleNotify();
    return status();
  });

  ctx.connection.onRequest(MONITOR_REQUESTS.clear, (): MonitorStatus => {
    monitor.session.reset();
    scheduleNotify();
    return status();
  });

  ctx.connection.onRequest(MONITOR_REQUESTS.events, (params: MonitorEventsParams): MonitorEvents => {
    const limit = Math.min(MAX_VIEW_LIMIT, Math.max(1, Number(params?.limit) || DEFAULT_VIEW_LIMIT));
    const only = params?.fileUri ? namesOfFile(params.fileUri) : undefined;
    const s = monitor.session;
    // Page views, page pings and self-describing events are Snowplow's, not internal events: a GDK
    // sends one per page load, which would bury the events being worked on. They are counted.
    const good = s.goodEvents();
    const structured = good.filter((e) => e.tracker.eventType === 'struct');
    const all = [...structured, ...s.badEvents()]
      .filter((e) => !params?.problemsOnly || isProblem(e))
      .filter((e) => !only || (!('reason' in e) && e.name !== undefined && only.has(e.name)));
    all.sort((a, b) => b.seq - a.seq);
    const events = all.slice(0, limit).map((e) => {
      const { definition, ...row } = eventRow(s, e);
      return { ...row, definition: definition ? toLocation(definition) : undefined };
    });
    return { events, matching: all.length, otherEvents: good.length - structured.length, status: status() };
  });

  ctx.connection.onRequest(MONITOR_REQUESTS.event, (params: { seq?: number }): MonitorEventView | null => {
    const e = typeof params?.seq === 'number' ? monitor.session.bySeq(params.seq) : undefined;
    return e ? toView(reportEvent(monitor.session, e)) : null;
  });

  function namesOfFile(uri: string): Set<string> {
    const d = ctx.docAt(uri);
    return d ? eventsOfFile(d.index, d.rel, d.text) : new Set();
  }

  const toLocation = (p: PlaceInFile): LocationInFile => ({ uri: ctx.pathToUri(path.join(p.root ?? '', p.file)), range: p.range });

  function toView(r: ReturnType<typeof reportEvent>): MonitorEventView {
    const { definition, sentFrom, metrics, ...rest } = r;
    return {
      ...rest,
      definition: definition ? toLocation(definition) : undefined,
      sentFrom: sentFrom.map((s) => ({ ...toLocation(s), possible: s.possible, label: `${s.file}:${s.range.start.line + 1}` })),
      metrics: metrics.map(({ place, ...m }) => ({ ...m, location: toLocation(place) })),
    };
  }

  return {
    hoverSection(event) {
      return everStarted ? monitorHoverSection(monitor.session, event, Date.now()) : undefined;
    },
    indexChanged() {
      if (!everStarted || recheckTimer) return;
      recheckTimer = setTimeout(() => {
        recheckTimer = undefined;
        if (monitor.session.definitionsChanged()) scheduleNotify();
      }, RECHECK_AFTER_MS);
    },
    stop() {
      monitor.stop();
    },
  };
}
