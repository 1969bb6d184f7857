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
