// The bad-input table (issue 15): every class of hostile or broken input we know, each checked by
// the built CLI in a child process so that a hang is a failure (a killed child) and not a frozen
// test run. Each row asserts the diagnostic on the file and that the answer came within a
// generous bound: the point is "answers", not speed (speed is `npm run bench`'s).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { writeTree, eventYaml, REPO_ROOT } from '../helpers/workspace';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');
/** Far above any healthy answer (~0.5 s here), far below "never". */
const ANSWER_BOUND_MS = 15_000;

const EV = (n: string) => `config/events/${n}.yml`;
const nested = (open: string, inner: string, close: string, depth: number) => open.repeat(depth) + inner + close.repeat(depth);

interface ReportDiagnostic {
  file: string;
  line: number;
  code: string;
  message: string;
}
interface Row {
  name: string;
  files: Record<string, string | Buffer>;
  /** The diagnostic the file must get. */
  expect: { file: string; code: string; line?: number; message?: RegExp };
  /** Codes that must not appear on any file (a cascade, a false hint). */
  absent?: { file: string; code: string }[];
  /** Codes that must appear too (the rest of the file is still checked). */
  present?: { file: string; code: string }[];
}

/** A workspace event schema whose action pattern backtracks exponentially in JS's engine. */
const REDOS_SCHEMA = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { action: { type: 'string', pattern: '^([a-z_]+)+$' } },
});

