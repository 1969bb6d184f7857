import * as assert from 'node:assert/strict';
import { decodeTrackerEvent, paramsFromPostBody, paramsFromQuery, decodeBase64Url, type TrackerParams } from '../../server/src/core/monitor/trackerProtocol';
import { readReceivedEvent } from '../../server/src/core/monitor/receivedEvent';
import { CONTEXTS_SCHEMA, internalEventParams } from '../helpers/trackerPayloads';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const contexts = (...data: unknown[]) => ({ schema: CONTEXTS_SCHEMA, data });

describe('monitor: decoding tracker payloads', () => {
  it('a structured internal event: name, properties, ids, plan, extra and the service ping context', () => {
    const params = internalEventParams({ event: 'click_button', label: 'sidebar', property: 'left', value: 3, extra: { colour: 'red' }, user_id: 7, project_id: null });
    const decoded = decodeTrackerEvent(params);
    assert.ok(decoded.ok);
    const e = readReceivedEvent(decoded.value, 1, 1000, 'collector');
    assert.equal(e.name, 'click_button');
    assert.equal(e.category, 'InternalEventTracking');
    assert.deepEqual([e.label, e.property, e.value], ['sidebar', 'left', 3]);
    assert.deepEqual(e.extra, { colour: 'red' });
    assert.deepEqual([e.ids.user, e.ids.project, e.ids.namespace], [7, null, 3]);
    assert.equal(e.plan, 'free');
    assert.equal(e.internal, true);
    assert.deepEqual(e.servicePing, { eventName: 'click_button', dataSource: 'redis_hll' });
  });

  it('contexts sent as plain JSON (co) read the same as base64url (cx)', () => {
    const params = internalEventParams({ event: 'x' });
    const { cx, ...rest } = params;
    const plain = decodeTrackerEvent({ ...rest, co: Buffer.from(cx, 'base64url').toString('utf8') });
    assert.ok(plain.ok);
    assert.equal(plain.value.contexts.length, 2);
  });

  it('a legacy Snowplow event has no service ping context', () => {
    const decoded = decodeTrackerEvent(internalEventParams({ event: 'click_button', category: 'projects:show', legacy: true }));
    assert.ok(decoded.ok);
    assert.equal(readReceivedEvent(decoded.value, 1, 0, 'collector').internal, false);
  });

  it('a self-describing event is recorded as such, with its schema', () => {
    const decoded = decodeTrackerEvent({ e: 'ue', ue_px: b64({ schema: 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0', data: { schema: 'iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1', data: { targetUrl: 'x' } } }) });
    assert.ok(decoded.ok);
    assert.equal(decoded.value.eventType, 'unstruct');
    assert.equal(decoded.value.selfDescribing?.schema, 'iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1');
  });

  it('GET query strings and tp2 batches give parameter maps', () => {
    assert.deepEqual(paramsFromQuery('?e=se&se_ac=a%20b&se_ca=c'), { e: 'se', se_ac: 'a b', se_ca: 'c' });
    const batch = paramsFromPostBody(JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', data: [{ e: 'se', se_ac: 'a' }, { e: 'pv', stm: 12 }] }));
    assert.ok(batch.ok);
    assert.deepEqual(batch.value, [{ e: 'se', se_ac: 'a' }, { e: 'pv', stm: '12' }]);
  });

  const BAD_BODIES: [string, string, RegExp][] = [
    ['not JSON', '{"schema":', /not JSON/],
    ['not an object', '[1,2]', /not a payload_data JSON object/],
    ['another schema', JSON.stringify({ schema: 'iglu:com.acme/x/jsonschema/1-0-0', data: [] }), /not payload_data 1-0-x/],
    ['no data array', JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', data: {} }), /no "data" array/],
    ['an item that is not an object', JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', data: ['e=se'] }), /item 0 is not an object/],
    ['a parameter that is an object', JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', data: [{ e: { x: 1 } }] }), /parameter 'e' is object/],
  ];
  for (const [name, body, reason] of BAD_BODIES) {
    it(`bad tp2 body: ${name}`, () => {
      const r = paramsFromPostBody(body);
      assert.ok(!r.ok);
      assert.match(r.reason, reason);
    });
  }

  const BAD_EVENTS: [string, TrackerParams, RegExp][] = [
    ['no event type', { se_ac: 'a' }, /'e' parameter is missing/],
    ['an unknown event type', { e: 'zz' }, /unknown event type e="zz"/],
    ['a structured event without an action', { e: 'se', se_ca: 'c' }, /without an action/],
    ['a value that is not a number', { e: 'se', se_ac: 'a', se_va: 'three' }, /se_va 'three' is not a number/],
    ['a dtm that is not a timestamp', { e: 'se', se_ac: 'a', dtm: 'yesterday' }, /dtm 'yesterday'/],
    ['cx that is not base64', { e: 'se', se_ac: 'a', cx: '***' }, /cx is not valid base64/],
    ['cx that is base64 of garbage', { e: 'se', se_ac: 'a', cx: b64('{not json') }, /cx is not JSON/],
    ['co with the wrong envelope', { e: 'se', se_ac: 'a', co: JSON.stringify({ schema: 'iglu:com.gitlab/gitlab_standard/jsonschema/1-0-0', data: [] }) }, /not a contexts envelope/],
    ['contexts data not an array', { e: 'se', se_ac: 'a', co: JSON.stringify({ schema: CONTEXTS_SCHEMA, data: {} }) }, /no "data" array/],
    ['a context of an unknown vendor', { e: 'se', se_ac: 'a', co: JSON.stringify(contexts({ schema: 'iglu:com.acme/thing/jsonschema/1-0-0', data: {} })) }, /vendor 'com\.acme'/],
    ['a context schema that is not an Iglu URI', { e: 'se', se_ac: 'a', co: JSON.stringify(contexts({ schema: 'gitlab_standard', data: {} })) }, /not an Iglu schema URI/],
    ['a context that is not an object', { e: 'se', se_ac: 'a', co: JSON.stringify(contexts('x')) }, /context 0 is not a self-describing JSON object/],
    ['a self-describing event without a payload', { e: 'ue' }, /without ue_pr or ue_px/],
    ['a self-describing event of an unknown vendor', { e: 'ue', ue_pr: JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0', data: { schema: 'iglu:com.acme/x/jsonschema/1-0-0', data: {} } }) }, /vendor 'com\.acme'/],
  ];
  for (const [name, params, reason] of BAD_EVENTS) {
    it(`bad event: ${name}`, () => {
      const r = decodeTrackerEvent(params);
      assert.ok(!r.ok, 'decoded although bad');
      assert.match(r.reason, reason);
    });
  }

  it('base64 is read strictly: padding, url alphabet, nothing else', () => {
    assert.equal(decodeBase64Url(Buffer.from('{"a":1}').toString('base64')), '{"a":1}');
    assert.equal(decodeBase64Url(Buffer.from('??>>').toString('base64url')), '??>>');
    assert.equal(decodeBase64Url('abc!'), undefined);
    assert.equal(decodeBase64Url('a'), undefined);
  });
});
