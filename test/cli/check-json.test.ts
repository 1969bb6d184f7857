// `check --format json` lists events, metrics, call sites, diagnostics and skipped files in one order whatever the disk's:
// path order (CE before EE, then by code point), then line and column. The listing order of a
// folder depends on the file system and on the listing library, and a machine-read report that
// changes with them makes every diff between two runs noise.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT, eventYaml, metricYaml, writeTree } from '../helpers/workspace';

interface CheckJson {
  events: { file: string }[];
  metrics: { file: string }[];
  callSites: { file: string; line: number; event: string | null }[];
  diagnostics: { file: string; code: string }[];
  skipped: { file: string }[];
}

describe('cli: check --format json', function () {
  this.timeout(30000);

  it('lists events, metrics, call sites, diagnostics and skipped files by path, then line', () => {
    // Written in an order that is neither sorted nor reversed, so neither creation order nor a
    // reversed listing could pass for path order.
    const root = writeTree({
      'config/events/m_event.yml': eventYaml('m_event'),
      'ee/config/events/a_event.yml': eventYaml('a_event'),
      'config/events/z_event.yml': eventYaml('z_event'),
      'config/events/b_event.yml': eventYaml('b_event'),
      'config/metrics/counts_all/z.yml': metricYaml('counts.z', '- name: z_event'),
      'ee/config/metrics/counts_all/a.yml': metricYaml('counts.a', '- name: a_event'),
      'config/metrics/counts_all/b.yml': metricYaml('counts.b', '- name: b_event'),
      'app/models/z.rb': "track_internal_event('z_event')\n",
      'ee/app/models/a.rb': "track_internal_event('a_event')\n",
      'app/models/b.rb': "track_internal_event('m_event')\ntrack_internal_event('b_event')\n",
      // By code point ee/ comes before spec/; in path order CE comes first.
      'ee/app/models/c.rb': "track_internal_event('unknown_in_ee')\n",
      'spec/models/x_spec.rb': "track_internal_event('unknown_in_spec')\n",
      'ee/lib/bin.rb': "track_internal_event('x')\0\n",
      'spec/support/bin.rb': "track_internal_event('x')\0\n",
    });
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'check', root, '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(r.stdout) as CheckJson;
    assert.deepEqual(report.events.map((e) => e.file), [
      'config/events/b_event.yml',
      'config/events/m_event.yml',
      'config/events/z_event.yml',
      'ee/config/events/a_event.yml',
    ]);
    assert.deepEqual(report.metrics.map((m) => m.file), ['config/metrics/counts_all/b.yml', 'config/metrics/counts_all/z.yml', 'ee/config/metrics/counts_all/a.yml']);
    assert.deepEqual(report.callSites.map((c) => `${c.file}:${c.line}:${c.event}`), [
      'app/models/b.rb:1:m_event',
      'app/models/b.rb:2:b_event',
      'app/models/z.rb:1:z_event',
      'spec/models/x_spec.rb:1:unknown_in_spec',
      'ee/app/models/a.rb:1:a_event',
      'ee/app/models/c.rb:1:unknown_in_ee',
    ]);
    const unknownEvents = report.diagnostics.filter((d) => d.code === 'unknown-event').map((d) => d.file);
    assert.deepEqual(unknownEvents, ['spec/models/x_spec.rb', 'ee/app/models/c.rb']);
    assert.deepEqual(report.skipped.map((f) => f.file), ['spec/support/bin.rb', 'ee/lib/bin.rb']);
  });
});
