// The few messages the client and the server exchange beyond LSP itself. Both sides import this
// file, so a change to the shape is a type error on both.

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
