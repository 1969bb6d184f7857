// npm run test:integration: the e2e scenarios through the extension API, in a desktop VS Code
// downloaded by @vscode/test-electron. That download needs the internet, so this suite does not
// run on the offline CI machines (the browser suite, npm run test:e2e, is the proof there). It is
// never reported as passed when it could not run: every such case exits non-zero.
//
// Needs: npm install --no-save @vscode/test-electron@2.5.2   (2.x runs on Node 20)
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const VSCODE_VERSION = '1.100.3'; // the oldest version engines.vscode accepts
const require = createRequire(import.meta.url);

function cannotRun(reason) {
  console.error(`test:integration could not run: ${reason}`);
  console.error('It needs network access to download VS Code and the @vscode/test-electron package:');
  console.error('  npm install --no-save @vscode/test-electron@2.5.2 && npm run test:integration');
  console.error('Offline, run the same scenarios in the browser instead: npm run test:e2e');
  console.log('integration: 0 passed, 1 failed (not run)');
  process.exit(1);
}

let testElectron;
try {
  testElectron = require('@vscode/test-electron');
} catch {
  cannotRun('@vscode/test-electron is not installed');
}

/** One VS Code launch on a fresh copy of demo/; `restricted` enables workspace trust (not granted). */
async function launch(vscodeExecutablePath, { restricted }) {
  const sessionDir = mkdtempSync(join(tmpdir(), `ie-integration-${restricted ? 'restricted' : 'trusted'}-`));
  const workspace = join(sessionDir, 'demo');
  cpSync(join(repoRoot, 'demo'), workspace, { recursive: true });
  const userDataDir = join(sessionDir, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User/settings.json'),
    JSON.stringify({ 'security.workspace.trust.enabled': restricted, 'workbench.startupEditor': 'none' }),
  );
  try {
    await testElectron.runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'test/integration/suite/index.cjs'),
      extensionTestsEnv: { INTERNAL_EVENTS_RESTRICTED: restricted ? '1' : '' },
      launchArgs: [workspace, '--user-data-dir', userDataDir, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
    });
    return true;
  } catch (error) {
    console.error(`integration (${restricted ? 'restricted' : 'trusted'}): ${error instanceof Error ? error.message : error}`);
    return false;
  } finally {
    rmSync(sessionDir, { recursive: true, force: true });
  }
}

async function main() {
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), 'dist'], { cwd: repoRoot, stdio: 'inherit' });
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode(VSCODE_VERSION);
  } catch (error) {
    cannotRun(`downloading VS Code ${VSCODE_VERSION} failed (${error instanceof Error ? error.message : error})`);
  }
  const results = [await launch(vscodeExecutablePath, { restricted: false }), await launch(vscodeExecutablePath, { restricted: true })];
  const passed = results.filter(Boolean).length;
  console.log(`integration: ${passed} passed, ${results.length - passed} failed (runs; each run's scenarios are listed above)`);
  process.exit(passed === results.length ? 0 : 1);
}

main().catch((error) => cannotRun(String(error)));
