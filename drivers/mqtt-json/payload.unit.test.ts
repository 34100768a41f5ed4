import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browseTopics, encodeWrite, filterProblem, parsePayload, topicMatches, topicProblem } from './index';

const parse = (text: string) => parsePayload(Buffer.from(text), 64 * 1024);

test('bare JSON scalars are good values without a source time', () => {
  assert.deepEqual(parse('23.5'), { ok: true, value: { value: 23.5, quality: 'good', sourceTime: null } });
  assert.deepEqual(parse('"Idle"'), { ok: true, value: { value: 'Idle', quality: 'good', sourceTime: null } });
  assert.deepEqual(parse('true'), { ok: true, value: { value: true, quality: 'good', sourceTime: null } });
  assert.deepEqual(parse('null'), { ok: true, value: { value: null, quality: 'good', sourceTime: null } });
});

test('objects carry value, timestamp (ms or ISO 8601) and quality; other keys are ignored', () => {
  assert.deepEqual(parse('{"value": 7, "timestamp": 1700000000000, "quality": "uncertain", "unit": "kN"}'), {
    ok: true,
    value: { value: 7, quality: 'uncertain', sourceTime: '2023-11-14T22:13:20.000Z' },
  });
  assert.deepEqual(parse('{"value": "x", "timestamp": "2026-11-21T06:00:00+01:00"}'), { ok: true, value: { value: 'x', quality: 'good', sourceTime: '2026-11-21T05:00:00.000Z' } });
  assert.deepEqual(parse('{"value": null, "quality": "bad"}'), { ok: true, value: { value: null, quality: 'bad', sourceTime: null } });
});

test('anything else is refused with a reason', () => {
  const refused: [string, RegExp][] = [
    ['ON', /not JSON/],
    ['', /not JSON/],
    ['[1,2]', /an array/],
    ['{"v": 1}', /without "value"/],
    ['{"value": {"a": 1}}', /"value" is an object/],
    ['{"value": [1]}', /"value" is an array/],
    ['1e400', /out of range/],
    ['{"value": 1, "quality": "fine"}', /"quality"/],
    ['{"value": 1, "timestamp": "yesterday"}', /"timestamp"/],
    ['{"value": 1, "timestamp": -5}', /"timestamp"/],
    ['{"value": 1, "timestamp": 1e300}', /"timestamp"/],
    [`"${'x'.repeat(70_000)}"`, /a string over 65536 characters/],
  ];
  for (const [text, reason] of refused) {
    const r = parsePayload(Buffer.from(text), 1024 * 1024);
    assert.equal(r.ok, false, text.slice(0, 40));
    if (!r.ok) assert.match(r.reason, reason, text.slice(0, 40));
  }
  const big = parsePayload(Buffer.alloc(70_000, 0x20), 64 * 1024);
  assert.ok(!big.ok && /over the limit/.test(big.reason));
});

test('writes are JSON, bare or as an object with a timestamp', () => {
  assert.equal(encodeWrite(42, 'bare', 0), '42');
  assert.equal(encodeWrite('SN-1', 'bare', 0), '"SN-1"');
  assert.equal(encodeWrite(true, 'object', 1_700_000_000_000), '{"value":true,"timestamp":"2023-11-14T22:13:20.000Z"}');
});

test('topic filters: + one level, # the rest (and the parent), $ topics not matched by a leading wildcard', () => {
  assert.ok(topicMatches('plant/+/temp', 'plant/wc10/temp'));
  assert.ok(!topicMatches('plant/+/temp', 'plant/wc10/x/temp'));
  assert.ok(topicMatches('plant/#', 'plant'));
  assert.ok(topicMatches('plant/#', 'plant/a/b'));
  assert.ok(topicMatches('#', 'a/b'));
  assert.ok(!topicMatches('#', '$SYS/broker/uptime'));
  assert.ok(topicMatches('+/+', '/x'));
  assert.ok(!topicMatches('a/b', 'a/b/c'));
  assert.equal(filterProblem('a/#/b'), '"#" that is not the whole last level');
  assert.equal(filterProblem('a/b+'), '"+" that is not a whole level');
  assert.equal(filterProblem(''), 'an empty topic filter');
  assert.equal(topicProblem('a/+'), 'wildcards (+ or #) in a topic to write to');
  assert.equal(topicProblem('a/b'), null);
});

test('browse lists the topics seen as a tree', () => {
  const good = { value: 1, quality: 'good', sourceTime: null } as const;
  const values = new Map([
    ['plant/wc10/temp', good],
    ['plant/wc10', good],
    ['plant/wc20/state', good],
    ['other', good],
  ]);
  assert.deepEqual(browseTopics(values, null), [
    { address: 'other', name: 'other', kind: 'tag', hasChildren: false },
    { address: 'plant', name: 'plant', kind: 'folder', hasChildren: true },
  ]);
  assert.deepEqual(browseTopics(values, 'plant'), [
    { address: 'plant/wc10', name: 'wc10', kind: 'tag', hasChildren: true },
    { address: 'plant/wc20', name: 'wc20', kind: 'folder', hasChildren: true },
  ]);
  assert.deepEqual(browseTopics(values, 'plant/wc10'), [{ address: 'plant/wc10/temp', name: 'temp', kind: 'tag', hasChildren: false }]);
  assert.deepEqual(browseTopics(values, 'nowhere'), []);
});
