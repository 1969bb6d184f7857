// npm start: build and package the extension, install code-server (VS Code 1.100.3 in the browser)
// with the project's own script, install the .vsix into it and open the demo workspace, printing
// the URL. The end-to-end tests (test/e2e) start code-server through the functions exported here.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageExtension } from './package.mjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workArea = join(repoRoot, '.vscode-test'); // gitignored

/** User settings for a quiet workbench: no welcome page, tips, or update and telemetry traffic. */
export const baseUserSettings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'files.autoSave': 'off',
};

/**
 * Runs scripts/install-code-server.sh (a no-op when installed) and resolves to code-server's entry.
 * Its steps go to stderr as they start; `progress` adds a line every 15 s while a step runs, since
 * the first install takes minutes with npm quiet in between.
 */
export function installCodeServer({ progress = false } = {}) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(repoRoot, 'scripts/install-code-server.sh')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (output += chunk));
    const ticker = progress ? setInterval(() => console.error(`  … still installing (${Math.round((Date.now() - started) / 1000)} s)`), 15_000) : undefined;
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(ticker);
      if (code !== 0) return reject(new Error(`scripts/install-code-server.sh exited with ${code}`));
      resolve({ entry: output.trim().split('\n').pop(), seconds: (Date.now() - started) / 1000 });
    });
  });
}

/**
 * `npm start` installs code-server with Debian's apt-get (as root or through sudo): elsewhere it
 * says what to do instead, before building anything.
 */
function unsupportedHostReason() {
  if (process.platform !== 'linux') return `this is ${process.platform}, not Debian or Ubuntu`;
  try {
    execFileSync('sh', ['-c', 'command -v apt-get && command -v dpkg'], { stdio: 'ignore' });
  } catch {
    return 'apt-get is not available (npm start needs Debian or Ubuntu)';
  }
  return undefined;
}

/** Installs the .vsix into an extensions folder of its own (replacing an older install). */
export function installExtension(codeServerEntry, vsixPath, extensionsDir) {
  mkdirSync(extensionsDir, { recursive: true });
  execFileSync(
    process.execPath,
    [codeServerEntry, '--extensions-dir', extensionsDir, '--install-extension', vsixPath, '--force'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on a free loopback port with a fresh user-data dir holding `settings`.
 * Resolves once it answers on /healthz. Its output goes to `logFile`. `stop()` ends its whole
 * process group (the server, extension host and language server).
 */
export async function startCodeServer({ codeServerEntry, extensionsDir, userDataDir, folder, settings, logFile }) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
  const port = await freePort();
  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--config', join(userDataDir, 'code-server-config.yaml'),
    '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir,
    folder,
  ];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (logFile) {
    const log = createWriteStream(logFile);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  let exited = false;
  child.on('exit', () => (exited = true));

  const stop = () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await answers(`${url}/healthz`))) {
    if (exited) throw new Error(`code-server exited during start-up${logFile ? ` (see ${logFile})` : ''}`);
    if (Date.now() > deadline) {
      stop();
      throw new Error('code-server did not answer within 60s');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, port, pid: child.pid, process: child, stop, folderUrl: `${url}/?folder=${encodeURIComponent(folder)}` };
}

async function answers(url) {
  try {
    const response = await fetch(url);
    return response.ok;
  } catch {
    return false;
  }
}

async function main() {
  const unsupported = unsupportedHostReason();
  if (unsupported) {
    console.error(`npm start cannot run here: ${unsupported}.`);
    console.error('Instead: `npm run package`, then in VS Code "Extensions: Install from VSIX…" with internal-events-0.1.0.vsix');
    console.error('(or `code --install-extension internal-events-0.1.0.vsix`), and open the demo/ folder.');
    process.exit(2);
  }
  const vsix = packageExtension();
  console.log('Installing code-server 4.100.3 and its Debian packages if needed: the first time takes about');
  console.log('2.5 minutes and 323 MB (in .vscode-test/code-server, plus apt-get as root or through sudo); later starts skip it.');
  const { entry, seconds } = await installCodeServer({ progress: true });
  console.log(`code-server ready (${seconds.toFixed(0)}s)`);
  const extensionsDir = join(workArea, 'start/extensions');
  rmSync(extensionsDir, { recursive: true, force: true });
  installExtension(entry, vsix, extensionsDir);

  // A copy, so quick fixes tried in the demo do not change the repository's demo/.
  const workspace = join(workArea, 'start/demo-workspace');
  rmSync(workspace, { recursive: true, force: true });
  cpSync(join(repoRoot, 'demo'), workspace, { recursive: true });

  const server = await startCodeServer({
    codeServerEntry: entry,
    extensionsDir,
    userDataDir: join(workArea, 'start/user-data'),
    folder: workspace,
    settings: baseUserSettings,
    logFile: join(workArea, 'start/code-server.log'),
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.stop();
      process.exit(0);
    });
  }
  console.log(`\nVS Code (code-server) with the Internal Events extension on the demo workspace (a copy in ${workspace}):\n`);
  console.log(`  ${server.folderUrl}\n`);
  console.log('Press Ctrl+C to stop.');
  server.process.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
