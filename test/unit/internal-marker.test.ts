// GitLab 16.x marked internal events with `category: InternalEventTracking` (no internal_events
// key). Every question the engine asks about "is this an internal event" must answer the same for
// such a definition as for an `internal_events: true` one: two workspaces that differ only in the
// marker get the same answers, under a schema of either generation.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS, eventYaml, indexTree, metricYaml } from '../helpers/workspace';
import type { ProjectIndex } from '../../server/src/core/projectIndex';
import { complete } from '../../server/src/core/features/completion';
import { hover } from '../../server/src/core/features/hover';
import { codeLenses, definition, references } from '../../server/src/core/features/navigation';
import { renameBlocker } from '../../server/src/core/authoring/rename';
import { eventChoices, buildNewEvent } from '../../server/src/core/authoring/newEvent';
import { metricOptions } from '../../server/src/core/authoring/newMetric';
import { trackingSnippets } from '../../server/src/core/authoring/trackingSnippets';
import { quickFixesFor } from '../../server/src/core/authoring/index';
import { internalEventMarker } from '../../server/src/core/internalMarker';

const EV = (a: string) => `config/events/${a}.yml`;
const SCHEMA_16X = { 'config/events/schema.json': fs.readFileSync(path.join(CORPUS, '_alt_schema_versions/ecf1ffc1/config/events/schema.json'), 'utf8') };

const SERVICE = 'app/services/issues/close_service.rb';
const SERVICE_SOURCE = [
  'class Issues::CloseService',
  '  def execute',
  "    track_internal_event('issue_closed', project: project, additional_properties: { label: 'x', lang: 'ruby' })",
  "    track_internal_event('issue_closd', user: current_user)",
  '  end',
  'end',
  '',
].join('\n');
const SPEC = 'spec/services/issues/close_service_spec.rb';
const SPEC_SOURCE = "RSpec.describe Issues::CloseService do\n  it { expect { run }.to trigger_internal_events('issue_closed') }\nend\n";
const VIEW = 'app/views/issues/show.html.haml';
const VIEW_SOURCE = "%button{ data: { event_tracking: 'issue_closed', event_label: 'x' } }\n";

/** The same workspace with `issue_closed` (and a lone, untracked event) marked one way or the other. */
function workspace(marker: 'internal_events' | 'category', schema: Record<string, string>): Record<string, string> {
  const marked = (action: string) => eventYaml(action, { internal_events: marker === 'internal_events' ? 'internal_events: true' : 'category: InternalEventTracking' });
  return {
    ...schema,
    [EV('issue_closed')]: marked('issue_closed'),
    [EV('lonely_event')]: marked('lonely_event'),
    [EV('twice')]: marked('twice'),
    [EV('twice_again')]: eventYaml('twice'),
    'config/metrics/counts_28d/count_distinct_user_id_from_issue_closed_monthly.yml': metricYaml('redis_hll_counters.count_distinct_user_id_from_issue_closed_monthly', '- name: issue_closed\n  unique: user.id'),
    [SERVICE]: SERVICE_SOURCE,
    [SPEC]: SPEC_SOURCE,
    [VIEW]: VIEW_SOURCE,
  };
}

/** Every question, answered as plain data (the marker's own hint left out: it is the one difference). */
function answers(index: ProjectIndex): Record<string, unknown> {
  const diagnostics = (rel: string) =>
    index
      .diagnostics(rel)
      .filter((d) => d.code !== 'legacy-internal-marker' && d.code !== 'schema')
      .map((d) => `${d.range.start.line + 1}:${d.code}`);
  const atName = { line: 2, character: 28 };
  const text = (rel: string) => index.readText(rel)!;
  return {
    service: diagnostics(SERVICE),
    spec: diagnostics(SPEC),
    view: diagnostics(VIEW),
    metric: diagnostics('config/metrics/counts_28d/count_distinct_user_id_from_issue_closed_monthly.yml'),
    definition: diagnostics(EV('issue_closed')),
    lonely: diagnostics(EV('lonely_event')),
    twice: diagnostics(EV('twice')),
    internalEvents: [...index.internalEventNames()].sort(),
    completion: complete(index, SERVICE, text(SERVICE), atName).map((c) => c.label),
    hover: hover(index, SERVICE, text(SERVICE), atName)?.markdown.split('\n')[0],
    goToDefinition: definition(index, SERVICE, text(SERVICE), atName).map((l) => l.file),
    references: references(index, SERVICE, text(SERVICE), atName, true).map((l) => `${l.file}:${l.range.start.line + 1}`).sort(),
    codeLens: codeLenses(index, EV('issue_closed')).map((l) => l.title),
    rename: renameBlocker(index, 'issue_closed') ?? 'allowed',
    newEventChoices: eventChoices(index),
    newMetric: JSON.stringify(metricOptions(index, ['issue_closed'])),
    snippets: trackingSnippets(index, 'issue_closed')?.length,
    fixesOnTypo: quickFixesFor(index, SERVICE, text(SERVICE), index.diagnostics(SERVICE).find((d) => d.code === 'unknown-event')!, () => false).map((f) => f.title),
  };
}

