// The few messages the client and the server exchange beyond LSP itself. Both sides import this
// file, so a change to the shape is a type error on both.
import type { Range } from './core/model';
import type { EventReport, EventRow, MetricReport } from './core/monitor/eventReport';
import type { ExplorerFilters, ExplorerNode, ExplorerView } from './core/explorer/index';

export const STATUS_NOTIFICATION = 'internalEvents/status';

/** Params of the server's `internalEvents/status` notification. */
export interface IndexStatus {
  state: 'indexing' | 'ready' | 'error';
  events: number;
  metrics: number;
  callSites: number;
  /** Files indexed so far and files to index, while indexing. */
  done?: number;
  total?: number;
  /** Why indexing failed (state 'error'), or extra detail. */
  message?: string;
  /** Problems that do not stop the index (a definition root that does not exist), for the status bar. */
  warnings?: string[];
}

/** Server-side commands behind the palette flows (sent as workspace/executeCommand). */
export const SERVER_COMMANDS = {
  listEventChoices: 'internalEvents.server.listEventChoices',
  buildNewEvent: 'internalEvents.server.buildNewEvent',
  listMetricOptions: 'internalEvents.server.listMetricOptions',
  buildNewMetrics: 'internalEvents.server.buildNewMetrics',
  trackingSnippets: 'internalEvents.server.trackingSnippets',
  eventUsages: 'internalEvents.server.eventUsages',
} as const;

/** A file a command built for the client to write (never overwriting). */
export interface GeneratedFile {
  path: string;
  absPath: string;
  uri: string;
  text: string;
}

export type { EventChoice, EventChoices } from './core/authoring/newEvent';
export type { MetricOption } from './core/authoring/newMetric';
export type { TrackingSnippet } from './core/authoring/trackingSnippets';

// ---------------------------------------------------------------------------------------------
// The event monitor (server/src/monitorHandlers.ts). The client owns the settings and the view;
// the server owns the collector and the session.

export const MONITOR_REQUESTS = {
  /** Starts (or reconfigures) the monitor. Params MonitorStartParams; result MonitorStatus. */
  start: 'internalEvents/monitor/start',
  /** Stops it. Result MonitorStatus. */
  stop: 'internalEvents/monitor/stop',
  /** Forgets every received event. Result MonitorStatus. */
  clear: 'internalEvents/monitor/clear',
  /** The newest received events, filtered, as rows. Params MonitorEventsParams; result MonitorEvents. */
  events: 'internalEvents/monitor/events',
  /** One event in full (its details). Params { seq }; result MonitorEventView, or null once dropped. */
  event: 'internalEvents/monitor/event',
} as const;

/** Server → client whenever an event arrives or the monitor's state changes (coalesced). */
export const MONITOR_STATUS_NOTIFICATION = 'internalEvents/monitor/status';

export interface MonitorStartParams {
  port: number;
  allowedOrigins: string[];
}

export interface MonitorStatus {
  running: boolean;
  mode?: 'listening' | 'attached';
  port?: number;
  /** Events received (good and bad) since the start or the last clear, dropped ones included. */
  received: number;
  /** Kept events with a warning or an error, or bad. */
  problems: number;
  dropped: number;
  /** Why it is not running, why it could not start, or what attach mode lost. */
  message?: string;
  /** Increases with every change, so the view refreshes only when something changed. */
  version: number;
}

export interface MonitorEventsParams {
  problemsOnly?: boolean;
  /** Only the events this file tracks (its calls, the event it defines, the events a metric counts). */
  fileUri?: string;
  limit?: number;
}

export interface LocationInFile {
  uri: string;
  range: Range;
}

export type MonitorEventRow = Omit<EventRow, 'definition'> & { definition?: LocationInFile };

export type MonitorEventView = Omit<EventReport, 'definition' | 'sentFrom' | 'metrics'> & {
  definition?: LocationInFile;
  sentFrom: (LocationInFile & { possible: boolean; label: string })[];
  metrics: (Omit<MetricReport, 'place'> & { location: LocationInFile })[];
};

export interface MonitorEvents {
  events: MonitorEventRow[];
  /** Events that passed the filter (the list holds the newest `limit` of them). */
  matching: number;
  /** Kept events that are not structured events (page views, self-describing): never listed. */
  otherEvents: number;
  status: MonitorStatus;
}

// ---------------------------------------------------------------------------------------------
// The Internal Events view (client/src/explorer): one request per tree level, and a notification
// when the index changed so the client asks again for what is expanded.

export const EXPLORER_CHILDREN_REQUEST = 'internalEvents/explorer/children';
export const EXPLORER_CHANGED_NOTIFICATION = 'internalEvents/explorer/changed';

export interface ExplorerChildrenParams {
  view: ExplorerView;
  /** The id of the node whose children are wanted; absent for the first level. */
  parent?: string;
  filters: ExplorerFilters;
}

/** A tree node as it travels: the core's node, with a project level when the workspace has several. */
export interface ExplorerItem extends Omit<ExplorerNode, 'location' | 'kind'> {
  kind: ExplorerNode['kind'] | 'project';
  location?: { uri: string; range: Range };
}

export interface ExplorerChildrenResult {
  nodes: ExplorerItem[];
  /** At the first level: definitions in the view before filtering (0: nothing to show at all). */
  total?: number;
}

export type { ExplorerFilters, ExplorerView, EventGrouping, NodeFlag } from './core/explorer/index';
