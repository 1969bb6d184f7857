import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { EventMonitor, PortInUseError } from '../../server/src/monitor/eventMonitor';
import { createCollector, TP2_PATH } from '../../server/src/monitor/collector';
import { MonitorSession } from '../../server/src/core/monitor/session';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { eventYaml, indexTree, metricYaml } from '../helpers/workspace';
import { gitlabTracker, trackInternalEvent } from '../helpers/snowplowTracker';
import { internalEventParams } from '../helpers/trackerPayloads';

const ORIGIN = 'http://gdk.test:3000';

let index: ProjectIndex;
before(async () => {
  index = await indexTree({
    'config/events/click_button.yml': eventYaml('click_button'),
    'config/metrics/counts_7d/users.yml': metricYaml('redis_hll_counters.count_distinct_user_id_from_click_button_weekly', '- name: click_button\n  unique: user.id', { time_frame: 'time_frame: 7d' }),
  });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(port: number, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = async (port: number, path: string) => JSON.parse((await request(port, 'GET', path)).body);

async function until(what: string, test: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('monitor: the collector with the real Snowplow node tracker', function () {
  this.timeout(20_000);
  let monitor: EventMonitor;
  let port: number;

  beforeEach(async () => {
    monitor = new EventMonitor({ indexFor: () => index, allowedOrigins: () => [ORIGIN] });
    port = (await monitor.start(0)).port!;
  });
  afterEach(() => monitor.stop());

  it('POST tp2, batched: every event arrives, decoded and checked', async () => {
    const tracker = gitlabTracker(port, { method: 'post', bufferSize: 3 });
    trackInternalEvent(tracker, { event: 'click_button', label: 'a', property: 'b', user_id: 1 });
    trackInternalEvent(tracker, { event: 'click_button', label: 'a', property: 'b', user_id: 2 });
    trackInternalEvent(tracker, { event: 'click_buton', user_id: 2 });
    await tracker.flush();
    await until('three events', () => monitor.session.goodTotal === 3);
    assert.deepEqual(await json(port, '/micro/all'), { total: 3, good: 3, bad: 0 });
    const [first, , third] = monitor.session.goodEvents();
    assert.equal(first.name, 'click_button');
    assert.deepEqual(first.problems, []);
    assert.equal(third.problems[0].code, 'unknown-event');
    assert.equal(monitor.session.metricValues(first)[0].value, 2);
  });

  it('GET /i: the same events, one request each', async () => {
    const tracker = gitlabTracker(port, { method: 'get' });
    trackInternalEvent(tracker, { event: 'click_button', label: 'a', property: 'b', value: 4 });
    trackInternalEvent(tracker, { event: 'click_button', label: 'a', property: 'b' });
    await tracker.flush();
    await until('two events', () => monitor.session.goodTotal === 2);
    assert.equal(monitor.session.goodEvents()[0].value, 4);
    assert.equal(monitor.session.goodEvents()[0].path, '/i');
  });

  it("/micro/good answers in Micro's shapes, as GitLab's monitor.rb reads them", async () => {
    const tracker = gitlabTracker(port, { method: 'post', encodeBase64: false });
    trackInternalEvent(tracker, { event: 'click_button', label: 'l', property: 'p', value: 2, user_id: 11, project_id: 22, namespace_id: 33 });
    await tracker.flush();
    await until('the event', () => monitor.session.goodTotal === 1);
    const [good] = await json(port, '/micro/good');
    // What monitor.rb reads: event.se_action, event.collector_tstamp, rawEvent.parameters.dtm and
    // the gitlab_standard context in event.contexts.data.
    assert.equal(good.event.se_action, 'click_button');
    assert.deepEqual([good.event.se_category, good.event.se_label, good.event.se_property, good.event.se_value], ['InternalEventTracking', 'l', 'p', 2]);
    assert.match(good.event.collector_tstamp, /^\d{4}-\d\d-\d\dT/);
    assert.ok(Number.parseInt(good.rawEvent.parameters.dtm, 10) > 1_600_000_000_000);
    const standard = good.event.contexts.data.find((c: { schema: string }) => c.schema.startsWith('iglu:com.gitlab/gitlab_standard/jsonschema'));
    assert.deepEqual([standard.data.user_id, standard.data.project_id, standard.data.namespace_id, standard.data.plan], [11, 22, 33, 'free']);
    assert.equal(good.eventType, 'struct');
    assert.equal(good.schema, 'iglu:com.google.analytics/event/jsonschema/1-0-0');
    assert.deepEqual(good.contexts, ['iglu:com.gitlab/gitlab_standard/jsonschema/1-1-1', 'iglu:com.gitlab/gitlab_service_ping/jsonschema/1-0-1']);
    // POST /micro/good takes Micro's filter body.
    const filtered = JSON.parse((await request(port, 'POST', '/micro/good', JSON.stringify({ event_type: 'page_view' }))).body);
    assert.deepEqual(filtered, []);
  });

  it('/micro/reset empties the session', async () => {
    await request(port, 'GET', `/i?e=se&se_ac=click_button`);
    assert.equal((await json(port, '/micro/all')).total, 1);
    assert.deepEqual(await json(port, '/micro/reset'), { total: 0, good: 0, bad: 0 });
    assert.deepEqual(await json(port, '/micro/good'), []);
  });

  it('CORS: the allowed origins get a preflight and credentials, others do not', async () => {
    const pre = await request(port, 'OPTIONS', TP2_PATH, undefined, { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers['access-control-allow-origin'], ORIGIN);
    assert.equal(pre.headers['access-control-allow-credentials'], 'true');
    assert.equal(pre.headers['access-control-allow-headers'], 'content-type');
    const other = await request(port, 'OPTIONS', TP2_PATH, undefined, { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' });
    assert.equal(other.status, 403);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    const get = await request(port, 'GET', '/i?e=se&se_ac=click_button', undefined, { Origin: ORIGIN });
    assert.equal(get.headers['access-control-allow-origin'], ORIGIN);
    assert.equal(get.headers['content-type'], 'image/gif');
  });

  it('listens on 127.0.0.1 only', async () => {
    const address = (monitor as unknown as { server: http.Server }).server.address() as AddressInfo;
    assert.equal(address.address, '127.0.0.1');
  });
});

describe('monitor: bad input ends in /micro/bad, and the collector keeps answering', function () {
  this.timeout(20_000);
  let session: MonitorSession;
  let server: http.Server;
  let port: number;

  beforeEach(async () => {
    session = new MonitorSession(() => index);
    server = createCollector({ session, allowedOrigins: () => [], requestTimeoutMs: 400 });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => {
    server.closeAllConnections();
    server.close();
  });

  const lastBad = () => session.badEvents()[session.badEvents().length - 1]?.reason ?? '';
  const stillAnswers = async () => assert.equal((await request(port, 'GET', '/micro/all')).status, 200);

  const BODIES: [string, string | Buffer, RegExp][] = [
    ['a body that is not JSON', 'e=se&se_ac=x', /not JSON/],
    ['the wrong shape', JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', data: 'x' }), /no "data" array/],
    ['an unknown schema in a context', JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', data: [{ e: 'se', se_ac: 'x', co: JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0', data: [{ schema: 'iglu:com.example/x/jsonschema/1-0-0', data: {} }] }) }] }), /vendor 'com\.example'/],
    ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x12]), /not JSON/],
  ];
  for (const [name, body, reason] of BODIES) {
    it(`tp2: ${name}`, async () => {
      const reply = await request(port, 'POST', TP2_PATH, body, { 'Content-Type': 'application/json' });
      assert.equal(reply.status, 200);
      assert.match(lastBad(), reason);
      await stillAnswers();
    });
  }

  it('GET /i with bad base64 contexts', async () => {
    await request(port, 'GET', '/i?e=se&se_ac=x&cx=%%%%');
    assert.match(lastBad(), /cx is not valid base64/);
    const [bad] = JSON.parse((await request(port, 'GET', '/micro/bad')).body);
    assert.deepEqual(bad.errors, ['cx is not valid base64']);
    assert.equal(bad.rawEvent.parameters.se_ac, 'x');
  });

  it('a 2 MB body is refused with 413 and recorded', async () => {
    const reply = await request(port, 'POST', TP2_PATH, Buffer.alloc(2 * 1024 * 1024, 0x61)).catch((e: Error) => ({ status: -1, body: e.message }));
    // The collector may close before the client has written everything; either way nothing is read.
    if (reply.status !== -1) assert.equal(reply.status, 413);
    assert.match(lastBad(), /refused: the limit is 1048576 bytes/);
    await stillAnswers();
  });

  it('a chunked body over 1 MB (no Content-Length) is cut off at the limit', async () => {
    const got = await new Promise<number>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: TP2_PATH, headers: { 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    assert.ok(got === 413 || got === -1, `status ${got}`);
    assert.match(lastBad(), /more than 1048576 bytes/);
    await stillAnswers();
  });

  it('a half-closed connection (the body never completes) is recorded', async () => {
    await new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`POST ${TP2_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"schema":`);
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    await until('the bad event', () => session.badEvents().length === 1);
    assert.match(lastBad(), /connection closed before the body was complete \(10 bytes received/);
    await stillAnswers();
  });

  it('a slow client is cut off by the request timeout and recorded', async () => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`POST ${TP2_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{`);
    });
    socket.on('error', () => undefined);
    await until('the bad event', () => session.badEvents().length === 1, 8000);
    assert.match(lastBad(), /connection closed before the body was complete/);
    socket.destroy();
    await stillAnswers();
  });

  it('an unknown path is a 404, not an event', async () => {
    assert.equal((await request(port, 'GET', '/nothing/here')).status, 404);
    assert.equal(session.goodTotal + session.badTotal, 0);
  });
});

