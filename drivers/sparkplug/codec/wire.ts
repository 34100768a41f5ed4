import protobuf, { type Reader, type Writer } from 'protobufjs/minimal.js';

export type { Reader, Writer };

/** What the decoder refuses to hold, so that a hostile publisher cannot make the host allocate without bound. */
export interface DecodeLimits {
  readonly maxPayloadBytes: number;
  readonly maxStringBytes: number;
  readonly maxMetrics: number;
  /** Elements of one array metric, cells of one DataSet. */
  readonly maxElements: number;
  /** Templates inside templates. */
  readonly maxDepth: number;
}

export const DEFAULT_LIMITS: DecodeLimits = {
  maxPayloadBytes: 1024 * 1024,
  maxStringBytes: 64 * 1024,
  maxMetrics: 100_000,
  maxElements: 65_536,
  maxDepth: 8,
};

/** Why bytes are not a Sparkplug payload; thrown inside the codec, turned into data at its edge. */
export class CodecError extends Error {
  override readonly name = 'CodecError';
}

export const { Reader: PbReader, Writer: PbWriter } = protobuf;

export const WireType = { Varint: 0, Fixed64: 1, Bytes: 2, Fixed32: 5 } as const;
const WIRE_NAMES = ['varint', '64-bit', 'length-delimited', 'group start', 'group end', '32-bit', 'wire type 6', 'wire type 7'];

export function expectWire(actual: number, expected: number, what: string): void {
  if (actual !== expected) throw new CodecError(`${what} has wire type ${WIRE_NAMES[actual]}, expected ${WIRE_NAMES[expected]}`);
}

/** Skips a field this codec does not know; groups (deprecated) and undefined wire types are refused. */
export function skipUnknown(r: Reader, wire: number, field: number): void {
  if (field === 0) throw new CodecError('field number 0');
  switch (wire) {
    case WireType.Varint:
      r.skip();
      return;
    case WireType.Fixed64:
      r.skip(8);
      return;
    case WireType.Bytes:
      r.skip(r.size());
      return;
    case WireType.Fixed32:
      r.skip(4);
      return;
    default:
      throw new CodecError(`field ${field} has ${WIRE_NAMES[wire]}, which Sparkplug never uses`);
  }
}

/** The last 64-bit varint read, as unsigned 32-bit halves: one scratch object instead of one Long per value. */
export const u64 = { lo: 0, hi: 0 };

export function readVarint64(r: Reader): void {
  const buf = r.buf;
  const end = r.len;
  let pos = r.pos;
  let lo = 0;
  let b: number;
  for (let shift = 0; shift < 28; shift += 7) {
    if (pos >= end) throw new CodecError('truncated varint');
    b = buf[pos++]!;
    lo |= (b & 0x7f) << shift;
    if (b < 0x80) return done(r, pos, lo, 0);
  }
  if (pos >= end) throw new CodecError('truncated varint');
  b = buf[pos++]!;
  lo |= (b & 0x7f) << 28;
  let hi = (b & 0x7f) >>> 4;
  if (b < 0x80) return done(r, pos, lo, hi);
  for (let shift = 3; shift < 32; shift += 7) {
    if (pos >= end) throw new CodecError('truncated varint');
    b = buf[pos++]!;
    hi |= (b & 0x7f) << shift;
    if (b < 0x80) return done(r, pos, lo, hi);
  }
  throw new CodecError('varint longer than 10 bytes');
}

function done(r: Reader, pos: number, lo: number, hi: number): void {
  r.pos = pos;
  u64.lo = lo >>> 0;
  u64.hi = hi >>> 0;
}

/** The unsigned value of u64 when it is a safe integer, else -1. */
export function u64SafeNumber(): number {
  return u64.hi <= 0x1fffff ? u64.hi * 0x1_0000_0000 + u64.lo : -1;
}

export const u64Unsigned = (lo: number, hi: number): bigint => (BigInt(hi) << 32n) | BigInt(lo);
export const u64Signed = (lo: number, hi: number): bigint => BigInt.asIntN(64, u64Unsigned(lo, hi));

/** float/double through a DataView on the message (TurboFan inlines it; protobufjs's byte copy showed in profiles). */
function viewOf(r: Reader): DataView {
  return (r.view ??= new DataView(r.buf.buffer, r.buf.byteOffset, r.buf.byteLength));
}

export function readDouble(r: Reader): number {
  const pos = r.pos;
  if (pos + 8 > r.len) throw new CodecError('truncated double');
  r.pos = pos + 8;
  return viewOf(r).getFloat64(pos, true);
}

export function readFloat(r: Reader): number {
  const pos = r.pos;
  if (pos + 4 > r.len) throw new CodecError('truncated float');
  r.pos = pos + 4;
  return viewOf(r).getFloat32(pos, true);
}

/** Length of the next length-delimited field, checked against the bytes left and a cap. */
export function readLength(r: Reader, cap: number, what: string): number {
  const len = r.size();
  if (len > r.len - r.pos) throw new CodecError(`${what} claims ${len} bytes, only ${r.len - r.pos} left`);
  if (len > cap) throw new CodecError(`${what} of ${len} bytes is over the limit of ${cap}`);
  return len;
}

export function readString(r: Reader, limits: DecodeLimits, what: string): string {
  const len = readLength(r, limits.maxStringBytes, what);
  const start = r.pos;
  r.pos += len;
  return utf8(r.buf, start, start + len);
}

export function readBytes(r: Reader, cap: number, what: string): Uint8Array {
  const len = readLength(r, cap, what);
  const start = r.pos;
  r.pos += len;
  return r.buf.subarray(start, start + len);
}

const decoder = new TextDecoder();
type Utf8Slicer = { utf8Slice?: (start: number, end: number) => string };

export function utf8(buf: Uint8Array, start: number, end: number): string {
  const slicer = buf as Utf8Slicer;
  return slicer.utf8Slice ? slicer.utf8Slice(start, end) : decoder.decode(buf.subarray(start, end));
}

/** A Buffer-backed reader (fast string slicing) over any Uint8Array, without copying. */
export function readerFor(bytes: Uint8Array): Reader {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return PbReader.create(buf);
}
