// A workspace folder that is not itself a project: the server indexes the checkout below it.
import { strict as assert } from 'node:assert';
import { pathToFileURL } from 'node:url';
import { writeTree, eventYaml } from '../helpers/workspace';
import { LspTestClient } from './lspClient';

describe('language server: a project below the workspace folder', function () {
  this.timeout(30000);
  let client: LspTestClient;

  after(async () => client?.stop());

  it('indexes the checkout and checks its files', async () => {
    const root = writeTree({
      'gitlab/config/events/click_button.yml': eventYaml('click_button'),
      'gitlab/ee/config/events/ee_event.yml': eventYaml('ee_event'),
      'gitlab/app/services/a.rb': "track_internal_event('click_buton')\ntrack_internal_event('ee_event')\n",
      'notes/todo.md': '',
    });
    client = new LspTestClient();
    await client.start(root);
    const ready = client.statuses.find((s) => s.state === 'ready')!;
    assert.equal(ready.events, 2, 'CE and EE events of the checkout, one index');
    const uri = client.uri(root, 'gitlab/app/services/a.rb');
    await client.until(() => client.diagnostics.has(uri), 'diagnostics for the checkout file');
    assert.deepEqual(client.diagnostics.get(uri)!.map((d) => [d.code, d.range.start.line]), [['unknown-event', 0]]);
    assert.ok(client.logs.some((l) => /projects found below the workspace folders: .*gitlab/.test(l)), 'the log says where it looked');

    // Palette commands name the workspace folder: the project below it answers.
    const choices = await client.request<{ events: { name: string }[] }>('workspace/executeCommand', {
      command: 'internalEvents.server.listEventChoices',
      arguments: [{ folderUri: pathToFileURL(root).toString() }],
    });
    assert.deepEqual(choices.events.map((e) => e.name).sort(), ['click_button', 'ee_event']);
  });
});
