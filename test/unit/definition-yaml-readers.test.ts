// The two definition readers give rules the same answers. js-yaml (closed files) must either answer
// exactly as `yaml` does, at every path, or decline the text so `yaml` reads it: a table of tricky
// texts, GitLab's corpus, a generated bench-like workspace, and `check --json` on that workspace
// (with defects mixed in) run with each reader.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../../bench/generate';
import { FastYamlFile } from '../../server/src/core/definitionYaml/fastYamlFile';
import { compareYamlReaders } from '../helpers/compareYamlReaders';
import { CORPUS, REPO_ROOT, listFilesRecursive } from '../helpers/workspace';

const EVENT_HEAD = '---\ndescription: Clicked the button\naction: click_button\n';

/** Texts js-yaml reads, each of which must get `yaml`'s answers everywhere. */
const READ_FAST: [string, string][] = [
  ['a GitLab event', `${EVENT_HEAD}internal_events: true\nidentifiers:\n- project\n- user\nproduct_group: code_review\nmilestone: '17.1'\ntiers:\n- free\n`],
  ['no document marker, no final line break', 'action: a\ntiers:\n- free'],
  ['trailing spaces after values and keys', 'action: a   \ntiers: \n- free  \nkey_path : x\n'],
  ['empty values, with and without spaces', 'action:\nlabel_description: \nproperty_description:\ntiers: []\n'],
  ['a nested map ending in an empty value', 'additional_properties:\n  label:\n    description:\naction: a\n'],
  ['a document ending in an empty value', 'action: a\nremoved_by_url:\n'],
  ['a document ending in a nested block', 'action: a\nadditional_properties:\n  label:\n    description: x\n'],
  ['a document ending in a flow collection', 'action: a\nperformance_indicator_type: []\n'],
  ['blank lines between and after', 'action: a\n\n\nadditional_properties:\n  label:\n    description: x\n\n\ntiers:\n- free\n\n\n'],
  ['comment lines between keys', '# head\naction: a\n# between\ntiers:\n  # inside\n  - free\nmilestone: "16.0"\n'],
  ['a comment after a scalar value', 'action: a # the action\ntiers:\n- free\n'],
  ['the guessed product group mark', 'action: a\nproduct_group: code_review # guessed: from the path\ntiers:\n- free\n'],
  ['indented sequences of maps', 'events:\n  - name: a\n    unique: user.id\n  - name: b\n    filter:\n      label: x\n      value: 3\ntime_frame: 28d\n'],
  ['sequences of maps at the key indent', 'events:\n- name: a\n  unique: user.id\n- name: b\ntime_frame:\n- 28d\n- 7d\n'],
  ['quoted keys and values', '"action": \'it\'\'s\'\n\'description\': "tab\\there \\u00e9"\nmilestone: \'16.10\'\n'],
  ['multi-line plain and quoted scalars', 'description: a long\n  text over\n  three lines\nother: "quoted over\n  two lines"\naction: a\n'],
  ['numbers both core schemas read alike', 'milestone: 16.10\nvalue: 17\nneg: -3\nzero: 0\nf: 0.5\n'],
  ['booleans and nulls', 'internal_events: true\na: False\nb: TRUE\nc: null\nd: ~\ne: Null\n'],
  ['plain strings that start with digits', 'time_frame: 7d\nother: 28d\nurl: https://x/-/merge_requests/1\n'],
  ['yes and no are strings in YAML 1.2', 'a: yes\nb: no\nc: on\nd: off\n'],
  ['colons and hashes inside plain scalars', 'category: projects:new\ndescription: issue#12 a:b\nproduct_group: group::code review\n'],
  ['a placeholder', 'action: a\nintroduced_by_url: TODO\nmilestone: TODO\n'],
  ['empty flow map', 'action: a\nadditional_properties: {}\n'],
];

/** Texts js-yaml must leave to `yaml` (it could not be sure to answer identically). */
const READ_BY_YAML: [string, string][] = [
  ['an anchor and an alias', 'a: &x one\nb: *x\n'],
  ['a tag', 'action: !!str 12\n'],
  ['a literal block scalar', 'description: |\n  two\n  lines\naction: a\n'],
  ['a folded block scalar', 'description: >-\n  folded\naction: a\n'],
  ['a duplicate key', 'action: a\naction: b\n'],
  ['a syntax error', 'action: a\n  bad: indentation\n'],
  ['a tab', 'action:\ta\n'],
  ['CR line ends', 'action: a\r\ntiers:\r\n- free\r\n'],
  ['a BOM', '\uFEFFaction: a\n'],
  ['a second document', 'action: a\n---\naction: b\n'],
  ['a directive', '%YAML 1.2\n---\naction: a\n'],
  ['a flow sequence with items', 'tiers: [free, premium]\n'],
  ['a flow map with items', 'filter: {label: x}\n'],
  ['hexadecimal and octal', 'a: 0x1F\nb: 0o17\n'],
  ['leading zeros', 'milestone: 012\n'],
  ['exponents and underscores', 'a: 1e3\nb: 1_000\n'],
  ['infinity and not-a-number', 'a: .inf\nb: .NaN\n'],
  ['sexagesimal-looking', 'a: 1:20\n'],
  ['a number as a key', '1: a\n'],
  ['a null key', 'null: a\n'],
  ['an explicit key', '? action\n: a\n'],
  ['a __proto__ key', '__proto__: a\n'],
  ['a comment as an empty value', 'action: # none\ntiers:\n- free\n'],
  ['a quoted scalar followed by a comment without space', 'action: "a"#x\n'],
  ['a comment on the last line of a block', 'tiers:\n- free # the tier\n'],
  ['a top-level sequence', '- a\n- b\n'],
  ['an empty document', ''],
  ['only a comment', '# nothing\n'],
];

