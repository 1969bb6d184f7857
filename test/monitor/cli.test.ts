// The CLI monitor as CI or a terminal runs it: the built dist/cli.js, events from the real
// Snowplow node tracker, JSON lines on stdout, and the documented exits.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { REPO_ROOT, eventYaml, metricYaml, writeTree } from '../helpers/workspace';
import { gitlabTracker, trackInternalEvent } from '../helpers/snowplowTracker';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

interface Running {
  proc: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

function runCli(args: string[], cwd: string): Running {
  const proc = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const r: Running = { proc, stdout: [], stderr: [], exit: new Promise((resolve) => proc.on('exit', (code) => resolve(code))) };
  let out = '';
  proc.stdout!.on('data', (d) => {
    out += String(d);
    const lines = out.split('\n');
    out = lines.pop()!;
    r.stdout.push(...lines);
  });
  proc.stderr!.on('data', (d) => r.stderr.push(...String(d).split('\n').filter(Boolean)));
  return r;
}

async function until(what: string, test: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('CLI: internal-events monitor', function () {
  this.timeout(40_000);
  let root: string;
  before(() => {
    root = writeTree({
      'config/events/click_button.yml': eventYaml('click_button'),
      'config/metrics/counts_28d/total.yml': metricYaml('counts.count_total_click_button_monthly', '- name: click_button'),
    });
  });

  it('--json: one documented object per received event, only the events asked for; SIGINT exits 0', async () => {
    const port = await freePort();
    const cli = runCli(['monitor', root, '--port', String(port), '--json', 'click_button'], REPO_ROOT);
    await until('the listening line', () => cli.stderr.length > 0);
    assert.match(cli.stderr[0], new RegExp(`^internal-events monitor: listening on http://127\\.0\\.0\\.1:${port} \\(Snowplow collector and Micro API\\); events click_button; Ctrl\\+C to stop$`));
    const tracker = gitlabTracker(port, { method: 'post', bufferSize: 3 });
    trackInternalEvent(tracker, { event: 'click_button', label: 'a', property: 'b', user_id: 5 });
    trackInternalEvent(tracker, { event: 'something_else' });
    trackInternalEvent(tracker, { event: 'click_button', label: 'a', property: 'b', extra: { colour: 'red' } });
    await tracker.flush();
    await until('two lines', () => cli.stdout.length >= 2);
    const [first, second] = cli.stdout.map((l) => JSON.parse(l));
    assert.deepEqual(Object.keys(first), ['event', 'eventId', 'receivedAt', 'category', 'identifiers', 'properties', 'problems', 'metrics']);
    assert.equal(first.event, 'click_button');
    assert.deepEqual(first.identifiers, { user_id: 5, project_id: 2, namespace_id: 3 });
    assert.deepEqual(first.problems, []);
    assert.deepEqual(first.metrics, [{ keyPath: 'counts.count_total_click_button_monthly', value: 1 }]);
    assert.deepEqual(second.problems.map((p: { code: string }) => p.code), ['undeclared-property']);
    assert.deepEqual(second.metrics, [{ keyPath: 'counts.count_total_click_button_monthly', value: 2 }]);
    cli.proc.kill('SIGINT');
    assert.equal(await cli.exit, 0);
    assert.equal(cli.stdout.length, 2, 'the other event was not printed');
  });

  it('without --json and without a terminal: a line per event; SIGTERM exits 0', async () => {
    const port = await freePort();
    const cli = runCli(['monitor', '--port', String(port)], root);
    await until('the listening line', () => cli.stderr.length > 0);
    const tracker = gitlabTracker(port, { method: 'get' });
    trackInternalEvent(tracker, { event: 'click_buton' });
    await tracker.flush();
    await until('a line', () => cli.stdout.length >= 1);
    assert.match(cli.stdout[0], /Z click_buton user_id=1 project_id=2 namespace_id=3 error unknown-event: Unknown event 'click_buton'.*Did you mean 'click_button'\?/);
    cli.proc.kill('SIGTERM');
    assert.equal(await cli.exit, 0);
  });

  it('a port held by something that is not Snowplow Micro exits 2 with a clear message', async () => {
    const other = http.createServer((_q, res) => res.end('hello'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const port = (other.address() as net.AddressInfo).port;
    try {
      const cli = runCli(['monitor', root, '--port', String(port)], REPO_ROOT);
      assert.equal(await cli.exit, 2);
      assert.match(cli.stderr.join('\n'), new RegExp(`port ${port} is in use by something that is not Snowplow Micro`));
    } finally {
      other.close();
    }
  });

  it('a bad --port is a usage error (exit 2)', async () => {
    const cli = runCli(['monitor', root, '--port', 'http'], REPO_ROOT);
    assert.equal(await cli.exit, 2);
    assert.match(cli.stderr[0], /--port must be a port number/);
  });
});
