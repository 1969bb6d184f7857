// The real Snowplow Node tracker, configured as GitLab's backend sends internal events: a
// structured event whose action is the event name, with the gitlab_standard and
// gitlab_service_ping contexts.
import { newTracker, buildStructEvent, type Tracker } from '@snowplow/node-tracker';
import { gitlabContexts, type InternalEventSpec } from './trackerPayloads';

export function gitlabTracker(port: number, opts: { method?: 'get' | 'post'; bufferSize?: number; encodeBase64?: boolean } = {}): Tracker {
  return newTracker(
    { namespace: 'gl', appId: 'gitlab', encodeBase64: opts.encodeBase64 ?? true },
    { endpoint: '127.0.0.1', port, protocol: 'http', eventMethod: opts.method ?? 'post', bufferSize: opts.bufferSize ?? 1, retryFailedRequests: false },
  );
}

/** Tracks one internal event the way Gitlab::InternalEvents does. */
export function trackInternalEvent(tracker: Tracker, s: InternalEventSpec): void {
  tracker.track(buildStructEvent({ category: s.category ?? 'InternalEventTracking', action: s.event, label: s.label, property: s.property, value: s.value }), gitlabContexts(s) as never);
}
