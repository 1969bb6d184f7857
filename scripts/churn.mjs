// `npm run churn -- --seed N --ops N`: the churn test (test/unit/index-churn.test.ts) with its
// own seed and length, e.g. a few thousand operations before a release.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const env = { ...process.env, CHURN_SEED: value('seed', '15'), CHURN_OPS: value('ops', '2000') };
const mocha = join(root, 'node_modules/mocha/bin/mocha.js');
const r = spawnSync(process.execPath, [mocha, '--no-config', join(root, 'out/test/unit/index-churn.test.js')], { stdio: 'inherit', env, cwd: root });
process.exit(r.status ?? 1);
