// The HTTP side of the event monitor: a Snowplow collector (GET /i, POST tp2, CORS for the allowed
// origins) and Snowplow Micro's REST API (/micro/all, /micro/good, /micro/bad, /micro/reset) on one
// port, feeding a MonitorSession. Bound to 127.0.0.1 by the caller; nothing is written to disk and
// nothing is forwarded. Every malformed request ends as a bad event with its reason, never a throw.
import * as http from 'node:http';
import type { MonitorSession } from '../core/monitor/session';
import { paramsFromPostBody, paramsFromQuery } from '../core/monitor/trackerProtocol';
import { toMicroBad, toMicroGood, type MicroCounts } from '../core/monitor/microApi';
import { isObject } from '../core/monitor/trackerProtocol';

export const TP2_PATH = '/com.snowplowanalytics.snowplow/tp2';
export const MAX_BODY_BYTES = 1024 * 1024;
/** How much of a bad body /micro/bad shows. */
const BAD_BODY_EXCERPT = 2000;

/** The 1×1 transparent GIF collectors answer GET /i with. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export interface CollectorOptions {
  session: MonitorSession;
  /** Origins whose pages may send events from a browser (CORS, with credentials). */
  allowedOrigins: () => readonly string[];
  now?: () => number;
  maxBodyBytes?: number;
  /** Slow clients: a request must be complete within this time (ms). */
  requestTimeoutMs?: number;
}

export function microCounts(session: MonitorSession): MicroCounts {
  return { total: session.goodTotal + session.badTotal, good: session.goodTotal, bad: session.badTotal };
}

export function createCollector(opts: CollectorOptions): http.Server {
  const now = opts.now ?? Date.now;
  const maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const requestTimeout = opts.requestTimeoutMs ?? 10_000;
  const server = http.createServer({ requestTimeout, headersTimeout: Math.min(requestTimeout, 5_000), connectionsCheckingInterval: Math.min(1_000, requestTimeout / 2) }, (req, res) => {
    try {
      route(req, res);
    } catch (e) {
      // A bug here must not take the language server down with it.
      opts.session.ingestBad(`internal error while reading the request: ${(e as Error).message}`, now(), 'collector', { path: req.url });
      if (!res.headersSent) send(res, 500, 'internal error');
    }
  });
  server.keepAliveTimeout = 5_000;
  server.maxConnections = 256;

  function corsHeaders(req: http.IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!origin || !opts.allowedOrigins().includes(origin)) return {};
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
  }

  function send(res: http.ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}, type = 'text/plain; charset=utf-8'): void {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  }

  function sendJson(req: http.IncomingMessage, res: http.ServerResponse, value: unknown): void {
    send(res, 200, JSON.stringify(value), corsHeaders(req), 'application/json');
  }

  function route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return preflight(req, res);
    if (path === '/i' && (method === 'GET' || method === 'HEAD')) {
      opts.session.ingestParams(paramsFromQuery(url.search), now(), 'collector', { path, query: url.search.slice(0, BAD_BODY_EXCERPT) });
      return send(res, 200, PIXEL, corsHeaders(req), 'image/gif');
    }
    if (path === TP2_PATH && method === 'POST') return readBody(req, res, (body) => ingestTp2(req, res, body));
    if (path === '/micro/all' && (method === 'GET' || method === 'POST')) return sendJson(req, res, microCounts(opts.session));
    if ((path === '/micro/good' || path === '/micro/bad') && (method === 'GET' || method === 'POST')) {
      const good = path === '/micro/good';
      if (method === 'GET') return sendJson(req, res, good ? goodList({}) : badList());
      return readBody(req, res, (body) => sendJson(req, res, good ? goodList(parseFilter(body)) : badList()));
    }
    if (path === '/micro/reset' && (method === 'GET' || method === 'POST')) {
      opts.session.reset();
      return sendJson(req, res, microCounts(opts.session));
    }
    send(res, 404, `not found: ${method} ${path}\n`, corsHeaders(req));
  }

  function preflight(req: http.IncomingMessage, res: http.ServerResponse): void {
    const cors = corsHeaders(req);
    if (!cors['Access-Control-Allow-Origin']) return send(res, 403, 'origin not allowed: add it to internalEvents.monitor.allowedOrigins\n');
    const requested = req.headers['access-control-request-headers'];
    res.writeHead(204, {
      ...cors,
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': typeof requested === 'string' && requested ? requested : 'Content-Type',
      'Access-Control-Max-Age': '600',
    });
    res.end();
  }

  function ingestTp2(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const receivedAt = now();
    const batch = paramsFromPostBody(body);
    if (!batch.ok) {
      opts.session.ingestBad(batch.reason, receivedAt, 'collector', { path: TP2_PATH, body: body.slice(0, BAD_BODY_EXCERPT) });
    } else {
      for (const params of batch.value) opts.session.ingestParams(params, receivedAt, 'collector', { path: TP2_PATH });
    }
    // Collectors answer 200 to what they received, bad or not (the tracker must not retry it).
    send(res, 200, 'ok', corsHeaders(req));
  }

  /** Reads a body up to the limit; too large, cut off or timed out becomes a bad event. */
  function readBody(req: http.IncomingMessage, res: http.ServerResponse, then: (body: string) => void): void {
    const declared = Number(req.headers['content-length']);
    const path = req.url ?? '';
    const refuse = (size: string) => {
      opts.session.ingestBad(`request body of ${size} refused: the limit is ${maxBody} bytes`, now(), 'collector', { path });
      res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close', ...corsHeaders(req) });
      res.end(`request body over ${maxBody} bytes\n`, () => req.destroy());
    };
    if (Number.isFinite(declared) && declared > maxBody) return refuse(`${declared} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBody) {
        done = true;
        refuse(`more than ${maxBody} bytes`);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      then(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('close', () => {
      if (done) return;
      done = true;
      opts.session.ingestBad(`the connection closed before the body was complete (${size} bytes received${req.readableAborted ? ', aborted' : ''})`, now(), 'collector', {
        path,
        body: Buffer.concat(chunks).toString('utf8').slice(0, BAD_BODY_EXCERPT),
      });
    });
    req.on('error', () => undefined); // 'close' follows and records it
  }

  function goodList(filter: GoodFilter): unknown[] {
    let events = opts.session.goodEvents().filter((e) => (!filter.event_type || e.tracker.eventType === filter.event_type) && (!filter.schema || toMicroGood(e).schema === filter.schema));
    if (filter.contexts?.length) events = events.filter((e) => filter.contexts!.every((c) => e.tracker.contexts.some((x) => x.schema === c)));
    if (filter.limit !== undefined) events = events.slice(-filter.limit);
    return events.map(toMicroGood);
  }

  function badList(): unknown[] {
    return opts.session.badEvents().map(toMicroBad);
  }

  return server;
}

/** Micro's POST /micro/good filter body: schema, event_type, contexts, limit. */
interface GoodFilter {
  schema?: string;
  event_type?: string;
  contexts?: string[];
  limit?: number;
}

function parseFilter(body: string): GoodFilter {
  try {
    const json: unknown = JSON.parse(body || '{}');
    if (!isObject(json)) return {};
    return {
      schema: typeof json.schema === 'string' ? json.schema : undefined,
      event_type: typeof json.event_type === 'string' ? json.event_type : undefined,
      contexts: Array.isArray(json.contexts) ? json.contexts.filter((c): c is string => typeof c === 'string') : undefined,
      limit: typeof json.limit === 'number' && json.limit >= 0 ? Math.floor(json.limit) : undefined,
    };
  } catch {
    return {};
  }
}
