// Which disk changes the client forwards (issue 15.1): folders too, since a folder deleted or
// renamed reaches the extension as one event for the folder path.
import { strict as assert } from 'node:assert';
import { DEFINITION_ROOT_GLOB, isDefinitionRootPath, isWatchedPath, WATCHER_GLOB } from '../../client/src/watchedFiles';

const table: [string, boolean][] = [
  ['/ws/config/events/click_a.yml', true],
  ['/ws/config/events/schema.json', true],
  ['/ws/app/services/a.rb', true],
  ['/ws/app/assets/javascripts/x.vue', true],
  ['/ws/VERSION', true],
  ['/ws/config/metrics/counts_7d', true], // a folder: rm -rf, git mv
  ['/ws/ee/app/services/widgets', true],
  ['/ws/app/assets/images/logo.png', false],
  ['/ws/node_modules/pkg/index.js', false],
  ['/ws/.git/index', false],
];

describe('client: watched files', () => {
  it('one watcher sees every path, files and folders', () => assert.equal(WATCHER_GLOB, '**/*'));
  for (const [p, forwarded] of table) it(`${p}: ${forwarded ? 'forwarded' : 'ignored'}`, () => assert.equal(isWatchedPath(p), forwarded));
});

/** Paths below a definition root (another checkout): definitions, schemas and folders only. */
const rootTable: [string, boolean][] = [
  ['/gitlab/config/events/click_a.yml', true],
  ['/gitlab/config/events/schema.json', true],
  ['/gitlab/ee/config/metrics/counts_7d', true], // a folder: git checkout in that checkout
  ['/gitlab/config/events', true],
  ['/gitlab/config/initializers/x.rb', false], // its sources are not this folder's
  ['/gitlab/config/locales/x.po', false],
];

describe('client: definition root watchers', () => {
  it('watch folders as well as files below the config folders', () => assert.equal(DEFINITION_ROOT_GLOB, '{config,ee/config}/**'));
  for (const [p, forwarded] of rootTable) it(`${p}: ${forwarded ? 'forwarded' : 'ignored'}`, () => assert.equal(isDefinitionRootPath(p), forwarded));
});
