// The per-file budget's parts, one table each: the nesting pre-scans (no false alarm on ordinary
// code, the alarm where the budget is crossed), the linear-time schema patterns, unreadable
// files, and what the YAML reader does with input it must not compose.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanRubyNesting, rubyOverBudget } from '../../server/src/core/budget/rubyNesting';
import { jsOverBudget } from '../../server/src/core/budget/jsNesting';
import { parseFragment } from '../../server/src/core/callsites/js/ast';
import { yamlOverBudget } from '../../server/src/core/budget/yamlBudget';
import { capMessage } from '../../server/src/core/budget/limits';
import { linearRegExp } from '../../server/src/core/budget/linearRegExp';
import { createAjv } from '../../server/src/core/schemaSet';
import { NodeFileSystem } from '../../server/src/core/fileSystem';
import { ProjectIndex } from '../../server/src/core/projectIndex';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { YamlFile } from '../../server/src/core/yamlFile';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { CORPUS, REPO_ROOT, eventYaml, indexTree, listFilesRecursive, writeTree } from '../helpers/workspace';

/** Ruby written to hit the scanner's traps: every opener here is closed, so the level ends at 0. */
const TRICKY_RUBY = `# frozen_string_literal: true
module Gitlab
  class Counter < Base
    class << self
      KEY = "{#{SLOT}}_#{key}-#{week}" # a comment with do and if
      def track(values, name:, time: Time.current)
        return if values.blank?
        return unless Feature.enabled?(:tracking, type: :ops)
        x = if name then 1 else 2 end
        items.each do |item|
          next unless item.present?
          puts %w[do end if], %i(begin case)
          sql = <<~SQL
            SELECT * FROM t WHERE a = 'if' -- do
            end
          SQL
          message = "Event #{name} has \\"do\\" in it.\\n" \\
                    "and #{items.map { |i| "#{i} end" }.join(',')}"
          while running do
            step
          end
          h = { if: 1, do: 2, end: 3, class: :module }
          @end = item.end
          rescue_me rescue nil
          value = /\\(if\\)/ =~ message
        end
        case name
        when 'a' then :end
        end
      end

      def endless(x) = x + 1

      def ==(other)
        other.is_a?(self.class)
      end
    end
  end
end
=begin
if do class module
=end
`;

describe('Ruby nesting pre-scan', () => {
  it('follows every construct of ordinary code back to level 0', () => {
    assert.deepEqual(
      (({ deepest, final }) => ({ deepest, final }))(scanRubyNesting(TRICKY_RUBY, Infinity)),
      { deepest: 6, final: 0 },
    );
  });

  it('the demo and the fixtures: every file balanced, far below the budget', () => {
    const files = [...listFilesRecursive(path.join(REPO_ROOT, 'demo')), ...listFilesRecursive(path.join(REPO_ROOT, 'test/fixtures'))].filter((f) => /\.(rb|rake)$/.test(f));
    assert.ok(files.length >= 5);
    for (const f of files) {
      const scan = scanRubyNesting(fs.readFileSync(f, 'utf8'), Infinity);
      assert.equal(scan.final, 0, f);
      assert.ok(scan.deepest < 20, `${f}: ${scan.deepest}`);
    }
  });

  const table: { name: string; text: string; over: boolean }[] = [
    { name: '80 nested blocks are within budget', text: 'a do\n'.repeat(80) + 'x\n' + 'end\n'.repeat(80), over: false },
    { name: '81 nested blocks are over', text: 'a do\n'.repeat(81) + 'x\n' + 'end\n'.repeat(81), over: true },
    { name: '81 statement ifs are over', text: 'if a\n'.repeat(81) + 'x\n' + 'end\n'.repeat(81), over: true },
    { name: '1,000 modifier ifs open nothing', text: 'x = 1 if a\n'.repeat(1000), over: false },
    { name: '100 braces blocks are over', text: 'a { |x|\n'.repeat(100) + '}\n'.repeat(100), over: true },
    { name: 'an unterminated heredoc hides nothing', text: 'class A<<~EOS\n' + 'if x\n'.repeat(100), over: true },
    { name: 'an unterminated string hides nothing', text: 'x = "\n' + 'a do\n'.repeat(100), over: true },
    { name: 'brackets inside strings, comments and heredocs do not count', text: `s = "${'('.repeat(200)}"\n# ${'['.repeat(200)}\nt = <<~EOS\n${'{'.repeat(200)}\nEOS\n`, over: false },
  ];
  for (const row of table) {
    it(row.name, () => assert.equal(rubyOverBudget(row.text) !== undefined, row.over));
  }
});

