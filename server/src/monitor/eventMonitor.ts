// Starts and stops the event monitor on a port: our own collector bound to 127.0.0.1, or, when a
// real Snowplow Micro already serves that port (it answers /micro/all), attach mode: poll Micro's
// /micro/good and /micro/bad once a second instead of binding. Shared by the language server and
// the CLI, so both behave the same.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MonitorSession, type IndexFor } from '../core/monitor/session';
import { readMicroBad, readMicroCounts, readMicroGood } from '../core/monitor/microApi';
import { createCollector } from './collector';

export const MONITOR_HOST = '127.0.0.1';
const POLL_MS = 1000;
const PROBE_TIMEOUT_MS = 1500;
/** A Micro answer larger than this is not read (it holds every event since its start). */
const MAX_MICRO_RESPONSE_BYTES = 64 * 1024 * 1024;

export type MonitorMode = 'listening' | 'attached';

export interface MonitorState {
  running: boolean;
  mode?: MonitorMode;
  port?: number;
  /** Why it is not running, or what attach mode lost. */
  message?: string;
}

/** The port is taken by something that is not a Snowplow Micro: nothing to listen on or attach to. */
export class PortInUseError extends Error {}

export interface EventMonitorOptions {
  indexFor: IndexFor;
  allowedOrigins: () => readonly string[];
  log?: { info(m: string): void; warn(m: string): void };
  /** Called whenever an event arrives or the state changes. */
  onChange?: () => void;
}

export class EventMonitor {
  readonly session: MonitorSession;
  private server?: http.Server;
  private poller?: NodeJS.Timeout;
  private state: MonitorState = { running: false };

  constructor(private opts: EventMonitorOptions) {
    this.session = new MonitorSession(opts.indexFor);
    this.session.onEvent(() => opts.onChange?.());
  }

  get status(): MonitorState {
    return this.state;
  }

  private starting?: Promise<MonitorState>;

  /** Listens on the port, or attaches to the Micro serving it. Rejects with PortInUseError otherwise. */
  start(port: number): Promise<MonitorState> {
    if (this.state.running) return Promise.resolve(this.state);
    // Two starts at once (auto-start and the command) must not find each other's port taken.
    this.starting ??= this.startOn(port).finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startOn(port: number): Promise<MonitorState> {
    const server = createCollector({ session: this.session, allowedOrigins: this.opts.allowedOrigins });
    try {
      await listen(server, port);
      this.server = server;
      const actual = (server.address() as AddressInfo).port;
      this.setState({ running: true, mode: 'listening', port: actual });
      this.opts.log?.info(`event monitor listening on http://${MONITOR_HOST}:${actual} (Snowplow collector and Micro API)`);
      return this.state;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
    const counts = await probeMicro(port);
    if (!counts) throw new PortInUseError(`port ${port} is in use by something that is not Snowplow Micro (it does not answer /micro/all); choose another port (internalEvents.monitor.port or --port)`);
    this.setState({ running: true, mode: 'attached', port });
    this.opts.log?.info(`attached to the Snowplow Micro at http://${MONITOR_HOST}:${port}: reading its /micro/good and /micro/bad once a second`);
    await this.attach(port);
    return this.state;
  }

  stop(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
    this.server?.closeAllConnections?.();
    this.server?.close();
    this.server = undefined;
    if (this.state.running) this.setState({ running: false });
  }

  private setState(s: MonitorState): void {
    this.state = s;
    this.opts.onChange?.();
  }

  /** Polls a Micro; each event is read once (Micro lists everything since its last reset). */
  private async attach(port: number): Promise<void> {
    const seenGood = new Set<string>();
    const seenBad = new Set<string>();
    let lastTotal = 0;
    let polling = false;
    const poll = async () => {
      if (polling || !this.state.running) return;
      polling = true;
      try {
        const counts = readMicroCounts(await getJson(port, '/micro/all'));
        if (!counts) throw new Error('its /micro/all answer is not Micro’s');
        if (counts.total < lastTotal) {
          // Micro was reset: so is the session, as it would be after our own /micro/reset.
          seenGood.clear();
          seenBad.clear();
          this.session.reset();
        }
        lastTotal = counts.total;
        if (counts.good > 0) {
          for (const entry of readMicroGood(await getJson(port, '/micro/good'))) {
            if (seenGood.has(entry.key)) continue;
            seenGood.add(entry.key);
            this.session.ingestParams(entry.params, entry.receivedAt ?? Date.now(), 'micro');
          }
        }
        if (counts.bad > 0) {
          for (const entry of readMicroBad(await getJson(port, '/micro/bad'))) {
            if (seenBad.has(entry.key)) continue;
            seenBad.add(entry.key);
            this.session.ingestBad(entry.reason, Date.now(), 'micro');
          }
        }
        if (this.state.message) this.setState({ running: true, mode: 'attached', port });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ECONNREFUSED' && (await this.takeOver(port))) return;
        const message = `Snowplow Micro on port ${port} does not answer (${(e as Error).message})`;
        if (this.state.message !== message) {
          this.opts.log?.warn(message);
          this.setState({ running: true, mode: 'attached', port, message });
        }
      } finally {
        polling = false;
      }
    };
    await poll();
    this.poller = setInterval(() => void poll(), POLL_MS);
  }

  /** The Micro we attached to has gone: serve its port ourselves, keeping the session. */
  private async takeOver(port: number): Promise<boolean> {
    const server = createCollector({ session: this.session, allowedOrigins: this.opts.allowedOrigins });
    try {
      await listen(server, port);
    } catch {
      return false;
    }
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
    this.server = server;
    this.opts.log?.info(`Snowplow Micro on port ${port} stopped; the event monitor now listens there itself`);
    this.setState({ running: true, mode: 'listening', port });
    return true;
  }
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, MONITOR_HOST);
  });
}

/** Micro's counts when the port is served by a Micro (or by another of our monitors), else undefined. */
export async function probeMicro(port: number): Promise<ReturnType<typeof readMicroCounts>> {
  try {
    return readMicroCounts(await getJson(port, '/micro/all', PROBE_TIMEOUT_MS));
  } catch {
    return undefined;
  }
}

function getJson(port: number, path: string, timeoutMs = 5000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: MONITOR_HOST, port, path, timeout: timeoutMs, headers: { Accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_MICRO_RESPONSE_BYTES) req.destroy(new Error(`${path} answered more than ${MAX_MICRO_RESPONSE_BYTES} bytes`));
        else chunks.push(c);
      });
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${path} answered HTTP ${res.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new Error(`${path} did not answer JSON`));
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${path} timed out`)));
    req.on('error', reject);
  });
}
