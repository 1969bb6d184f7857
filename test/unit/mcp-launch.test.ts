// How the extension offers the MCP server to VS Code for each workspace folder (client/src/mcpLaunch.ts).
import { strict as assert } from 'node:assert';
import { mcpLaunches } from '../../client/src/mcpLaunch';

describe('client: MCP server launches', () => {
  it('one folder: the bundled CLI run as Node on that folder', () => {
    assert.deepEqual(mcpLaunches([{ name: 'gitlab', fsPath: '/src/gitlab' }], '/ext/dist/cli.js', '/usr/share/code/code'), [
      { label: 'Internal Events', command: '/usr/share/code/code', args: ['/ext/dist/cli.js', 'mcp', '/src/gitlab'], env: { ELECTRON_RUN_AS_NODE: '1' } },
    ]);
  });
  it('several folders: one each, named after the folder', () => {
    const launches = mcpLaunches([{ name: 'gitlab', fsPath: '/src/gitlab' }, { name: 'ai-gateway', fsPath: '/src/ai-gateway' }], '/ext/dist/cli.js', 'node');
    assert.deepEqual(launches.map((l) => [l.label, l.args[2]]), [['Internal Events (gitlab)', '/src/gitlab'], ['Internal Events (ai-gateway)', '/src/ai-gateway']]);
  });
  it('no folder: nothing', () => assert.deepEqual(mcpLaunches([], '/ext/dist/cli.js', 'node'), []));
});