describe('JS nesting pre-scan', () => {
  it('node_modules: no real package file (minified bundles included) is over budget', function () {
    this.timeout(60_000);
    const dirs = ['@babel/parser/lib', 'vscode-languageserver/lib', 'yaml/dist', 'ajv/dist', '@vue/compiler-sfc/dist'].map((d) => path.join(REPO_ROOT, 'node_modules', d));
    let n = 0;
    for (const f of dirs.flatMap((d) => listFilesRecursive(d)).filter((f) => /\.(c?js|ts)$/.test(f))) {
      n++;
      assert.equal(jsOverBudget(fs.readFileSync(f, 'utf8')), undefined, f);
    }
    assert.ok(n > 100, `${n} files`);
  });

  const table: { name: string; text: string; over: boolean }[] = [
    { name: '200 levels are within budget', text: '['.repeat(200) + ']'.repeat(200), over: false },
    { name: '201 levels are over', text: '['.repeat(201) + ']'.repeat(201), over: true },
    { name: 'an unterminated template or comment hides nothing', text: '`' + '['.repeat(201) + '\n/* ' + '('.repeat(201), over: true },
    { name: 'template literal substitutions count as levels', text: '`${'.repeat(201) + '1' + '}`'.repeat(201), over: true },
    { name: 'brackets in strings, comments, templates and regexes do not count', text: `a = '${'('.repeat(300)}'; // ${'['.repeat(300)}\n/* ${'{'.repeat(300)} */ b = \`${'('.repeat(300)}\`; c = /${'\\('.repeat(300)}/;`, over: false },
  ];
  for (const row of table) {
    it(row.name, () => assert.equal(jsOverBudget(row.text) !== undefined, row.over));
  }

  it('a Vue template expression over budget is not given to Babel', () => {
    const started = Date.now();
    assert.equal(parseFragment('{a:'.repeat(1000) + '1' + '}'.repeat(1000), 0, 'js'), null);
    assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
    assert.notEqual(parseFragment('{a: {b: 1}}', 0, 'js'), null);
  });
});

describe('YAML pre-scan', () => {
  it("GitLab's 281 real definitions and schemas' YAML are within budget", () => {
    const files = listFilesRecursive(CORPUS).filter((f) => /\.ya?ml$/.test(f));
    assert.ok(files.length > 200);
    for (const f of files) assert.equal(yamlOverBudget(fs.readFileSync(f, 'utf8')), undefined, f);
  });

  const table: { name: string; text: string; offset?: number }[] = [
    { name: '64 flow levels are within budget', text: 'a: ' + '['.repeat(64) + ']'.repeat(64) + '\n' },
    { name: '65 flow levels are over, at the 65th bracket', text: 'a: ' + '['.repeat(65) + ']'.repeat(65) + '\n', offset: 3 + 64 },
    { name: '65 block levels are over', text: Array.from({ length: 65 }, (_, i) => ' '.repeat(i) + 'a:').join('\n'), offset: (64 * 63) / 2 + 64 * 3 + 64 },
    { name: 'compact sequences count per dash', text: '- '.repeat(65) + 'x\n', offset: 0 },
    { name: 'dashes inside an unclosed flow collection count too', text: 'b: [x, y,\n' + '- '.repeat(65) + 'x\n', offset: 10 + 64 * 2 },
    { name: 'a 1,100-character flow key is over', text: 'x: 1\n[' + 'a, '.repeat(366) + 'a]: 1\n', offset: 5 },
    { name: 'a long line of a block scalar holding ": " is no key', text: 'description: |\n  ' + 'word '.repeat(300) + ': more\n' },
    { name: 'brackets inside quotes do not count', text: `a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\n` },
  ];
  for (const row of table) {
    it(row.name, () => assert.equal(yamlOverBudget(row.text)?.offset, row.offset));
  }

  it('an over-budget YAML is not composed: one diagnostic, no tree, and document symbols answer', () => {
    const text = 'action: x\n' + '- '.repeat(10_000) + 'x\n';
    const yaml = new YamlFile(text);
    assert.equal(yaml.wellFormed, false);
    assert.deepEqual(yaml.syntaxDiagnostics.map((d) => [d.code, d.range.start.line]), [['yaml-syntax', 1]]);
    assert.match(yaml.syntaxDiagnostics[0].message, /^This YAML is nested more than 64 levels deep/);
    const index = new ProjectIndex(writeTree({}), new NodeFileSystem(), DEFAULT_SETTINGS);
    assert.deepEqual(documentSymbols(index, 'config/events/x.yml', text), []);
  });

  it("the yaml library's warnings never reach process warnings (the output channel)", () => {
    const warnings: unknown[] = [];
    const original = process.emitWarning;
    process.emitWarning = ((w: unknown) => warnings.push(w)) as typeof process.emitWarning;
    try {
      new YamlFile('action: x\n[a, b]: 1\n{c: d}: 2\n');
    } finally {
      process.emitWarning = original;
    }
    assert.deepEqual(warnings, []);
  });

  it('a wrong indentation: the first syntax error only, and no schema errors from the half-parsed tree', async () => {
    const rel = 'config/events/indent.yml';
    const index = await indexTree({ [rel]: eventYaml('indent', { description: 'description: Counted when\n  tiers: [ premium, ultimate ]' }) });
    const diags = index.diagnostics(rel).filter((d) => d.severity === 'error');
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line + 1]), [['yaml-syntax', 2]], JSON.stringify(diags));
  });
});

