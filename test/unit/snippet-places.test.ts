// Issue 11.9: the server offers the YAML and Ruby `ie-*` snippets only where they belong (VS Code's
// static snippets would offer them anywhere: metric skeletons in event files and inside lists,
// `ie-track` inside a call's argument hash).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexTree, eventYaml, REPO_ROOT } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { complete } from '../../server/src/core/features/completion';
import { LineIndex } from '../../server/src/core/text';

function cursor(src: string): { text: string; pos: { line: number; character: number } } {
  const at = src.indexOf('|');
  const text = src.slice(0, at) + src.slice(at + 1);
  return { text, pos: new LineIndex(text).positionAt(at) };
}

const EVENT = 'config/events/new_event.yml';
const METRIC = 'config/metrics/counts_28d/new_metric.yml';
const RUBY = 'app/services/thing_service.rb';
const SPEC = 'spec/services/thing_service_spec.rb';

const RUBY_APP = ['ie-controller', 'ie-include', 'ie-track', 'ie-track-event', 'ie-track-props'];
const RUBY_SPEC = ['ie-not-trigger', 'ie-shared-example', 'ie-trigger', 'ie-trigger-metrics'];

const cases: [string, string, string, string[]][] = [
  ['an empty event file: the event skeleton', EVENT, 'ie|', ['ie-event']],
  ['an event file with keys: no skeleton', EVENT, 'action: x\nie|', []],
  ['an event list item: nothing', EVENT, 'action: x\ntiers:\n- ie|', []],
  ['under additional_properties: the property entry', EVENT, 'action: x\nadditional_properties:\n  ie|', ['ie-event-property']],
  ['an empty metric file: the metric skeletons', METRIC, '---\nie|', ['ie-metric', 'ie-metric-total']],
  ['a new item of a metric events list: the rule', METRIC, 'key_path: x\nevents:\n- name: a\n  unique: user.id\nie|', ['ie-metric-rule']],
  ['a metric tiers list: nothing', METRIC, 'key_path: x\ntiers:\n- ie|', []],
  ['a metric key after the events list: nothing but keys', METRIC, 'key_path: x\nevents:\n- name: a\ntiers:\n- free\nie|', []],
  ['a Ruby method body: the Ruby calls', RUBY, 'class A\n  def run\n    ie|\n  end\nend\n', RUBY_APP],
  ['a Ruby class body: the Ruby calls', RUBY, 'class A\n  ie|\nend\n', RUBY_APP],
  ["inside a call's argument hash: nothing", RUBY, "class A\n  def run\n    track_internal_event('x', additional_properties: {\n      ie|\n    })\n  end\nend\n", []],
  ["inside a call's arguments: nothing", RUBY, "foo(\n  1,\n  ie|\n)\n", []],
  ['inside a heredoc: nothing', RUBY, 'x = <<~TEXT\n  ie|\nTEXT\n', []],
  ['after code on the line: nothing', RUBY, 'x = ie|\n', []],
  ['a spec block: the RSpec ones', SPEC, "RSpec.describe A do\n  it 'tracks' do\n    ie|\n  end\nend\n", RUBY_SPEC],
  ['another word: nothing', RUBY, 'class A\n  us|\nend\n', []],
];

describe('snippets where they belong (issue 11.9)', function () {
  this.timeout(30000);
  let index: ProjectIndex;
  before(async () => {
    index = await indexTree({ 'config/events/click_button.yml': eventYaml('click_button') });
  });

  for (const [name, file, src, expected] of cases) {
    it(name, () => {
      const { text, pos } = cursor(src);
      const snippets = complete(index, file, text, pos).filter((c) => c.kind === 'snippet');
      assert.deepEqual(snippets.map((s) => s.label).sort(), expected);
      for (const s of snippets) assert.deepEqual(s.range, { start: { line: pos.line, character: pos.character - 2 }, end: pos }, 'replaces the typed prefix');
    });
  }

  it('the snippet text is the snippet file body, with a readable preview', () => {
    const { text, pos } = cursor('class A\n  def run\n    ie|\n  end\nend\n');
    const track = complete(index, RUBY, text, pos).find((c) => c.label === 'ie-track')!;
    assert.equal(track.insertText, "track_internal_event(\n\t'${1:event_name}',\n\tuser: ${2:current_user},\n\tproject: ${3:project},\n\tnamespace: ${4:project.namespace}\n)$0");
    assert.match(track.documentation!, /```ruby\ntrack_internal_event\(\n\t'event_name',\n\tuser: current_user,/);
  });

  it('VS Code itself no longer contributes the YAML and Ruby snippets (the server does)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string }[] } };
    const languages = manifest.contributes.snippets.map((s) => s.language);
    assert.ok(!languages.includes('yaml') && !languages.includes('ruby'), languages.join(', '));
  });
});
