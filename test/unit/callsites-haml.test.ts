import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkScan, span, type ExpectedSite } from '../helpers/callSites';
import { findHamlCallSites, findHamlPassThroughs } from '../../server/src/core/callsites/haml';
import { partialCandidates } from '../../server/src/core/callsites/haml/calls';

/** [startLine, startCharacter, endLine, endCharacter], 0-based, UTF-16 columns. */


interface Case {
  name: string;
  code: string[];
  sites: ExpectedSite[];
  /** 'some': at least one. Default 0. */
  parseErrors?: number | 'some';
}

const FIXTURES = join(__dirname, '../../../test/fixtures/callsites/haml');


const cases: Case[] = [
  {
    name: 'data hash on an element: label, property, value, load flag',
    code: [
      "%button.btn.gl-button{ type: 'button', data: { event_tracking: 'click_btn', event_label: 'lbl', event_property: \"prop\", event_value: 1, event_tracking_load: 'true' } }",
      '  Click',
    ],
    sites: [
      {
        event: 'click_btn',
        range: [0, 63, 0, 74],
        nameRange: [0, 64, 0, 73],
        properties: [
          { key: 'label', valueType: 'string', range: [0, 76, 0, 87] },
          { key: 'property', valueType: 'string', range: [0, 96, 0, 110] },
          { key: 'value', valueType: 'number', range: [0, 120, 0, 131] },
        ],
        argsRange: [0, 45, 0, 165],
        propertiesRange: false,
      },
    ],
  },
  {
    name: 'key spellings: dashes, hash rockets, quoted new-style keys, symbols',
    code: [
      "%a{ data: { 'event-tracking': 'dash_key', 'event-label': 'l' } }",
      "%a{ \"data-event-tracking\" => 'rocket', \"data-event-label\" => 'x', :'data-event-value' => 2 }",
      "%a{ 'data-event-tracking': 'new_style' }",
      '%a{ data: { :event_tracking => :symbol_event } }',
    ],
    sites: [
      {
        event: 'dash_key',
        range: [0, 30, 0, 40],
        nameRange: [0, 31, 0, 39],
        properties: [{ key: 'label', valueType: 'string', range: [0, 42, 0, 55] }],
        argsRange: [0, 10, 0, 62],
      },
      {
        event: 'rocket',
        range: [1, 29, 1, 37],
        nameRange: [1, 30, 1, 36],
        properties: [
          { key: 'label', valueType: 'string', range: [1, 39, 1, 57] },
          { key: 'value', valueType: 'number', range: [1, 66, 1, 85] },
        ],
        argsRange: [1, 2, 1, 92],
      },
      { event: 'new_style', range: [2, 27, 2, 38], nameRange: [2, 28, 2, 37] },
      { event: 'symbol_event', range: [3, 31, 3, 44], nameRange: [3, 32, 3, 44] },
    ],
  },
  {
    name: 'Ruby code lines: Pajamas component, link_to keyword arguments, arguments over several lines',
    code: [
      "= render Pajamas::ButtonComponent.new(button_options: { data: { event_tracking: 'pajamas_click' } }) do",
      "  = _('Save')",
      "= link_to _('Docs'), help_page_path('x'), class: 'gl-link', data: { event_tracking: 'docs_link', event_label: 'footer' }",
      '= render Pajamas::ButtonComponent.new(variant: :confirm,',
      "  button_options: { data: { event_tracking: 'multi_line_args',",
      "    event_property: 'p' } })",
    ],
    sites: [
      { event: 'pajamas_click', range: [0, 80, 0, 95], nameRange: [0, 81, 0, 94], argsRange: [0, 62, 0, 97] },
      {
        event: 'docs_link',
        range: [2, 84, 2, 95],
        nameRange: [2, 85, 2, 94],
        properties: [{ key: 'label', valueType: 'string', range: [2, 97, 2, 108] }],
        argsRange: [2, 66, 2, 120],
      },
      {
        event: 'multi_line_args',
        range: [4, 44, 4, 61],
        nameRange: [4, 45, 4, 60],
        properties: [{ key: 'property', valueType: 'string', range: [5, 4, 5, 18] }],
        argsRange: [4, 26, 5, 25],
      },
    ],
  },
  {
    name: 'an attribute hash over several lines, and code after a hash with braces in strings',
    code: [
      "%div.js-widget{ class: 'a',",
      "  data: { event_tracking: 'multi_line_hash',",
      "    event_label: 'ml' } }",
      "  %span{ data: { event_tracking: 'a \"}\" b' } }= link_to 'y', path, data: { event_tracking: 'after_hash', **extra }",
    ],
    sites: [
      {
        event: 'multi_line_hash',
        range: [1, 26, 1, 43],
        nameRange: [1, 27, 1, 42],
        properties: [{ key: 'label', valueType: 'string', range: [2, 4, 2, 15] }],
        argsRange: [1, 8, 2, 23],
      },
      { event: 'a "}" b', range: [3, 33, 3, 42], nameRange: [3, 34, 3, 41], argsRange: [3, 15, 3, 44] },
      { event: 'after_hash', range: [3, 91, 3, 103], nameRange: [3, 92, 3, 102], argsOpaque: true, argsRange: [3, 73, 3, 114] },
    ],
  },
  {
    name: 'names from assignments in the file; unknown constants and interpolation are dynamic',
    code: [
      "- EVENT = 'const_event'",
      "- DUP = 'first'",
      "- DUP = 'second'",
      "- local_event = 'local_event'.freeze",
      '%a{ href: x, data: { event_tracking: EVENT } }',
      '%a{ data: { event_tracking: EVENT_CONST } }',
      '%a{ data: { event_tracking: DUP } }',
      '%a{ data: { event_tracking: local_event } }',
      '%a{ data: { event_tracking: "dyn_#{suffix}" } }',
      '%a{ data: { event_tracking: Analytics::EVENT } }',
    ],
    sites: [
      { event: 'const_event', dynamic: false, range: [4, 37, 4, 42] },
      { event: null, range: [5, 28, 5, 39] },
      { event: null, range: [6, 28, 6, 31] },
      { event: 'local_event', dynamic: false, range: [7, 28, 7, 39] },
      { event: null, range: [8, 28, 8, 43], namePattern: 'dyn_*' },
      { event: null, range: [9, 28, 9, 44], rubyConstant: { name: 'Analytics::EVENT', nesting: [] } },
    ],
  },
  {
    name: 'a ternary name gives a site per branch',
    code: [
      "%a{ data: { event_tracking: open? ? 'close_menu' : 'open_menu', event_label: 'nav' } }",
      "= link_to 'x', path, data: { event_tracking: a ? EVENT : :sym_event }",
    ],
    sites: [
      { event: 'close_menu', range: [0, 36, 0, 48], nameRange: [0, 37, 0, 47], properties: [{ key: 'label', valueType: 'string' }] },
      { event: 'open_menu', range: [0, 51, 0, 62], nameRange: [0, 52, 0, 61], properties: [{ key: 'label', valueType: 'string' }] },
      { event: null, range: [1, 49, 1, 54] },
      { event: 'sym_event', range: [1, 57, 1, 67], nameRange: [1, 58, 1, 67] },
    ],
  },
  {
    name: 'interpolated names keep their literal pieces as a pattern; too little literal text, none',
    code: [
      '%a{ data: { event_tracking: "click_#{kind}_button" } }',
      '%a{ data: { event_tracking: "#{a}_#{b}" } }',
      '%a{ \'data-event-tracking\' => "view_#{page}_#{tab}_page" }',
      '%a{ data: { event_tracking: "Click #{x}" } }',
    ],
    sites: [
      { event: null, range: [0, 28, 0, 50], namePattern: 'click_*_button' },
      { event: null, range: [1, 28, 1, 39] },
      { event: null, range: [2, 29, 2, 55], namePattern: 'view_*_*_page' },
      { event: null, range: [3, 28, 3, 40] },
    ],
  },
  {
    name: 'event_additional: a JSON string, a hash with to_json, anything else is opaque',
    code: [
      "%a{ data: { event_tracking: 'json_additional', event_additional: '{\"k\":\"v\",\"n\":1}' } }",
      "= link_to 'x', path, data: { event_tracking: 'to_json_additional', event_additional: { source: 'menu', count: 2 }.to_json }",
      "%a{ data: { event_tracking: 'opaque_additional', event_additional: extra_json } }",
    ],
    sites: [
      {
        event: 'json_additional',
        range: [0, 28, 0, 45],
        nameRange: [0, 29, 0, 44],
        properties: [
          { key: 'k', valueType: 'string', range: [0, 67, 0, 70] },
          { key: 'n', valueType: 'number', range: [0, 75, 0, 78] },
        ],
        propertiesRange: false,
      },
      {
        event: 'to_json_additional',
        range: [1, 45, 1, 65],
        nameRange: [1, 46, 1, 64],
        properties: [
          { key: 'source', valueType: 'string', range: [1, 87, 1, 93] },
          { key: 'count', valueType: 'number', range: [1, 103, 1, 108] },
        ],
        propertiesRange: [1, 85, 1, 113],
      },
      { event: 'opaque_additional', range: [2, 28, 2, 47], nameRange: [2, 29, 2, 46], argsOpaque: true },
    ],
  },
  {
    name: 'HTML-style attributes',
    code: ['%a(href="#" data-event-tracking="html_style" data-event-label=label data-event-value=\'4\')'],
    sites: [
      {
        event: 'html_style',
        range: [0, 32, 0, 44],
        nameRange: [0, 33, 0, 43],
        properties: [
          { key: 'label', valueType: 'dynamic', range: [0, 45, 0, 61] },
          { key: 'value', valueType: 'number', range: [0, 68, 0, 84] },
        ],
        argsRange: [0, 2, 0, 89],
      },
    ],
  },
  {
    name: 'an interpolation in plain text is code',
    code: ["%p Read the #{link_to 'docs', path, data: { event_tracking: 'interp_link' }} first."],
    sites: [{ event: 'interp_link', range: [0, 60, 0, 73], nameRange: [0, 61, 0, 72] }],
  },
  {
    name: 'a hash built in code; a block line does not swallow its nested lines',
    code: [
      "- tracking_data = { event_tracking: 'assigned_hash', event_label: 'l' }",
      '= form_for @user do |f|',
      "  = f.submit 'Save', data: { event_tracking: 'submit_click' }",
    ],
    sites: [
      { event: 'assigned_hash', range: [0, 36, 0, 51], nameRange: [0, 37, 0, 50], properties: [{ key: 'label', valueType: 'string', range: [0, 53, 0, 64] }] },
      { event: 'submit_click', range: [2, 45, 2, 59], nameRange: [2, 46, 2, 58] },
    ],
  },
  {
    name: "HAML's multiline ` |` marker joins lines; the run ends at its last marked line",
    code: [
      "= link_to 'x', |",
      '  path, |',
      "  'data-event-tracking' => 'piped', |",
      "  data: { event_label: 'l' } |",
      "%a{ 'data-event-tracking' => 'after_pipes' }",
    ],
    sites: [
      { event: 'piped', range: [2, 27, 2, 34], nameRange: [2, 28, 2, 33], argsRange: [0, 2, 3, 28] },
      { event: 'after_pipes', range: [4, 29, 4, 42], nameRange: [4, 30, 4, 41] },
    ],
  },
  {
    name: ':ruby filter lines are code, their assignments resolve names',
    code: [':ruby', "  ruby_event = 'ruby_filter_event'", '  opts = { data: { event_tracking: ruby_event } }', "= link_to 'x', path, opts"],
    sites: [{ event: 'ruby_filter_event', dynamic: false, range: [2, 35, 2, 45] }],
  },
  {
    name: 'negatives: -# and / comments with their blocks, text filters, plain text, strings, non-data keys',
    code: [
      "-# %a{ data: { event_tracking: 'commented' } }",
      '-#',
      "  %a{ data: { event_tracking: 'nested_in_comment' } }",
      '',
      "  = link_to 'x', data: { event_tracking: 'still_in_comment' }",
      "/ %a{ data: { event_tracking: 'html_comment' } }",
      '/',
      "  %a{ data: { event_tracking: 'nested_html_comment' } }",
      ':javascript',
      "  var x = { data: { event_tracking: 'in_js_filter' } };",
      "  const y = { 'data-event-tracking': 'in_js_filter_2' };",
      ':plain',
      "  %a{ data: { event_tracking: 'in_plain' } }",
      ':markdown',
      "  Use `data: { event_tracking: 'in_markdown' }`.",
      "Use data: { event_tracking: 'plain_text' } to track.",
      "\\%a{ data: { event_tracking: 'escaped' } }",
      "%p= \"data: { event_tracking: 'in_string' }\"",
      "%a{ data: { tracking: 'not_event' }, event_tracking: 'element_attribute' }",
      "- # data: { event_tracking: 'ruby_comment' }",
    ],
    sites: [],
  },
  {
    name: 'half-typed lines: unclosed hash and unterminated string do not hide other lines',
    code: [
      "%a{ data: { event_tracking: 'before' } }",
      "%a{ data: { event_tracking: 'unclosed_hash'",
      '%b text',
      "%a{ data: { event_tracking: 'typing",
      "%a{ data: { event_tracking: 'after' } }",
    ],
    sites: [
      { event: 'before', range: [0, 28, 0, 36], nameRange: [0, 29, 0, 35] },
      { event: 'unclosed_hash', range: [1, 28, 1, 43], nameRange: [1, 29, 1, 42], argsRange: [1, 10, 1, 43] },
      { event: null, range: [3, 28, 3, 35] },
      { event: 'after', range: [4, 28, 4, 35], nameRange: [4, 29, 4, 34] },
    ],
    parseErrors: 'some',
  },
  {
    name: 'a `{` ending a line continues only into lines indented under it',
    code: ['%a{', "  href: '#',", "  data: { event_tracking: 'open_then_indented' } }", '%i{', "%b{ data: { event_tracking: 'sibling_after_open' } }"],
    sites: [
      { event: 'open_then_indented', range: [2, 26, 2, 46], nameRange: [2, 27, 2, 45] },
      { event: 'sibling_after_open', range: [4, 28, 4, 48], nameRange: [4, 29, 4, 47], argsRange: [4, 10, 4, 50] },
    ],
    parseErrors: 1,
  },
  {
    name: 'UTF-16 columns after astral characters, CRLF line ends',
    code: ['%p é😀 text\r', "%a{ title: '😀', data: { event_tracking: 'after_emoji' } }\r", "%a{ data: { event_tracking: 'crlf' } }\r"],
    sites: [
      { event: 'after_emoji', range: [1, 41, 1, 54], nameRange: [1, 42, 1, 53] },
      { event: 'crlf', range: [2, 28, 2, 34], nameRange: [2, 29, 2, 33] },
    ],
  },
];