describe('definition readers: js-yaml answers as yaml does, or declines', () => {
  for (const [name, text] of READ_FAST) {
    it(`reads ${name} with js-yaml, as yaml reads it`, () => {
      const r = compareYamlReaders(text);
      assert.ok(r.accepted, 'js-yaml declined it');
      assert.deepEqual(r.differences, []);
    });
  }
  for (const [name, text] of READ_BY_YAML) {
    it(`leaves ${name} to yaml`, () => assert.equal(FastYamlFile.tryRead(text), undefined));
  }

  it('answers as yaml on every file of the GitLab corpus, reading nearly all of them', () => {
    const files = listFilesRecursive(path.join(CORPUS, 'config')).filter((f) => f.endsWith('.yml'));
    let accepted = 0;
    for (const file of files) {
      const r = compareYamlReaders(fs.readFileSync(file, 'utf8'));
      if (r.accepted) accepted++;
      assert.deepEqual(r.differences, [], path.relative(CORPUS, file));
    }
    assert.ok(accepted >= files.length * 0.9, `js-yaml read only ${accepted} of ${files.length}`);
  });
});

/** Defects of every kind the local rules report, written into a generated workspace. */
function addDefects(root: string): void {
  const events = fs.readdirSync(path.join(root, 'config/events')).filter((f) => f.endsWith('.yml')).sort();
  const metrics = listFilesRecursive(path.join(root, 'config/metrics')).filter((f) => f.endsWith('.yml')).sort();
  const edit = (abs: string, fn: (t: string) => string) => fs.writeFileSync(abs, fn(fs.readFileSync(abs, 'utf8')));
  const event = (i: number) => path.join(root, 'config/events', events[i]);
  edit(event(0), (t) => t.replace(/milestone: '([\d.]+)'/, 'milestone: 16.10'));
  edit(event(1), (t) => t.replace(/^action: .*$/m, (l) => `${l}\n${l}`));
  edit(event(2), (t) => t.replace(/^tiers:/m, 'tiers: 3\nbad:\n  - x\n y: 1\n'));
  edit(event(3), (t) => t.replace(/^product_group: .*$/m, 'product_group: not_a_group # guessed: from the path'));
  edit(event(4), (t) => t.replace(/^introduced_by_url: .*$/m, 'introduced_by_url: TODO'));
  edit(event(5), (t) => t.replace(/^description: .*$/m, 'description: |\n  literal\n  block'));
  edit(event(6), (t) => t.replace(/^internal_events: true$/m, 'internal_events: yes'));
  edit(event(7), (t) => t.replace(/^identifiers:$/m, 'unknown_key: 1\nidentifiers:'));
  edit(event(8), (t) => t.replace(/^action: (.*)$/m, 'action: &a $1\nextra: *a'));
  edit(event(9), (t) => t.replace(/^action: .*$/m, 'action:'));
  edit(event(10), (t) => t.replace(/^tiers:\n(- \w+\n)+/m, 'tiers: [free, gold]\n'));
  edit(event(11), () => '');
  edit(metrics[0], (t) => t.replace(/^time_frame: .*$/m, 'time_frame: 3d'));
  edit(metrics[1], (t) => t.replace(/^key_path: .*$/m, ''));
  edit(metrics[2], (t) => t.replace(/- name: (\w+)/, '- name: $1_unknown'));
  edit(metrics[3], (t) => t.replace(/^status: .*$/m, 'status: removed'));
  edit(metrics[4], (t) => t.replace(/^milestone: .*$/m, 'milestone: 17'));
  edit(metrics[5], (t) => t.replace(/^data_source: .*$/m, 'data_source:\n  nested: map'));
}

describe('definition readers: check --json on a generated workspace', function () {
  this.timeout(120000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ie-readers-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('prints the same JSON whichever reader reads the closed files', () => {
    generateWorkspace(root, { events: 400, metrics: 800, sourceFiles: 0, sourceFilesWithCalls: 0, seed: 7 });
    addDefects(root);
    const defs = listFilesRecursive(path.join(root, 'config')).filter((f) => f.endsWith('.yml') && !f.endsWith('feature_categories.yml'));
    const fast = defs.filter((f) => FastYamlFile.tryRead(fs.readFileSync(f, 'utf8'))).length;
    assert.ok(fast > defs.length * 0.9, `js-yaml read only ${fast} of ${defs.length}: the comparison would prove little`);
    const check = (reader?: string) =>
      spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'check', root, '--format', 'json'], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        env: { ...process.env, IE_YAML_READER: reader ?? '' },
      });
    const withYaml = check('yaml');
    const withJsYaml = check();
    assert.equal(withJsYaml.status, withYaml.status);
    assert.equal(withJsYaml.stdout, withYaml.stdout);
    // The defects were seen: the comparison covers syntax, schema and rule diagnostics.
    const codes = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'code' && typeof x === 'string' ? codes.add(x) : walk(x);
    };
    walk(JSON.parse(withYaml.stdout));
    for (const code of ['yaml-syntax', 'schema', 'milestone-not-string', 'placeholder']) assert.ok(codes.has(code), `no ${code} diagnostic in ${[...codes].join(', ')}`);
  });
});
