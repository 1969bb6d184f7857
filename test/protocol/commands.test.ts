// Protocol tests for the palette commands' server side: workspace/executeCommand round trips.
import { strict as assert } from 'node:assert';
import { pathToFileURL } from 'node:url';
import { writeTree, eventYaml, metricYaml } from '../helpers/workspace';
import { LspTestClient } from './lspClient';

describe('language server: palette command requests', function () {
  this.timeout(30000);
  let client: LspTestClient;
  let root: string;

  before(async () => {
    root = writeTree({
      'config/events/click_button.yml': eventYaml('click_button', { identifiers: 'identifiers:\n- user' }),
      'config/metrics/counts_28d/count_distinct_user_id_from_click_button_monthly.yml': metricYaml(
        'redis_hll_counters.count_distinct_user_id_from_click_button_monthly',
        '- name: click_button\n  unique: user.id',
      ),
      'app/services/widget_service.rb': "track_internal_event('click_button', user: user)\n",
    });
    client = new LspTestClient();
    await client.start(root);
  });

  after(async () => client?.stop());

  const execute = <R>(command: string, args: Record<string, unknown>) =>
    client.request<R>('workspace/executeCommand', { command: `internalEvents.server.${command}`, arguments: [{ folderUri: pathToFileURL(root).toString(), ...args }] });

  it('lists the event choices', async () => {
    const choices = await execute<{ events: { name: string; identifiers: string[] }[]; productGroups: string[] }>('listEventChoices', {});
    assert.deepEqual(choices.events.map((e) => [e.name, e.identifiers]), [['click_button', ['user']]]);
    assert.ok(choices.productGroups.length > 0, 'product groups from the bundled schema');
  });

  it('names the event of the active document and cursor, and why unique counts are missing (issue 11.6)', async () => {
    const activeUri = client.uri(root, 'app/services/widget_service.rb');
    const atCall = await execute<{ current?: string }>('listEventChoices', { activeUri, position: { line: 0, character: 25 } });
    assert.equal(atCall.current, 'click_button');
    const elsewhere = await execute<{ current?: string }>('listEventChoices', { activeUri, position: { line: 0, character: 2 } });
    assert.equal(elsewhere.current, undefined);
    const inEventFile = await execute<{ current?: string }>('listEventChoices', { activeUri: client.uri(root, 'config/events/click_button.yml'), position: { line: 0, character: 0 } });
    assert.equal(inEventFile.current, 'click_button');
    const { notes } = await execute<{ notes: string[] }>('listMetricOptions', { events: ['click_button'] });
    assert.deepEqual(notes, ["Unique projects and namespaces cannot be counted: 'click_button' does not declare 'project' or 'namespace' in identifiers."]);
  });

  it('returns the tracking snippets with only the declared identifier', async () => {
    const snippets = await execute<{ language: string; text: string }[]>('trackingSnippets', { event: 'click_button' });
    const ruby = snippets.find((s) => s.language === 'Ruby')!;
    assert.match(ruby.text, /track_internal_event\(\n {2}'click_button',\n {2}user: user,\n {2}additional_properties:/);
    assert.doesNotMatch(ruby.text, /project:/);
  });

  it('returns usages as locations, the definition first', async () => {
    const { locations } = await execute<{ locations: { uri: string }[] }>('eventUsages', { event: 'click_button' });
    const expected = ['config/events/click_button.yml', 'app/services/widget_service.rb', 'config/metrics/counts_28d/count_distinct_user_id_from_click_button_monthly.yml'];
    assert.deepEqual(locations.map((l) => l.uri), expected.map((rel) => client.uri(root, rel)));
  });

  it('answers a refusal as data and the file with its absolute path', async () => {
    const refused = await execute<{ error: string }>('buildNewEvent', { description: 'x', action: 'click_button', identifiers: [], properties: [], productCategories: [], tiers: ['free'] });
    assert.match(refused.error, /already exists/);
    const file = await execute<{ path: string; absPath: string }>('buildNewEvent', { description: 'x', action: 'new_thing', identifiers: ['user'], properties: [], productCategories: [], tiers: ['ultimate'] });
    assert.equal(file.path, 'ee/config/events/new_thing.yml');
    assert.ok(file.absPath.endsWith('ee/config/events/new_thing.yml'));
  });
});
