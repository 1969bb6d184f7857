// npm run test:e2e: the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven
// by Chromium through playwright-core, like a person. Steps:
//   1. package the .vsix, install code-server (scripts/install-code-server.sh, idempotent);
//   2. run A: a copy of demo/, workspace trust off: activation + scenarios 1-7;
//   3. run B: another copy, workspace trust on and the folder not trusted: scenario 8;
//   4. run C: a Go service folder beside a copy of demo/ (definitionRoots): scenario 21.
// Each scenario saves test-results/e2e/<n>-<name>.png; each session's logs (the extension's
// "Internal Events" channel, the extension host, code-server) are copied there too.
// A scenario that cannot run (set-up failed) counts as failed. Last line: "e2e: N passed, N failed".
//
// Environment: E2E_ONLY=3,5 runs only those scenarios (activation always runs);
// E2E_SKIP_PACKAGE=1 reuses the .vsix from a previous run (quick inner loop).
import { cpSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageExtension, vsixPath } from '../../scripts/package.mjs';
import { baseUserSettings, installCodeServer, installExtension, repoRoot, startCodeServer } from '../../scripts/start.mjs';
import { RESTRICTED_SCENARIO, SATELLITE_SCENARIO, TRUSTED_SCENARIOS, Workspace, activation } from './scenarios.mjs';
import { Workbench, launchBrowser } from './workbench.mjs';
import { MONITOR_SCENARIO } from './monitorScenario.mjs';

const resultsDir = join(repoRoot, 'test-results/e2e');
const SCENARIO_TIMEOUT_MS = 150_000;
const only = process.env.E2E_ONLY ? new Set(process.env.E2E_ONLY.split(',').map(Number)) : undefined;
const selected = (scenario) => scenario.n === 0 || !only || only.has(scenario.n);

const results = []; // { n, name, ok, seconds, error }
const cleanups = []; // run in reverse order, also on failure and on Ctrl+C
// code-server runs in its own process group; these are killed synchronously when this process
// exits for any reason (playwright does the same for Chromium).
const liveCodeServers = new Set();
process.on('exit', () => liveCodeServers.forEach((server) => server.stop()));
let interrupted = false;
const suiteStarted = Date.now();

const elapsed = (since) => ((Date.now() - since) / 1000).toFixed(1);
const log = (message) => console.log(`[e2e ${elapsed(suiteStarted).padStart(6)}s] ${message}`);

async function cleanUp() {
  while (cleanups.length) {
    const cleanup = cleanups.pop();
    await Promise.resolve()
      .then(cleanup)
      .catch(() => undefined);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000}s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Copies the extension's logs (the "Internal Events" channel and the extension host's) beside the screenshots. */
function keepLogs(userDataDir, runName) {
  const logsRoot = join(userDataDir, 'logs');
  const wanted = (name) => /internal events/i.test(name) || /exthost\.log$/.test(name);
  const visit = (folder) => {
    for (const entry of existsSync(folder) ? readdirSync(folder) : []) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (wanted(entry)) copyFileSync(path, join(resultsDir, `${runName}-${entry.replace(/\s+/g, '-')}`));
    }
  };
  visit(logsRoot);
  const serverLog = join(userDataDir, '..', 'code-server.log');
  if (existsSync(serverLog)) copyFileSync(serverLog, join(resultsDir, `${runName}-code-server.log`));
}

