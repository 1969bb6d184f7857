import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkScan, type ExpectedSite } from '../helpers/callSites';
import { findJsCallSites } from '../../server/src/core/callsites/js';

/** [startLine, startCharacter, endLine, endCharacter], 0-based, UTF-16 columns. */


interface Case {
  name: string;
  path?: string;
  code: string[];
  sites: ExpectedSite[];
  /** 'some': at least one. Default 0. */
  parseErrors?: number | 'some';
}

const IE = 'js.internal_events_track_event';
const MIXIN = 'js.mixin_track_event';
const ATTR = 'js.data_attribute';
const JEST = 'jest.track_event_spy';
const FIXTURES = join(__dirname, '../../../test/fixtures/callsites/js');


const cases: Case[] = [
  {
    name: 'InternalEvents.trackEvent with literal name, properties and a category',
    code: [
      "import { InternalEvents } from '~/tracking';",
      "InternalEvents.trackEvent('click_button', { label: 'x', property: 'y', value: 1, custom: 'z' }, 'Category');",
    ],
    sites: [
      {
        event: 'click_button',
        kind: IE,
        range: [1, 26, 1, 40],
        nameRange: [1, 27, 1, 39],
        properties: [
          { key: 'label', valueType: 'string', range: [1, 44, 1, 49] },
          { key: 'property', valueType: 'string', range: [1, 56, 1, 64] },
          { key: 'value', valueType: 'number', range: [1, 71, 1, 76] },
          { key: 'custom', valueType: 'string', range: [1, 81, 1, 87] },
        ],
        argsRange: [1, 26, 1, 106],
        propertiesRange: [1, 42, 1, 94],
      },
    ],
  },
  {
    name: 'this.trackEvent in a component that uses InternalEvents.mixin()',
    code: [
      'export default {',
      '  mixins: [InternalEvents.mixin()],',
      '  methods: {',
      '    onClick() {',
      "      this.trackEvent('click_toggle');",
      '    },',
      '  },',
      '};',
    ],
    sites: [{ event: 'click_toggle', kind: MIXIN, range: [4, 22, 4, 36], nameRange: [4, 23, 4, 35], argsRange: [4, 22, 4, 36], propertiesRange: false }],
  },
  {
    name: 'this.trackEvent without the mixin is not a call site',
    code: ['export default {', '  methods: {', "    a() { this.trackEvent('no_mixin'); },", '  },', '};'],
    sites: [],
  },
  {
    name: 'negatives: comments, strings, other receivers, bare calls outside templates',
    code: [
      'const mixins = [InternalEvents.mixin()];',
      "// InternalEvents.trackEvent('in_line_comment');",
      "/* InternalEvents.trackEvent('in_block_comment'); */",
      'const text = "InternalEvents.trackEvent(\'in_string\')";',
      "const tmpl = `this.trackEvent('in_template')`;",
      "tracker.trackEvent('unrelated_receiver');",
      "this.tracker.trackEvent('nested_receiver');",
      "trackEvent('bare_outside_template');",
      'InternalEvents.trackEvent();',
    ],
    sites: [],
  },
  {
    name: 'a call written over several lines',
    code: ['InternalEvents.trackEvent(', "  'multi_line_event',", '  {', '    label: LABEL,', '    value: count,', '  },', ');'],
    sites: [
      {
        event: 'multi_line_event',
        kind: IE,
        range: [1, 2, 1, 20],
        nameRange: [1, 3, 1, 19],
        properties: [
          { key: 'label', valueType: 'dynamic', range: [3, 4, 3, 9] },
          { key: 'value', valueType: 'dynamic', range: [4, 4, 4, 9] },
        ],
        argsRange: [0, 26, 6, 0],
        propertiesRange: [2, 2, 5, 3],
      },
    ],
  },
  {
    name: 'names from same-file constants: plain, object maps, Object.freeze, template without ${}',
    code: [
      "const EVENT = 'const_event';",
      "const TRACKING = { CLICK: 'object_event', NESTED: { DEEP: `deep_event` } };",
      "export const FROZEN = Object.freeze({ OPEN: 'frozen_event' });",
      'InternalEvents.trackEvent(EVENT);',
      'InternalEvents.trackEvent(TRACKING.CLICK);',
      'InternalEvents.trackEvent(TRACKING.NESTED.DEEP);',
      'InternalEvents.trackEvent(FROZEN.OPEN, { label: EVENT });',
      'InternalEvents.trackEvent(`template_event`);',
    ],
    sites: [
      { event: 'const_event', dynamic: false, kind: IE, range: [3, 26, 3, 31] },
      { event: 'object_event', dynamic: false, kind: IE, range: [4, 26, 4, 40] },
      { event: 'deep_event', dynamic: false, kind: IE, range: [5, 26, 5, 46] },
      {
        event: 'frozen_event',
        dynamic: false,
        kind: IE,
        range: [6, 26, 6, 37],
        properties: [{ key: 'label', valueType: 'string', range: [6, 41, 6, 46] }],
      },
      { event: 'template_event', kind: IE, range: [7, 26, 7, 42], nameRange: [7, 27, 7, 41] },
    ],
  },
  {
    name: 'dynamic names: imports, interpolation, calls, unknown members',
    code: [
      "import { IMPORTED_EVENT } from './constants';",
      'InternalEvents.trackEvent(IMPORTED_EVENT);',
      'InternalEvents.trackEvent(`prefix_${suffix}`);',
      'InternalEvents.trackEvent(getName(), props);',
      'InternalEvents.trackEvent(UNKNOWN.KEY, { ...base });',
    ],
    sites: [
      { event: null, kind: IE, range: [1, 26, 1, 40], imported: { specifier: './constants', path: ['IMPORTED_EVENT'] } },
      { event: null, kind: IE, range: [2, 26, 2, 44], namePattern: 'prefix_*' },
      { event: null, kind: IE, range: [3, 26, 3, 35], argsOpaque: true, propertiesRange: false },
      { event: null, kind: IE, range: [4, 26, 4, 37], argsOpaque: true, propertiesRange: true },
    ],
  },
  {
    name: 'a conditional name gives a site per branch: calls, attribute maps and JSX',
    path: 'a.jsx',
    code: [
      "const CLOSE = 'close_panel';",
      "InternalEvents.trackEvent(open ? CLOSE : 'open_panel', { label: 'x' });",
      "const attrs = { 'data-event-tracking': on ? 'turn_off' : 'turn_on' };",
      "const el = <button data-event-tracking={a ? 'jsx_a' : name} />;",
    ],
    sites: [
      { event: 'close_panel', dynamic: false, kind: IE, range: [1, 33, 1, 38], properties: [{ key: 'label', valueType: 'string' }], propertiesRange: true },
      { event: 'open_panel', kind: IE, range: [1, 41, 1, 53], nameRange: [1, 42, 1, 52], properties: [{ key: 'label', valueType: 'string' }], propertiesRange: true },
      { event: 'turn_off', kind: ATTR, range: [2, 44, 2, 54], nameRange: [2, 45, 2, 53] },
      { event: 'turn_on', kind: ATTR, range: [2, 57, 2, 66], nameRange: [2, 58, 2, 65] },
      { event: 'jsx_a', kind: ATTR, range: [3, 44, 3, 51], nameRange: [3, 45, 3, 50] },
      { event: null, kind: ATTR, range: [3, 54, 3, 58] },
    ],
  },
  {
    name: 'wrapper functions of the file: calls name the events, the wrapper passes the properties',
    code: [
      "const EVENTS = { OPEN: 'open_chat' };",
      'const trackDeduped = (eventName, { id } = {}) => {',
      '  if (seen.has(id)) return;',
      "  InternalEvents.trackEvent(eventName, { label: 'chat', tool: id });",
      '};',
      'export const tracker = {',
      '  opened(id) { trackDeduped(EVENTS.OPEN, { id }); },',
      "  closed(id) { trackDeduped(id ? 'close_chat' : 'dismiss_chat'); },",
      '  log(event) { InternalEvents.trackEvent(event, props); },',
      "  other() { this.log('logged_event'); unrelated('not_an_event'); },",
      '};',
    ],
    sites: [
      { event: null, kind: IE, range: [3, 28, 3, 37], properties: [{ key: 'label', valueType: 'string' }, { key: 'tool', valueType: 'dynamic' }], propertiesRange: true },
      { event: 'open_chat', dynamic: false, kind: IE, range: [6, 28, 6, 39], properties: [{ key: 'label', valueType: 'string' }, { key: 'tool', valueType: 'dynamic' }] },
      { event: 'close_chat', kind: IE, range: [7, 33, 7, 45], nameRange: [7, 34, 7, 44], properties: [{ key: 'label', valueType: 'string' }, { key: 'tool', valueType: 'dynamic' }] },
      { event: 'dismiss_chat', kind: IE, range: [7, 48, 7, 62], nameRange: [7, 49, 7, 61], properties: [{ key: 'label', valueType: 'string' }, { key: 'tool', valueType: 'dynamic' }] },
      { event: null, kind: IE, range: [8, 41, 8, 46], argsOpaque: true },
      { event: 'logged_event', kind: IE, range: [9, 21, 9, 35], nameRange: [9, 22, 9, 34], argsOpaque: true },
    ],
  },
  {
    name: 'a const holding a conditional gives each value, at the reference',
    code: [
      "const eventName = expanded ? 'collapse_x' : 'expand_x';",
      'InternalEvents.trackEvent(eventName);',
    ],
    sites: [
      { event: 'collapse_x', dynamic: false, kind: IE, range: [1, 26, 1, 35] },
      { event: 'expand_x', dynamic: false, kind: IE, range: [1, 26, 1, 35] },
    ],
  },
  {
    name: 'names built at run time: template literals and + keep a pattern; same-file constants make them static',
    code: [
      "const PREFIX = 'click';",
      'InternalEvents.trackEvent(`click_${kind}_button`);',
      "InternalEvents.trackEvent('view_' + page + '_page');",
      'InternalEvents.trackEvent(`${PREFIX}_save`);',
      "InternalEvents.trackEvent(PREFIX + '_open');",
      'InternalEvents.trackEvent(`${a}_${b}`);',
      'InternalEvents.trackEvent(`Click ${x}`);',
      'InternalEvents.trackEvent(a + b);',
    ],
    sites: [
      { event: null, kind: IE, range: [1, 26, 1, 48], namePattern: 'click_*_button' },
      { event: null, kind: IE, range: [2, 26, 2, 50], namePattern: 'view_*_page' },
      { event: 'click_save', dynamic: false, kind: IE, range: [3, 26, 3, 42] },
      { event: 'click_open', dynamic: false, kind: IE, range: [4, 26, 4, 42] },
      { event: null, kind: IE, range: [5, 26, 5, 37] },
      { event: null, kind: IE, range: [6, 26, 6, 38] },
      { event: null, kind: IE, range: [7, 26, 7, 31] },
    ],
  },
  {
    name: 'imported names are recorded for the index to resolve: named, renamed, namespace, objects, through consts',
    path: 'app/assets/javascripts/feature/tracking.ts',
    code: [
      "import { EVENT, OTHER as RENAMED, TRACKING } from '~/feature/constants';",
      "import * as ns from './constants';",
      "import defaults from 'ee_else_ce/feature/defaults';",
      "import type { TypeOnly } from './types';",
      'const LOCAL = TRACKING.ACTIONS;',
      'InternalEvents.trackEvent(EVENT);',
      'InternalEvents.trackEvent(RENAMED);',
      'InternalEvents.trackEvent(ns.CLICK);',
      'InternalEvents.trackEvent(TRACKING.ACTIONS.VIEW);',
      'InternalEvents.trackEvent(LOCAL.OPEN);',
      'InternalEvents.trackEvent(defaults.event);',
      'InternalEvents.trackEvent(TypeOnly);',
      'InternalEvents.trackEvent(ns);',
    ],
    sites: [
      { event: null, kind: IE, range: [5, 26, 5, 31], imported: { specifier: '~/feature/constants', path: ['EVENT'] } },
      { event: null, kind: IE, range: [6, 26, 6, 33], imported: { specifier: '~/feature/constants', path: ['OTHER'] } },
      { event: null, kind: IE, range: [7, 26, 7, 34], imported: { specifier: './constants', path: ['CLICK'] } },
      { event: null, kind: IE, range: [8, 26, 8, 47], imported: { specifier: '~/feature/constants', path: ['TRACKING', 'ACTIONS', 'VIEW'] } },
      { event: null, kind: IE, range: [9, 26, 9, 36], imported: { specifier: '~/feature/constants', path: ['TRACKING', 'ACTIONS', 'OPEN'] } },
      { event: null, kind: IE, range: [10, 26, 10, 40], imported: { specifier: 'ee_else_ce/feature/defaults', path: ['default', 'event'] } },
      { event: null, kind: IE, range: [11, 26, 11, 34] },
      { event: null, kind: IE, range: [12, 26, 12, 28] },
    ],
  },
  {
    name: 'an imported name reached through the component options',
    code: [
      "import { EVENT_FROM_MODULE } from './constants';",
      'export default {',
      '  mixins: [InternalEvents.mixin()],',
      '  EVENT_FROM_MODULE,',
      '  RENAMED: EVENT_FROM_MODULE,',
      '  methods: {',
      '    a() { this.trackEvent(this.$options.EVENT_FROM_MODULE); },',
      '    b() { this.trackEvent(this.$options.RENAMED); },',
      '  },',
      '};',
    ],
    sites: [
      { event: null, kind: MIXIN, range: [6, 26, 6, 57], imported: { specifier: './constants', path: ['EVENT_FROM_MODULE'] } },
      { event: null, kind: MIXIN, range: [7, 26, 7, 47], imported: { specifier: './constants', path: ['EVENT_FROM_MODULE'] } },
    ],
  },
  {
    name: 'Vue options: this.$options.EVENT, shorthand of a const, missing option',
    code: [
      "const SHORT = 'shorthand_event';",
      'export default {',
      '  mixins: [InternalEvents.mixin()],',
      "  EVENT: 'options_event',",
      '  SHORT,',
      '  methods: {',
      '    a() {',
      '      this.trackEvent(this.$options.EVENT);',
      '      this.trackEvent(this.$options.SHORT);',
      '      this.trackEvent(this.$options.MISSING);',
      '    },',
      '  },',
      '};',
    ],
    sites: [
      { event: 'options_event', dynamic: false, kind: MIXIN, range: [7, 22, 7, 41] },
      { event: 'shorthand_event', dynamic: false, kind: MIXIN, range: [8, 22, 8, 41] },
      { event: null, kind: MIXIN, range: [9, 22, 9, 43] },
    ],
  },
  {
    name: 'defineComponent options and a const declared after its use',
    code: [
      'export default defineComponent({',
      '  mixins: [InternalEvents.mixin()],',
      '  EVENT: LATER,',
      "  created() { this.trackEvent(this.$options.EVENT, { label: 'x' }); },",
      '});',
      "const LATER = 'declared_later';",
    ],
    sites: [
      { event: 'declared_later', dynamic: false, kind: MIXIN, range: [3, 30, 3, 49], properties: [{ key: 'label', valueType: 'string' }], propertiesRange: true },
    ],
  },
  {
    name: 'value types of the properties object',
    code: [
      "InternalEvents.trackEvent('types', { s: 'a', t: `b${c}`, n: -1, b: false, nil: null, u: undefined, d: foo.bar, c: fn(), o: { x: 1 }, a: [1], 'quoted-key': 1, m() {} });",
    ],
    sites: [
      {
        event: 'types',
        kind: IE,
        range: [0, 26, 0, 33],
        nameRange: [0, 27, 0, 32],
        properties: [
          { key: 's', valueType: 'string' },
          { key: 't', valueType: 'string' },
          { key: 'n', valueType: 'number' },
          { key: 'b', valueType: 'boolean' },
          { key: 'nil', valueType: 'nil' },
          { key: 'u', valueType: 'nil' },
          { key: 'd', valueType: 'dynamic' },
          { key: 'c', valueType: 'dynamic' },
          { key: 'o', valueType: 'other' },
          { key: 'a', valueType: 'other' },
          { key: 'quoted-key', valueType: 'number', range: [0, 141, 0, 153] },
          { key: 'm', valueType: 'other' },
        ],
      },
    ],
  },
  {
    name: 'opaque properties: a variable, a computed key; undefined is not opaque',
    code: [
      "InternalEvents.trackEvent('opaque', additionalProperties);",
      "InternalEvents.trackEvent('computed', { [key]: 1, label: 'l' });",
      "InternalEvents.trackEvent('no_props', undefined, 'Category');",
    ],
    sites: [
      { event: 'opaque', kind: IE, range: [0, 26, 0, 34], nameRange: [0, 27, 0, 33], argsOpaque: true, argsRange: [0, 26, 0, 56], propertiesRange: false },
      {
        event: 'computed',
        kind: IE,
        range: [1, 26, 1, 36],
        nameRange: [1, 27, 1, 35],
        argsOpaque: true,
        properties: [{ key: 'label', valueType: 'string' }],
        propertiesRange: true,
      },
      { event: 'no_props', kind: IE, range: [2, 26, 2, 36], nameRange: [2, 27, 2, 35], propertiesRange: false },
    ],
  },
  {
    name: 'attribute map with label, property, value, JSON additional and a load flag',
    code: [
      'const attrs = {',
      "  'data-event-tracking': 'attr_event',",
      "  'data-event-label': 'lbl',",
      "  'data-event-property': prop,",
      "  'data-event-value': 5,",
      '  \'data-event-additional\': \'{"custom":"x","n":2}\',',
      "  'data-event-tracking-load': 'true',",
      '};',
    ],
    sites: [
      {
        event: 'attr_event',
        kind: ATTR,
        range: [1, 25, 1, 37],
        nameRange: [1, 26, 1, 36],
        properties: [
          { key: 'label', valueType: 'string', range: [2, 2, 2, 20] },
          { key: 'property', valueType: 'dynamic', range: [3, 2, 3, 23] },
          { key: 'value', valueType: 'number', range: [4, 2, 4, 20] },
          { key: 'custom', valueType: 'string', range: [5, 29, 5, 37] },
          { key: 'n', valueType: 'number', range: [5, 42, 5, 45] },
        ],
        argsRange: [0, 14, 7, 1],
        propertiesRange: false,
      },
    ],
  },
  {
    name: 'attribute map with a constant name, a spread and JSON.stringify additional properties',
    code: [
      "const EVENT = 'const_attr';",
      "export const trackingAttrs = { ...base, 'data-event-tracking': EVENT, 'data-event-additional': JSON.stringify({ source: 'menu' }) };",
    ],
    sites: [
      {
        event: 'const_attr',
        dynamic: false,
        kind: ATTR,
        range: [1, 63, 1, 68],
        argsOpaque: true,
        properties: [{ key: 'source', valueType: 'string', range: [1, 112, 1, 118] }],
        propertiesRange: [1, 110, 1, 128],
      },
    ],
  },
  {
    name: 'attribute maps in spec expectations count; a numeric string value is a number',
    code: ["expect(findButton().attributes()).toMatchObject({ 'data-event-tracking': 'spec_attr', 'data-event-value': '3' });"],
    sites: [
      {
        event: 'spec_attr',
        kind: ATTR,
        range: [0, 73, 0, 84],
        nameRange: [0, 74, 0, 83],
        properties: [{ key: 'value', valueType: 'number' }],
      },
    ],
  },
  {
    name: 'JSX attributes in a .jsx file',
    path: 'app/assets/javascripts/button.jsx',
    code: [
      'const Button = () => (',
      '  <button data-event-tracking="jsx_event" data-event-label={LABEL} data-event-value="7" {...rest}>Go</button>',
      ');',
    ],
    sites: [
      {
        event: 'jsx_event',
        kind: ATTR,
        range: [1, 30, 1, 41],
        nameRange: [1, 31, 1, 40],
        properties: [
          { key: 'label', valueType: 'dynamic', range: [1, 42, 1, 58] },
          { key: 'value', valueType: 'number', range: [1, 67, 1, 83] },
        ],
        argsOpaque: true,
        argsRange: [1, 2, 1, 98],
      },
    ],
  },
  {
    name: 'TSX: a literal behind `as const`, and type syntax around a call',
    path: 'app/assets/javascripts/button.tsx',
    code: [
      "const el = <Button data-event-tracking={'tsx_event' as const} />;",
      "function f<T>(x: T): T { InternalEvents.trackEvent('ts_call', { label: x as unknown as string }); return x; }",
    ],
    sites: [
      { event: 'tsx_event', kind: ATTR, range: [0, 40, 0, 51], nameRange: [0, 41, 0, 50] },
      { event: 'ts_call', kind: IE, range: [1, 51, 1, 60], nameRange: [1, 52, 1, 59], properties: [{ key: 'label', valueType: 'dynamic' }] },
    ],
  },
  {
    name: '.ts file: <T> type assertions parse (no JSX there)',
    path: 'app/assets/javascripts/util.ts',
    code: ["const n = <number>count; InternalEvents.trackEvent('ts_file');"],
    sites: [{ event: 'ts_file', kind: IE, range: [0, 51, 0, 60], nameRange: [0, 52, 0, 59] }],
  },
  {
    name: 'optional chaining on the receiver and the call',
    code: ["InternalEvents?.trackEvent?.('optional');"],
    sites: [{ event: 'optional', kind: IE, range: [0, 29, 0, 39], nameRange: [0, 30, 0, 38], argsRange: [0, 29, 0, 39] }],
  },
  {
    name: 'half-typed file Babel cannot parse: complete calls are still found',
    code: [
      "const EVENT = 'recovered_const';",
      'export default {',
      '  mixins: [InternalEvents.mixin()],',
      '  methods: {',
      "    a() { this.trackEvent('complete', { label: 'y' }); },",
      '    b() { this.trackEvent(EVENT); },',
      "    c() { this.trackEvent('typing', { lab",
      "    d() { this.trackEvent('click_",
      "    e() { return { 'data-event-tracking': 'attr_in_broken' }; },",
    ],
    sites: [
      {
        event: 'complete',
        kind: MIXIN,
        range: [4, 26, 4, 36],
        nameRange: [4, 27, 4, 35],
        properties: [{ key: 'label', valueType: 'string', range: [4, 40, 4, 45] }],
        propertiesRange: true,
      },
      { event: 'recovered_const', dynamic: false, kind: MIXIN, range: [5, 26, 5, 31] },
      { event: 'typing', kind: MIXIN, range: [6, 26, 6, 34], nameRange: [6, 27, 6, 33], argsOpaque: true },
      { event: 'attr_in_broken', kind: ATTR, range: [8, 42, 8, 58], nameRange: [8, 43, 8, 57] },
    ],
    parseErrors: 'some',
  },
  {
    name: 'half-typed file Babel cannot parse: imported names are still recorded',
    code: [
      "import { IMPORTED, type Typed } from './constants';",
      "import * as ns from '~/x';",
      "// import { COMMENTED } from './nope';",
      'InternalEvents.trackEvent(IMPORTED);',
      'InternalEvents.trackEvent(ns.EVENT);',
      'InternalEvents.trackEvent(COMMENTED);',
      "InternalEvents.trackEvent('typing', { lab",
    ],
    path: 'a.ts',
    sites: [
      { event: null, kind: IE, range: [3, 26, 3, 34], imported: { specifier: './constants', path: ['IMPORTED'] } },
      { event: null, kind: IE, range: [4, 26, 4, 34], imported: { specifier: '~/x', path: ['EVENT'] } },
      { event: null, kind: IE, range: [5, 26, 5, 35] },
      { event: 'typing', kind: IE, range: [6, 26, 6, 34], nameRange: [6, 27, 6, 33], argsOpaque: true },
    ],
    parseErrors: 'some',
  },
  {
    name: 'an unterminated string at the end does not hide earlier calls',
    code: ["InternalEvents.trackEvent('ok');", "InternalEvents.trackEvent('typi"],
    sites: [{ event: 'ok', kind: IE, range: [0, 26, 0, 30], nameRange: [0, 27, 0, 29] }],
    parseErrors: 'some',
  },
  {
    name: 'errors Babel recovers from are counted, sites kept',
    code: ['const a = 1; const a = 2;', "InternalEvents.trackEvent('after_redeclare');"],
    sites: [{ event: 'after_redeclare', kind: IE, range: [1, 26, 1, 43], nameRange: [1, 27, 1, 42] }],
    parseErrors: 1,
  },
  {
    name: 'Jest: assertions on the tracking spy name the event (spec §4.5)',
    path: 'spec/frontend/boards/board_spec.js',
    code: [
      "const EVENT = 'const_spy_event';",
      'const { trackEventSpy } = bindInternalEventDocument(wrapper.element);',
      "expect(trackEventSpy).toHaveBeenCalledWith('click_board', { label: 'x', value: 2 }, undefined);",
      "expect(trackEventSpy).not.toHaveBeenCalledWith('never_board');",
      "expect(trackEventSpy).toHaveBeenNthCalledWith(2, 'second_board', {});",
      'expect(InternalEvents.trackEvent).toHaveBeenLastCalledWith(EVENT);',
    ],
    sites: [
      {
        event: 'click_board',
        kind: JEST,
        range: [2, 43, 2, 56],
        nameRange: [2, 44, 2, 55],
        properties: [
          { key: 'label', valueType: 'string' },
          { key: 'value', valueType: 'number' },
        ],
        propertiesRange: true,
      },
      { event: 'never_board', kind: JEST, range: [3, 47, 3, 60], nameRange: [3, 48, 3, 59], argsOpaque: true },
      { event: 'second_board', kind: JEST, range: [4, 49, 4, 63], nameRange: [4, 50, 4, 62], propertiesRange: true },
      { event: 'const_spy_event', dynamic: false, kind: JEST, range: [5, 59, 5, 64], argsOpaque: true },
    ],
  },
  {
    name: 'Jest negatives: other spies, other matchers, asymmetric matchers, no argument',
    path: 'spec/frontend/boards/board_spec.js',
    code: [
      "expect(trackingSpy).toHaveBeenCalledWith('not_internal', 'x');",
      "expect(trackEventSpy).toHaveBeenCalledTimes(1);",
      'expect(trackEventSpy).toHaveBeenCalledWith(expect.any(String), {});',
      'expect(trackEventSpy).toHaveBeenCalledWith();',
      "other(trackEventSpy).toHaveBeenCalledWith('not_expect');",
      "expect(mockTrackEvent).toHaveBeenCalledWith('mocked_event');",
    ],
    sites: [{ event: 'mocked_event', kind: JEST, range: [5, 44, 5, 58], nameRange: [5, 45, 5, 57], argsOpaque: true }],
  },
  {
    name: 'UTF-16 columns after astral characters and CRLF line ends',
    code: ["const s = '😀😀'; InternalEvents.trackEvent('after_emoji');\r", "InternalEvents.trackEvent('é');"],
    sites: [
      { event: 'after_emoji', kind: IE, range: [0, 44, 0, 57], nameRange: [0, 45, 0, 56] },
      { event: 'é', kind: IE, range: [1, 26, 1, 29], nameRange: [1, 27, 1, 28] },
    ],
  },
];


