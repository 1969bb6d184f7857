import assert from 'node:assert/strict';
import type { Range } from '../../server/src/core/model';
import { findCallSites } from '../../server/src/core/callsites/index';

type Span = [number, number, number, number];
const span = (r: Range | undefined): Span | undefined => (r ? [r.start.line, r.start.character, r.end.line, r.end.character] : undefined);

interface Case {
  name: string;
  path: string;
  code: string[];
  /** Expected event names in order; a pattern as `~pattern`. */
  events: (string | null)[];
  /** Spans of the names (quotes excluded) where they can be edited in place. */
  nameRanges?: (Span | undefined)[];
  properties?: string[][];
}

const cases: Case[] = [
  {
    name: 'Python: requests with json=, the bulk events list, f-string path; negatives',
    path: 'service/usage.py',
    code: [
      'def send(base, token, kind):',
      '    requests.post(f"{base}/api/v4/usage_data/track_event", json={"event": "rest_py_event", "project_id": 1,',
      '                  "additional_properties": {"label": "x", "value": 2}}, headers=h)',
      '    httpx.post(base + "/api/v4/usage_data/track_events", json={"events": [{"event": "bulk_a"}, {"event": f"bulk_{kind}"}]})',
      '    requests.post(other_url, json={"event": "not_the_api"})',
      '    # requests.post("/api/v4/usage_data/track_event", json={"event": "in_comment"})',
    ],
    events: ['rest_py_event', 'bulk_a', '~bulk_*'],
    nameRanges: [[1, 75, 1, 88], [3, 85, 3, 91], undefined],
    properties: [['label', 'value'], [], []],
  },
  {
    name: 'JS/TS: fetch with JSON.stringify, axios with an object, template path; negatives',
    path: 'src/telemetry.ts',
    code: [
      'export async function track(base: string) {',
      "  await fetch(`${base}/api/v4/usage_data/track_event`, { method: 'POST', body: JSON.stringify({ event: 'rest_js_event', additional_properties: { label: 'l' } }) });",
      "  await axios.post('/api/v4/usage_data/track_events', { events: [{ event: 'bulk_js' }] });",
      "  await fetch(elsewhere, { body: JSON.stringify({ event: 'not_the_api' }) });",
      "  // fetch('/api/v4/usage_data/track_event', { body: { event: 'in_comment' } })",
      '}',
    ],
    events: ['rest_js_event', 'bulk_js'],
    nameRanges: [[1, 104, 1, 117], [2, 75, 2, 82]],
    properties: [['label'], []],
  },
  {
    name: 'Go: a JSON raw string, a map literal, an escaped JSON string; comments and other calls are not',
    path: 'internal/usage/track.go',
    code: [
      'package usage',
      'func Track(c *http.Client, base string) {',
      '\tc.Post(base+"/api/v4/usage_data/track_event", "application/json", strings.NewReader(`{"event": "rest_go_event", "namespace_id": 2}`))',
      '\tpost(base+"/api/v4/usage_data/track_event", map[string]any{"event": "go_map_event"})',
      '\tpost(base+"/api/v4/usage_data/track_event", "{\\"event\\": \\"go_escaped\\"}")',
      '\t// post("/api/v4/usage_data/track_event", `{"event": "in_comment"}`)',
      '\tpost(other, `{"event": "not_the_api"}`)',
      '}',
    ],
    events: ['rest_go_event', 'go_map_event', 'go_escaped'],
    nameRanges: [[2, 97, 2, 110], [3, 70, 3, 82], undefined],
  },
  {
    name: 'shell: curl with -d on a continued line; a comment and another command are not',
    path: 'scripts/track.sh',
    code: [
      '#!/bin/bash',
      '# curl "$GITLAB/api/v4/usage_data/track_event" -d \'{"event": "in_comment"}\'',
      'curl -X POST -H "PRIVATE-TOKEN: $TOKEN" "$GITLAB/api/v4/usage_data/track_event" \\',
      '  -H "Content-Type: application/json" -d \'{"event": "rest_sh_event", "additional_properties": {"label": "ci"}}\'',
      'curl "$GITLAB/api/v4/usage_data/track_events" --data "{\\"events\\": [{\\"event\\": \\"sh_bulk\\"}]}"',
      'echo \'{"event": "not_the_api"}\'',
    ],
    events: ['rest_sh_event', 'sh_bulk'],
    nameRanges: [[3, 53, 3, 66], undefined],
    properties: [['label'], []],
  },
];

describe('REST API callers (usage_data/track_event)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const sites = findCallSites(c.code.join('\n'), c.path, { customForms: [] })!.callSites;
      assert.deepEqual(
        sites.map((s) => (s.event === null && s.namePattern ? `~${s.namePattern}` : s.event)),
        c.events,
      );
      for (const s of sites) assert.equal(s.kind, 'rest.track_event');
      if (c.nameRanges) assert.deepEqual(sites.map((s) => span(s.nameRange)), c.nameRanges);
      if (c.properties) assert.deepEqual(sites.map((s) => s.properties.map((p) => p.key)), c.properties);
    });
  }
});
