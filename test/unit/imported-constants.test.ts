// Event names imported from another JS module: where the module is looked for, what it exports,
// and how the index resolves, re-resolves and forgets them.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { at, eventYaml, indexTree } from '../helpers/workspace';
import { moduleCandidates } from '../../server/src/core/importedConstants';
import { readModuleExports } from '../../server/src/core/callsites/js/exports';
import { hover } from '../../server/src/core/features/hover';

const JS = 'app/assets/javascripts';

describe('imported constants: module candidates', () => {
  const cases: Array<{ importer: string; specifier: string; first: string[]; none?: boolean }> = [
    { importer: `${JS}/feature/a.js`, specifier: './constants', first: [`${JS}/feature/constants.js`, `${JS}/feature/constants.ts`] },
    { importer: `${JS}/feature/a.js`, specifier: '../shared/constants.js', first: [`${JS}/shared/constants.js`] },
    { importer: 'ee/x/a.vue', specifier: '~/feature/constants', first: [`${JS}/feature/constants.js`] },
    { importer: 'x.js', specifier: 'ee/feature/constants', first: [`ee/${JS}/feature/constants.js`] },
    { importer: 'x.js', specifier: 'jest/helpers/constants', first: ['spec/frontend/helpers/constants.js'] },
    { importer: 'x.js', specifier: 'lodash', first: [], none: true },
    { importer: 'a.js', specifier: '../../outside', first: [], none: true },
  ];
  for (const c of cases) {
    it(`${c.specifier} from ${c.importer}`, () => {
      const got = moduleCandidates(c.importer, c.specifier);
      if (c.none) assert.deepEqual(got, []);
      else assert.deepEqual(got.slice(0, c.first.length), c.first);
    });
  }

  it('ee_else_ce tries the EE folder, then CE; a folder import tries index files', () => {
    const got = moduleCandidates('x.js', 'ee_else_ce/feature');
    assert.ok(got.indexOf(`ee/${JS}/feature.js`) < got.indexOf(`${JS}/feature.js`));
    assert.ok(got.includes(`${JS}/feature/index.js`));
  });
});

describe('imported constants: what a module exports', () => {
  it('strings, renamed exports, objects (frozen, nested), the default export; computed values left out', () => {
    const exports = readModuleExports(
      [
        "const PREFIX = 'click_';",
        "export const SAVE = 'click_save';",
        "const LOCAL = 'view_page';",
        'export { LOCAL as VIEW };',
        "export const TRACKING = Object.freeze({ OPEN: 'open_thing', NESTED: { DEEP: 'deep_event' }, BUILT: `${PREFIX}x` });",
        'export const COMPUTED = PREFIX + "y";',
        "export let MUTABLE = 'mutable_event';",
        "export default { event: 'default_event' };",
      ].join('\n'),
      'constants.js',
    );
    assert.deepEqual(Object.fromEntries(exports.values), {
      SAVE: 'click_save',
      VIEW: 'view_page',
      TRACKING: { OPEN: 'open_thing', NESTED: { DEEP: 'deep_event' } },
      default: { event: 'default_event' },
    });
  });

  it('re-exports are kept as specifiers; TypeScript type exports are not', () => {
    const exports = readModuleExports(
      [
        "export * from './a';",
        "export { X as Y, Z } from './b';",
        "export type { T } from './c';",
        "export const E = 'e' as const;",
        "import { D as LOCAL } from './d';",
        'export { LOCAL as PASSED };',
      ].join('\n'),
      'index.ts',
    );
    assert.deepEqual(exports.reexports.map((r) => [r.specifier, r.names === '*' ? '*' : Object.fromEntries(r.names)]), [
      ['./a', '*'],
      ['./b', { Y: 'X', Z: 'Z' }],
      ['./d', { PASSED: 'D' }],
    ]);
    assert.equal(exports.values.get('E'), 'e');
  });

  it('a module that does not parse exports nothing and does not throw', () => {
    assert.equal(readModuleExports('export const = = (', 'x.js').values.size, 0);
  });
});

const defs = {
  'config/events/click_save.yml': eventYaml('click_save'),
  'config/events/view_page.yml': eventYaml('view_page'),
  'config/events/open_thing.yml': eventYaml('open_thing'),
};
const CONSTANTS = `${JS}/feature/constants.js`;
const COMPONENT = `${JS}/feature/component.js`;

