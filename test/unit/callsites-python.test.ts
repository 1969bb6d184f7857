import assert from 'node:assert/strict';
import type { CallSite, Range } from '../../server/src/core/model';
import { findPythonCallSites } from '../../server/src/core/callsites/python/index';
import { findCallSites } from '../../server/src/core/callsites/index';
import { isSpecReference } from '../../server/src/core/specReferences';

/** [startLine, startCharacter, endLine, endCharacter], 0-based. */
type Span = [number, number, number, number];
const span = (r: Range | undefined): Span | undefined => (r ? [r.start.line, r.start.character, r.end.line, r.end.character] : undefined);

interface Expected {
  event: string | null;
  kind?: CallSite['kind'];
  range?: Span;
  nameRange?: Span;
  namePattern?: string;
  properties?: string[];
  opaque?: boolean;
}

interface Case {
  name: string;
  code: string[];
  sites: Expected[];
}

// Forms written after the AI Gateway's and Duo Workflow's own (their text is not copied).
const cases: Case[] = [
  {
    name: 'injected client (typed parameter with a Depends default), then stored on self',
    code: [
      'from fastapi import Depends',
      'from ai_gateway.internal_events import InternalEventsClient, InternalEventAdditionalProperties',
      '',
      'class CompletionsHandler:',
      '    def __init__(self, events: InternalEventsClient = Depends(Provide[Container.events])):',
      '        self.events = events',
      '',
      '    async def complete(self, req):',
      '        self.events.track_event(',
      '            "request_code_completion",',
      '            additional_properties=InternalEventAdditionalProperties(label="completion", property=req.model, value=1),',
      '            category=__name__,',
      '        )',
    ],
    sites: [
      {
        event: 'request_code_completion',
        kind: 'python.internal_events_client',
        range: [9, 12, 9, 37],
        nameRange: [9, 13, 9, 36],
        properties: ['label', 'property', 'value'],
        opaque: false,
      },
    ],
  },
  {
    name: 'the conventional name needs no type; a constructed client; a class attribute annotation',
    code: [
      'async def chat(internal_event_client, prompt):',
      '    internal_event_client.track_event("request_duo_chat", category="ai_gateway.api.v1.chat")',
      '',
      'def tool():',
      '    client = InternalEventsClient(enabled=True, endpoint="http://localhost")',
      '    client.track_event("tool_used")',
      '    InternalEventsClient(enabled=False).track_event("inline_client")',
      '',
      'class Workflow:',
      '    tracker: Optional[InternalEventsClient]',
      '',
      '    def run(self):',
      '        self.tracker.track_event("workflow_run")',
    ],
    sites: [
      { event: 'request_duo_chat', range: [1, 38, 1, 56] },
      { event: 'tool_used' },
      { event: 'inline_client' },
      { event: 'workflow_run', range: [12, 33, 12, 47] },
    ],
  },
  {
    name: 'module constants, keyword name, f-strings as patterns, **extra is opaque',
    code: [
      'EVENT_NAME = "request_explain_code"',
      'OTHER: Final = "typed_constant"',
      'TWICE = "a"',
      'TWICE = "b"',
      '',
      'def handle(internal_event_client, unit_primitive, extra):',
      '    internal_event_client.track_event(EVENT_NAME)',
      '    internal_event_client.track_event(event_name=OTHER)',
      '    internal_event_client.track_event(TWICE)',
      '    internal_event_client.track_event(f"request_{unit_primitive}")',
      '    internal_event_client.track_event(',
      '        "with_extra",',
      '        additional_properties=InternalEventAdditionalProperties(label="l", **extra),',
      '    )',
      '    internal_event_client.track_event("props_variable", additional_properties=props)',
    ],
    sites: [
      { event: 'request_explain_code', range: [6, 38, 6, 48], nameRange: undefined },
      { event: 'typed_constant' },
      { event: null },
      { event: null, namePattern: 'request_*' },
      { event: 'with_extra', properties: ['label'], opaque: true },
      { event: 'props_variable', properties: [], opaque: true },
    ],
  },
  {
    name: 'pytest assertions on a mocked client are spec references',
    code: [
      'def test_tracks(mock_client):',
      '    handler.run()',
      '    mock_client.track_event.assert_called_once_with(',
      '        "workflow_run",',
      '        additional_properties=InternalEventAdditionalProperties(label="done"),',
      '        category="duo_workflow_service.server",',
      '    )',
      '    internal_event_client.track_event.assert_called_with("second_assertion")',
      '    mock_client.other.assert_called_once_with("not_track_event")',
    ],
    sites: [
      { event: 'workflow_run', kind: 'pytest.track_event_assertion', properties: ['label'] },
      { event: 'second_assertion', kind: 'pytest.track_event_assertion' },
    ],
  },
  {
    name: 'negatives: comments, docstrings, strings, unrelated track_event methods, the def itself',
    code: [
      'class Analytics:',
      '    def track_event(self, name, **kwargs):',
      '        """Sends internal_event_client.track_event("in_docstring") elsewhere."""',
      '        # internal_event_client.track_event("in_comment")',
      '        log = "internal_event_client.track_event(\'in_string\')"',
      '        segment.track_event("segment_event")',
      '        self.track_event("self_method")',
      "        '''",
      '        internal_event_client.track_event("in_triple_quotes")',
      "        '''",
      '',
      'def other(client: SnowplowClient):',
      '    client.track_event("snowplow_client")',
    ],
    sites: [],
  },
  {
    name: 'a broken file still yields the calls in the blocks that parse',
    code: [
      'def broken(:',
      '    x = [1, 2',
      '',
      'def fine(internal_event_client):',
      '    internal_event_client.track_event("still_found")',
    ],
    sites: [{ event: 'still_found', range: [4, 38, 4, 51] }],
  },
];

