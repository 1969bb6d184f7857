// Ruby constants that name events but are assigned in another file: the autoloader's file naming,
// what the finder records, and how the index resolves, re-resolves and forgets them.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { at, eventYaml, indexTree } from '../helpers/workspace';
import { underscore } from '../../server/src/core/rubyConstants';
import { findRubyCallSites, findRubyConstants, initRubyParser } from '../../server/src/core/callsites/ruby';
import { hover } from '../../server/src/core/features/hover';

describe('ruby constants: names and what a file defines', () => {
  before(() => initRubyParser());
  const names: Array<[string, string]> = [
    ['IssueActivityUniqueCounter', 'issue_activity_unique_counter'],
    ['HTTPClient', 'http_client'],
    ['Ci', 'ci'],
    ['V2Client', 'v2_client'],
    ['API', 'api'],
  ];
  for (const [name, file] of names) it(`underscore(${name}) is ${file}`, () => assert.equal(underscore(name), file));

  it('records a constant the file does not assign, with its nesting; not one it assigns', () => {
    const text = [
      'module Issues',
      '  class CreateService',
      "    LOCAL = 'local_event'",
      '    def execute',
      '      track_internal_event(Gitlab::Counters::ISSUE_CREATED, user: user)',
      '      track_internal_event(LOCAL)',
      '      track_internal_event(::TOP_LEVEL)',
      '    end',
      '  end',
      'end',
    ].join('\n');
    const sites = findRubyCallSites(text, 'app/services/issues/create_service.rb').callSites;
    assert.deepEqual(sites.map((s) => [s.event, s.rubyConstant]), [
      [null, { name: 'Gitlab::Counters::ISSUE_CREATED', nesting: ['Issues', 'Issues::CreateService'] }],
      ['local_event', undefined],
      [null, { name: '::TOP_LEVEL', nesting: ['Issues', 'Issues::CreateService'] }],
    ]);
  });

  it('reads the string constants of a file by full name, through aliases and .freeze', () => {
    const text = [
      'module Gitlab',
      '  module Counters',
      "    ISSUE_CREATED = 'issue_created'.freeze",
      '    ALIAS = ISSUE_CREATED',
      '    COUNT = 3',
      "    TWICE = 'a'",
      "    TWICE = 'b'",
      '  end',
      'end',
      "Gitlab::Counters::PATH_ASSIGNED = :path_event",
    ].join('\n');
    assert.deepEqual(Object.fromEntries(findRubyConstants(text)), {
      'Gitlab::Counters::ISSUE_CREATED': 'issue_created',
      'Gitlab::Counters::ALIAS': 'issue_created',
      'Gitlab::Counters::PATH_ASSIGNED': 'path_event',
    });
  });
});

const COUNTERS = 'lib/gitlab/usage_data_counters/issue_counter.rb';
const COUNTERS_SOURCE = [
  'module Gitlab',
  '  module UsageDataCounters',
  '    module IssueCounter',
  "      ISSUE_CREATED = 'issue_created'",
  "      ISSUE_TYPO = 'issue_craeted'",
  '    end',
  '  end',
  'end',
  '',
].join('\n');
const SERVICE = 'app/services/issues/create_service.rb';
const SERVICE_SOURCE = [
  'module Gitlab',
  '  module UsageDataCounters',
  '    class Reporter',
  '      def run',
  '        track_internal_event(IssueCounter::ISSUE_CREATED, user: user)', // found through the nesting
  '        track_internal_event(Gitlab::UsageDataCounters::IssueCounter::ISSUE_TYPO, user: user)',
  '      end',
  '    end',
  '  end',
  'end',
  '',
].join('\n');
const SPEC = 'spec/services/issues/create_service_spec.rb';
const SPEC_SOURCE = [
  'RSpec.describe Issues::CreateService do',
  "  it_behaves_like 'internal event tracking' do",
  '    let(:event) { Gitlab::UsageDataCounters::IssueCounter::ISSUE_CREATED }',
  '  end',
  'end',
  '',
].join('\n');
const defs = { 'config/events/issue_created.yml': eventYaml('issue_created'), 'config/events/view_page.yml': eventYaml('view_page') };