const rows: Row[] = [
  {
    name: 'ReDoS: a workspace schema pattern that backtracks, against a 35-character action',
    files: { 'config/events/schema.json': REDOS_SCHEMA, [EV('slow')]: `action: ${'a'.repeat(35)}!\n` },
    expect: { file: EV('slow'), code: 'schema', line: 1, message: /pattern/ },
  },
  {
    name: 'Ruby: 200 nested blocks at top level (Prism never returned)',
    files: { [EV('deep_ruby')]: eventYaml('deep_ruby'), 'app/deep.rb': nested('items.each do |x|\n', "Gitlab::InternalEvents.track_event('deep_ruby')\n", 'end\n', 200) },
    expect: { file: 'app/deep.rb', code: 'calls-not-checked', line: 81, message: /nests more than 80 levels.*not checked/ },
    absent: [{ file: EV('deep_ruby'), code: 'unused-event' }],
  },
  {
    name: 'Ruby: 100 nested ifs in a method (the parser gave up silently)',
    files: { [EV('deep_if')]: eventYaml('deep_if'), 'app/ifs.rb': 'def f\n' + nested('if x\n', "track_internal_event('deep_if')\n", 'end\n', 100) + 'end\n' },
    expect: { file: 'app/ifs.rb', code: 'calls-not-checked', message: /not checked/ },
    absent: [{ file: EV('deep_if'), code: 'unused-event' }],
  },
  {
    name: 'Ruby: 150 parentheses',
    files: { [EV('deep_paren')]: eventYaml('deep_paren'), 'app/parens.rb': 'def f\n' + nested('(', "track_internal_event('deep_paren')", ')', 150) + '\nend\n' },
    expect: { file: 'app/parens.rb', code: 'calls-not-checked', message: /not checked/ },
    absent: [{ file: EV('deep_paren'), code: 'unused-event' }],
  },
  {
    name: 'Ruby: 140 blocks inside a method',
    files: { 'app/blocks.rb': 'def f\n' + nested('items.each do |x|\n', "track_internal_event('e')\n", 'end\n', 140) + 'end\n' },
    expect: { file: 'app/blocks.rb', code: 'calls-not-checked', message: /not checked/ },
  },
  {
    name: 'JS: 1,000 nested `{a:` (2.5-13 s per analysis)',
    files: { 'app/assets/javascripts/deep.js': "InternalEvents.trackEvent('e');\nconst x = " + nested('{a:', '1', '}', 1000) + ';\n' },
    expect: { file: 'app/assets/javascripts/deep.js', code: 'calls-not-checked', line: 2, message: /brackets deep.*not checked/ },
  },
  {
    name: 'Vue: a template expression of 1,000 nested `{a:`, beside a call that is still checked',
    files: {
      'app/assets/javascripts/deep.vue':
        '<template>\n  <div>\n    <button @click="trackEvent(\'vue_missing\')">x</button>\n    <p :title="' + nested('{a:', '1', '}', 1000) + '">y</p>\n  </div>\n</template>\n' +
        '<script>\nimport { InternalEvents } from \'~/tracking\';\nexport default { mixins: [InternalEvents.mixin()] };\n</script>\n',
    },
    expect: { file: 'app/assets/javascripts/deep.vue', code: 'calls-not-checked', line: 4, message: /template expression nests more than \d+ brackets.*not checked/ },
    present: [{ file: 'app/assets/javascripts/deep.vue', code: 'unknown-event' }],
  },
  {
    name: 'YAML bomb: a 1,500-deep flow sequence as a mapping key',
    files: { [EV('bomb_key')]: eventYaml('bomb_key') + nested('[', '', ']', 1500) + ': 1\n' },
    expect: { file: EV('bomb_key'), code: 'yaml-syntax', line: 25, message: /nested more than 64 levels/ },
  },
  {
    name: 'YAML: 10,000-deep block sequences say words for people',
    files: { [EV('deep_block')]: '- '.repeat(10_000) + 'x\n' },
    expect: { file: EV('deep_block'), code: 'yaml-syntax', message: /^This YAML is nested more than 64 levels deep/ },
  },
  {
    name: 'YAML: 10,000-deep flow sequence',
    files: { [EV('deep_flow')]: 'action: x\ntiers: ' + nested('[', '', ']', 10_000) + '\n' },
    expect: { file: EV('deep_flow'), code: 'yaml-syntax', line: 2, message: /nested more than 64 levels/ },
  },
  {
    name: 'YAML: a long wide collection key',
    files: { [EV('wide_key')]: eventYaml('wide_key') + '[' + Array.from({ length: 600 }, (_, i) => `k${i}`).join(', ') + ']: 1\n' },
    expect: { file: EV('wide_key'), code: 'yaml-syntax', line: 25, message: /key here is \d+ characters long/ },
  },
  {
    name: 'an over-long message is cut (a 900-character unknown key)',
    files: { [EV('long_key')]: eventYaml('long_key', { extra: 'k'.repeat(900) + ': 1' }) },
    expect: { file: EV('long_key'), code: 'schema', line: 25, message: /^Unknown key 'k+… \(message shortened\)$/ },
  },
  {
    name: 'YAML: one wrong indentation gives one syntax error and no schema errors (issue 11 bug 3)',
    files: { [EV('indent')]: eventYaml('indent', { tiers: 'tiers: free\n  premium: [ premium, ultimate ]' }) },
    expect: { file: EV('indent'), code: 'yaml-syntax', line: 21 },
    absent: [{ file: EV('indent'), code: 'schema' }],
  },
  // Classes already guarded before issue 15: they stay in the table so none regresses.
  {
    name: 'YAML: an alias bomb',
    files: { [EV('alias')]: 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n' },
    expect: { file: EV('alias'), code: 'yaml-syntax', line: 1, message: /alias/ },
  },
  {
    name: 'a binary definition',
    files: { [EV('binary')]: Buffer.from([0x61, 0x00, 0x62, 0x0a]) },
    expect: { file: EV('binary'), code: 'file-unreadable', message: /binary/ },
  },
  {
    name: 'a definition that is not UTF-8',
    files: { [EV('latin1')]: Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]) },
    expect: { file: EV('latin1'), code: 'file-unreadable', message: /UTF-8/ },
  },
  {
    name: 'a 2 MB definition',
    files: { [EV('huge')]: 'description: ' + 'x'.repeat(2 * 1024 * 1024) + '\n' },
    expect: { file: EV('huge'), code: 'file-unreadable', message: /MB limit/ },
  },
  {
    name: 'a definition that is a list, not a mapping',
    files: { [EV('list')]: '- a\n- b\n' },
    expect: { file: EV('list'), code: 'yaml-syntax', message: /mapping/ },
  },
  {
    name: 'an empty definition',
    files: { [EV('empty')]: '' },
    expect: { file: EV('empty'), code: 'yaml-syntax', message: /Empty/ },
  },
  {
    name: 'a workspace schema that is not JSON',
    files: { 'config/events/schema.json': '{ nope', [EV('plain')]: eventYaml('plain') },
    expect: { file: 'config/events/schema.json', code: 'schema', message: /not valid JSON/ },
  },
];

