// Which folders get an index: the workspace folder when it is a project, else the projects found
// below it (a folder of checkouts, a monorepo). Never a project's own ee/.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { eventYaml, metricYaml, writeTree } from '../helpers/workspace';
import { NodeFileSystem } from '../../server/src/core/fileSystem';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { Workspace, projectRoots } from '../../server/src/core/workspace';
import { silentLogger } from '../../server/src/core/projectIndex';

const fs = new NodeFileSystem();
const rel = (root: string, dirs: string[]) => dirs.map((d) => path.relative(root, d) || '.');

describe('workspace: project roots', () => {
  const cases: Array<{ name: string; files: Record<string, string>; roots: string[] }> = [
    { name: 'the folder itself holds definitions', files: { 'config/events/a.yml': eventYaml('a'), 'sub/config/events/b.yml': eventYaml('b') }, roots: ['.'] },
    { name: 'only EE definitions: still the folder itself', files: { 'ee/config/events/a.yml': eventYaml('a') }, roots: ['.'] },
    {
      name: 'a checkout one level down, with its own ee/',
      files: { 'gitlab/config/events/a.yml': eventYaml('a'), 'gitlab/ee/config/events/b.yml': eventYaml('b'), 'notes/readme.md': '' },
      roots: ['gitlab'],
    },
    {
      name: 'a monorepo: two projects two levels down, one with metrics only',
      files: { 'services/web/config/events/a.yml': eventYaml('a'), 'services/api/config/metrics/counts_7d/m.yml': metricYaml('counts.m', '- name: a') },
      roots: ['services/api', 'services/web'],
    },
    { name: 'node_modules is not a project', files: { 'node_modules/pkg/config/events/a.yml': eventYaml('a') }, roots: ['.'] },
    { name: 'nothing anywhere: the folder itself (bundled schemas, snippets, commands)', files: { 'README.md': '' }, roots: ['.'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const root = writeTree(c.files);
      assert.deepEqual(rel(root, projectRoots(fs, root, DEFAULT_SETTINGS)).sort(), c.roots);
    });
  }

  it('a file below the workspace folder goes to the project that holds it', () => {
    const root = writeTree({ 'gitlab/config/events/a.yml': eventYaml('a'), 'gitlab/app/x.rb': "track_internal_event('a')\n", 'other/y.rb': '' });
    const workspace = new Workspace(fs, DEFAULT_SETTINGS, silentLogger);
    const indexes = workspace.addWorkspaceFolder(root);
    assert.deepEqual(rel(root, indexes.map((i) => i.root)), ['gitlab']);
    assert.equal(workspace.locate(path.join(root, 'gitlab/app/x.rb'))?.rel, 'app/x.rb');
    assert.equal(workspace.locate(path.join(root, 'other/y.rb')), undefined);
  });
});
