// Editor features as functions of (index, file, text, position): completion, hover, definition,
// references, symbols and code lenses, in definition files and in code.
import { strict as assert } from 'node:assert';
import { indexTree, eventYaml, metricYaml } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { complete } from '../../server/src/core/features/completion';
import { hover } from '../../server/src/core/features/hover';
import { definition, references, codeLenses } from '../../server/src/core/features/navigation';
import { documentSymbols, workspaceSymbols } from '../../server/src/core/features/symbols';
import { LineIndex } from '../../server/src/core/text';
import { pathToFileURL } from 'node:url';

/** Splits "text with | cursor" into the text and the cursor position. */
function cursor(src: string): { text: string; pos: { line: number; character: number } } {
  const at = src.indexOf('|');
  const text = src.slice(0, at) + src.slice(at + 1);
  return { text, pos: new LineIndex(text).positionAt(at) };
}

const labels = (items: { label: string }[]) => items.map((i) => i.label);

describe('editor features', () => {
  let index: ProjectIndex;
  before(async () => {
    index = await indexTree({
      VERSION: '17.9.3-pre\n',
      'config/events/click_button.yml': eventYaml('click_button'),
      'config/events/view_page.yml': eventYaml('view_page', { identifiers: 'identifiers:\n- user', additional_properties: 'additional_properties:\n  value:\n    description: ms' }),
      'config/metrics/counts_28d/m.yml': metricYaml('redis_hll_counters.count_distinct_user_id_from_click_button_monthly', '- name: click_button\n  unique: user.id'),
      'app/services/a.rb': "class A\n  def run\n    track_internal_event('click_button', user: u, additional_properties: { label: 'x' })\n  end\nend\n",
    });
  });

  describe('completion in definitions', () => {
    const cases: { name: string; file: string; src: string; has: string[]; lacks?: string[] }[] = [
      { name: 'top-level keys of an event, minus those present', file: 'config/events/new.yml', src: 'action: x\nprod|', has: ['product_group', 'product_categories', 'tiers'], lacks: ['action'] },
      // Issue 11.9: no invitation to an error.
      { name: 'no category key on an internal event', file: 'config/events/new.yml', src: 'internal_events: true\naction: x\nc|', has: ['classification'], lacks: ['category'] },
      { name: 'category on a legacy event', file: 'config/events/new.yml', src: 'action: x\nc|', has: ['category'] },
      { name: 'product group values', file: 'config/events/new.yml', src: 'product_group: anal|', has: ['analytics_instrumentation'] },
      { name: 'tiers list items', file: 'config/events/new.yml', src: 'tiers:\n- |', has: ['free', 'premium', 'ultimate'] },
      { name: 'identifiers list items', file: 'config/events/new.yml', src: 'identifiers:\n- |', has: ['project', 'user', 'namespace'] },
      { name: 'product categories from feature_categories.yml', file: 'config/events/new.yml', src: 'product_categories:\n- serv|', has: ['service_ping'] },
      { name: 'milestone from VERSION', file: 'config/events/new.yml', src: 'milestone: |', has: ["'17.9'"] },
      { name: 'metric time_frame', file: 'config/metrics/counts_7d/n.yml', src: 'time_frame: |', has: ['7d', '28d', 'all', 'none'] },
      { name: 'metric data_source', file: 'config/metrics/counts_7d/n.yml', src: 'data_source: |', has: ['internal_events', 'database'] },
      { name: 'metric event names', file: 'config/metrics/counts_7d/n.yml', src: 'events:\n- name: |', has: ['click_button', 'view_page'] },
      { name: 'unique limited to what the event declares', file: 'config/metrics/counts_7d/n.yml', src: 'events:\n- name: view_page\n  unique: |', has: ['user.id', 'value'], lacks: ['project.id', 'label'] },
      { name: 'filter keys from the event properties', file: 'config/metrics/counts_7d/n.yml', src: 'events:\n- name: click_button\n  filter:\n    |', has: ['label', 'property', 'custom_flag'] },
      { name: 'keys of an events item', file: 'config/metrics/counts_7d/n.yml', src: 'events:\n- name: click_button\n  |', has: ['unique', 'filter', 'operator'] },
      // Issue 11.4: a rule after the first one, its sibling item above not taken for its parent.
      { name: 'unique in the second rule, from its own event', file: 'config/metrics/counts_7d/n.yml', src: 'events:\n- name: click_button\n  unique: label\n- name: view_page\n  unique: |', has: ['user.id', 'value'], lacks: ['label', 'project.id'] },
      { name: 'filter keys in the second rule, from its own event', file: 'config/metrics/counts_7d/n.yml', src: 'events:\n- name: click_button\n  filter:\n    label: x\n- name: view_page\n  filter:\n    |', has: ['value'], lacks: ['label', 'custom_flag'] },
      { name: 'unique in the third rule of an indented list', file: 'config/metrics/counts_7d/n.yml', src: 'events:\n  - name: view_page\n  - name: view_page\n  - name: click_button\n    unique: |', has: ['label', 'user.id'], lacks: ['value'] },
      { name: 'keys of the second events item', file: 'config/metrics/counts_7d/n.yml', src: 'events:\n- name: click_button\n- name: view_page\n  |', has: ['unique', 'filter', 'operator'] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const { text, pos } = cursor(c.src);
        const got = labels(complete(index, c.file, text, pos));
        for (const h of c.has) assert.ok(got.includes(h), `${h} missing from ${JSON.stringify(got.slice(0, 30))}`);
        for (const l of c.lacks ?? []) assert.ok(!got.includes(l), `${l} should not be offered`);
      });
    }
  });

  describe('completion in code', () => {
    it('event names inside the name string, replacing its contents', () => {
      const { text, pos } = cursor("track_internal_event('cli|', user: u)\n");
      const items = complete(index, 'app/x.rb', text, pos);
      assert.ok(labels(items).includes('click_button'));
      assert.deepEqual(items[0].range, { start: { line: 0, character: 22 }, end: { line: 0, character: 25 } });
    });
    it('identifier keywords the event declares, not those passed', () => {
      const { text, pos } = cursor("track_internal_event('click_button', user: u, |)\n");
      const got = labels(complete(index, 'app/x.rb', text, pos));
      assert.ok(got.includes('project:') && got.includes('namespace:'));
      assert.ok(!got.includes('user:'));
    });
    it('declared properties inside the properties object', () => {
      const { text, pos } = cursor("InternalEvents.trackEvent('click_button', { label: 'x', | });\n");
      const got = labels(complete(index, 'app/x.js', text, pos));
      assert.deepEqual(got.sort(), ['custom_flag', 'property']);
    });
  });

  describe('hover', () => {
    it('on a metric event name shows the event', () => {
      const text = index.readText('config/metrics/counts_28d/m.yml')!;
      const line = text.split('\n').findIndex((l) => l.includes('- name: click_button'));
      const h = hover(index, 'config/metrics/counts_28d/m.yml', text, { line, character: 10 })!;
      assert.match(h.markdown, /Counted when click button happens/);
      assert.match(h.markdown, /identifiers: project, namespace, user/);
    });
    it('on a key shows its schema description', () => {
      const h = hover(index, 'config/events/click_button.yml', index.readText('config/events/click_button.yml')!, { line: 2, character: 3 });
      assert.ok(h && h.markdown.length > 20, JSON.stringify(h));
    });
    it('on a Ruby call lists metrics with time frames', () => {
      const text = index.readText('app/services/a.rb')!;
      const h = hover(index, 'app/services/a.rb', text, { line: 2, character: 28 })!;
      assert.match(h.markdown, /count_distinct_user_id_from_click_button_monthly.*monthly/);
    });
    it('links to the definition and each metric file, at their lines (issue 11.8)', () => {
      const text = index.readText('app/services/a.rb')!;
      const h = hover(index, 'app/services/a.rb', text, { line: 2, character: 28 })!;
      const root = pathToFileURL(index.root).href;
      assert.ok(h.markdown.includes(`[config/events/click_button.yml](${root}/config/events/click_button.yml#L4)`), h.markdown);
      assert.ok(h.markdown.includes(`[\`redis_hll_counters.count_distinct_user_id_from_click_button_monthly\`](${root}/config/metrics/counts_28d/m.yml#L2) (monthly)`), h.markdown);
    });
  });

  describe('navigation', () => {
    it('definition from a metric event name to the action line', () => {
      const text = index.readText('config/metrics/counts_28d/m.yml')!;
      const line = text.split('\n').findIndex((l) => l.includes('- name: click_button'));
      const locs = definition(index, 'config/metrics/counts_28d/m.yml', text, { line, character: 12 });
      assert.deepEqual(locs.map((l) => [l.file, l.range.start.line]), [['config/events/click_button.yml', 3]]);
    });
    it('references from a call include the definition, the call and the metric', () => {
      const text = index.readText('app/services/a.rb')!;
      const refs = references(index, 'app/services/a.rb', text, { line: 2, character: 28 }, true);
      assert.deepEqual(refs.map((r) => r.file).sort(), ['app/services/a.rb', 'config/events/click_button.yml', 'config/metrics/counts_28d/m.yml']);
    });
    it('references say what each usage is; a name built at run time is a possible call (issue 11.8)', () => {
      index.setOverlay('app/services/built.rb', 'track_internal_event("click_#{kind}", user: u)\n');
      try {
        const text = index.readText('app/services/a.rb')!;
        const refs = references(index, 'app/services/a.rb', text, { line: 2, character: 28 }, true);
        assert.deepEqual(refs.map((r) => [r.file, r.role, r.pattern]), [
          ['config/events/click_button.yml', 'definition', undefined],
          ['app/services/a.rb', 'call', undefined],
          ['config/metrics/counts_28d/m.yml', 'metric', undefined],
          ['app/services/built.rb', 'possible', 'click_*'],
        ]);
      } finally {
        index.setOverlay('app/services/built.rb', undefined);
      }
    });
    it('code lens counts', () => {
      assert.deepEqual(codeLenses(index, 'config/events/click_button.yml').map((l) => l.title), ['1 call site · 1 metric']);
      assert.deepEqual(codeLenses(index, 'config/events/view_page.yml').map((l) => l.title), ['0 call sites · 0 metrics']);
    });
    it('code lens counts a Jest assertion as a spec, and references reach it', () => {
      const spec = "const { trackEventSpy } = bindInternalEventDocument(el);\nexpect(trackEventSpy).toHaveBeenCalledWith('view_page', {}, undefined);\n";
      index.setOverlay('spec/frontend/view_spec.js', spec);
      try {
        assert.deepEqual(codeLenses(index, 'config/events/view_page.yml').map((l) => l.title), ['0 call sites · 1 spec · 0 metrics']);
        const refs = references(index, 'spec/frontend/view_spec.js', spec, { line: 1, character: 46 }, true);
        assert.deepEqual(refs.map((r) => r.file).sort(), ['config/events/view_page.yml', 'spec/frontend/view_spec.js']);
      } finally {
        index.setOverlay('spec/frontend/view_spec.js', undefined);
      }
    });
  });

  describe('symbols', () => {
    it('document symbols name the event and list its keys', () => {
      const s = documentSymbols(index, 'config/events/click_button.yml', index.readText('config/events/click_button.yml')!);
      assert.equal(s[0].name, 'click_button');
      assert.ok(s[0].children!.some((c) => c.name === 'tiers'));
    });
    it('workspace symbols match by subsequence', () => {
      const names = workspaceSymbols(index, 'clkbtn').map((s) => s.name);
      assert.deepEqual(names.sort(), ['click_button', 'redis_hll_counters.count_distinct_user_id_from_click_button_monthly']);
    });
  });
});