describe('findJsCallSites', () => {
  for (const c of cases) {
    it(c.name, () => {
      const scan = findJsCallSites(c.code.join('\n'), c.path ?? 'app/assets/javascripts/file.js');
      checkScan(scan, c);
    });
  }

  it('a realistic component fixture', () => {
    const text = readFileSync(join(FIXTURES, 'runner_actions.js'), 'utf8');
    const scan = findJsCallSites(text, 'app/assets/javascripts/runner/runner_actions.js');
    const summary = scan.callSites.map((s) => `${s.range.start.line + 1}:${s.kind}:${s.event}`);
    assert.deepEqual(summary, [
      `17:${IE}:click_view_runners_button`,
      `29:${MIXIN}:runner_deleted`,
      `31:${MIXIN}:click_previous_blame_on_blob_page`,
      `34:${MIXIN}:null`,
      `41:${ATTR}:runner_toggle_paused`,
    ]);
    assert.equal(scan.parseErrors, 0);
  });

  it('never throws: empty, binary-like, garbage and pathological input', () => {
    const inputs = [
      '',
      'trackEvent',
      '\u0000\u0001\u0002InternalEvents.trackEvent(\u0000\uffff\ud800',
      ')))}}}]]]InternalEvents.trackEvent(((({{{',
      "InternalEvents.trackEvent('a', { 'data-event-tracking': ",
      '`${`${`${InternalEvents.trackEvent(`x`)}`}`',
      '/'.repeat(1000) + 'trackEvent(' + '('.repeat(5000),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1') + 'trackEvent',
    ];
    for (const text of inputs) {
      for (const path of ['a.js', 'a.ts', 'a.tsx']) {
        const scan = findJsCallSites(text, path);
        assert.ok(Array.isArray(scan.callSites));
      }
    }
  });

  it('a minified 500 KB one-line file returns in reasonable time, also when it does not parse', function () {
    this.timeout(30000);
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 500_000; i++) {
      const part = `function a${i}(b){var c=b+${i};InternalEvents.trackEvent("min_${i}",{label:"x",value:c});return c}`;
      parts.push(part);
      size += part.length;
    }
    const text = parts.join(';');
    let start = performance.now();
    const scan = findJsCallSites(text, 'app/assets/javascripts/bundle.min.js');
    const parsedMs = performance.now() - start;
    assert.equal(scan.callSites.length, parts.length);
    assert.equal(scan.parseErrors, 0);

    start = performance.now();
    const broken = findJsCallSites(text + ';function z({', 'app/assets/javascripts/bundle.min.js');
    const recoveredMs = performance.now() - start;
    assert.equal(broken.callSites.length, parts.length);
    assert.ok(broken.parseErrors > 0);
    console.log(`      500 KB minified: ${parsedMs.toFixed(0)} ms parsed, ${recoveredMs.toFixed(0)} ms through recovery`);
    assert.ok(parsedMs < 10000 && recoveredMs < 10000);
  });

  it('a 3,000-line file: timing', () => {
    const text = generateLargeFile();
    const lines = text.split('\n').length;
    assert.ok(lines >= 3000);
    findJsCallSites(text, 'warmup.js');
    const start = performance.now();
    const scan = findJsCallSites(text, 'app/assets/javascripts/large.js');
    const ms = performance.now() - start;
    console.log(`      findJsCallSites, ${lines} lines / ${scan.callSites.length} sites: ${ms.toFixed(1)} ms`);
    assert.equal(scan.callSites.length, 100);
    assert.ok(scan.callSites.every((s) => s.event !== null));
  });
});

