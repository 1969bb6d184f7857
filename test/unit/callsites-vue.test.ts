import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkScan, type ExpectedSite } from '../helpers/callSites';
import { findVueCallSites } from '../../server/src/core/callsites/vue';

/** [startLine, startCharacter, endLine, endCharacter], 0-based, UTF-16 columns. */


interface Case {
  name: string;
  code: string[];
  sites: ExpectedSite[];
  /** 'some': at least one. Default 0. */
  parseErrors?: number | 'some';
}

const IE = 'js.internal_events_track_event';
const MIXIN = 'js.mixin_track_event';
const ATTR = 'js.data_attribute';
const FIXTURES = join(__dirname, '../../../test/fixtures/callsites/vue');


const cases: Case[] = [
  {
    name: 'static and bound data-event-tracking attributes with their siblings',
    code: [
      '<template>',
      '  <div>',
      '    <gl-button data-event-tracking="static_event" data-event-label="lbl" data-event-value="3" data-event-additional=\'{"k":"v"}\' data-event-tracking-load="true">A</gl-button>',
      '    <a :data-event-tracking="\'bound_literal\'" :data-event-property="prop" />',
      '    <a v-bind:data-event-tracking="`tmpl_literal`" />',
      '  </div>',
      '</template>',
    ],
    sites: [
      {
        event: 'static_event',
        kind: ATTR,
        range: [2, 35, 2, 49],
        nameRange: [2, 36, 2, 48],
        properties: [
          { key: 'label', valueType: 'string', range: [2, 50, 2, 66] },
          { key: 'value', valueType: 'number', range: [2, 73, 2, 89] },
          { key: 'k', valueType: 'string', range: [2, 118, 2, 121] },
        ],
        argsRange: [2, 4, 2, 160],
        propertiesRange: false,
      },
      {
        event: 'bound_literal',
        kind: ATTR,
        range: [3, 29, 3, 44],
        nameRange: [3, 30, 3, 43],
        properties: [{ key: 'property', valueType: 'dynamic', range: [3, 47, 3, 66] }],
      },
      { event: 'tmpl_literal', kind: ATTR, range: [4, 35, 4, 49], nameRange: [4, 36, 4, 48] },
    ],
  },
  {
    name: 'template trackEvent(...) in handlers, interpolations, statements and v-if, with the mixin',
    code: [
      '<script>',
      "import { InternalEvents } from '~/tracking';",
      'export default {',
      '  mixins: [InternalEvents.mixin()],',
      '};',
      '</script>',
      '<template>',
      '  <div>',
      "    <gl-button @click=\"trackEvent('click_toggle', { label: 'sidebar', value: 2 })\">A</gl-button>",
      "    <p>{{ trackEvent('in_interpolation') }}</p>",
      "    <a @click=\"open(); trackEvent('in_statements')\" v-if=\"trackEvent('in_v_if')\" />",
      '  </div>',
      '</template>',
    ],
    sites: [
      {
        event: 'click_toggle',
        kind: MIXIN,
        range: [8, 34, 8, 48],
        nameRange: [8, 35, 8, 47],
        properties: [
          { key: 'label', valueType: 'string', range: [8, 52, 8, 57] },
          { key: 'value', valueType: 'number', range: [8, 70, 8, 75] },
        ],
        argsRange: [8, 34, 8, 80],
        propertiesRange: [8, 50, 8, 80],
      },
      { event: 'in_interpolation', kind: MIXIN, range: [9, 21, 9, 39], nameRange: [9, 22, 9, 38] },
      { event: 'in_statements', kind: MIXIN, range: [10, 34, 10, 49], nameRange: [10, 35, 10, 48] },
      { event: 'in_v_if', kind: MIXIN, range: [10, 69, 10, 78], nameRange: [10, 70, 10, 77] },
    ],
  },
  {
    name: 'negatives: no mixin, HTML comments, text, other receivers',
    code: [
      '<template>',
      '  <div>',
      '    <!-- data-event-tracking="in_comment" -->',
      '    <!-- <a @click="trackEvent(\'commented\')" /> -->',
      '    <a @click="trackEvent(\'no_mixin\')">x</a>',
      '    <p>data-event-tracking="in_text" trackEvent(\'in_text\')</p>',
      '  </div>',
      '</template>',
      '<script>',
      "export default { methods: { go() { this.trackEvent('no_mixin_script'); foo.trackEvent('other'); } } };",
      '</script>',
    ],
    sites: [],
  },
  {
    name: '$options and constants: what a template can and cannot see',
    code: [
      '<script>',
      "const CONST_EVENT = 'script_const';",
      'export default {',
      '  mixins: [InternalEvents.mixin()],',
      "  EVENT: 'options_event',",
      '  CONST_EVENT,',
      '  methods: {',
      "    go() { this.trackEvent(this.$options.EVENT, { label: 'from_script' }); },",
      '  },',
      '};',
      '</script>',
      '<template>',
      '  <div>',
      '    <a :data-event-tracking="$options.EVENT" />',
      '    <a :data-event-tracking="$options.CONST_EVENT" @click="trackEvent($options.EVENT)" />',
      '    <a :data-event-tracking="CONST_EVENT" />',
      '    <a :data-event-tracking="eventName" :data-event-label="$options.EVENT" />',
      '  </div>',
      '</template>',
    ],
    sites: [
      {
        event: 'options_event',
        dynamic: false,
        kind: MIXIN,
        range: [7, 27, 7, 46],
        properties: [{ key: 'label', valueType: 'string' }],
        propertiesRange: true,
      },
      { event: 'options_event', dynamic: false, kind: ATTR, range: [13, 29, 13, 43] },
      { event: 'script_const', dynamic: false, kind: ATTR, range: [14, 29, 14, 49] },
      { event: 'options_event', dynamic: false, kind: MIXIN, range: [14, 70, 14, 84] },
      // A plain <script>'s constants are not in the template's scope.
      { event: null, kind: ATTR, range: [15, 29, 15, 40] },
      { event: null, kind: ATTR, range: [16, 29, 16, 38], properties: [{ key: 'label', valueType: 'string', range: [16, 41, 16, 57] }] },
    ],
  },
  {
    name: '<script setup lang="ts">: TypeScript, setup constants visible in the template',
    code: [
      '<script setup lang="ts">',
      "import { InternalEvents } from '~/tracking';",
      "const SETUP_EVENT = 'setup_event' as const;",
      'const onClick = (id: number): void => {',
      "  InternalEvents.trackEvent('setup_call', { value: id });",
      '};',
      '</script>',
      '<template>',
      '  <button :data-event-tracking="SETUP_EVENT" @click="onClick(1 as number)">Go</button>',
      '</template>',
    ],
    sites: [
      {
        event: 'setup_call',
        kind: IE,
        range: [4, 28, 4, 40],
        nameRange: [4, 29, 4, 39],
        properties: [{ key: 'value', valueType: 'dynamic' }],
        propertiesRange: true,
      },
      { event: 'setup_event', dynamic: false, kind: ATTR, range: [8, 32, 8, 43] },
    ],
  },
  {
    name: 'a template handler calling a wrapper method of the component',
    code: [
      '<script>',
      'export default {',
      '  methods: {',
      '    trackAction(action) {',
      "      InternalEvents.trackEvent(action, { label: 'toolbar' });",
      '    },',
      '  },',
      '};',
      '</script>',
      '<template>',
      '  <button @click="trackAction(\'click_toolbar_save\')">Save</button>',
      '</template>',
    ],
    sites: [
      { event: null, kind: IE, range: [4, 32, 4, 38], properties: [{ key: 'label', valueType: 'string' }], propertiesRange: true },
      { event: 'click_toolbar_save', kind: IE, range: [10, 30, 10, 50], nameRange: [10, 31, 10, 49], properties: [{ key: 'label', valueType: 'string' }] },
    ],
  },
  {
    name: 'a conditional name in a bound attribute gives a site per branch',
    code: [
      '<template>',
      '  <gl-button :data-event-tracking="expanded ? \'collapse_list\' : \'expand_list\'" data-event-label="list" />',
      '</template>',
    ],
    sites: [
      { event: 'collapse_list', kind: ATTR, range: [1, 46, 1, 61], nameRange: [1, 47, 1, 60], properties: [{ key: 'label', valueType: 'string' }] },
      { event: 'expand_list', kind: ATTR, range: [1, 64, 1, 77], nameRange: [1, 65, 1, 76], properties: [{ key: 'label', valueType: 'string' }] },
    ],
  },
  {
    name: 'imported names in the template: <script setup> imports, and options holding an import',
    code: [
      '<script>',
      "import { OPTIONS_EVENT } from './constants';",
      'export default { OPTIONS_EVENT };',
      '</script>',
      '<script setup>',
      "import { SETUP_EVENT } from '~/feature/constants';",
      '</script>',
      '<template>',
      '  <a :data-event-tracking="SETUP_EVENT" />',
      '  <a :data-event-tracking="$options.OPTIONS_EVENT" />',
      '</template>',
    ],
    sites: [
      { event: null, kind: ATTR, range: [8, 27, 8, 38], imported: { specifier: '~/feature/constants', path: ['SETUP_EVENT'] } },
      { event: null, kind: ATTR, range: [9, 27, 9, 49], imported: { specifier: './constants', path: ['OPTIONS_EVENT'] } },
    ],
  },
  {
    name: 'two script blocks: the mixin in <script>, defineOptions in <script setup>',
    code: [
      '<script>',
      'export default { mixins: [InternalEvents.mixin()] };',
      '</script>',
      '<script setup>',
      "defineOptions({ EVENT: 'define_options_event' });",
      '</script>',
      '<template>',
      '  <a :data-event-tracking="$options.EVENT" @click="trackEvent(\'both_blocks\')" />',
      '</template>',
    ],
    sites: [
      { event: 'define_options_event', dynamic: false, kind: ATTR, range: [7, 27, 7, 41] },
      { event: 'both_blocks', kind: MIXIN, range: [7, 62, 7, 75], nameRange: [7, 63, 7, 74] },
    ],
  },
  {
    name: 'attribute maps inside bindings (v-bind object, nested item attrs)',
    code: [
      '<template>',
      "  <gl-disclosure-dropdown-item v-bind=\"{ 'data-event-tracking': 'vbind_map', 'data-event-label': 'l' }\" :item=\"{ text: 'x', extraAttrs: { 'data-event-tracking': 'nested_map' } }\" />",
      '</template>',
    ],
    sites: [
      {
        event: 'vbind_map',
        kind: ATTR,
        range: [1, 64, 1, 75],
        nameRange: [1, 65, 1, 74],
        properties: [{ key: 'label', valueType: 'string', range: [1, 77, 1, 95] }],
        argsRange: [1, 39, 1, 102],
      },
      { event: 'nested_map', kind: ATTR, range: [1, 161, 1, 173], nameRange: [1, 162, 1, 172] },
    ],
  },
  {
    name: 'a broken template: compiler errors counted, sites around them kept',
    code: [
      '<template>',
      '  <div>',
      '    <a data-event-tracking="before_error" />',
      "    <span @click=\"trackEvent('broken'\">",
      '    <b data-event-tracking="after_error"></b>',
      '</template>',
      '<script>',
      'export default { mixins: [InternalEvents.mixin()] };',
      '</script>',
    ],
    sites: [
      { event: 'before_error', kind: ATTR, range: [2, 27, 2, 41], nameRange: [2, 28, 2, 40] },
      { event: 'after_error', kind: ATTR, range: [4, 27, 4, 40], nameRange: [4, 28, 4, 39] },
    ],
    parseErrors: 'some',
  },
  {
    name: 'a half-typed script: its complete calls, and the template, still count',
    code: [
      '<script>',
      'export default {',
      '  mixins: [InternalEvents.mixin()],',
      '  methods: {',
      "    a() { this.trackEvent('script_ok'); },",
      "    b() { this.trackEvent('typing",
      '</script>',
      '<template>',
      "  <a @click=\"trackEvent('template_ok')\" />",
      '</template>',
    ],
    sites: [
      { event: 'script_ok', kind: MIXIN, range: [4, 26, 4, 37], nameRange: [4, 27, 4, 36] },
      { event: 'template_ok', kind: MIXIN, range: [8, 24, 8, 37], nameRange: [8, 25, 8, 36] },
    ],
    parseErrors: 'some',
  },
  {
    name: 'a non-HTML template language is not read',
    code: ['<template lang="pug">', '  a(data-event-tracking="pug")', '</template>'],
    sites: [],
  },
  {
    name: 'UTF-16 columns after astral characters, CRLF line ends',
    code: ['<template>\r', '  <p>é😀</p><a data-event-tracking="after_emoji" />\r', '</template>\r'],
    sites: [{ event: 'after_emoji', kind: ATTR, range: [1, 35, 1, 48], nameRange: [1, 36, 1, 47] }],
  },
];