describe('Python call-site finder (@lezer/python)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const sites = findPythonCallSites(c.code.join('\n'), 'ai_gateway/api/v1/handler.py').callSites;
      assert.deepEqual(
        sites.map((s) => s.event),
        c.sites.map((s) => s.event),
      );
      c.sites.forEach((e, i) => {
        const s = sites[i];
        if (e.kind) assert.equal(s.kind, e.kind, `${e.event} kind`);
        if (e.range) assert.deepEqual(span(s.range), e.range, `${e.event} range`);
        if ('nameRange' in e) assert.deepEqual(span(s.nameRange), e.nameRange, `${e.event} nameRange`);
        else if (e.range && s.event && !e.namePattern) assert.ok(s.nameRange, `${e.event} has a nameRange`);
        if (e.namePattern) assert.equal(s.namePattern, e.namePattern);
        if (e.properties) assert.deepEqual(s.properties.map((p) => p.key), e.properties, `${e.event} properties`);
        if (e.opaque !== undefined) assert.equal(s.argsOpaque, e.opaque, `${e.event} argsOpaque`);
      });
    });
  }

  it('only parses the blocks around needle lines: ranges stay exact deep in a long file', () => {
    const filler = Array.from({ length: 600 }, (_, i) => `def f${i}(x):\n    return [y for y in x if y > ${i}]`);
    const code = [...filler, 'class S:', '    def go(self, internal_event_client):', '        internal_event_client.track_event("deep")'].join('\n');
    const [site] = findPythonCallSites(code, 'svc.py').callSites;
    assert.deepEqual(span(site.range), [1202, 42, 1202, 48]);
  });

  it('a function\'s header and the statements holding needles are parsed together, lines between skipped', () => {
    const code = [
      'async def stream(',
      '    request,',
      '    options: dict,',
      ') -> None:',
      '    local = InternalEventsClient(enabled=True)',
      ...Array.from({ length: 40 }, (_, i) => `    step_${i} = {"n": ${i}, "items": [x for x in request.items]}`),
      '    if request.ok:',
      '        local.track_event("in_nested_block")',
      '    local.track_event(',
      '        "from_local",',
      '    )',
    ].join('\n');
    const sites = findPythonCallSites(code, 'svc.py').callSites;
    assert.deepEqual(sites.map((s) => [s.event, span(s.nameRange)]), [
      ['in_nested_block', [46, 27, 46, 42]],
      ['from_local', [48, 9, 48, 19]],
    ]);
  });

  it('dispatch: .py files go to the Python finder; files without a needle are not parsed', () => {
    const opts = { customForms: [] };
    assert.equal(findCallSites('internal_event_client.track_event("x")', 'a.py', opts)?.callSites[0]?.event, 'x');
    assert.deepEqual(findCallSites('print("hello")', 'a.py', opts)?.callSites, []);
  });

  it('a custom form for the same call adds no second site', () => {
    const form = { extensions: ['.py'], receiver: 'internal_event_client', method: 'track_event', argumentIndex: 0 };
    const sites = findCallSites('internal_event_client.track_event("x")', 'a.py', { customForms: [form] })!.callSites;
    assert.equal(sites.length, 1);
  });

  it('pytest files and assertion sites are spec references', () => {
    const [assertion] = findPythonCallSites('m.track_event.assert_called_with("x")', 'a.py').callSites;
    assert.ok(isSpecReference('ai_gateway/handler.py', assertion));
    const [call] = findPythonCallSites('internal_event_client.track_event("x")', 'a.py').callSites;
    assert.ok(!isSpecReference('ai_gateway/handler.py', call));
    assert.ok(isSpecReference('tests/api/test_chat.py', call));
    assert.ok(isSpecReference('duo_workflow_service/conftest.py', call));
  });
});
