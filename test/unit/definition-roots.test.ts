import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from '../../server/src/core/fileSystem';
import { ProjectIndex } from '../../server/src/core/projectIndex';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { initCallSiteParsers } from '../../server/src/core/callsites/index';
import { hover } from '../../server/src/core/features/hover';
import { definition } from '../../server/src/core/features/navigation';
import { complete } from '../../server/src/core/features/completion';
import { quickFixesFor } from '../../server/src/core/authoring/index';
import { eventYaml, metricYaml, newestSchemaFiles, writeTree } from '../helpers/workspace';

const SERVICE = [
  'from ai_gateway.internal_events import InternalEventsClient, InternalEventAdditionalProperties',
  '',
  'async def chat(internal_event_client: InternalEventsClient):',
  '    internal_event_client.track_event("request_duo_chat", additional_properties=InternalEventAdditionalProperties(label="chat", colour="red"))',
  '    internal_event_client.track_event("request_duo_chta")',
  '    internal_event_client.track_event("")',
].join('\n');

/** A folder of two checkouts: the monolith (gitlab/) and a satellite service beside it. */
function checkouts(): string {
  return writeTree({
    ...Object.fromEntries(Object.entries(newestSchemaFiles()).map(([rel, text]) => [`gitlab/${rel}`, text])),
    'gitlab/config/events/request_duo_chat.yml': eventYaml('request_duo_chat'),
    'gitlab/config/metrics/counts_28d/count_duo_chat.yml': metricYaml('counts.count_duo_chat', '- name: request_duo_chat'),
    'ai-gateway/ai_gateway/chat.py': SERVICE,
  });
}

async function satellite(base: string, roots = ['../gitlab']): Promise<{ index: ProjectIndex; warnings: string[] }> {
  await initCallSiteParsers();
  const warnings: string[] = [];
  const log = { info() {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
  const index = new ProjectIndex(path.join(base, 'ai-gateway'), new NodeFileSystem(), { ...DEFAULT_SETTINGS, definitionRoots: roots }, log);
  await index.indexAll();
  return { index, warnings };
}

const REL = 'ai_gateway/chat.py';

describe('definition roots: a satellite reads the monolith checkout', () => {
  it('knows the other checkout\'s events and metrics; hover and go-to-definition point into it', async () => {
    const base = checkouts();
    const { index, warnings } = await satellite(base);
    assert.deepEqual(warnings, []);
    assert.ok(index.internalEvent('request_duo_chat'));
    assert.equal(index.metricsCounting('request_duo_chat').length, 1);
    const h = hover(index, REL, SERVICE, { line: 3, character: 42 });
    assert.match(h!.markdown, /counts\.count_duo_chat/);
    const [target] = definition(index, REL, SERVICE, { line: 3, character: 42 });
    assert.equal(path.join(index.root, target.file), path.join(base, 'gitlab/config/events/request_duo_chat.yml'));
    assert.ok(complete(index, REL, SERVICE, { line: 5, character: 39 }).some((c) => c.label === 'request_duo_chat'));
  });

  it('checks the satellite\'s calls against them (unknown event with did-you-mean, undeclared property), never reports on the other checkout', async () => {
    const { index } = await satellite(checkouts());
    const diags = index.diagnostics(REL);
    const unknown = diags.find((d) => d.code === 'unknown-event')!;
    assert.equal(unknown.range.start.line, 4);
    assert.match(unknown.message, /Did you mean 'request_duo_chat'/);
    assert.deepEqual(diags.filter((d) => d.code === 'undeclared-property').map((d) => d.range.start.line), [3]);
    assert.ok(!index.filesWithDiagnostics().some((f) => f.startsWith('../')));
    assert.deepEqual(index.diagnostics('../gitlab/config/events/request_duo_chat.yml'), []);
  });

  it('the create-definition fix writes into the root after asking, and never overwrites', async () => {
    const base = checkouts();
    const { index } = await satellite(base);
    const unknown = index.diagnostics(REL).find((d) => d.code === 'unknown-event')!;
    const exists = (rel: string) => fs.existsSync(path.join(index.root, rel));
    const [fix] = quickFixesFor(index, REL, SERVICE, unknown, exists).filter((f) => f.title.startsWith('Create event definition'));
    assert.equal(fix.title, "Create event definition 'request_duo_chta' in ../gitlab");
    const create = fix.changes[0];
    assert.ok(create.kind === 'create' && create.path === '../gitlab/config/events/request_duo_chta.yml');
    assert.equal(fix.annotations?.[create.annotation!]?.needsConfirmation, true);
    fs.writeFileSync(path.join(base, 'gitlab/config/events/request_duo_chta.yml'), 'taken');
    const [again] = quickFixesFor(index, REL, SERVICE, unknown, exists).filter((f) => f.title.startsWith('Create event definition'));
    assert.match(again.disabledReason ?? '', /already exists/);
    assert.deepEqual(again.changes, []);
  });

  it('a change in the root is picked up through its prefixed path', async () => {
    const base = checkouts();
    const { index } = await satellite(base);
    fs.writeFileSync(path.join(base, 'gitlab/config/events/request_duo_chta.yml'), eventYaml('request_duo_chta'));
    const affected = index.update('../gitlab/config/events/request_duo_chta.yml');
    assert.ok(affected.has(REL), 'the calling file is re-checked');
    assert.ok(!index.diagnostics(REL).some((d) => d.code === 'unknown-event'));
  });

  it('a folder of the root deleted, then written again (git checkout, rm -rf): one event for the folder', async () => {
    const base = checkouts();
    const { index } = await satellite(base);
    const unknownLines = () => index.diagnostics(REL).filter((d) => d.code === 'unknown-event').map((d) => d.range.start.line);
    assert.deepEqual(unknownLines(), [4]);
    fs.rmSync(path.join(base, 'gitlab/config/events'), { recursive: true });
    fs.rmSync(path.join(base, 'gitlab/config/metrics/counts_28d'), { recursive: true });
    assert.ok(index.updatePath('../gitlab/config/events').has(REL), 'the calling file is re-checked');
    index.updatePath('../gitlab/config/metrics/counts_28d');
    assert.equal(index.internalEvent('request_duo_chat'), undefined);
    assert.equal(index.metricsCounting('request_duo_chat').length, 0);
    assert.deepEqual(unknownLines(), [3, 4]);
    fs.mkdirSync(path.join(base, 'gitlab/config/events'));
    fs.writeFileSync(path.join(base, 'gitlab/config/events/request_duo_chat.yml'), eventYaml('request_duo_chat'));
    fs.writeFileSync(path.join(base, 'gitlab/config/events/request_duo_chta.yml'), eventYaml('request_duo_chta'));
    assert.ok(index.updatePath('../gitlab/config/events').has(REL));
    assert.ok(index.internalEvent('request_duo_chta'));
    assert.deepEqual(unknownLines(), []);
    assert.ok(!index.filesWithDiagnostics().some((f) => f.startsWith('../')));
  });

  it('a missing root is a warning, not a failure', async () => {
    const { index, warnings } = await satellite(checkouts(), ['../no-such-checkout']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /no-such-checkout.*does not exist/);
    assert.equal(index.definitionRoots[0].exists, false);
    assert.equal(index.diagnostics(REL).filter((d) => d.code === 'unknown-event').length, 2);
  });
});
