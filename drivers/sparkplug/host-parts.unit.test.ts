import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_TAGS } from '../../core';
import { Catalogue, Device, type EdgeNode } from './catalogue';
import { DataType, RawMetric, ValueField } from './codec';
import { RebirthRequests } from './rebirth';
import { Subscribers } from './subscribers';
import { parseTopic } from './topic';
import { coerceForWrite, tagScalar } from './values';

test('topics: node, device and STATE messages; anything else says why not', () => {
  assert.deepEqual(parseTopic('spBv1.0/G1/NDATA/E1'), { kind: 'node', type: 'NDATA', group: 'G1', node: 'E1' });
  assert.deepEqual(parseTopic('spBv1.0/G1/DBIRTH/E1/Press 1'), { kind: 'device', type: 'DBIRTH', group: 'G1', node: 'E1', device: 'Press 1' });
  assert.deepEqual(parseTopic('spBv1.0/STATE/mes'), { kind: 'state', hostId: 'mes' });
  assert.equal(parseTopic('spBv1.0/G1/NDATA/E1/D1'), 'NDATA topics have 4 levels, not 5');
  assert.equal(parseTopic('spBv1.0/G1/DDATA/E1'), 'DDATA topics have 5 levels with a device id');
  assert.equal(parseTopic('spBv1.0//NDATA/E1'), 'empty or invalid group or edge node id');
  assert.equal(parseTopic('spAv1.0/G1/NDATA/E1'), 'not in the spBv1.0 namespace');
  assert.equal(parseTopic('spBv1.0/G1/XDATA/E1'), 'unknown message type "XDATA"');
});

test('addresses: metric names may hold "/"; a device metric wins the one ambiguous address, and gives it back', () => {
  const logs: string[] = [];
  const catalogue = new Catalogue(1000, (m) => logs.push(m));
  const node = catalogue.ensureNode('G', 'N');
  catalogue.define(node, [
    { name: 'Node Control/Rebirth', alias: 1, datatype: DataType.Boolean },
    { name: 'D/x', alias: 2, datatype: DataType.Int32 },
  ]);
  assert.equal(catalogue.find('G/N/Node Control/Rebirth')?.name, 'Node Control/Rebirth');
  assert.equal(catalogue.find('G/N/D/x')?.scope, node);
  const device = catalogue.ensureDevice(node, 'D');
  catalogue.define(device, [{ name: 'x', alias: 3, datatype: DataType.Double }]);
  assert.ok(catalogue.find('G/N/D/x')?.scope instanceof Device, 'the device metric owns G/N/D/x');
  assert.equal(node.byName.get('D/x')?.addressed, false);
  assert.match(logs.join('\n'), /G\/N\/D\/x now names the device metric/);
  catalogue.define(device, []);
  assert.equal(catalogue.find('G/N/D/x')?.scope, node, 'back to the node metric');
  assert.equal(node.entryOfAlias(2)?.name, 'D/x');
});

test('aliases: dense ones in an array, a huge one in a map (no million-slot array)', () => {
  const catalogue = new Catalogue(1000, () => undefined);
  const node = catalogue.ensureNode('G', 'N');
  catalogue.define(node, [{ name: 'far', alias: 1_000_000_000, datatype: DataType.Int32 }, { name: 'near', alias: 5, datatype: DataType.Int32 }]);
  assert.equal(node.aliasArray.length, 0);
  assert.equal(node.entryOfAlias(1_000_000_000)?.name, 'far');
  assert.equal(node.entryOfAlias(5)?.name, 'near');
  assert.equal(catalogue.define(node, Array.from({ length: 1001 }, (_, i) => ({ name: `m${i}`, alias: i, datatype: DataType.Int32 }))), 'the host already holds 2 metrics (limit 1000)');
});