/** About 3,000 lines of Vue-style component code with 100 tracking calls and attribute maps. */
function generateLargeFile(): string {
  const out = ["import { InternalEvents } from '~/tracking';", ''];
  let sites = 0;
  for (let c = 0; out.length < 2980; c++) {
    out.push(`const EVENT_${c} = 'large_event_${c}';`, `export const component${c} = {`, '  mixins: [InternalEvents.mixin()],', '  methods: {');
    for (let m = 0; m < 6; m++) {
      out.push(
        `    // Handles step ${m}: loads the records and tracks the interaction.`,
        `    async step${m}(records, options = {}) {`,
        '      const filtered = records.filter((r) => r.state === options.state && !r.archived);',
        '      for (const [index, record] of filtered.entries()) {',
        '        if (index > 50) break;',
        '        record.title = `${record.title} (${index})`;',
        '      }',
      );
      if (sites < 100 && m % 3 === 0) {
        sites += 2;
        out.push(
          `      this.trackEvent(EVENT_${c}, { label: options.label, property: 'step_${m}', value: filtered.length });`,
          `      const attrs = { 'data-event-tracking': 'attr_${c}_${m}', 'data-event-label': 'l' };`,
        );
      }
      out.push('      return { filtered, total: records.length };', '    },');
    }
    out.push('  },', '};', '');
  }
  return out.join('\n');
}