describe('ruby constants: the index resolves them', () => {
  it('a constant of another file links the call, the spec and the view to the event; a wrong value is flagged', async () => {
    const VIEW = 'app/views/issues/show.html.haml';
    const view = '%a{ data: { event_tracking: Gitlab::UsageDataCounters::IssueCounter::ISSUE_CREATED } }\n';
    const index = await indexTree({ ...defs, [COUNTERS]: COUNTERS_SOURCE, [SERVICE]: SERVICE_SOURCE, [SPEC]: SPEC_SOURCE, [VIEW]: view });
    assert.deepEqual(index.callSitesOf('issue_created').map((c) => [c.file, c.site.range.start.line]).sort(), [[SERVICE, 4], [SPEC, 2], [VIEW, 0]].sort());
    assert.deepEqual(at(index.diagnostics(SERVICE), 'unknown-event'), [6]);
    assert.match(index.diagnostics(SERVICE).find((d) => d.code === 'unknown-event')!.message, /issue_created/);
    const shown = hover(index, SERVICE, SERVICE_SOURCE, { line: 4, character: 35 })!.markdown;
    assert.match(shown, /Name from the constant `IssueCounter::ISSUE_CREATED`, assigned in another file/);
  });

  it('described_class::EVENT in a spec is a constant of the described class', async () => {
    const spec = 'spec/lib/gitlab/usage_data_counters/issue_counter_spec.rb';
    const source = [
      'RSpec.describe Gitlab::UsageDataCounters::IssueCounter do',
      "  describe '#track' do",
      "    it_behaves_like 'internal event tracking' do",
      '      let(:event) { described_class::ISSUE_CREATED }',
      '    end',
      "    it { expect { run }.to trigger_internal_events(described_class::ISSUE_TYPO) }",
      '  end',
      'end',
      '',
    ].join('\n');
    const index = await indexTree({ ...defs, [COUNTERS]: COUNTERS_SOURCE, [spec]: source });
    assert.deepEqual(index.callSitesOf('issue_created').map((c) => [c.file, c.site.range.start.line, c.site.kind]), [[spec, 3, 'rspec.shared_example']]);
    assert.deepEqual(at(index.diagnostics(spec), 'unknown-event'), [6]);
  });

  it('a change to the constants file re-resolves the files using it', async () => {
    const index = await indexTree({ ...defs, [COUNTERS]: COUNTERS_SOURCE, [SERVICE]: SERVICE_SOURCE });
    const affected = index.setOverlay(COUNTERS, COUNTERS_SOURCE.replace("'issue_created'", "'view_page'"));
    assert.ok(affected.has(SERVICE));
    assert.ok(affected.has('config/events/view_page.yml'));
    assert.deepEqual(index.callSitesOf('view_page').map((c) => c.file), [SERVICE]);
    assert.deepEqual(index.callSitesOf('issue_created'), []);
  });

  it('a constant in the enclosing namespace\'s file, and a file created later', async () => {
    const index = await indexTree({ ...defs, [SERVICE]: SERVICE_SOURCE });
    assert.equal(index.callSitesIn(SERVICE)[0].dynamic, true, 'not defined anywhere yet');
    // Defined inside the parent module's file, not in issue_counter.rb of its own.
    const parent = 'lib/gitlab/usage_data_counters.rb';
    fs.mkdirSync(path.join(index.root, 'lib/gitlab'), { recursive: true });
    fs.writeFileSync(path.join(index.root, parent), "module Gitlab::UsageDataCounters\n  module IssueCounter\n    ISSUE_CREATED = 'issue_created'\n  end\nend\n");
    assert.ok(index.update(parent).has(SERVICE));
    assert.equal(index.callSitesIn(SERVICE)[0].event, 'issue_created');
  });
});
