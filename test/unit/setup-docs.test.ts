// Issue 11, "Setting up": what the READMEs promise matches the repository, and `npm start` on a
// host without apt-get says what to do instead of failing half-way.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/workspace';

const read = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');
const ymlIn = (rel: string) => fs.readdirSync(path.join(REPO_ROOT, rel)).filter((f) => f.endsWith('.yml')).length;

describe('setting up (issue 11)', () => {
  it("demo/README.md counts the demo's events and metrics right", () => {
    const readme = read('demo/README.md');
    assert.equal(Number(/\| `config\/events\/\*\.yml` \| (\d+) internal events/.exec(readme)?.[1]), ymlIn('demo/config/events'));
    const metrics = ['counts_7d', 'counts_28d', 'counts_all'].reduce((n, f) => n + ymlIn(`demo/config/metrics/${f}`), 0);
    assert.equal(Number(/\| (\d+) metrics on those events/.exec(readme)?.[1]), metrics);
  });

  it('README says what npm start needs, costs, and what to do elsewhere', () => {
    const readme = read('README.md');
    for (const needed of [/Debian or Ubuntu/, /root or sudo/, /apt-get/, /2\.5 minutes and 323 MB/, /macOS/, /Install from VSIX/]) assert.match(readme, needed);
  });

  it('npm start without apt-get stops at once and points to the .vsix', () => {
    // No PATH: neither apt-get nor even sh can be found, as on a host that is not Debian.
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/start.mjs')], { cwd: REPO_ROOT, env: { PATH: '' }, encoding: 'utf8', timeout: 15000 });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /npm start cannot run here: .*Debian or Ubuntu/);
    assert.match(run.stderr, /Install from VSIX/);
  });
});