test('values: by the birth datatype; 64-bit beyond 2^53 as exact text; NaN refused; DateTime as ISO 8601', () => {
  const raw = (field: number, set: (m: RawMetric) => void): RawMetric => {
    const m = new RawMetric();
    m.field = field;
    set(m);
    return m;
  };
  const long = (lo: number, hi: number) => raw(ValueField.Long, (m) => ((m.lo = lo), (m.hi = hi)));
  assert.equal(tagScalar(raw(ValueField.Int, (m) => (m.u32 = 0xffffffe9)), DataType.Int8, 10), -23);
  assert.equal(tagScalar(long(0xffffffff, 0xffffffff), DataType.Int64, 10), -1);
  assert.equal(tagScalar(long(0, 0x00200000), DataType.UInt64, 10), '9007199254740992');
  assert.equal(tagScalar(long(0, 0x80000000), DataType.Int64, 10), '-9223372036854775808');
  assert.equal(tagScalar(long(1_700_000_000_000 % 2 ** 32, Math.floor(1_700_000_000_000 / 2 ** 32)), DataType.DateTime, 10), '2023-11-14T22:13:20.000Z');
  assert.equal(typeof tagScalar(raw(ValueField.Double, (m) => (m.num = Number.NaN)), DataType.Double, 10), 'symbol');
  assert.equal(typeof tagScalar(raw(ValueField.String, (m) => (m.str = 'x')), DataType.Int32, 10), 'symbol');
  assert.equal(tagScalar(raw(ValueField.Int, (m) => (m.u32 = 7)), DataType.Int32, 10), 7);
});

test('writes: refused when they would change the meaning; 64-bit as text; Float read back at single precision', () => {
  assert.deepEqual(coerceForWrite(300, DataType.UInt8), { ok: false, reason: 'the metric holds UInt8 (0 … 255)' });
  assert.deepEqual(coerceForWrite(1.5, DataType.Int32), { ok: false, reason: 'the metric holds Int32, a whole number' });
  assert.deepEqual(coerceForWrite('9223372036854775807', DataType.Int64), { ok: true, wire: 9223372036854775807n, expected: '9223372036854775807' });
  assert.deepEqual(coerceForWrite(0.1, DataType.Float), { ok: true, wire: 0.1, expected: Math.fround(0.1) });
  assert.deepEqual(coerceForWrite('2023-11-14T22:13:20Z', DataType.DateTime), { ok: true, wire: 1_700_000_000_000, expected: '2023-11-14T22:13:20.000Z' });
  assert.equal(coerceForWrite(1, DataType.String).ok, false);
  assert.equal(coerceForWrite('x', DataType.DataSet).ok, false);
});

test('rebirth requests: at most one per node per period, the one asked meanwhile sent when it ends', async () => {
  let now = 0;
  const sent: string[] = [];
  const requests = new RebirthRequests(100, () => now, (node, why) => (sent.push(`${node.id}: ${why}`), true));
  const node = { id: 'N' } as EdgeNode;
  requests.request(node, 'gap');
  requests.request(node, 'gap again');
  assert.deepEqual(sent, ['N: gap']);
  now = 100; // when the timer fires, the period is over
  await new Promise((resolve) => setTimeout(resolve, 120));
  now = 150;
  assert.deepEqual(sent, ['N: gap', 'N: gap again']);
  requests.request(node, 'unknown alias');
  requests.born(node);
  await new Promise((resolve) => setTimeout(resolve, 120));
  assert.equal(sent.length, 2, 'the birth came: nothing more to ask');
  assert.equal(requests.sent, 2);
  requests.dispose();
});

test('subscribers: ALL_TAGS and single tags, a deadband on numbers, a throwing listener harms no one', () => {
  const subscribers = new Subscribers();
  const all: string[] = [];
  const banded: (string | number | boolean | null)[] = [];
  subscribers.add([ALL_TAGS, 'G/N/x'], (tag) => all.push(tag), {});
  subscribers.add(['G/N/x'], (_tag, v) => banded.push(v.value), { deadband: 0.5 });
  subscribers.add(['G/N/x'], () => {
    throw new Error('listener bug');
  }, {});
  const good = (value: number) => ({ value, quality: 'good', sourceTime: null }) as const;
  for (const v of [1, 1.2, 1.6, 1.7, 0.9]) subscribers.notify('G/N/x', good(v));
  subscribers.notify('G/N/x', { value: 0.9, quality: 'bad', sourceTime: null });
  subscribers.notify('G/N/y', good(3));
  assert.deepEqual(all, ['G/N/x', 'G/N/x', 'G/N/x', 'G/N/x', 'G/N/x', 'G/N/x', 'G/N/y'], 'ALL_TAGS plus the same tag: told once');
  assert.deepEqual(banded, [1, 1.6, 0.9, 0.9], 'changes under 0.5 are not told; a quality change always is');
});
