// Checks the VS Code snippet files: well-formed entries with `ie-` prefixes, tab-stop syntax that
// expands cleanly, and YAML definition snippets that, filled with their defaults, are YAML with the
// keys in the order GitLab's generator writes them.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../helpers/workspace';


const snippetsDir = join(REPO_ROOT, 'snippets');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

function loadSnippets(file: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(snippetsDir, file), 'utf8')) as Record<string, Snippet>;
}

function bodyText(snippet: Snippet): string {
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

/**
 * Fills a snippet body the way accepting every default would: `${1:text}` becomes its (expanded)
 * text, `${1|a,b|}` its first choice, `$1`/`${1}` the default given to tab stop 1 elsewhere
 * (VS Code mirrors it) or nothing. Escapes `\$`, `\}`, `\\` (and `\,` `\|` in choices) are undone.
 * Variables such as $TM_FILENAME are not supported: our snippets do not use them.
 */
function expandSnippetDefaults(body: string): string {
  // First pass learns each tab stop's default; the second uses them for mirrors defined later.
  const defaults = new Map<string, string>();
  expand(body, defaults);
  return expand(body, defaults);
}

function expand(body: string, defaults: Map<string, string>): string {
  let at = 0;

  function readChoices(): string[] {
    const choices: string[] = [];
    let current = '';
    while (at < body.length) {
      const ch = body[at];
      if (ch === '\\' && at + 1 < body.length) {
        current += body[at + 1];
        at += 2;
      } else if (ch === ',') {
        choices.push(current);
        current = '';
        at++;
      } else if (body.startsWith('|}', at)) {
        choices.push(current);
        at += 2;
        return choices;
      } else {
        current += ch;
        at++;
      }
    }
    throw new Error('unterminated choice list');
  }

  function readUntilClosingBrace(insidePlaceholder: boolean): string {
    let out = '';
    while (at < body.length) {
      const ch = body[at];
      if (ch === '\\' && '$}\\'.includes(body[at + 1] ?? '')) {
        out += body[at + 1];
        at += 2;
        continue;
      }
      if (ch === '}' && insidePlaceholder) {
        at++;
        return out;
      }
      const tabStop = /^\$(?:(\d+)|\{(\d+)([:|}]))/.exec(body.slice(at, at + 12));
      if (ch === '$' && tabStop) {
        at += tabStop[0].length;
        const index = tabStop[1] ?? tabStop[2];
        const kind = tabStop[3];
        let text: string;
        if (kind === ':') text = readUntilClosingBrace(true);
        else if (kind === '|') text = readChoices()[0];
        else text = defaults.get(index) ?? '';
        if (kind && kind !== '}' && !defaults.has(index)) defaults.set(index, text);
        out += text;
        continue;
      }
      if (ch === '$' && /^\$\{?[A-Z_]/.test(body.slice(at, at + 3))) throw new Error(`snippet variables are not supported: ${body.slice(at, at + 20)}`);
      out += ch;
      at++;
    }
    if (insidePlaceholder) throw new Error('unterminated placeholder');
    return out;
  }

  return readUntilClosingBrace(false);
}

describe('snippet expansion helper', () => {
  it('fills placeholders, choices, nested placeholders and mirrors', () => {
    assert.equal(expandSnippetDefaults('a ${1:x${2:y}} ${3|p\\,q,r|} $2 ${2} \\$ $0'), 'a xy p,q y y $ ');
  });

  it('uses a default defined after its mirror', () => {
    assert.equal(expandSnippetDefaults('$1-${1:name}'), 'name-name');
  });
});

describe('snippet files', () => {
  const files = readdirSync(snippetsDir).filter((name) => name.endsWith('.json')).sort();

  it('has a snippet file per supported language', () => {
    assert.deepEqual(files, ['haml.json', 'javascript.json', 'ruby.json', 'vue.json', 'yaml.json']);
  });

  for (const file of files) {
    describe(file, () => {
      const snippets = loadSnippets(file);

      it('gives every snippet an ie- prefix, a body and a description', () => {
        assert.ok(Object.keys(snippets).length > 0);
        const prefixes = new Set<string>();
        for (const [name, snippet] of Object.entries(snippets)) {
          assert.equal(typeof snippet.description, 'string', name);
          assert.ok(snippet.description.length > 10, `${name}: description`);
          const names = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
          for (const prefix of names) {
            assert.match(prefix, /^ie-[a-z-]+$/, name);
            assert.ok(!prefixes.has(prefix), `${file}: prefix ${prefix} used twice`);
            prefixes.add(prefix);
          }
          const lines = Array.isArray(snippet.body) ? snippet.body : [snippet.body];
          assert.ok(lines.length > 0 && lines.every((line) => typeof line === 'string'), `${name}: body`);
        }
      });

      it('expands every body with its defaults', () => {
        for (const [name, snippet] of Object.entries(snippets)) {
          const text = expandSnippetDefaults(bodyText(snippet));
          assert.ok(!text.includes('${'), `${name}: leftover placeholder in ${text}`);
        }
      });
    });
  }
});

describe('YAML definition snippets', () => {
  const snippets = loadSnippets('yaml.json');
  const byPrefix = (prefix: string): Snippet => {
    const found = Object.values(snippets).find((s) => s.prefix === prefix);
    assert.ok(found, `no snippet ${prefix}`);
    return found;
  };
  const filled = (prefix: string): Record<string, unknown> =>
    parseYaml(expandSnippetDefaults(bodyText(byPrefix(prefix)))) as Record<string, unknown>;

  it('ie-event fills to an event definition in generator order', () => {
    const event = filled('ie-event');
    assert.deepEqual(Object.keys(event), [
      'description', 'internal_events', 'action', 'identifiers', 'additional_properties',
      'product_group', 'product_categories', 'milestone', 'introduced_by_url', 'tiers',
    ]);
    assert.equal(event.internal_events, true);
    assert.match(String(event.action), /^[a-z0-9_]+$/);
    assert.deepEqual(event.identifiers, ['project', 'namespace', 'user']);
    assert.equal(event.milestone, '18.0');
    assert.deepEqual(event.tiers, ['free', 'premium', 'ultimate']);
  });

  const metricKeys = [
    'key_path', 'description', 'product_group', 'product_categories', 'performance_indicator_type',
    'value_type', 'status', 'milestone', 'introduced_by_url', 'time_frame', 'data_source',
    'data_category', 'tiers', 'events',
  ];

  it('ie-metric fills to a unique-count metric in generator order', () => {
    const metric = filled('ie-metric');
    assert.deepEqual(Object.keys(metric), metricKeys);
    assert.equal(metric.key_path, 'redis_hll_counters.count_distinct_user_id_from_event_name_monthly');
    assert.equal(metric.time_frame, '28d');
    assert.equal(metric.data_category, 'optional');
    assert.deepEqual(metric.events, [{ name: 'event_name', unique: 'user.id' }]);
  });

  it('ie-metric-total fills to a total-count metric in generator order', () => {
    const metric = filled('ie-metric-total');
    assert.deepEqual(Object.keys(metric), metricKeys);
    assert.equal(metric.key_path, 'counts.count_total_event_name_monthly');
    assert.deepEqual(metric.events, [{ name: 'event_name' }]);
  });

  it('offers the time frames a unique count allows, and array forms', () => {
    const uniqueBody = bodyText(byPrefix('ie-metric'));
    assert.match(uniqueBody, /time_frame: \$\{\d+\|28d,7d,\[28d\\, 7d\]\|\}/);
    assert.ok(!/time_frame: .*all/.test(uniqueBody), 'unique counts cannot use time_frame all');
    assert.match(bodyText(byPrefix('ie-metric-total')), /time_frame: \$\{\d+\|28d,7d,all,/);
  });

  it('fills the small YAML fragments to valid YAML', () => {
    assert.deepEqual(filled('ie-event-property'), { label: { description: 'What it holds and which values it takes' } });
    assert.deepEqual(parseYaml(expandSnippetDefaults(bodyText(byPrefix('ie-metric-rule')))), [
      { name: 'event_name', filter: { label: 'expected_value' } },
    ]);
  });
});
