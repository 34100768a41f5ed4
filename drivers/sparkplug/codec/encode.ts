import { encodeArray, toBigInt } from './arrays';
import { DataType, INT_RANGES, INT64_MAX, INT64_MIN, UINT64_MAX, dataTypeName, isArrayDataType } from './datatypes';
import type { DataSetValue, ScalarValue, SparkplugMetric, SparkplugPayload, TemplateValue } from './types';
import type { Long } from 'protobufjs/minimal.js';
import { CodecError, PbWriter, type Writer } from './wire';

export interface EncodeOptions {
  /** Write each metric's datatype (default true). DATA messages by alias may leave it out: the birth said it. */
  readonly datatypes?: boolean;
}

/**
 * Payload → protobuf, fields in number order like protoc and protobufjs. Signed Int8/16/32 values go into the
 * uint32 int_value sign-extended to 32 bits, Int64 into long_value as two's complement (as Eclipse Tahu does).
 * Throws CodecError for a value its datatype cannot hold: encoding is done by our own code, a bad value is a bug.
 */
export function encodePayload(payload: SparkplugPayload, options: EncodeOptions = {}): Buffer {
  const w = PbWriter.create();
  if (payload.timestamp !== undefined) writeU64(w.uint32(8), payload.timestamp, 'timestamp');
  const withTypes = options.datatypes ?? true;
  for (const metric of payload.metrics) {
    w.uint32(18).fork();
    writeMetric(w, metric, withTypes);
    w.ldelim();
  }
  if (payload.seq !== undefined) writeU64(w.uint32(24), payload.seq, 'seq');
  if (payload.uuid !== undefined) w.uint32(34).string(payload.uuid);
  if (payload.body !== undefined) w.uint32(42).bytes(payload.body);
  const out = w.finish();
  return Buffer.isBuffer(out) ? out : Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** 64-bit varint: a safe whole number goes straight to protobufjs (two's complement when negative); a bigint as {low, high}. */
function writeU64(w: Writer, value: number | bigint, what: string): Writer {
  return typeof value === 'number' && Number.isSafeInteger(value) ? w.uint64(value) : w.uint64(u64(value, what));
}

function u64(value: number | bigint, what: string): Long {
  const big = BigInt.asUintN(64, toBigInt(value, what));
  return { low: Number(big & 0xffffffffn) | 0, high: Number(big >> 32n) | 0, unsigned: true };
}

const describe = (m: SparkplugMetric): string => `metric ${m.name ?? m.alias ?? '?'}`;

function writeMetric(w: Writer, m: SparkplugMetric, withTypes: boolean): void {
  if (m.name !== undefined) w.uint32(10).string(m.name);
  if (m.alias !== undefined) writeU64(w.uint32(16), m.alias, 'alias');
  if (m.timestamp !== undefined) writeU64(w.uint32(24), m.timestamp, 'timestamp');
  if (m.datatype !== undefined && withTypes) w.uint32(32).uint32(m.datatype);
  if (m.isHistorical) w.uint32(40).bool(true);
  if (m.isTransient) w.uint32(48).bool(true);
  if (m.isNull) w.uint32(56).bool(true);
  if (m.isNull || m.value === null) return;
  if (m.datatype === undefined) throw new CodecError(`${describe(m)} has a value but no datatype`);
  writeValue(w, m);
}

function notA(m: SparkplugMetric): never {
  throw new CodecError(`${describe(m)}: ${String(m.value)} is not a ${dataTypeName(m.datatype ?? 0)}`);
}

function writeValue(w: Writer, m: SparkplugMetric): void {
  const { value } = m;
  const datatype = m.datatype ?? 0;
  switch (datatype) {
    case DataType.Int8:
    case DataType.Int16:
    case DataType.Int32:
    case DataType.UInt8:
    case DataType.UInt16:
    case DataType.UInt32: {
      const range = INT_RANGES[datatype]!;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) notA(m);
      w.uint32(80).uint32(value >>> 0);
      return;
    }
    case DataType.Int64:
    case DataType.UInt64:
    case DataType.DateTime: {
      if (typeof value === 'number' && Number.isSafeInteger(value) && (value >= 0 || datatype === DataType.Int64)) {
        w.uint32(88).uint64(value);
        return;
      }
      if (typeof value !== 'bigint') notA(m);
      const [min, max] = datatype === DataType.Int64 ? [INT64_MIN, INT64_MAX] : [0n, UINT64_MAX];
      if (value < min || value > max) notA(m);
      w.uint32(88).uint64(u64(value, 'long_value'));
      return;
    }
    case DataType.Float:
      if (typeof value !== 'number') notA(m);
      w.uint32(101).float(value);
      return;
    case DataType.Double:
      if (typeof value !== 'number') notA(m);
      w.uint32(105).double(value);
      return;
    case DataType.Boolean:
      if (typeof value !== 'boolean') notA(m);
      w.uint32(112).bool(value);
      return;
    case DataType.String:
    case DataType.Text:
    case DataType.UUID:
      if (typeof value !== 'string') notA(m);
      w.uint32(122).string(value);
      return;
    case DataType.Bytes:
    case DataType.File:
      if (!(value instanceof Uint8Array)) notA(m);
      w.uint32(130).bytes(value);
      return;
    case DataType.DataSet:
      w.uint32(138).fork();
      writeDataSet(w, value as DataSetValue, describe(m));
      w.ldelim();
      return;
    case DataType.Template:
      w.uint32(146).fork();
      writeTemplate(w, value as TemplateValue, describe(m));
      w.ldelim();
      return;
    default:
      if (!isArrayDataType(datatype) || !Array.isArray(value)) notA(m);
      w.uint32(130).bytes(encodeArray(datatype, value as ScalarValue[]));
  }
}

/** A DataSet cell or Template parameter: the same value kinds, numbered from `base` (DataSetValue 1, Parameter 3). */
function writeCell(w: Writer, base: number, datatype: number, value: ScalarValue | null, what: string): void {
  if (value === null) return;
  const tag = (offset: number, wire: number): Writer => w.uint32(((base + offset) << 3) | wire);
  switch (datatype) {
    case DataType.Int8:
    case DataType.Int16:
    case DataType.Int32:
    case DataType.UInt8:
    case DataType.UInt16:
    case DataType.UInt32:
      if (typeof value !== 'number') throw new CodecError(`${what}: ${String(value)} is not a ${dataTypeName(datatype)}`);
      tag(0, 0).uint32(value >>> 0);
      return;
    case DataType.Int64:
    case DataType.UInt64:
    case DataType.DateTime:
      writeU64(tag(1, 0), toBigInt(value, what), what);
      return;
    case DataType.Float:
      tag(2, 5).float(value as number);
      return;
    case DataType.Double:
      tag(3, 1).double(value as number);
      return;
    case DataType.Boolean:
      tag(4, 0).bool(value as boolean);
      return;
    default:
      if (typeof value !== 'string') throw new CodecError(`${what}: ${dataTypeName(datatype)} cells are not supported`);
      tag(5, 2).string(value);
  }
}

function writeDataSet(w: Writer, ds: DataSetValue, what: string): void {
  if (ds.types.length !== ds.columns.length) throw new CodecError(`${what}: DataSet columns and types differ in length`);
  writeU64(w.uint32(8), ds.columns.length, what);
  for (const column of ds.columns) w.uint32(18).string(column);
  for (const type of ds.types) w.uint32(24).uint32(type);
  for (const row of ds.rows) {
    w.uint32(34).fork();
    row.forEach((cell, c) => {
      w.uint32(10).fork();
      writeCell(w, 1, ds.types[c] ?? 0, cell, `${what} column ${c}`);
      w.ldelim();
    });
    w.ldelim();
  }
}

function writeTemplate(w: Writer, t: TemplateValue, what: string): void {
  if (t.version !== undefined) w.uint32(10).string(t.version);
  for (const metric of t.metrics) {
    w.uint32(18).fork();
    writeMetric(w, metric, true);
    w.ldelim();
  }
  for (const p of t.parameters ?? []) {
    w.uint32(26).fork();
    w.uint32(10).string(p.name);
    w.uint32(16).uint32(p.type);
    writeCell(w, 3, p.type, p.value, `${what} parameter ${p.name}`);
    w.ldelim();
  }
  if (t.templateRef !== undefined) w.uint32(34).string(t.templateRef);
  if (t.isDefinition !== undefined) w.uint32(40).bool(t.isDefinition);
}