for (const generation of [
  { name: 'a schema that knows internal_events (bundled)', schema: {} },
  { name: "GitLab 16.x's event schema", schema: SCHEMA_16X },
]) {
  describe(`16.x internal events answer like internal_events: true ones, under ${generation.name}`, function () {
    this.timeout(30000);
    let modern: Record<string, unknown>;
    let gen16: Record<string, unknown>;
    before(async () => {
      modern = answers(await indexTree(workspace('internal_events', generation.schema)));
      gen16 = answers(await indexTree(workspace('category', generation.schema)));
    });

    it('the fixture asks something of every rule (each answer is non-trivial)', () => {
      assert.deepEqual(modern.service, ['3:undeclared-property', '3:missing-identifier', '4:unknown-event']);
      assert.deepEqual(modern.twice, ['4:duplicate-action', '4:unused-event', '4:event-without-metric']);
      assert.deepEqual(modern.lonely, ['4:unused-event', '4:event-without-metric']);
      assert.equal(modern.rename, 'allowed');
      assert.ok((modern.completion as string[]).includes('issue_closed'));
      assert.deepEqual(modern.fixesOnTypo, ["Replace with 'issue_closed'", "Create event definition 'issue_closd'"]);
    });

    for (const question of ['service', 'spec', 'view', 'metric', 'definition', 'lonely', 'twice', 'internalEvents', 'completion', 'hover', 'goToDefinition', 'references', 'codeLens', 'rename', 'newEventChoices', 'newMetric', 'snippets', 'fixesOnTypo']) {
      it(question, () => assert.deepEqual(gen16[question], modern[question]));
    }
  });
}

describe('16.x internal events: the generation comes from the workspace schema', function () {
  this.timeout(30000);

  it("reads the marker from the workspace's event schema, also when that schema does not compile", async () => {
    const newer = await indexTree({ [EV('a')]: eventYaml('a') });
    assert.equal(internalEventMarker(newer.schemas), 'internal_events');
    const old = await indexTree({ ...SCHEMA_16X, [EV('a')]: eventYaml('a') });
    assert.equal(internalEventMarker(old.schemas), 'category');
    // 16.x's schema has "type": ["uri", "null"], which Ajv refuses: the bundled schema validates.
    assert.ok(old.schemas.problems.some((p) => /could not be compiled/.test(p.message)));
    assert.ok(old.schemas.event, 'the bundled event schema still compiles after the workspace one failed');
  });

  it('new definitions carry the marker of the generation: create-definition, New Event and the ie-event skeleton', async () => {
    const call = { 'app/services/x.rb': "track_internal_event('brand_new_event', user: u)\n" };
    for (const [schema, line, absent] of [
      [{}, 'internal_events: true', /category:/],
      [SCHEMA_16X, 'category: InternalEventTracking', /internal_events:/],
    ] as const) {
      const index = await indexTree({ ...schema, [EV('a')]: eventYaml('a'), ...call });
      const unknown = index.diagnostics('app/services/x.rb').find((d) => d.code === 'unknown-event')!;
      assert.match(unknown.message, /no internal event definition/);
      const create = quickFixesFor(index, 'app/services/x.rb', call['app/services/x.rb'], unknown, () => false).find((f) => f.title.startsWith('Create'))!;
      const created = create.changes[0].kind === 'create' ? create.changes[0].text : '';
      assert.equal(created.split('\n')[2], line);
      assert.doesNotMatch(created, absent);
      const built = buildNewEvent(index, { action: 'another_event', description: 'A thing happened', identifiers: ['user'], properties: [], productCategories: [], tiers: ['free'] });
      assert.ok('text' in built, JSON.stringify(built));
      assert.equal(built.text.split('\n')[2], line);
      const skeleton = complete(index, EV('typed_here'), 'ie', { line: 0, character: 2 }).find((c) => c.label === 'ie-event');
      assert.equal(skeleton?.insertText?.split('\n')[2], line);
      assert.doesNotMatch(skeleton!.insertText!, absent);
    }
  });

  it("a legacy Snowplow definition is named with the generation's marker in unknown-event", async () => {
    const call = { 'app/services/x.rb': "track_internal_event('click_button', user: u)\n" };
    const legacy = { [EV('click_button')]: eventYaml('click_button', { internal_events: 'category: projects:show' }) };
    const newer = await indexTree({ ...legacy, ...call });
    assert.match(newer.diagnostics('app/services/x.rb')[0].message, /legacy Snowplow event .*\(internal_events: true\)/);
    const old = await indexTree({ ...SCHEMA_16X, ...legacy, ...call });
    assert.match(old.diagnostics('app/services/x.rb')[0].message, /legacy Snowplow event .*\(category: InternalEventTracking\)/);
  });
});
