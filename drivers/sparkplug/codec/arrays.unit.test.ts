import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import protobuf from 'protobufjs';
import { DataType, decodeArray, decodePayload, encodeArray, encodePayload, type ScalarValue } from './index';

// Array metrics against the Sparkplug 3.0.0 §6.4.17 vectors with the corrected bytes, read at test time from the
// fixture tests/fixtures/standards/sparkplug (source and license in its README), and against protobufjs.

const STANDARDS = path.join(import.meta.dirname, '../../../tests/fixtures/standards/sparkplug');

interface Vector {
  readonly datatype: string;
  readonly enum_value: number;
  readonly values: readonly (number | string | boolean)[];
  readonly bytes_spec_3_0_0_master: readonly string[];
  readonly bytes_corrected: readonly string[];
  readonly spec_3_0_0_example_is_wrong: boolean;
}

const loadPayloadType = async () => (await protobuf.load(path.join(STANDARDS, 'sparkplug_b.proto'))).lookupType('org.eclipse.tahu.protobuf.Payload');
const loadVectors = async () => (JSON.parse(await readFile(path.join(STANDARDS, 'array_encoding_vectors.json'), 'utf8')) as { vectors: Vector[] }).vectors;
/** "0xDX": X is a don't-care padding nibble. */
const bytesOf = (hex: readonly string[], padding: string) => Buffer.from(hex.map((h) => parseInt(h.slice(2).replace('X', padding), 16)));
const valuesOf = (v: Vector): ScalarValue[] =>
  v.values.map((x) => (/^U?Int64Array$/.test(v.datatype) ? BigInt(x as string) : v.datatype === 'FloatArray' ? Math.fround(x as number) : x));

test('every array vector of Sparkplug 3.0.0 §6.4.17 (corrected bytes) decodes and encodes exactly', async () => {
  const vectors = await loadVectors();
  assert.equal(vectors.length, 13);
  for (const v of vectors) {
    assert.equal(DataType[v.datatype as keyof typeof DataType], v.enum_value, v.datatype);
    const expected = valuesOf(v);
    assert.deepEqual(decodeArray(v.enum_value, bytesOf(v.bytes_corrected, '0'), 1000), expected, `${v.datatype} decode`);
    assert.deepEqual(decodeArray(v.enum_value, bytesOf(v.bytes_corrected, 'F'), 1000), expected, `${v.datatype} decode, padding bits set`);
    assert.deepEqual(Buffer.from(encodeArray(v.enum_value, expected)), bytesOf(v.bytes_corrected, '0'), `${v.datatype} encode`);
  }
});

test('the published 3.0.0 bytes that are wrong do not decode to the listed values', async () => {
  const wrong = (await loadVectors()).filter((v) => v.spec_3_0_0_example_is_wrong);
  assert.deepEqual(wrong.map((v) => v.datatype), ['Int8Array', 'FloatArray', 'DoubleArray', 'DateTimeArray']);
  for (const v of wrong) {
    let decoded: unknown;
    try {
      decoded = decodeArray(v.enum_value, bytesOf(v.bytes_spec_3_0_0_master, '0'), 1000);
    } catch (err) {
      decoded = err;
    }
    assert.notDeepEqual(decoded, valuesOf(v), v.datatype);
  }
});

test('array metrics inside a payload: the bytes_value protobufjs sees is the vector', async () => {
  const Payload = await loadPayloadType();
  for (const v of await loadVectors()) {
    const bytes = encodePayload({ metrics: [{ name: v.datatype, datatype: v.enum_value, value: valuesOf(v) }] });
    const theirs = Payload.toObject(Payload.decode(bytes)) as { metrics: { bytesValue: Uint8Array }[] };
    assert.deepEqual(Buffer.from(theirs.metrics[0]!.bytesValue), bytesOf(v.bytes_corrected, '0'), v.datatype);
    const mine = decodePayload(bytes);
    assert.ok(mine.ok);
    assert.deepEqual(mine.value.metrics[0]?.value, valuesOf(v), v.datatype);
  }
});