describe('findHamlCallSites', () => {
  for (const c of cases) {
    it(c.name, () => {
      const scan = findHamlCallSites(c.code.join('\n'), 'app/views/projects/show.html.haml');
      checkScan(scan, c, { kind: 'haml.data_attribute' });
    });
  }

  it('a realistic view fixture', () => {
    const text = readFileSync(join(FIXTURES, 'runner_show.html.haml'), 'utf8');
    const scan = findHamlCallSites(text, 'app/views/groups/runners/show.html.haml');
    const summary = scan.callSites.map((s) => `${s.range.start.line + 1}:${s.event}`);
    assert.deepEqual(summary, [
      '9:click_edit_runner',
      '14:view_runner_details',
      '21:click_runner_docs',
      '28:null',
      '32:click_delete_runner',
      '38:click_runner_tab',
    ]);
    assert.equal(scan.parseErrors, 0);
    const details = scan.callSites[1];
    assert.deepEqual(details.properties.map((p) => [p.key, p.valueType, p.range.start.line]), [['label', 'string', 12]]);
    const remove = scan.callSites[4];
    assert.deepEqual(remove.properties.map((p) => [p.key, p.valueType]), [['runner_type', 'dynamic'], ['locked', 'dynamic']]);
    assert.deepEqual(remove.propertiesRange && span(remove.propertiesRange), [32, 24, 32, 85]);
    assert.deepEqual(remove.argsRange && span(remove.argsRange), [31, 28, 32, 95]);
  });

  it('never throws: empty, garbage, unbalanced everything', () => {
    const inputs = [
      '',
      'event_tracking',
      '%a{',
      '%a{ data: { event_tracking: ',
      '= link_to "#{" event_tracking',
      '%a(data-event-tracking=',
      '%a(data-event-tracking="x" ' + '('.repeat(2000),
      '-#\n' + '  %a{ event_tracking }\n'.repeat(100),
      '%a{' + '{'.repeat(5000) + "data: { event_tracking: 'deep' }",
      '= ' + '"#{'.repeat(3000) + 'event_tracking',
      '%a{ data: { event_tracking: %q(unclosed', 
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1') + 'event_tracking',
    ];
    for (const text of inputs) assert.ok(Array.isArray(findHamlCallSites(text, 'a.haml').callSites));
  });

  it('a 3,000-line view: timing', () => {
    const text = generateLargeView();
    const lines = text.split('\n').length;
    assert.ok(lines >= 3000);
    findHamlCallSites(text, 'warmup.haml');
    const start = performance.now();
    const scan = findHamlCallSites(text, 'app/views/large.html.haml');
    const ms = performance.now() - start;
    console.log(`      findHamlCallSites, ${lines} lines / ${scan.callSites.length} sites: ${ms.toFixed(1)} ms`);
    assert.equal(scan.callSites.length, 150);
    assert.equal(scan.parseErrors, 0);
  });
});