async function runScenario(scenario, context) {
  const label = `${scenario.n}-${scenario.name}`;
  const started = Date.now();
  log(`▶ ${label}`);
  const wb = context.wb;
  const screenshot = join(resultsDir, `${label}.png`);
  // A scenario may capture the screen at the moment that proves it (a hover, the suggest list);
  // otherwise, and always on failure, the screen at the end is kept.
  let captured = false;
  const capture = async () => {
    await wb.screenshot(screenshot);
    captured = true;
  };
  let error;
  try {
    await withTimeout(scenario.run({ ...context, capture }), SCENARIO_TIMEOUT_MS, label);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  if (error || !captured) await wb.screenshot(screenshot);
  results.push({ n: scenario.n, name: scenario.name, ok: !error, seconds: elapsed(started), error });
  log(`${error ? '✗' : '✓'} ${label} (${elapsed(started)}s)${error ? `\n    ${error}` : ''}`);
  // Close whatever widget the scenario left open (hover, suggest list, menu, quick input).
  await wb.pressEscape(3).catch(() => undefined);
  return !error;
}

/** One code-server + browser session on a fresh copy of demo/, running `scenarios` in order. */
/** A port nothing listens on now (the OS picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * `service`: open a service folder beside the demo copy instead of the copy itself; the function
 * writes the service's files (a satellite that reads the demo's definitions).
 */
async function runSession({ name, extensionsDir, codeServerEntry, settings, trust, scenarios, monitor, service }) {
  const todo = scenarios.filter(selected);
  if (!todo.length || interrupted) return;
  const sessionDir = mkdtempSync(join(tmpdir(), `ie-e2e-${name}-`));
  cleanups.push(() => rmSync(sessionDir, { recursive: true, force: true }));
  const monolith = join(sessionDir, 'demo');
  cpSync(join(repoRoot, 'demo'), monolith, { recursive: true });
  const folder = service ? join(sessionDir, 'service') : monolith;
  if (service) {
    mkdirSync(folder);
    service(new Workspace(folder));
  }
  const userDataDir = join(sessionDir, 'user-data');
  const done = new Set();
  let failed = false;
  try {
    log(`${name}: starting code-server on ${service ? 'a service beside ' : ''}a copy of demo/ in ${folder}`);
    const server = await startCodeServer({
      codeServerEntry,
      extensionsDir,
      userDataDir,
      folder,
      settings,
      logFile: join(sessionDir, 'code-server.log'),
    });
    liveCodeServers.add(server);
    cleanups.push(() => {
      server.stop();
      liveCodeServers.delete(server);
    });
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const wb = new Workbench(browser.page);
    wb.log = (message) => log(`  ${message}`);
    log(`${name}: opening ${server.folderUrl}`);
    await wb.open(server.folderUrl);
    if (trust !== undefined) await wb.answerTrustDialog(trust);
    const context = { wb, ws: new Workspace(folder), monolith: new Workspace(monolith), monitor, repoRoot };
    for (const scenario of todo) {
      if (interrupted) break;
      if (!(await runScenario(scenario, context))) failed = true;
      done.add(scenario);
    }
  } catch (error) {
    // The session could not start: every scenario not yet run counts as failed.
    log(`${name}: session failed: ${error instanceof Error ? error.stack : error}`);
    for (const scenario of todo.filter((s) => !done.has(s))) {
      results.push({ n: scenario.n, name: scenario.name, ok: false, seconds: '0', error: `could not run: ${String(error)}` });
    }
    failed = true;
  } finally {
    keepLogs(userDataDir, name);
    await cleanUp();
  }
}

async function main() {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      interrupted = true;
      console.log(`\n${signal}: stopping code-server and Chromium`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  const allScenarios = [activation, ...TRUSTED_SCENARIOS, MONITOR_SCENARIO, { ...activation, name: 'activation-restricted' }, RESTRICTED_SCENARIO, SATELLITE_SCENARIO];
  let codeServerEntry;
  let extensionsDir;
  try {
    let started = Date.now();
    if (process.env.E2E_SKIP_PACKAGE && existsSync(vsixPath)) log(`reusing ${vsixPath}`);
    else packageExtension();
    log(`packaged in ${elapsed(started)}s`);
    started = Date.now();
    const install = await installCodeServer();
    codeServerEntry = install.entry;
    log(`code-server installed/checked in ${install.seconds.toFixed(1)}s`);
    extensionsDir = mkdtempSync(join(tmpdir(), 'ie-e2e-extensions-'));
    installExtension(codeServerEntry, vsixPath, extensionsDir);
    log('extension installed into code-server');
  } catch (error) {
    log(`set-up failed: ${error instanceof Error ? error.stack : error}`);
    for (const scenario of allScenarios.filter(selected)) {
      results.push({ n: scenario.n, name: scenario.name, ok: false, seconds: '0', error: 'could not run: set-up failed' });
    }
  }

  if (codeServerEntry) {
    try {
      // The event monitor's port and the origin of the page the browser tracker runs on.
      const monitor = { port: await freePort(), pagePort: await freePort() };
      await runSession({
        name: 'trusted',
        extensionsDir,
        codeServerEntry,
        settings: { ...baseUserSettings, 'internalEvents.monitor.port': monitor.port, 'internalEvents.monitor.allowedOrigins': [`http://127.0.0.1:${monitor.pagePort}`] },
        scenarios: [activation, ...TRUSTED_SCENARIOS, MONITOR_SCENARIO],
        monitor,
      });
      await runSession({
        name: 'restricted',
        extensionsDir,
        codeServerEntry,
        settings: { ...baseUserSettings, 'security.workspace.trust.enabled': true },
        trust: false,
        scenarios: [{ ...activation, name: 'activation-restricted' }, RESTRICTED_SCENARIO],
      });
      await runSession({
        name: 'satellite',
        extensionsDir,
        codeServerEntry,
        settings: baseUserSettings,
        scenarios: [SATELLITE_SCENARIO],
        service: (service) => SATELLITE_SCENARIO.writeService(service),
      });
    } finally {
      rmSync(extensionsDir, { recursive: true, force: true });
    }
  }

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log('');
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.n}-${r.name} (${r.seconds}s)${r.ok ? '' : `: ${r.error}`}`);
  console.log(`screenshots and logs: ${resultsDir}`);
  console.log(`suite took ${elapsed(suiteStarted)}s`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch(async (error) => {
  console.error(error);
  await cleanUp();
  console.log('e2e: 0 passed, 1 failed');
  process.exitCode = 1;
});