describe('imported constants: the index resolves them', () => {
  it('names from another module link to their events; an unknown one is flagged at the reference', async () => {
    const index = await indexTree({
      ...defs,
      [CONSTANTS]: "export const SAVE = 'click_save';\nexport const TRACKING = Object.freeze({ VIEW: 'view_page' });\nexport const TYPO = 'click_sav';\n",
      [COMPONENT]: [
        "import { SAVE, TRACKING, TYPO } from './constants';",
        'InternalEvents.trackEvent(SAVE);',
        'InternalEvents.trackEvent(TRACKING.VIEW);',
        'InternalEvents.trackEvent(TYPO);',
        'InternalEvents.trackEvent(TRACKING.MISSING);',
      ].join('\n'),
    });
    const save = index.callSitesOf('click_save');
    assert.deepEqual(save.map((c) => [c.file, c.site.range.start.line, c.site.dynamic]), [[COMPONENT, 1, false]]);
    assert.equal(index.callSitesOf('view_page').length, 1);
    const diags = index.diagnostics(COMPONENT);
    assert.deepEqual(at(diags, 'unknown-event'), [4]);
    assert.match(diags.find((d) => d.code === 'unknown-event')!.message, /click_save/);
    // The missing property stays dynamic: never flagged, and no unused-event for the resolved ones.
    assert.equal(index.callSitesIn(COMPONENT)[3].dynamic, true);
    assert.deepEqual(at(index.diagnostics('config/events/click_save.yml'), 'unused-event'), []);
    assert.deepEqual(at(index.diagnostics('config/events/open_thing.yml'), 'unused-event'), [4]);
  });

  it('hover says where a name came from, or that its value could not be read', async () => {
    const source = "import { SAVE, MISSING } from './constants';\nInternalEvents.trackEvent(SAVE);\nInternalEvents.trackEvent(MISSING);\n";
    const index = await indexTree({ ...defs, [CONSTANTS]: "export const SAVE = 'click_save';\n", [COMPONENT]: source });
    const resolved = hover(index, COMPONENT, source, { line: 1, character: 28 })!.markdown;
    assert.match(resolved, /Counted when click save happens/);
    assert.match(resolved, /Name from `SAVE`, imported from `\.\/constants`/);
    const unread = hover(index, COMPONENT, source, { line: 2, character: 28 })!.markdown;
    assert.match(unread, /Name from `MISSING`, imported from `\.\/constants`; its value could not be read there/);
  });

  it('GitLab aliases and re-export chains, from a Vue file in EE', async () => {
    const index = await indexTree({
      ...defs,
      [CONSTANTS]: "export const SAVE = 'click_save';\nexport const OPEN = 'open_thing';\n",
      [`${JS}/feature/index.js`]: "export * from './constants';\nexport { OPEN as OPEN_ALIAS } from './constants';\n",
      [`ee/${JS}/feature/panel.vue`]: [
        '<script setup>',
        "import { SAVE, OPEN_ALIAS } from '~/feature';",
        '</script>',
        '<template>',
        '  <a :data-event-tracking="SAVE" />',
        '  <a :data-event-tracking="OPEN_ALIAS" />',
        '</template>',
      ].join('\n'),
    });
    assert.deepEqual(index.callSitesOf('click_save').map((c) => c.file), [`ee/${JS}/feature/panel.vue`]);
    assert.deepEqual(index.callSitesOf('open_thing').map((c) => c.file), [`ee/${JS}/feature/panel.vue`]);
  });

  it('a change to the module re-resolves its importers and reports the files affected', async () => {
    const index = await indexTree({
      ...defs,
      [CONSTANTS]: "export const SAVE = 'click_save';\n",
      [COMPONENT]: "import { SAVE } from './constants';\nInternalEvents.trackEvent(SAVE);\n",
    });
    const affected = index.setOverlay(CONSTANTS, "export const SAVE = 'view_page';\n");
    assert.ok(affected.has(COMPONENT), 'the importer');
    assert.ok(affected.has('config/events/click_save.yml'), 'the event it no longer tracks');
    assert.ok(affected.has('config/events/view_page.yml'), 'the event it now tracks');
    assert.equal(index.callSitesOf('click_save').length, 0);
    assert.deepEqual(index.callSitesOf('view_page').map((c) => c.file), [COMPONENT]);
    // Back to the disk's text.
    index.setOverlay(CONSTANTS, undefined);
    assert.deepEqual(index.callSitesOf('click_save').map((c) => c.file), [COMPONENT]);
  });

  it('a module created after its importer resolves the name; deleting it makes the name dynamic again', async () => {
    const index = await indexTree({ ...defs, [COMPONENT]: "import { SAVE } from './later';\nInternalEvents.trackEvent(SAVE);\n" });
    assert.equal(index.callSitesIn(COMPONENT)[0].dynamic, true);
    const later = `${JS}/feature/later.ts`;
    fs.writeFileSync(path.join(index.root, later), "export const SAVE = 'click_save' as const;\n");
    assert.ok(index.update(later).has(COMPONENT));
    assert.equal(index.callSitesIn(COMPONENT)[0].event, 'click_save');
    fs.rmSync(path.join(index.root, later));
    index.update(later);
    assert.equal(index.callSitesIn(COMPONENT)[0].event, null);
    assert.equal(index.callSitesOf('click_save').length, 0);
  });

  it('a module changed while nothing imported it is read afresh by the next importer', async () => {
    const index = await indexTree({
      ...defs,
      [CONSTANTS]: "export const SAVE = 'click_save';\n",
      [COMPONENT]: "import { SAVE } from './constants';\nInternalEvents.trackEvent(SAVE);\n",
    });
    index.setOverlay(COMPONENT, 'export {};\n'); // the only importer stops importing
    index.setOverlay(CONSTANTS, "export const SAVE = 'view_page';\n");
    index.setOverlay(COMPONENT, "import { SAVE } from './constants';\nInternalEvents.trackEvent(SAVE);\n");
    assert.deepEqual(index.callSitesOf('view_page').map((c) => c.file), [COMPONENT]);
  });

  it('an edit of the importer keeps resolving; cycles and packages end as dynamic names', async () => {
    const index = await indexTree({
      ...defs,
      [`${JS}/a.js`]: "export * from './b';\n",
      [`${JS}/b.js`]: "export * from './a';\n",
      [CONSTANTS]: "export const SAVE = 'click_save';\n",
      [COMPONENT]: "import { X } from '../a';\nimport { Y } from 'some-package';\nInternalEvents.trackEvent(X);\nInternalEvents.trackEvent(Y);\n",
    });
    assert.deepEqual(index.callSitesIn(COMPONENT).map((s) => s.dynamic), [true, true]);
    index.setOverlay(COMPONENT, "import { SAVE } from './constants';\n\nInternalEvents.trackEvent(SAVE);\n");
    assert.deepEqual(index.callSitesOf('click_save').map((c) => [c.file, c.site.range.start.line]), [[COMPONENT, 2]]);
  });
});