describe('monitor: attach mode and ports in use', function () {
  this.timeout(20_000);
  const servers: http.Server[] = [];
  const monitors: EventMonitor[] = [];
  afterEach(() => {
    for (const m of monitors.splice(0)) m.stop();
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      s.close();
    }
  });

  async function serve(handler: http.RequestListener): Promise<number> {
    const s = http.createServer(handler);
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return (s.address() as AddressInfo).port;
  }

  it('a port served by a Snowplow Micro is read, not bound: its events arrive and are checked', async () => {
    // A stand-in answering like Micro: /micro/all, /micro/good (everything since reset), /micro/bad.
    const good: unknown[] = [];
    const microGood = (params: Record<string, string>) => ({ event: { se_action: params.se_ac, collector_tstamp: new Date(5000).toISOString() }, rawEvent: { parameters: params }, eventType: 'struct' });
    good.push(microGood(internalEventParams({ event: 'click_button', label: 'a', property: 'b' })));
    const port = await serve((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/micro/all') res.end(JSON.stringify({ total: good.length + 1, good: good.length, bad: 1 }));
      else if (req.url === '/micro/good') res.end(JSON.stringify(good));
      else if (req.url === '/micro/bad') res.end(JSON.stringify([{ errors: ['Payload with vendor com.acme and version tp2 not supported'] }]));
      else res.end('{}');
    });
    const monitor = new EventMonitor({ indexFor: () => index, allowedOrigins: () => [] });
    monitors.push(monitor);
    const state = await monitor.start(port);
    assert.deepEqual([state.mode, state.port], ['attached', port]);
    assert.equal(monitor.session.goodTotal, 1);
    assert.equal(monitor.session.goodEvents()[0].source, 'micro');
    assert.equal(monitor.session.goodEvents()[0].receivedAt, 5000);
    assert.deepEqual(monitor.session.goodEvents()[0].problems, []);
    assert.match(monitor.session.badEvents()[0].reason, /not supported/);
    good.push(microGood(internalEventParams({ event: 'click_buton' })));
    await until('the second event, read once', () => monitor.session.goodTotal === 2, 4000);
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal(monitor.session.goodTotal, 2, 'an event Micro lists again is not read twice');
    assert.equal(monitor.session.goodEvents()[1].problems[0].code, 'unknown-event');
  });

  it('a port in use by something that is not Micro is refused with a clear message', async () => {
    const port = await serve((_req, res) => res.end('<html>hello</html>'));
    const monitor = new EventMonitor({ indexFor: () => index, allowedOrigins: () => [] });
    monitors.push(monitor);
    await assert.rejects(monitor.start(port), (e: Error) => e instanceof PortInUseError && /in use by something that is not Snowplow Micro/.test(e.message));
    assert.equal(monitor.status.running, false);
  });

  it('two starts at once share one listening collector (they do not attach to each other)', async () => {
    const monitor = new EventMonitor({ indexFor: () => index, allowedOrigins: () => [] });
    monitors.push(monitor);
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const [a, b] = await Promise.all([monitor.start(port), monitor.start(port)]);
    assert.deepEqual([a.mode, b.mode], ['listening', 'listening']);
  });

  it('a second monitor on the same port attaches to the first', async () => {
    const first = new EventMonitor({ indexFor: () => index, allowedOrigins: () => [] });
    monitors.push(first);
    const port = (await first.start(0)).port!;
    await request(port, 'GET', '/i?' + new URLSearchParams(internalEventParams({ event: 'click_button', label: 'a', property: 'b' })).toString());
    const second = new EventMonitor({ indexFor: () => index, allowedOrigins: () => [] });
    monitors.push(second);
    assert.equal((await second.start(port)).mode, 'attached');
    assert.equal(second.session.goodEvents()[0].name, 'click_button');
  });
});