describe('findVueCallSites', () => {
  for (const c of cases) {
    it(c.name, () => {
      const scan = findVueCallSites(c.code.join('\n'), 'app/assets/javascripts/component.vue');
      checkScan(scan, c);
    });
  }

  it('a realistic component fixture', () => {
    const text = readFileSync(join(FIXTURES, 'sidebar_toggle.vue'), 'utf8');
    const scan = findVueCallSites(text, 'app/assets/javascripts/sidebar/sidebar_toggle.vue');
    const summary = scan.callSites.map((s) => `${s.range.start.line + 1}:${s.kind}:${s.event}`);
    assert.deepEqual(summary, [
      `26:${MIXIN}:click_toggle_sidebar`,
      `31:${IE}:sidebar_collapsed`,
      `41:${ATTR}:click_sidebar_help`,
      `48:${MIXIN}:click_sidebar_close`,
      `51:${ATTR}:sidebar_menu_item`,
      `56:${ATTR}:null`,
    ]);
    assert.equal(scan.parseErrors, 0);
  });

  it('never throws: empty, garbage, unterminated blocks', () => {
    const inputs = [
      '',
      '<template>',
      '<script>InternalEvents.trackEvent(',
      '<template><div v-if="trackEvent(</template>',
      '<template><a :data-event-tracking="" data-event-tracking /></template>',
      '<script setup lang="ts">const a: = trackEvent</script><template><a @click="trackEvent(1, ...x)" /></template>',
      '<<<>>> data-event-tracking <template><template><template>',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1') + 'data-event-tracking',
    ];
    for (const text of inputs) assert.ok(Array.isArray(findVueCallSites(text, 'a.vue').callSites));
  });
});
