// Names built at run time from literal pieces: the pattern, what it matches, and what the index and
// the editor do with it (unused-event, hover, definition, references, code lens).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { at, eventYaml, indexTree } from '../helpers/workspace';
import { patternMatches, patternOfParts } from '../../server/src/core/namePatterns';
import { hover } from '../../server/src/core/features/hover';
import { codeLenses, definition, references } from '../../server/src/core/features/navigation';

describe('name patterns', () => {
  const parts: Array<[string, Parameters<typeof patternOfParts>[0], string | undefined]> = [
    ['literal, run time, literal', ['click_', null, '_button'], 'click_*_button'],
    ['adjacent run-time parts collapse', ['view_', null, null, '_page'], 'view_*_page'],
    ['a leading run-time part', [null, '_created'], '*_created'],
    ['no run-time part: not a pattern', ['click_save'], undefined],
    ['too little literal text', [null, '_', null], undefined],
    ['characters no event name has', ['Click ', null], undefined],
    ['empty literal pieces are fine', ['', null, '_done_x'], '*_done_x'],
  ];
  for (const [name, input, expected] of parts) it(`patternOfParts: ${name}`, () => assert.equal(patternOfParts(input), expected));

  const matches: Array<[string, string, boolean]> = [
    ['click_*_button', 'click_save_button', true],
    ['click_*_button', 'click___button', true], // the run-time part is '_'
    ['click_*_button', 'click__button', false], // a run-time part is never empty
    ['*_created', 'issue_created', true],
    ['*_created', 'issue_created_by_bot', false],
    ['view_*_page', 'view_a_b_page', true],
  ];
  for (const [pattern, name, expected] of matches) {
    it(`patternMatches(${pattern}, ${name}) is ${expected}`, () => assert.equal(patternMatches(pattern, name), expected));
  }
});

const defs = {
  'config/events/click_save_button.yml': eventYaml('click_save_button'),
  'config/events/click_open_button.yml': eventYaml('click_open_button'),
  'config/events/view_page.yml': eventYaml('view_page'),
};
const WIDGET = 'app/widget.rb';
const WIDGET_SOURCE = "class Widget\n  def run\n    track_internal_event(\"click_#{kind}_button\", user: user)\n  end\nend\n";
const ACTION_LINE = 4; // eventYaml writes `action:` on line 4

describe('name patterns in the index and the editor', () => {
  it('an event a built name may track is not unused; other events still are', async () => {
    const index = await indexTree({ ...defs, [WIDGET]: WIDGET_SOURCE });
    assert.deepEqual(at(index.diagnostics('config/events/click_save_button.yml'), 'unused-event'), []);
    assert.deepEqual(at(index.diagnostics('config/events/click_open_button.yml'), 'unused-event'), []);
    assert.deepEqual(at(index.diagnostics('config/events/view_page.yml'), 'unused-event'), [ACTION_LINE]);
    assert.deepEqual(index.diagnostics(WIDGET), [], 'a built name is never flagged');
  });

  it('a built name in a spec does not count as tracking', async () => {
    const index = await indexTree({ ...defs, 'spec/widget_spec.rb': "it { expect { run }.to trigger_internal_events(\"click_#{kind}_button\") }\n" });
    assert.deepEqual(at(index.diagnostics('config/events/click_save_button.yml'), 'unused-event'), [ACTION_LINE]);
  });

  it('editing the built name updates the events it may track', async () => {
    const index = await indexTree({ ...defs, [WIDGET]: WIDGET_SOURCE });
    const affected = index.setOverlay(WIDGET, WIDGET_SOURCE.replace('click_#{kind}_button', 'view_#{kind}'));
    assert.ok(affected.has('config/events/click_save_button.yml'), 'an event it no longer matches');
    assert.deepEqual(at(index.diagnostics('config/events/click_save_button.yml'), 'unused-event'), [ACTION_LINE]);
    // `view_*` needs a run-time part after "view_": view_page matches.
    assert.deepEqual(at(index.diagnostics('config/events/view_page.yml'), 'unused-event'), []);
  });

  it('hover lists the events it may track, or says that none matches', async () => {
    const index = await indexTree({ ...defs, [WIDGET]: WIDGET_SOURCE });
    const pos = { line: 2, character: 30 };
    const h = hover(index, WIDGET, WIDGET_SOURCE, pos)!;
    assert.match(h.markdown, /`click_\*_button`/);
    assert.match(h.markdown, /one of 2 defined events: `click_open_button`, `click_save_button`/);
    const typo = WIDGET_SOURCE.replace('click_', 'clik_');
    index.setOverlay(WIDGET, typo);
    assert.match(hover(index, WIDGET, typo, pos)!.markdown, /No defined event matches it/);
  });

  it('go-to-definition offers every candidate; references and the code lens include the call', async () => {
    const index = await indexTree({ ...defs, [WIDGET]: WIDGET_SOURCE });
    const targets = definition(index, WIDGET, WIDGET_SOURCE, { line: 2, character: 30 });
    assert.deepEqual(targets.map((t) => [t.file, t.range.start.line]), [
      ['config/events/click_open_button.yml', ACTION_LINE - 1],
      ['config/events/click_save_button.yml', ACTION_LINE - 1],
    ]);
    const file = 'config/events/click_save_button.yml';
    const text = fs.readFileSync(path.join(index.root, file), 'utf8');
    const refs = references(index, file, text, { line: ACTION_LINE - 1, character: 10 }, false);
    assert.deepEqual(refs.map((r) => [r.file, r.range.start.line]), [[WIDGET, 2]]);
    assert.equal(codeLenses(index, file)[0].title, '0 call sites · 0 metrics · 1 possible (name built at run time)');
  });
});
