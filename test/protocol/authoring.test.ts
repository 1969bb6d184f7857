// Protocol tests for issue 11's authoring behaviour, against the built server: what a quick fix
// that edits another file answers, the rename's preview annotations, hover links, references and
// the labelled usages.
import { strict as assert } from 'node:assert';
import { pathToFileURL } from 'node:url';
import { eventYaml, metricYaml } from '../helpers/workspace';
import { serverOnFiles, type LspTestClient } from './lspClient';

const RUBY = "track_internal_event('click_button', user: user, project: project, additional_properties: { label: 'a', property: 'b', lang: 'x' })\n";
const BUILT = 'track_internal_event("click_#{kind}", user: user, project: project)\n';

interface Edit {
  range: { start: { line: number; character: number } };
  newText: string;
  annotationId?: string;
}
interface WorkspaceEdit {
  documentChanges: ({ textDocument: { uri: string }; edits: Edit[] } | { kind: string; oldUri: string; newUri: string; annotationId?: string })[];
  changeAnnotations?: Record<string, { label: string; needsConfirmation: boolean }>;
}

describe('language server: authoring over the protocol (issue 11)', function () {
  this.timeout(30000);
  let client: LspTestClient;
  let root: string;

  before(async () => {
    ({ client, root } = await serverOnFiles({
      'config/events/click_button.yml': eventYaml('click_button'),
      'config/metrics/counts_28d/count_total_click_button_monthly.yml': metricYaml('counts.count_total_click_button_monthly', '- name: click_button', { description: 'description: Monthly count of click_button events' }),
      'app/services/widget_service.rb': RUBY,
      'app/services/built_service.rb': BUILT,
    }));
  });

  after(async () => client?.stop());

  it('"Declare property" edits the definition and opens it at the new description', async () => {
    const uri = client.uri(root, 'app/services/widget_service.rb');
    await client.until(() => (client.diagnostics.get(uri) ?? []).some((d) => d.code === 'undeclared-property'), 'undeclared-property');
    const diagnostic = client.diagnostics.get(uri)!.find((d) => d.code === 'undeclared-property')!;
    const actions = await client.request<{ title: string; edit?: WorkspaceEdit; command?: { command: string; arguments: unknown[] } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [{ ...diagnostic, source: 'internal-events' }] },
    });
    const declare = actions.find((a) => a.title === "Declare 'lang' on event 'click_button'");
    assert.ok(declare, JSON.stringify(actions.map((a) => a.title)));
    const definition = client.uri(root, 'config/events/click_button.yml');
    assert.deepEqual(declare.edit!.documentChanges.map((c) => ('textDocument' in c ? c.textDocument.uri : c.kind)), [definition]);
    assert.deepEqual(declare.command, { title: 'Open', command: 'internalEvents.revealPosition', arguments: [definition, 16, '    description: '.length] });
  });

  it('rename annotates the metric key path, file and description, asking to confirm them', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: client.uri(root, 'config/events/click_button.yml') },
      position: { line: 3, character: 12 },
      newName: 'press_button',
    });
    assert.deepEqual(Object.keys(edit.changeAnnotations ?? {}), ['metric-keys']);
    assert.equal(edit.changeAnnotations!['metric-keys'].needsConfirmation, true);
    const metric = client.uri(root, 'config/metrics/counts_28d/count_total_click_button_monthly.yml');
    const metricEdits = edit.documentChanges.find((c) => 'textDocument' in c && c.textDocument.uri === metric);
    assert.ok(metricEdits && 'edits' in metricEdits);
    assert.deepEqual(metricEdits.edits.map((e) => [e.newText, e.annotationId ?? 'plain']).sort(), [
      ['counts.count_total_press_button_monthly', 'metric-keys'],
      ['press_button', 'metric-keys'],
      ['press_button', 'plain'],
    ]);
    const renames = edit.documentChanges.filter((c) => 'kind' in c).map((c) => 'newUri' in c && [c.newUri.split('/').pop(), c.annotationId ?? 'plain']);
    assert.deepEqual(renames, [
      ['press_button.yml', 'plain'],
      ['count_total_press_button_monthly.yml', 'metric-keys'],
    ]);
  });

  it('hover links to the definition and the metric file', async () => {
    const h = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: client.uri(root, 'app/services/widget_service.rb') }, position: { line: 0, character: 25 } });
    const base = pathToFileURL(root).href;
    assert.ok(h.contents.value.includes(`(${base}/config/events/click_button.yml#L4)`), h.contents.value);
    assert.ok(h.contents.value.includes(`(${base}/config/metrics/counts_28d/count_total_click_button_monthly.yml#L2)`), h.contents.value);
  });

  it('references list the possible call last; the usages command marks it with its pattern', async () => {
    const refs = await client.request<{ uri: string }[]>('textDocument/references', {
      textDocument: { uri: client.uri(root, 'config/events/click_button.yml') },
      position: { line: 3, character: 10 },
      context: { includeDeclaration: true },
    });
    assert.equal(refs[refs.length - 1].uri, client.uri(root, 'app/services/built_service.rb'));
    const usages = await client.request<{ locations: { uri: string; role: string; pattern?: string }[] }>('workspace/executeCommand', {
      command: 'internalEvents.server.eventUsages',
      arguments: [{ folderUri: pathToFileURL(root).toString(), event: 'click_button' }],
    });
    assert.deepEqual(usages.locations.map((l) => [l.uri.split('/').pop(), l.role, l.pattern]), [
      ['click_button.yml', 'definition', undefined],
      ['widget_service.rb', 'call', undefined],
      ['count_total_click_button_monthly.yml', 'metric', undefined],
      ['built_service.rb', 'possible', 'click_*'],
    ]);
  });
});