function check(root: string, ...flags: string[]): { report: { diagnostics: ReportDiagnostic[]; skipped?: unknown[] }; ms: number; stderr: string } {
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, 'check', root, '--format', 'json', ...flags], { encoding: 'utf8', timeout: ANSWER_BOUND_MS * 2, maxBuffer: 64 * 1024 * 1024 });
  const ms = Date.now() - started;
  assert.equal(r.signal, null, `the CLI was killed after ${ms} ms: it never answered`);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return { report: JSON.parse(r.stdout), ms, stderr: r.stderr };
}

describe('bad input: every class answers, with a diagnostic on the file (issue 15)', () => {
  for (const row of rows) {
    it(row.name, function () {
      this.timeout(ANSWER_BOUND_MS * 3);
      const root = writeTree(row.files);
      const { report, ms, stderr } = check(root);
      assert.ok(ms < ANSWER_BOUND_MS, `answered in ${ms} ms`);
      const on = report.diagnostics.filter((d) => d.file === row.expect.file && d.code === row.expect.code);
      const all = JSON.stringify(report.diagnostics.map((d) => [d.file, d.line, d.code, d.message.slice(0, 120)]), null, 1);
      assert.ok(on.length > 0, `no ${row.expect.code} on ${row.expect.file}: ${all}`);
      if (row.expect.line !== undefined) assert.deepEqual(on.map((d) => d.line), [row.expect.line], all);
      if (row.expect.message) assert.ok(on.some((d) => row.expect.message!.test(d.message)), all);
      for (const d of report.diagnostics) assert.ok(d.message.length <= 500, `${d.code} message of ${d.message.length} characters`);
      for (const a of row.absent ?? []) assert.deepEqual(report.diagnostics.filter((d) => d.file === a.file && d.code === a.code), [], all);
      for (const p of row.present ?? []) assert.ok(report.diagnostics.some((d) => d.file === p.file && d.code === p.code), `no ${p.code} on ${p.file}: ${all}`);
      // Nothing about stack sizes, and no library warning leaking to stderr.
      assert.doesNotMatch(JSON.stringify(report) + stderr, /Maximum call stack|will be stringified/);
    });
  }

  it('--verbose prints the information lines (skips), and the summary counts skipped files', function () {
    this.timeout(ANSWER_BOUND_MS * 3);
    const minified = 'InternalEvents.trackEvent("e");' + 'var a=1;'.repeat(5000) + '\n';
    const root = writeTree({ [EV('e')]: eventYaml('e'), 'app/assets/javascripts/bundle.js': minified });
    const quiet = spawnSync(process.execPath, [CLI, 'check', root], { encoding: 'utf8' });
    assert.match(quiet.stdout, /; 1 file skipped \(--verbose says why\)\n$/);
    // One of a kind is said in the singular.
    assert.match(quiet.stdout, /^1 event, 0 metrics, 0 call sites: 0 errors, 0 warnings, \d+ notes?; /m);
    assert.doesNotMatch(quiet.stderr, /info:/);
    const verbose = spawnSync(process.execPath, [CLI, 'check', root, '--verbose'], { encoding: 'utf8' });
    assert.match(verbose.stderr, /^info: skipped app\/assets\/javascripts\/bundle\.js: minified or generated code$/m);
    const { report } = check(root);
    assert.deepEqual(report.skipped, [{ file: 'app/assets/javascripts/bundle.js', reason: 'minified or generated code (very long lines)' }]);
  });
});
