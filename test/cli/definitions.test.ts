// `check --definitions ../gitlab`: a satellite service checked against the monolith's definitions.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT, eventYaml, writeTree } from '../helpers/workspace';

interface CheckJson {
  callSites: { event: string | null; kind: string }[];
  diagnostics: { code: string; file: string; message: string }[];
}

describe('cli: check --definitions', function () {
  this.timeout(30000);

  it('reads the other checkout\'s definitions and reports only on the satellite', () => {
    const base = writeTree({
      'gitlab/config/events/request_duo_chat.yml': eventYaml('request_duo_chat'),
      'svc/app/chat.py': 'internal_event_client.track_event("request_duo_chat")\ninternal_event_client.track_event("request_duo_chta")\n',
    });
    const run = (...extra: string[]) =>
      spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'check', 'svc', '--format', 'json', ...extra], { cwd: base, encoding: 'utf8' });
    const withRoot = run('--definitions', 'gitlab');
    assert.equal(withRoot.status, 1, withRoot.stderr);
    const report = JSON.parse(withRoot.stdout) as CheckJson;
    assert.deepEqual(report.callSites.map((s) => s.event), ['request_duo_chat', 'request_duo_chta']);
    assert.deepEqual(report.diagnostics.map((d) => [d.code, d.file]), [['unknown-event', 'app/chat.py']]);
    assert.match(report.diagnostics[0].message, /Did you mean 'request_duo_chat'/);
    const without = JSON.parse(run().stdout) as CheckJson;
    assert.equal(without.diagnostics.filter((d) => d.code === 'unknown-event').length, 2);
  });
});
