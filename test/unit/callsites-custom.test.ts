import assert from 'node:assert/strict';
import type { CallSite, CustomCallForm, Range } from '../../server/src/core/model';
import { findCustomCallSites } from '../../server/src/core/callsites/custom';

/** [startLine, startCharacter, endLine, endCharacter], 0-based, UTF-16 columns. */
type Span = [number, number, number, number];

interface ExpectedSite {
  event: string | null;
  range: Span;
  /** Omitted: the site must have no nameRange. */
  nameRange?: Span;
  identifiers?: string[];
  argsRange?: Span;
}

interface Case {
  name: string;
  path: string;
  forms: CustomCallForm[];
  code: string[];
  sites: ExpectedSite[];
}

const span = (r: Range): Span => [r.start.line, r.start.character, r.end.line, r.end.character];

const PYTHON_CLIENT: CustomCallForm = {
  extensions: ['.py'],
  receiver: 'InternalEventsClient',
  method: 'track_event',
  argumentIndex: 0,
};

const PYTHON_SOURCE = [
  'from ai_gateway.internal_events import InternalEventsClient',
  '',
  'def track_event(self, event_name, **kwargs):',
  '    """Docstring: InternalEventsClient.track_event(\'in_docstring\')"""',
  "    # InternalEventsClient.track_event('in_comment')",
  "    InternalEventsClient.track_event('py_event', user=user, category=__name__)",
  '    msg = "InternalEventsClient.track_event(\'in_string\')"',
  '    InternalEventsClient.track_event(',
  '        f"request_{unit_primitive}",',
  '        additional_properties=props,',
  '    )',
  "    client.track_event('other_receiver')",
  "    x = total // 2; InternalEventsClient.track_event('after_floor_div')",
  '    InternalEventsClient.track_event(event_name="kw")',
  "    '''",
  "    InternalEventsClient.track_event('in_triple_single')",
  "    '''",
  "    InternalEventsClient.track_event(f'no_braces', project_id=1, namespace=ns)",
];

const cases: Case[] = [
  {
    name: 'Python: configured receiver; comments, docstrings and strings are skipped',
    path: 'ai_gateway/api/v1/handler.py',
    forms: [PYTHON_CLIENT],
    code: PYTHON_SOURCE,
    sites: [
      {
        event: 'py_event',
        range: [5, 37, 5, 47],
        nameRange: [5, 38, 5, 46],
        identifiers: ['user'],
        argsRange: [5, 37, 5, 77],
      },
      { event: null, range: [8, 8, 8, 35], argsRange: [7, 37, 10, 4] },
      { event: 'after_floor_div', range: [12, 53, 12, 70], nameRange: [12, 54, 12, 69] },
      { event: null, range: [13, 37, 13, 52] },
      {
        event: 'no_braces',
        range: [17, 37, 17, 49],
        nameRange: [17, 39, 17, 48],
        identifiers: ['project', 'namespace'],
      },
    ],
  },
  {
    name: 'Python: no receiver configured matches any receiver, but not the def',
    path: 'svc/events.py',
    forms: [{ extensions: ['.py'], method: 'track_event', argumentIndex: 0 }],
    code: PYTHON_SOURCE,
    sites: [
      { event: 'py_event', range: [5, 37, 5, 47], nameRange: [5, 38, 5, 46], identifiers: ['user'] },
      { event: null, range: [8, 8, 8, 35] },
      { event: 'other_receiver', range: [11, 23, 11, 39], nameRange: [11, 24, 11, 38] },
      { event: 'after_floor_div', range: [12, 53, 12, 70], nameRange: [12, 54, 12, 69] },
      { event: null, range: [13, 37, 13, 52] },
      {
        event: 'no_braces',
        range: [17, 37, 17, 49],
        nameRange: [17, 39, 17, 48],
        identifiers: ['project', 'namespace'],
      },
    ],
  },
  {
    name: 'a bare call at the start of a line after a word ending the previous one (Ruby wrapper)',
    path: 'app/services/rule_service.rb',
    forms: [{ extensions: ['.rb'], method: 'track_rule_event', argumentIndex: 0 }],
    code: [
      'class RuleService',
      '  def create',
      "    track_rule_event('create_rule', rule)",
      '    x = rule',
      "    track_rule_event('second_rule', rule)",
      '  end',
      '  def track_rule_event(name, rule)',
      '  end',
      'end',
    ],
    sites: [
      { event: 'create_rule', range: [2, 21, 2, 34], nameRange: [2, 22, 2, 33] },
      { event: 'second_rule', range: [4, 21, 4, 34], nameRange: [4, 22, 4, 33] },
    ],
  },
  {
    name: 'Go-like: // and /* */ comments, raw strings, method declarations, argument index',
    path: 'internal/tracking/client.go',
    forms: [
      { extensions: ['.go'], method: 'TrackEvent', argumentIndex: 0, receiver: '' },
      { extensions: ['.go'], method: 'Track', argumentIndex: 1 },
    ],
    code: [
      'package main',
      '// client.TrackEvent("in_line_comment")',
      '/* client.TrackEvent("in_block_comment")',
      '   spans lines */',
      'func (c *Client) TrackEvent(name string, props map[string]any) error { return nil }',
      'func main() {',
      '\tclient.TrackEvent("go_event", map[string]any{"a": 1})',
      '\tclient.TrackEvent(`raw_event`)',
      '\ts := "client.TrackEvent(\\"in_string\\")"',
      '\tclient.TrackEvent(name)',
      '\tTrack(ctx, "second_arg", x)',
      '\tTrack(wrap(a, b), "after_nested", x)',
      '\tTrack(only_one)',
      '}',
    ],
    sites: [
      { event: 'go_event', range: [6, 19, 6, 29], nameRange: [6, 20, 6, 28], argsRange: [6, 19, 6, 53] },
      { event: 'raw_event', range: [7, 19, 7, 30], nameRange: [7, 20, 7, 29] },
      { event: null, range: [9, 19, 9, 23] },
      { event: 'second_arg', range: [10, 12, 10, 24], nameRange: [10, 13, 10, 23] },
      { event: 'after_nested', range: [11, 19, 11, 33], nameRange: [11, 20, 11, 32] },
    ],
  },
  {
    name: 'JS-like: template literals, optional chaining, objects are not identifiers',
    path: 'src/analytics.ts',
    forms: [{ extensions: ['.ts'], method: 'trackEvent', argumentIndex: 0 }],
    code: [
      "const a = `InternalEvents.trackEvent('in_template')`;",
      'tracker.trackEvent(`tpl_${x}`);',
      "tracker?.trackEvent('optional_chain', { user: u });",
      "function trackEvent(name) { return send('x'); }",
      'async function run() { await trackEvent(`plain_template`); }',
    ],
    sites: [
      { event: null, range: [1, 19, 1, 29] },
      { event: 'optional_chain', range: [2, 20, 2, 36], nameRange: [2, 21, 2, 35] },
      { event: 'plain_template', range: [4, 40, 4, 56], nameRange: [4, 41, 4, 55] },
    ],
  },
  {
    name: 'an unterminated string ends at the line end; forms for other extensions do not apply',
    path: 'svc/x.py',
    forms: [PYTHON_CLIENT, { extensions: ['.go'], method: 'trackEvent', argumentIndex: 0 }],
    code: [
      "x = 'unterminated",
      "InternalEventsClient.track_event('after')",
      'trackEvent("go_only")',
      "InternalEventsClient.track_event('half",
    ],
    sites: [
      { event: 'after', range: [1, 33, 1, 40], nameRange: [1, 34, 1, 39] },
      { event: 'half', range: [3, 33, 3, 38], nameRange: [3, 34, 3, 38] },
    ],
  },
  {
    name: 'non-ASCII text before a call: UTF-16 columns',
    path: 'svc/x.py',
    forms: [PYTHON_CLIENT],
    code: ["label = '日本語 🎉'; InternalEventsClient.track_event('ü_event')"],
    sites: [{ event: 'ü_event', range: [0, 51, 0, 60], nameRange: [0, 52, 0, 59] }],
  },
];

