// Protocol: a 16.x internal event (category: InternalEventTracking) and a name handed to a HAML
// partial, as an editor sees them from the built server.
import { strict as assert } from 'node:assert';
import { writeTree, eventYaml } from '../helpers/workspace';
import { LspTestClient } from './lspClient';

const GEN16 = 'config/events/issue_cloned.yml';
const SERVICE = 'app/services/issues/clone_service.rb';
const VIEW = 'app/views/issues/show.html.haml';

interface WireDiagnostic {
  code: string;
  severity: number;
  range: { start: { line: number; character: number } };
  message: string;
}

describe('language server: 16.x internal events and names handed to partials', function () {
  this.timeout(30000);
  let client: LspTestClient;
  let root: string;

  before(async () => {
    root = writeTree({
      [GEN16]: eventYaml('issue_cloned', { internal_events: 'category: InternalEventTracking' }),
      [SERVICE]: "class Issues::CloneService\n  def execute\n    track_internal_event('issue_cloned', user: user, project: project)\n  end\nend\n",
      'app/views/issues/_clone_button.html.haml': '%button{ data: { event_tracking: tracking_event } } Clone\n',
      [VIEW]: "= render 'clone_button', tracking_event: 'issue_clonned'\n",
    });
    client = new LspTestClient();
    await client.start(root);
  });

  after(async () => client?.stop());

  const diagnosticsOf = async (rel: string): Promise<WireDiagnostic[]> => {
    const uri = client.uri(root, rel);
    await client.until(() => client.diagnostics.has(uri), `${rel} diagnostics`);
    return client.diagnostics.get(uri) as unknown as WireDiagnostic[];
  };

  it('the 16.x event is tracked without error; its file gets the migration as information with its fix', async () => {
    const hint = (await diagnosticsOf(GEN16)).find((d) => d.code === 'legacy-internal-marker')!;
    await diagnosticsOf(VIEW); // everything is published by now: a clean file may get nothing at all
    assert.deepEqual((client.diagnostics.get(client.uri(root, SERVICE)) ?? []).map((d) => d.code), []);
    assert.equal(hint.severity, 3, 'information');
    assert.equal((await diagnosticsOf(GEN16)).some((d) => d.code === 'category-on-internal-event'), false);
    const actions = await client.request<Array<{ title: string; edit?: unknown }>>('textDocument/codeAction', {
      textDocument: { uri: client.uri(root, GEN16) },
      range: hint.range,
      context: { diagnostics: [hint] },
    });
    assert.ok(actions.some((a) => /internal_events: true/.test(a.title) && a.edit), JSON.stringify(actions));
  });

  it("the literal passed to the partial's local is checked where it is written", async () => {
    const typo = (await diagnosticsOf(VIEW)).filter((d) => d.code === 'unknown-event');
    assert.equal(typo.length, 1);
    assert.deepEqual(typo[0].range.start, { line: 0, character: 41 });
    assert.match(typo[0].message, /Did you mean 'issue_cloned'/);
  });
});
