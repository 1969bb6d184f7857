// A large workspace's open files are served before its last source file is read: once every
// definition is in, hover, completion and edits of open documents are answered.
import { strict as assert } from 'node:assert';
import { writeTree, eventYaml } from '../helpers/workspace';
import { LspTestClient } from './lspClient';

/** Enough tracking code that reading it all takes far longer than a few requests. */
const SOURCE_FILES = 4000;

describe('language server: requests before the whole workspace is read', function () {
  this.timeout(60000);
  let client: LspTestClient;
  let root: string;

  before(() => {
    const files: Record<string, string> = { 'config/events/click_button.yml': eventYaml('click_button') };
    for (let i = 0; i < SOURCE_FILES; i++) {
      files[`app/assets/javascripts/feature_${i}/index.js`] = `import { InternalEvents } from '~/tracking';\nexport const f${i} = () => InternalEvents.trackEvent('click_button', { label: 'l${i}' });\n`;
    }
    // The open file exists on disk, as every editor tab of a file: scheme does.
    files['app/services/widget.rb'] = "track_internal_event('click_button')\n";
    root = writeTree(files);
  });

  after(async () => client?.stop());

  it('answers hover and publishes an edit of an open file while sources are still loading', async () => {
    client = new LspTestClient();
    await client.initialize(root);
    const uri = client.uri(root, 'app/services/widget.rb');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'ruby', version: 1, text: "track_internal_event('click_button')\n" } });
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 25 } });
    const answeredBeforeReady = !client.statuses.some((s) => s.state === 'ready');
    assert.match(hover!.contents.value, /click button/, 'the hover describes the event');
    assert.ok(answeredBeforeReady, 'hover was answered before the index finished');

    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: "track_internal_event('click_buton')\n" }] });
    await client.until(() => (client.diagnostics.get(uri) ?? []).some((d) => d.code === 'unknown-event'), 'the edit to be checked');
    assert.ok(!client.statuses.some((s) => s.state === 'ready'), 'the edit was checked before the index finished');

    await client.until(() => client.statuses.some((s) => s.state === 'ready'), 'the index to be ready', 45000);
    const ready = client.statuses.find((s) => s.state === 'ready')!;
    assert.equal((ready as { callSites?: number }).callSites, SOURCE_FILES + 1, 'every call site, the open file with its edit included');
    assert.deepEqual((client.diagnostics.get(uri) ?? []).map((d) => d.code), ['unknown-event'], 'still flagged after the load');
  });
});