describe('findCustomCallSites', () => {
  for (const c of cases) {
    it(c.name, () => {
      const scan = findCustomCallSites(c.code.join('\n'), c.path, c.forms);
      assert.equal(scan.parseErrors, 0);
      assert.equal(
        scan.callSites.length,
        c.sites.length,
        `sites found: ${JSON.stringify(scan.callSites.map((s) => [s.event, span(s.range)]))}`,
      );
      c.sites.forEach((expected, i) => checkSite(scan.callSites[i], expected, `${c.name} [${i}]`));
    });
  }

  it('never throws on garbage', () => {
    const forms = [PYTHON_CLIENT, { extensions: ['.py'], method: 'x', argumentIndex: 3 }];
    for (const text of ['', '"""', "'", '/*', 'x(', 'x(((((', '\u0000\uD800(', 'InternalEventsClient.track_event(']) {
      const scan = findCustomCallSites(text, 'a.py', forms);
      assert.ok(Array.isArray(scan.callSites));
    }
    assert.deepEqual(findCustomCallSites('x(1, 2)', 'a.py', forms).callSites, []);
  });
});

function checkSite(actual: CallSite, expected: ExpectedSite, label: string): void {
  assert.equal(actual.event, expected.event, `${label}: event`);
  assert.equal(actual.dynamic, expected.event === null, `${label}: dynamic`);
  assert.equal(actual.kind, 'custom', `${label}: kind`);
  assert.equal(actual.refersTo, 'event', `${label}: refersTo`);
  assert.equal(actual.argsOpaque, true, `${label}: argsOpaque`);
  assert.deepEqual(actual.properties, [], `${label}: properties`);
  assert.deepEqual(span(actual.range), expected.range, `${label}: range`);
  assert.deepEqual(actual.nameRange && span(actual.nameRange), expected.nameRange, `${label}: nameRange`);
  assert.deepEqual(actual.identifiers, expected.identifiers ?? [], `${label}: identifiers`);
  if (expected.argsRange) {
    assert.deepEqual(actual.argsRange && span(actual.argsRange), expected.argsRange, `${label}: argsRange`);
  }
}
