import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import protobuf from 'protobufjs';
import { DataType, PayloadDecoder, decodePayload, encodePayload, type SparkplugMetric, type SparkplugPayload } from './index';

// The hand-written codec against the reference: protobufjs loading Eclipse Tahu's sparkplug_b.proto at test time
// (a test fixture, tests/fixtures/standards/sparkplug: source and license in its README). Array vectors: arrays.unit.test.ts.

const STANDARDS = path.join(import.meta.dirname, '../../../tests/fixtures/standards/sparkplug');

const loadPayloadType = async () => (await protobuf.load(path.join(STANDARDS, 'sparkplug_b.proto'))).lookupType('org.eclipse.tahu.protobuf.Payload');

/** A payload with every scalar type at its edges, arrays, a DataSet with Int8/16/32 columns, and a Template. */
const EVERYTHING: SparkplugPayload = {
  timestamp: 1_795_000_000_123,
  seq: 255,
  uuid: 'schema-1',
  body: Uint8Array.from([1, 2, 3]),
  metrics: [
    { name: 'bdSeq', datatype: DataType.Int64, value: 3n },
    { name: 'i8 min', alias: 1, datatype: DataType.Int8, value: -128 },
    { name: 'i8 max', alias: 2, datatype: DataType.Int8, value: 127 },
    { name: 'i16', alias: 3, datatype: DataType.Int16, value: -32768 },
    { name: 'i32', alias: 4, datatype: DataType.Int32, value: -2147483648 },
    { name: 'i64 min', alias: 5, datatype: DataType.Int64, value: -(2n ** 63n) },
    { name: 'i64 max', alias: 6, datatype: DataType.Int64, value: 2n ** 63n - 1n },
    { name: 'u8', alias: 7, datatype: DataType.UInt8, value: 255 },
    { name: 'u16', alias: 8, datatype: DataType.UInt16, value: 65535 },
    { name: 'u32', alias: 9, datatype: DataType.UInt32, value: 4294967295 },
    { name: 'u64', alias: 10, datatype: DataType.UInt64, value: 2n ** 64n - 1n },
    { name: 'float', alias: 11, datatype: DataType.Float, value: Math.fround(-3.4e38), timestamp: 1_795_000_000_000 },
    { name: 'double', alias: 12, datatype: DataType.Double, value: Number.MIN_VALUE },
    { name: 'bool', alias: 13, datatype: DataType.Boolean, value: false },
    { name: 'Folder/string ünï€ode', alias: 14, datatype: DataType.String, value: 'Grüße, 世界 🏭' },
    { name: 'datetime', alias: 15, datatype: DataType.DateTime, value: 1_656_107_875_000 },
    { name: 'text', alias: 16, datatype: DataType.Text, value: '' },
    { name: 'uuid', alias: 17, datatype: DataType.UUID, value: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' },
    { name: 'bytes', alias: 18, datatype: DataType.Bytes, value: Uint8Array.from([0, 255, 7]) },
    { name: 'file', alias: 19, datatype: DataType.File, value: Uint8Array.from([]) },
    { name: 'null', alias: 20, datatype: DataType.Double, isNull: true, value: null },
    { name: 'historical', alias: 21, datatype: DataType.Int32, isHistorical: true, isTransient: true, value: 7 },
    { name: 'i16s', alias: 22, datatype: DataType.Int16Array, value: [-30000, 30000] },
    { name: 'strings', alias: 23, datatype: DataType.StringArray, value: ['', 'a', 'ü'] },
    { name: 'bools', alias: 24, datatype: DataType.BooleanArray, value: [true, false, true, true, false, false, false, false, true] },
    {
      name: 'dataset',
      alias: 25,
      datatype: DataType.DataSet,
      value: {
        columns: ['i8', 'i16', 'i32', 'i64', 'u32', 'f', 'd', 'b', 's', 't'],
        types: [DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64, DataType.UInt32, DataType.Float, DataType.Double, DataType.Boolean, DataType.String, DataType.DateTime],
        rows: [
          [-1, -2, -3, -4n, 4294967295, 0.5, -0.25, true, 'x', 1_656_107_875_000],
          [127, 32767, 2147483647, 9007199254740993n, 0, null, 1e300, false, '', 0],
        ],
      },
    },
    {
      name: 'motor',
      alias: 26,
      datatype: DataType.Template,
      value: {
        version: '1.0',
        templateRef: 'Motor',
        isDefinition: false,
        metrics: [
          { name: 'Speed', datatype: DataType.Int16, value: -300 },
          { name: 'Inner', datatype: DataType.Template, value: { templateRef: 'Bearing', isDefinition: false, metrics: [{ name: 'Temp', datatype: DataType.Float, value: 0.5 }], parameters: [] } },
        ],
        parameters: [
          { name: 'Poles', type: DataType.Int8, value: -4 },
          { name: 'Rated', type: DataType.UInt64, value: 18446744073709551615n },
          { name: 'Maker', type: DataType.String, value: 'ACME' },
        ],
      },
    },
  ],
};

/** What protobufjs decoded, read independently of our codec (Int8/16/32 from their two's complement bits). */
function reference(msg: Record<string, unknown>, datatype: number | undefined): unknown {
  const long = (v: unknown) => BigInt(String(v));
  switch (datatype) {
    case DataType.Int8:
      return msg.intValue === undefined ? null : new Int8Array(Uint32Array.of(msg.intValue as number).buffer)[0];
    case DataType.Int16:
      return msg.intValue === undefined ? null : new Int16Array(Uint32Array.of(msg.intValue as number).buffer)[0];
    case DataType.Int32:
      return msg.intValue === undefined ? null : (msg.intValue as number) | 0;
    case DataType.UInt8:
    case DataType.UInt16:
    case DataType.UInt32:
      return msg.intValue;
    case DataType.Int64:
      return BigInt.asIntN(64, long(msg.longValue));
    case DataType.UInt64:
      return long(msg.longValue);
    case DataType.DateTime:
      return Number(long(msg.longValue));
    default:
      return undefined;
  }
}

test('decodes the same bytes as protobufjs, field by field', async () => {
  const Payload = await loadPayloadType();
  const bytes = encodePayload(EVERYTHING);
  const theirs = Payload.toObject(Payload.decode(bytes), { longs: String }) as { timestamp: string; seq: string; uuid: string; metrics: Record<string, unknown>[] };
  const mine = decodePayload(bytes);
  assert.ok(mine.ok, mine.ok ? '' : mine.error.message);
  assert.equal(String(mine.value.timestamp), theirs.timestamp);
  assert.equal(String(mine.value.seq), theirs.seq);
  assert.equal(mine.value.uuid, theirs.uuid);
  assert.equal(mine.value.metrics.length, theirs.metrics.length);
  mine.value.metrics.forEach((m, i) => {
    const t = theirs.metrics[i]!;
    assert.equal(m.name, t.name);
    assert.equal(m.alias === undefined ? undefined : String(m.alias), t.alias);
    assert.equal(m.datatype, t.datatype);
    assert.equal(m.isNull ?? false, t.isNull ?? false);
    const ref = reference(t, m.datatype);
    if (ref !== undefined) assert.equal(m.value, ref, String(m.name));
    if (m.datatype === DataType.Float) assert.equal(m.value, t.floatValue);
    if (m.datatype === DataType.Double && !m.isNull) assert.equal(m.value, t.doubleValue);
    if (m.datatype === DataType.String) assert.equal(m.value, t.stringValue);
  });
  // The DataSet whose Int8/16/32 columns the npm sparkplug-payload cannot decode, read by protobufjs as raw fields:
  const ds = theirs.metrics.find((m) => m.name === 'dataset')!.datasetValue as { rows: { elements: Record<string, unknown>[] }[] };
  assert.equal(reference(ds.rows[0]!.elements[0]!, DataType.Int8), -1);
  assert.equal(reference(ds.rows[0]!.elements[1]!, DataType.Int16), -2);
  assert.equal(reference(ds.rows[0]!.elements[2]!, DataType.Int32), -3);
});

test('round trip: what we encode decodes to the same values, byte-identical to protobufjs encoding the same message', async () => {
  const Payload = await loadPayloadType();
  const bytes = encodePayload(EVERYTHING);
  const mine = decodePayload(bytes);
  assert.ok(mine.ok);
  const normalise = (m: SparkplugMetric) => ({ ...m, value: m.value instanceof Uint8Array ? [...m.value] : m.value });
  const { body, ...rest } = EVERYTHING;
  const { body: bodyBack, ...restBack } = mine.value;
  assert.deepEqual({ ...restBack, metrics: restBack.metrics.map(normalise) }, { ...rest, metrics: rest.metrics.map(normalise) });
  assert.deepEqual([...(bodyBack ?? [])], [...(body ?? [])]);
  assert.deepEqual(Buffer.from(Payload.encode(Payload.decode(bytes)).finish()), bytes);
});

test('decodes what protobufjs encodes (packed column types, fields out of order)', async () => {
  const Payload = await loadPayloadType();
  const object = {
    seq: 7,
    metrics: [
      { name: 'ds', datatype: DataType.DataSet, datasetValue: { numOfColumns: 3, columns: ['a', 'b', 'c'], types: [DataType.Int8, DataType.Int16, DataType.Int32], rows: [{ elements: [{ intValue: 0xffffffe9 }, { intValue: 0xffff8ad0 }, { intValue: 0xffffffff }] }] } },
      {
        name: 'x',
        alias: 2,
        datatype: DataType.Int8,
        intValue: 0xe9,
        // Properties and metadata are parsed over, not kept.
        metadata: { contentType: 'text/plain', size: 3, md5: 'abc' },
        properties: {
          keys: ['engUnit', 'limits'],
          values: [
            { type: DataType.String, stringValue: 'kN' },
            { type: DataType.PropertySetList, propertysetsValue: { propertyset: [{ keys: ['hi'], values: [{ type: DataType.Double, doubleValue: 14 }] }] } },
          ],
        },
      },
    ],
    timestamp: 5,
  };
  const bytes = Buffer.from(Payload.encode(Payload.fromObject(object)).finish());
  const mine = decodePayload(bytes);
  assert.ok(mine.ok, mine.ok ? '' : mine.error.message);
  assert.deepEqual(mine.value.metrics[0]?.value, { columns: ['a', 'b', 'c'], types: [1, 2, 3], rows: [[-23, -30000, -1]] });
  assert.equal(mine.value.metrics[1]?.value, -23, 'Int8 masked to its own width');
  const brokenProperties = Buffer.from(bytes);
  const at = brokenProperties.indexOf(Buffer.from('engUnit'));
  brokenProperties[at - 2] = 0x0d; // PropertySet.keys (a string) turned into a 32-bit field
  assert.throws(() => Payload.decode(brokenProperties));
  assert.equal(decodePayload(brokenProperties).ok, false);
  // DataSet.types packed (as proto3 writers do) is read like the unpacked proto2 form.
  const dataset = Buffer.from([0x08, 0x01, 0x12, 0x01, 0x61, 0x1a, 0x01, 0x03, 0x22, 0x08, 0x0a, 0x06, 0x08, 0xff, 0xff, 0xff, 0xff, 0x0f]);
  const metric = Buffer.concat([Buffer.from([0x0a, 0x02, 0x64, 0x73, 0x20, 0x10, 0x8a, 0x01, dataset.length]), dataset]);
  const packed = Buffer.concat([Buffer.from([0x12, metric.length]), metric]);
  const theirs = Payload.toObject(Payload.decode(packed)) as { metrics: { datasetValue: { types: number[] } }[] };
  assert.deepEqual(theirs.metrics[0]?.datasetValue.types, [3]);
  const decoded = decodePayload(packed);
  assert.ok(decoded.ok, decoded.ok ? '' : decoded.error.message);
  assert.deepEqual(decoded.value.metrics[0]?.value, { columns: ['a'], types: [3], rows: [[-1]] });
});

test('hostile bytes: truncation anywhere, wrong wire types, sizes over the caps — refused with a reason, never thrown', async () => {
  const Payload = await loadPayloadType();
  const bytes = encodePayload(EVERYTHING);
  const decoder = new PayloadDecoder();
  for (let cut = 0; cut < bytes.length; cut++) {
    const part = bytes.subarray(0, cut);
    let reference = true;
    try {
      Payload.decode(part);
    } catch {
      reference = false;
    }
    const why = decoder.decode(part);
    if (!reference) assert.notEqual(why, null, `cut at ${cut}: protobufjs refuses, so must we`);
  }
  const wrongWire = [
    Buffer.from([0x09, 0, 0, 0, 0, 0, 0, 0, 0]), // timestamp as 64-bit
    Buffer.from([0x12, 0x02, 0x08, 0x01]), // Metric.name as varint
    Buffer.from([0x12, 0x05, 0x65, 0x00, 0x00, 0x80, 0x3f]), // float_value (12) as 32-bit is right…
    Buffer.from([0x12, 0x02, 0x60, 0x01]), // …int_value (12 as varint) is not
    Buffer.from([0x1b]), // a group start
    Buffer.from([0x12, 0x01, 0x0f]), // wire type 7
    Buffer.from([0x00]), // field number 0
    Buffer.from([0x12, 0x80, 0x80, 0x80, 0x80, 0x08]), // a length beyond 2^31
    Buffer.from([0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), // an 11-byte varint
  ];
  assert.equal(decoder.decode(wrongWire[2]!), null);
  for (const [i, b] of wrongWire.entries()) if (i !== 2) assert.notEqual(decoder.decode(b), null, `case ${i}`);
  assert.match(decoder.decode(Buffer.alloc(1024 * 1024 + 1)) ?? '', /over the limit/);
  const longString = encodePayload({ metrics: [{ name: 'x'.repeat(64 * 1024 + 1), datatype: DataType.String, value: '' }] });
  assert.match(decoder.decode(longString) ?? '', /Metric.name of 65537 bytes is over the limit of 65536/);
  const bigArray = encodePayload({ metrics: [{ name: 'a', datatype: DataType.Int8Array, value: new Array<number>(70_000).fill(1) }] });
  assert.equal(decoder.decode(bigArray), null, 'the bytes are fine…');
  const decoded = decodePayload(bigArray);
  assert.ok(!decoded.ok && /70000 elements is over the limit of 65536/.test(decoded.error.message), '…the array is not');
  let deep: SparkplugMetric = { name: 'leaf', datatype: DataType.Int32, value: 1 };
  for (let i = 0; i < 9; i++) deep = { name: `t${i}`, datatype: DataType.Template, value: { metrics: [deep] } };
  assert.match(decoder.decode(encodePayload({ metrics: [deep] })) ?? '', /nested deeper than 8/);
  const manyMetrics = encodePayload({ metrics: Array.from({ length: 100_001 }, () => ({ alias: 1, value: null })) });
  assert.match(decoder.decode(manyMetrics) ?? '', /more than 100000 metrics/);
});

test('fuzz: 20,000 mutated payloads never throw, and whatever protobufjs refuses we refuse too', async () => {
  const Payload = await loadPayloadType();
  const original = encodePayload(EVERYTHING);
  const decoder = new PayloadDecoder();
  let state = 12345;
  const random = () => (state = (state * 48271) % 0x7fffffff) / 0x7fffffff;
  let refusedByBoth = 0;
  for (let i = 0; i < 20_000; i++) {
    const bytes = Buffer.from(original);
    for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    const cut = random() < 0.3 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
    let theirs = true;
    try {
      Payload.decode(cut);
    } catch {
      theirs = false;
    }
    const why = decoder.decode(cut);
    if (!theirs) {
      assert.notEqual(why, null, `mutation ${i}`);
      refusedByBoth++;
    }
    if (why === null) decodePayload(cut); // the typed decode must not throw either
  }
  assert.ok(refusedByBoth > 1000);
});
