// `internal-events report` as CI runs it: the built CLI (dist/cli.js) on the demo, and with
// --changed-since on a git history made here (git init, a base commit, a branch commit, and an
// uncommitted edit).
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeTree, eventYaml, metricYaml, REPO_ROOT } from '../helpers/workspace';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');
const DEMO = path.join(REPO_ROOT, 'demo');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** git with no user or system configuration, so the test does not depend on the machine's. */
function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-C', root, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

const hasGit = spawnSync('git', ['--version']).status === 0;

describe('cli: report', function () {
  this.timeout(30000);

  it('reports the demo per product group, in Markdown by default', () => {
    const r = cli(['report', DEMO]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^## Internal events in demo\n\n11 events and 7 metrics in 5 product groups; 11 tracking calls name them\./);
    assert.match(r.stdout, /\n\| pipeline_execution \| 3 \| 2 \| 0 \| 1 \| 3 \| 0 \| 0 \|\n/);
  });

  it('writes JSON for scripts, narrowed with --group', () => {
    const r = cli(['report', DEMO, '--format', 'json', '--group', 'source_code']);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { groups: { group: string; events: { action: string }[] }[] };
    assert.deepEqual(json.groups.map((g) => [g.group, g.events.map((e) => e.action)]), [['source_code', ['click_copy_source_branch_button']]]);
  });

  it('refuses an unknown group or format with exit 2 and the reason', () => {
    const group = cli(['report', DEMO, '--group', 'nobody']);
    assert.equal(group.status, 2);
    assert.match(group.stderr, /no definition names the product group 'nobody'; the workspace has: analytics_instrumentation, code_review/);
    const format = cli(['report', DEMO, '--format', 'pdf']);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /unknown format 'pdf'/);
  });
});

(hasGit ? describe : describe.skip)('cli: report --changed-since, on a git history made here', function () {
  this.timeout(30000);
  let root: string;

  before(() => {
    root = writeTree({
      'config/events/click_save_on_form.yml': eventYaml('click_save_on_form', { product_group: 'product_group: code_review' }),
      'config/metrics/counts_28d/count_total_click_save_on_form_monthly.yml': metricYaml('counts.count_total_click_save_on_form_monthly', '- name: click_save_on_form', {
        product_group: 'product_group: code_review',
      }),
      'config/metrics/counts_7d/count_total_click_save_on_form_weekly.yml': metricYaml('counts.count_total_click_save_on_form_weekly', '- name: click_save_on_form', {
        product_group: 'product_group: code_review',
        time_frame: 'time_frame: 7d',
      }),
      'app/services/form_service.rb': "track_internal_event('click_save_on_form', user: user)\n",
    });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    git(root, 'checkout', '-q', '-b', 'feature');
    // The branch: a new event and its call, one metric deleted, then an uncommitted call.
    writeTree(
      {
        'config/events/click_cancel_on_form.yml': eventYaml('click_cancel_on_form', { product_group: 'product_group: code_review', description: 'description: Cancel' }),
        'app/services/form_service.rb': "track_internal_event('click_save_on_form', user: user)\ntrack_internal_event('click_cancel_on_form', user: user)\n",
      },
      root,
    );
    fs.rmSync(path.join(root, 'config/metrics/counts_7d/count_total_click_save_on_form_weekly.yml'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'feature');
    writeTree({ 'app/services/other_service.rb': "track_internal_event('click_sav_on_form', user: user)\n" }, root);
  });

  it('says what the branch adds and removes, with review points, and exits as check does', () => {
    const r = cli(['report', root, '--changed-since', 'main']);
    assert.equal(r.status, 1, `check would fail: the uncommitted call names an unknown event\n${r.stderr}`);
    const md = r.stdout;
    const base = git(root, 'rev-parse', 'main').trim().slice(0, 12);
    assert.match(md, new RegExp(`^## Internal events: what this branch changes\\n\\nCompared with \`main\` where this branch left it \\(\`${base}\`\\)\\.`));
    assert.match(md, /\n\| events \| 1 \| 0 \| 0 \|\n\| metrics \| 0 \| 0 \| 1 \|\n\| key paths \| 0 \| — \| 1 \|\n\| tracking calls \| 2 \| — \| 0 \|\n/);
    assert.match(md, /\| added \| `click_cancel_on_form` \| code_review \| `config\/events\/click_cancel_on_form\.yml` \|/);
    assert.match(md, /\*\*Removed \(1\):\*\* `counts\.count_total_click_save_on_form_weekly`/);
    assert.match(md, /\| added \| `click_sav_on_form` \| `app\/services\/other_service\.rb:1` \| call \|/, 'a file git does not track yet counts');
    assert.match(md, /- \[ \] `config\/events\/click_cancel_on_form\.yml` \(`click_cancel_on_form`\): the description has 1 word/);
    assert.match(md, /- \[ \] `config\/metrics\/counts_7d\/count_total_click_save_on_form_weekly\.yml` \(`counts\.count_total_click_save_on_form_weekly`\): the definition was deleted/);
    assert.match(md, /#### Problems in the changed files \(1\)\n\n- error `app\/services\/other_service\.rb:1` `unknown-event`/);
  });

  it('writes the same as JSON', () => {
    const r = cli(['report', root, '--changed-since', 'main', '--format', 'json']);
    const json = JSON.parse(r.stdout) as { events: { change: string; name: string }[]; calls: { change: string; event: string }[] };
    assert.deepEqual(json.events.map((e) => [e.change, e.name]), [['added', 'click_cancel_on_form']]);
    assert.deepEqual(json.calls.map((c) => [c.change, c.event]), [['added', 'click_cancel_on_form'], ['added', 'click_sav_on_form']]);
  });

  it('exits 0 when check finds no error, and 2 with the reason for a REF git does not know', () => {
    fs.rmSync(path.join(root, 'app/services/other_service.rb'));
    const clean = cli(['report', root, '--changed-since', 'main']);
    assert.equal(clean.status, 0, clean.stdout);
    const unknown = cli(['report', root, '--changed-since', 'origin/nowhere']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /cannot compare with 'origin\/nowhere'.*is it fetched\?/);
    const option = cli(['report', root, '--changed-since', '--output=x']);
    assert.equal(option.status, 2);
  });
});
