// The event monitor's figures (issue 10): ingest throughput through tp2 batches into the real
// language server process, with no loss, and the time from sending an event to the event being in
// the Event Monitor view's data (the status notification, then the view's events request). The
// sender is this process, the collector the server's: two processes, as with a GDK.
import * as fs from 'node:fs';
import * as http from 'node:http';
import { LspTestClient } from '../test/protocol/lspClient';
import type { MonitorEvents, MonitorStatus } from '../server/src/protocol';
import { internalEventParams } from '../test/helpers/trackerPayloads';

const PAYLOAD_SCHEMA = 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4';

function p(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN;
}

const now = () => performance.timeOrigin + performance.now();

function post(agent: http.Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/com.snowplowanalytics.snowplow/tp2', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function rssMb(pid: number | undefined): string {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return `${(kb / 1024).toFixed(0)} MB`;
  } catch {
    return 'n/a';
  }
}

export async function monitorBench(root: string, eventNames: string[]): Promise<void> {
  console.log('\n# Event monitor (target: ingest ≥ 2,000 events/s through tp2 batches with no loss; receipt → in the view p95 ≤ 50 ms)');
  const client = new LspTestClient();
  const latestSeen = new Map<string, number>();
  let notified: (() => void) | undefined;
  client.conn.onNotification('internalEvents/monitor/status', () => notified?.());
  try {
    await client.start(root);
    const rssIndexed = rssMb(client.proc.pid);
    const started = await client.request<MonitorStatus>('internalEvents/monitor/start', { port: 0, allowedOrigins: [] });
    const port = started.port!;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const spec = (i: number) => {
      // Mostly defined events with their ids; one in ten one of 20 misspelt names ("did you mean").
      const name = eventNames[i % eventNames.length];
      return internalEventParams({ event: i % 10 === 9 ? `${eventNames[i % 20]}x` : name, label: 'bench', property: 'p', user_id: i % 97, eid: `bench-${i}` });
    };
    const body = (batch: Record<string, string>[]) => JSON.stringify({ schema: PAYLOAD_SCHEMA, data: batch });

    // 1. Receipt → in the view, one event at a time (a person clicking in GDK).
    const sentAt = new Map<string, number>();
    const latency: number[] = [];
    // Each notification, the view asks for the newest events: the newest one's age is a sample.
    const watch = async () => {
      const list = await client.request<MonitorEvents>('internalEvents/monitor/events', { limit: 50 });
      const t = now();
      const newest = list.events[0]?.eventId;
      if (newest && sentAt.has(newest) && !latestSeen.has(newest)) latestSeen.set(newest, t);
    };
    notified = () => void watch();
    for (let i = 0; i < 200; i++) {
      const params = spec(i);
      sentAt.set(params.eid, now());
      await post(agent, port, body([params]));
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 300));
    for (const [eid, t] of sentAt) if (latestSeen.has(eid)) latency.push(latestSeen.get(eid)! - t);
    console.log(`send → in the view's data, one event at a time: p50 ${p(latency, 0.5).toFixed(1)} ms, p95 ${p(latency, 0.95).toFixed(1)} ms (${latency.length} of ${sentAt.size} events; the view itself refreshes at once after a quiet moment, every 250 ms at most while events stream)`);
    await client.request('internalEvents/monitor/clear', {});

    // 2. Throughput: 20,000 events in batches of 10 over 4 keep-alive connections.
    const total = 20_000;
    const batchSize = 10;
    const batches: string[] = [];
    for (let i = 0; i < total; i += batchSize) batches.push(body(Array.from({ length: batchSize }, (_, j) => spec(1000 + i + j))));
    const loadLatency: number[] = [];
    sentAt.clear();
    latestSeen.clear();
    let next = 0;
    const t0 = now();
    const sender = async () => {
      while (next < batches.length) {
        const k = next++;
        const t = now();
        for (let j = 0; j < batchSize; j++) sentAt.set(`bench-${1000 + k * batchSize + j}`, t);
        const status = await post(agent, port, batches[k]);
        if (status !== 200) throw new Error(`tp2 answered ${status}`);
      }
    };
    await Promise.all([sender(), sender(), sender(), sender()]);
    const wall = now() - t0;
    const counts = await new Promise<{ total: number; good: number; bad: number }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/micro/all', agent }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(JSON.parse(text)));
      }).on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 300));
    for (const [eid, t] of sentAt) if (latestSeen.has(eid)) loadLatency.push(latestSeen.get(eid)! - t);
    const lost = total - counts.good;
    console.log(`ingest: ${total} events in ${(wall / 1000).toFixed(2)} s = ${Math.round(total / (wall / 1000))} events/s through tp2 batches of ${batchSize}; /micro/all ${JSON.stringify(counts)}${lost ? ` — ${lost} LOST` : ', none lost'}`);
    console.log(`send → in the view's data while streaming: p50 ${p(loadLatency, 0.5).toFixed(1)} ms, p95 ${p(loadLatency, 0.95).toFixed(1)} ms (${loadLatency.length} notifications sampled)`);
    console.log(`server rss: ${rssIndexed} indexed, ${rssMb(client.proc.pid)} holding the 10,000 newest events`);
    agent.destroy();
  } finally {
    notified = undefined;
    await client.stop();
  }
}
