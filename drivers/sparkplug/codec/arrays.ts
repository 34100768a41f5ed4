import { DataType, INT_RANGES, INT64_MAX, INT64_MIN, UINT64_MAX, dataTypeName } from './datatypes';
import type { ScalarValue } from './types';
import { CodecError, utf8 } from './wire';

/**
 * Array metrics travel in bytes_value, little-endian and packed (Sparkplug 3.0.0 §6.4.17, with the corrections of
 * the 3.x branch: Int8 two's complement, Float/Double/DateTime little-endian, DateTime 8 bytes). BooleanArray is a
 * 4-byte little-endian count followed by the bits, most significant bit first; StringArray is NUL-terminated UTF-8.
 */
const WIDTH: Readonly<Partial<Record<number, number>>> = {
  [DataType.Int8Array]: 1,
  [DataType.UInt8Array]: 1,
  [DataType.Int16Array]: 2,
  [DataType.UInt16Array]: 2,
  [DataType.Int32Array]: 4,
  [DataType.UInt32Array]: 4,
  [DataType.FloatArray]: 4,
  [DataType.Int64Array]: 8,
  [DataType.UInt64Array]: 8,
  [DataType.DoubleArray]: 8,
  [DataType.DateTimeArray]: 8,
};

/** Decodes an array metric's bytes; throws CodecError when they cannot be that array. */
export function decodeArray(datatype: number, bytes: Uint8Array, maxElements: number): ScalarValue[] {
  const name = dataTypeName(datatype);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (datatype === DataType.BooleanArray) return decodeBooleans(view, maxElements);
  if (datatype === DataType.StringArray) return decodeStrings(bytes, maxElements);
  const width = WIDTH[datatype];
  if (width === undefined) throw new CodecError(`${name} is not an array type`);
  if (bytes.length % width !== 0) throw new CodecError(`${name} of ${bytes.length} bytes is not a whole number of ${width}-byte elements`);
  const n = bytes.length / width;
  if (n > maxElements) throw new CodecError(`${name} of ${n} elements is over the limit of ${maxElements}`);
  const out: ScalarValue[] = new Array<ScalarValue>(n);
  for (let i = 0, p = 0; i < n; i++, p += width) out[i] = element(view, datatype, p);
  return out;
}

function element(view: DataView, datatype: number, p: number): ScalarValue {
  switch (datatype) {
    case DataType.Int8Array:
      return view.getInt8(p);
    case DataType.UInt8Array:
      return view.getUint8(p);
    case DataType.Int16Array:
      return view.getInt16(p, true);
    case DataType.UInt16Array:
      return view.getUint16(p, true);
    case DataType.Int32Array:
      return view.getInt32(p, true);
    case DataType.UInt32Array:
      return view.getUint32(p, true);
    case DataType.FloatArray:
      return view.getFloat32(p, true);
    case DataType.DoubleArray:
      return view.getFloat64(p, true);
    case DataType.Int64Array:
      return view.getBigInt64(p, true);
    case DataType.UInt64Array:
      return view.getBigUint64(p, true);
    default: {
      const ms = view.getBigUint64(p, true);
      if (ms > BigInt(Number.MAX_SAFE_INTEGER)) throw new CodecError(`DateTimeArray element ${ms} ms is beyond 2^53`);
      return Number(ms);
    }
  }
}

function decodeBooleans(view: DataView, maxElements: number): boolean[] {
  if (view.byteLength < 4) throw new CodecError('BooleanArray shorter than its 4-byte count');
  const count = view.getUint32(0, true);
  if (count > maxElements) throw new CodecError(`BooleanArray of ${count} elements is over the limit of ${maxElements}`);
  const expected = 4 + Math.ceil(count / 8);
  if (view.byteLength !== expected) throw new CodecError(`BooleanArray of ${count} elements must be ${expected} bytes, not ${view.byteLength}`);
  const out = new Array<boolean>(count);
  for (let i = 0; i < count; i++) out[i] = (view.getUint8(4 + (i >> 3)) & (0x80 >> (i & 7))) !== 0;
  return out;
}

function decodeStrings(bytes: Uint8Array, maxElements: number): string[] {
  const out: string[] = [];
  if (bytes.length === 0) return out;
  if (bytes[bytes.length - 1] !== 0) throw new CodecError('StringArray does not end with a NUL');
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    if (out.length >= maxElements) throw new CodecError(`StringArray has more than ${maxElements} elements`);
    out.push(utf8(bytes, start, i));
    start = i + 1;
  }
  return out;
}

/** Encodes an array metric's values; throws CodecError for a value the type cannot hold. */
export function encodeArray(datatype: number, values: readonly ScalarValue[]): Uint8Array {
  const name = dataTypeName(datatype);
  if (datatype === DataType.BooleanArray) {
    const out = new Uint8Array(4 + Math.ceil(values.length / 8));
    new DataView(out.buffer).setUint32(0, values.length, true);
    values.forEach((v, i) => {
      if (typeof v !== 'boolean') throw new CodecError(`${name} element ${i} is not a boolean`);
      if (v) out[4 + (i >> 3)]! |= 0x80 >> (i & 7);
    });
    return out;
  }
  if (datatype === DataType.StringArray) {
    const parts = values.map((v, i) => {
      if (typeof v !== 'string' || v.includes('\0')) throw new CodecError(`${name} element ${i} is not a string without NUL`);
      return Buffer.from(`${v}\0`, 'utf8');
    });
    return Buffer.concat(parts);
  }
  const width = WIDTH[datatype];
  if (width === undefined) throw new CodecError(`${name} is not an array type`);
  const out = new Uint8Array(values.length * width);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => put(view, datatype, i * width, v, `${name} element ${i}`));
  return out;
}

function put(view: DataView, datatype: number, p: number, v: ScalarValue, what: string): void {
  if (datatype === DataType.FloatArray || datatype === DataType.DoubleArray) {
    if (typeof v !== 'number') throw new CodecError(`${what} is not a number`);
    if (datatype === DataType.FloatArray) view.setFloat32(p, v, true);
    else view.setFloat64(p, v, true);
    return;
  }
  if (datatype === DataType.Int64Array || datatype === DataType.UInt64Array || datatype === DataType.DateTimeArray) {
    const big = toBigInt(v, what);
    const [min, max] = datatype === DataType.Int64Array ? [INT64_MIN, INT64_MAX] : [0n, UINT64_MAX];
    if (big < min || big > max) throw new CodecError(`${what} ${big} is out of range`);
    view.setBigUint64(p, BigInt.asUintN(64, big), true);
    return;
  }
  const scalarType = datatype - (DataType.Int8Array - DataType.Int8); // Int8Array(22) → Int8(1) … UInt32Array(28) → UInt32(7)
  const range = INT_RANGES[scalarType];
  if (typeof v !== 'number' || !Number.isInteger(v) || !range || v < range[0] || v > range[1]) throw new CodecError(`${what} ${String(v)} does not fit`);
  switch (datatype) {
    case DataType.Int8Array:
      return view.setInt8(p, v);
    case DataType.UInt8Array:
      return view.setUint8(p, v);
    case DataType.Int16Array:
      return view.setInt16(p, v, true);
    case DataType.UInt16Array:
      return view.setUint16(p, v, true);
    case DataType.Int32Array:
      return view.setInt32(p, v, true);
    default:
      return view.setUint32(p, v, true);
  }
}

export function toBigInt(v: ScalarValue, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) return BigInt(v);
  throw new CodecError(`${what} is not a whole number`);
}