describe('messages are capped', () => {
  it('at 500 characters, saying so', () => {
    assert.equal(capMessage('x'.repeat(500)), 'x'.repeat(500));
    const cut = capMessage('x'.repeat(3_000_000));
    assert.equal(cut.length, 500);
    assert.match(cut, /… \(message shortened\)$/);
  });
});

describe('schema patterns run in linear time (RE2)', () => {
  it('the ReDoS pattern answers at once, and means what JS means on ordinary input', () => {
    const ajv = createAjv([]);
    const validate = ajv.compile({ type: 'string', pattern: '^([a-z_]+)+$' });
    const started = Date.now();
    assert.equal(validate('a'.repeat(35) + '!'), false);
    assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
    for (const s of ['abc', 'a_b', 'A', '', 'ab1']) assert.equal(validate(s), /^([a-z_]+)+$/u.test(s), s);
  });

  it("GitLab's schema patterns agree with JavaScript's engine, each on its own (Ajv keys them apart)", () => {
    const patterns = ['^[a-z0-9_]+$', '^<?[0-9]+\\.[0-9]+$', '^(([A-Z][a-z]+)+::)*(([A-Z]+[a-z]+)+)$'];
    const samples = ['17.0', '<16.10', '16', 'a_b', 'Abc', 'Gitlab::Usage::Metrics::CountMetric', 'CountMetric', 'count_metric'];
    const ajv = createAjv([]);
    const validate = ajv.compile({ type: 'object', properties: Object.fromEntries(patterns.map((p, i) => [`p${i}`, { type: 'string', pattern: p }])) });
    for (const s of samples) {
      for (let i = 0; i < patterns.length; i++) {
        assert.equal(validate({ [`p${i}`]: s }), new RegExp(patterns[i], 'u').test(s), `${patterns[i]} on ${s}`);
      }
    }
  });

  it('a pattern RE2 cannot run (look-ahead) fails the schema compile with the reason', () => {
    assert.throws(() => linearRegExp('(?=a)a', 'u'), /look-around, back-references/);
  });
});

describe('unreadable definitions', () => {
  /** A disk where one file exists but cannot be read, whoever runs the test (root reads chmod 000 files). */
  class OneUnreadableFile extends NodeFileSystem {
    constructor(private readonly unreadable: string) {
      super();
    }
    override readBytes(absPath: string, maxBytes: number): Buffer | 'too-large' | undefined {
      return absPath === this.unreadable ? undefined : super.readBytes(absPath, maxBytes);
    }
    override readText(absPath: string): string | undefined {
      return absPath === this.unreadable ? undefined : super.readText(absPath);
    }
  }

  it('a definition that exists but cannot be read gets file-unreadable', async () => {
    const rel = 'config/events/locked.yml';
    const root = writeTree({ [rel]: eventYaml('locked') });
    const index = new ProjectIndex(root, new OneUnreadableFile(path.join(root, rel)), DEFAULT_SETTINGS);
    await index.indexAll();
    assert.deepEqual(index.diagnostics(rel).map((d) => [d.code, d.message]), [['file-unreadable', 'File could not be read (no read permission?); it is not checked.']]);
  });

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  (isRoot ? it.skip : it)('the same with a real chmod 000 file (skipped as root, who can read it)', async () => {
    const rel = 'config/events/locked.yml';
    const root = writeTree({ [rel]: eventYaml('locked') });
    fs.chmodSync(path.join(root, rel), 0o000);
    const index = new ProjectIndex(root, new NodeFileSystem(), DEFAULT_SETTINGS);
    await index.indexAll();
    assert.deepEqual(index.diagnostics(rel).map((d) => d.code), ['file-unreadable']);
  });
});
