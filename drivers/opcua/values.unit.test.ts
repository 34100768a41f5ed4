import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataType, DataValue, StatusCodes, Variant } from 'node-opcua';
import { coerceForWrite, qualityOf, sameAsWritten, toTagValue } from './values';

test('status codes map to good, uncertain and bad by their severity', () => {
  assert.equal(qualityOf(StatusCodes.Good), 'good');
  assert.equal(qualityOf(StatusCodes.UncertainLastUsableValue), 'uncertain');
  assert.equal(qualityOf(StatusCodes.BadNoCommunication), 'bad');
  assert.equal(qualityOf(StatusCodes.BadNodeIdUnknown), 'bad');
});

test('a data value becomes a tag value with its quality and source time', () => {
  const at = new Date('2025-01-02T03:04:05.678Z');
  const dv = new DataValue({ value: new Variant({ dataType: DataType.UInt32, value: 7 }), statusCode: StatusCodes.Good, sourceTimestamp: at });
  assert.deepEqual(toTagValue(dv), { value: 7, quality: 'good', sourceTime: '2025-01-02T03:04:05.678Z' });
  const text = new DataValue({ value: new Variant({ dataType: DataType.LocalizedText, value: { text: 'Torque' } }) });
  assert.equal(toTagValue(text).value, 'Torque');
  assert.equal(toTagValue(text).sourceTime, null);
  const bad = new DataValue({ statusCode: StatusCodes.BadNodeIdUnknown });
  assert.deepEqual(toTagValue(bad), { value: null, quality: 'bad', sourceTime: null });
});

test('writes keep the tag type and refuse values that would change their meaning', () => {
  assert.deepEqual(coerceForWrite('SN-1', DataType.String), { ok: true, value: 'SN-1' });
  assert.deepEqual(coerceForWrite(3, DataType.UInt16), { ok: true, value: 3 });
  assert.equal(coerceForWrite(42, DataType.String).ok, false);
  assert.equal(coerceForWrite(1.5, DataType.Int32).ok, false);
  assert.equal(coerceForWrite(-1, DataType.UInt32).ok, false);
  assert.equal(coerceForWrite('true', DataType.Boolean).ok, false);
  assert.match(JSON.stringify(coerceForWrite(300, DataType.Byte)), /0 … 255/);
  assert.equal(sameAsWritten(0.1, Math.fround(0.1), DataType.Float), true);
  assert.equal(sameAsWritten(0.1, Math.fround(0.1), DataType.Double), false);
});