/** About 3,000 lines of ordinary view code with 150 tracked elements. */
function generateLargeView(): string {
  const out = ['- page_title _("Runners")', ''];
  let sites = 0;
  for (let s = 0; out.length < 3000; s++) {
    out.push(
      `%section.settings.js-section-${s}{ id: "section-${s}", class: ('expanded' if expanded?) }`,
      '  .settings-header',
      `    %h4.settings-title= _('Section ${s}')`,
      "    -# Explains what the section does; event_tracking lives on the buttons below.",
      `    %p= _('Configure the section %{name}.') % { name: "#{s}" }`,
      '  .settings-content',
      '    - items.each do |item|',
      "      .gl-display-flex{ class: item.active? ? 'active' : '' }",
      '        = link_to item.name, item.path, class: "gl-link #{item.css}"',
    );
    if (sites < 150) {
      sites += 3;
      out.push(
        `    %button.btn{ type: 'button', data: { event_tracking: 'click_section_${s}', event_label: item.name, event_value: 1 } }`,
        `    = render Pajamas::ButtonComponent.new(button_options: { data: { event_tracking: 'pajamas_${s}' } }) do`,
        "      = _('Save')",
        `    = link_to _('Help'), help_page_path('runners'), data: { 'event-tracking' => 'help_${s}' }`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

const RESTORE = ['ee/app/views', 'app/views'].flatMap((root) => ['.html.haml', '.haml'].map((ext) => `${root}/shared/settings/_restore${ext}`));

interface PassedOnCase extends Case {
  path: string;
}

const passedOnCases: PassedOnCase[] = [
  {
    name: 'render with locals, with partial: and locals:, and in parentheses: a candidate per event-named local',
    path: 'app/views/groups/edit.html.haml',
    code: [
      "= render 'shared/settings/restore', context: @group, tracking_event: 'restore_group'",
      "= render partial: 'shared/settings/restore', locals: { title: 'Restore', tracking_event: :restore_sym }",
      "%div= render('shared/settings/restore', event_tracking_name: open ? 'restore_a' : 'restore_b')",
    ],
    sites: [
      { event: null, kind: 'haml.partial_local', range: [0, 69, 0, 84], nameRange: [0, 70, 0, 83], argsOpaque: true, passedOn: { value: 'restore_group', via: 'partial', name: 'tracking_event', partialFiles: RESTORE } },
      { event: null, kind: 'haml.partial_local', range: [1, 89, 1, 101], nameRange: [1, 90, 1, 101], argsOpaque: true, passedOn: { value: 'restore_sym', via: 'partial', name: 'tracking_event', partialFiles: RESTORE } },
      { event: null, kind: 'haml.partial_local', range: [2, 68, 2, 79], nameRange: [2, 69, 2, 78], argsOpaque: true, passedOn: { value: 'restore_a', via: 'partial', name: 'event_tracking_name', partialFiles: RESTORE } },
      { event: null, kind: 'haml.partial_local', range: [2, 82, 2, 93], nameRange: [2, 83, 2, 92], argsOpaque: true, passedOn: { value: 'restore_b', via: 'partial', name: 'event_tracking_name', partialFiles: RESTORE } },
    ],
  },
  {
    name: 'helper calls with an event-named keyword, with and without parentheses, nested in another call',
    path: 'app/views/projects/edit.html.haml',
    code: [
      "= archive_button(tracking_event: 'archive_project', title: _('Archive'))",
      "- restore_link tracking_event: 'restore_link_clicked'",
      "= link_to _('Help'), help_path, class: menu_button(track_event: 'open_help')",
    ],
    sites: [
      { event: null, kind: 'haml.helper_argument', range: [0, 33, 0, 50], nameRange: [0, 34, 0, 49], argsOpaque: true, passedOn: { value: 'archive_project', via: 'helper', name: 'tracking_event', method: 'archive_button' } },
      { event: null, kind: 'haml.helper_argument', range: [1, 31, 1, 53], nameRange: [1, 32, 1, 52], argsOpaque: true, passedOn: { value: 'restore_link_clicked', via: 'helper', name: 'tracking_event', method: 'restore_link' } },
      { event: null, kind: 'haml.helper_argument', range: [2, 64, 2, 75], nameRange: [2, 65, 2, 74], argsOpaque: true, passedOn: { value: 'open_help', via: 'helper', name: 'track_event', method: 'menu_button' } },
    ],
  },
  {
    name: 'not candidates: other locals, values not written down, receivers, components, interpolated partial names',
    path: 'app/views/projects/edit.html.haml',
    code: [
      "= render 'shared/settings/restore', title: 'restore_title', tracking: 'x', event: 'y'",
      "= render 'shared/settings/restore', tracking_event: event_name",
      "= render 'shared/settings/restore', tracking_event: \"restore_#{kind}\"",
      "= helper.archive_button(tracking_event: 'on_receiver')",
      "= render Pajamas::ButtonComponent.new(tracking_event: 'component_arg')",
      "= render \"shared/#{folder}/restore\", tracking_event: 'unknown_partial'",
      "-# = render 'shared/settings/restore', tracking_event: 'in_a_comment'",
    ],
    sites: [],
  },
  {
    name: "a partial's own event_tracking: local passes its caller's name on: not a site; a literal beside it still is",
    path: 'app/views/shared/settings/_restore.html.haml',
    code: [
      "= render Pajamas::ButtonComponent.new(button_options: { data: { event_tracking: tracking_event, event_label: 'settings' } })",
      "%a{ data: { event_tracking: 'literal_in_partial' } }",
    ],
    sites: [{ event: 'literal_in_partial', kind: 'haml.data_attribute', range: [1, 28, 1, 48], nameRange: [1, 29, 1, 47] }],
  },
  {
    name: 'outside a partial the same unassigned local is a dynamic call, as before',
    path: 'app/views/shared/settings/restore.html.haml',
    code: ['%a{ data: { event_tracking: tracking_event } }'],
    sites: [{ event: null, kind: 'haml.data_attribute', range: [0, 28, 0, 42] }],
  },
];

describe('findHamlCallSites: names handed to partials and helpers', () => {
  for (const c of passedOnCases) it(c.name, () => checkScan(findHamlCallSites(c.code.join('\n'), c.path), c));

  it("a partial's pass-through locals, the ones it does not assign", () => {
    const text = [
      "- label_event = 'assigned_here'",
      '%a{ data: { event_tracking: tracking_event } }',
      '%a{ data: { event_tracking: label_event } }',
      "= link_to 'x', path, data: { event_tracking: enabled ? on_event : off_event }",
      '%a{ data: { event_tracking: nil } }',
    ].join('\n');
    assert.deepEqual([...findHamlPassThroughs(text)].sort(), ['off_event', 'on_event', 'tracking_event']);
  });

  it("optional locals read through Rails' local_assigns are pass-throughs too, and no dynamic call of the partial", () => {
    const text = [
      '%a{ data: { event_tracking: local_assigns[:tracking_event] } }',
      "%a{ data: { event_tracking: local_assigns.fetch(:menu_event, 'x') } }",
      '%a{ data: { event_tracking: local_assigns.fetch(:other_event).to_s } }',
      "%a{ data: { event_tracking: local_assigns['string_key'] } }",
    ].join('\n');
    assert.deepEqual([...findHamlPassThroughs(text)].sort(), ['menu_event', 'tracking_event']);
    const sites = findHamlCallSites(text, 'app/views/shared/_menu.html.haml').callSites;
    assert.deepEqual(sites.map((s) => s.range.start.line), [2, 3], 'only the forms that are not a plain local stay dynamic calls');
  });

  const candidates: Array<[template: string, partial: string, first: string]> = [
    ['app/views/groups/edit.html.haml', 'shared/settings/restore', 'ee/app/views/shared/settings/_restore.html.haml'],
    ['app/views/groups/settings/edit.html.haml', 'restore', 'ee/app/views/groups/settings/_restore.html.haml'],
    ['ee/app/views/groups/settings/edit.html.haml', 'restore', 'ee/app/views/groups/settings/_restore.html.haml'],
    ['app/views/layouts/application.html.haml', '/shared/x', 'ee/app/views/shared/_x.html.haml'],
    ['app/views/root.html.haml', 'x', 'ee/app/views/_x.html.haml'],
  ];
  for (const [template, partial, first] of candidates) {
    it(`render '${partial}' from ${template} looks in ${first} first`, () => {
      const files = partialCandidates(template, partial);
      assert.equal(files[0], first);
      assert.equal(files.length, 4);
      assert.ok(files.includes(first.replace(/^ee\//, '')), 'then the CE view folder');
    });
  }
  it('a bare partial name outside app/views has no folder to resolve against', () => assert.deepEqual(partialCandidates('app/components/x.html.haml', 'restore'), []));
});
