import { DataType, VariantArrayType, type DataValue, type StatusCode } from 'node-opcua';
import type { Quality, TagValue } from '../../core';

/** OPC UA StatusCode severity (the two top bits, Part 4 §7.39): 00 good, 01 uncertain, 10/11 bad. */
export function qualityOf(status: StatusCode): Quality {
  const severity = status.value >>> 30;
  return severity === 0 ? 'good' : severity === 1 ? 'uncertain' : 'bad';
}

export const BAD_VALUE: TagValue = { value: null, quality: 'bad', sourceTime: null };

/** The last value kept for context, but marked bad: it is not live any more. */
export const asStale = (last: TagValue | undefined): TagValue => (last ? { ...last, quality: 'bad' } : BAD_VALUE);

export function toTagValue(dataValue: DataValue): TagValue {
  const quality = qualityOf(dataValue.statusCode);
  const sourceTime = dataValue.sourceTimestamp ? dataValue.sourceTimestamp.toISOString() : null;
  const variant = dataValue.value;
  if (!variant || variant.dataType === DataType.Null) return { value: null, quality, sourceTime };
  if (variant.arrayType !== VariantArrayType.Scalar) return { value: JSON.stringify(Array.from(variant.value as ArrayLike<unknown>, scalar)), quality, sourceTime };
  if (variant.dataType === DataType.Int64 || variant.dataType === DataType.UInt64) return { value: int64(variant.value), quality, sourceTime };
  return { value: scalar(variant.value), quality, sourceTime };
}

function scalar(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'text' in value) return (value as { text: string | null }).text; // LocalizedText
  if (typeof value === 'object' && 'name' in value && 'namespaceIndex' in value) return String((value as { name: unknown }).name); // QualifiedName
  return String(value);
}

/** node-opcua carries 64-bit integers as [high, low] 32-bit words. */
function int64(value: unknown): number | null {
  if (Array.isArray(value) && value.length === 2) return (value[0] as number) * 0x1_0000_0000 + (value[1] as number);
  return typeof value === 'number' ? value : null;
}

const INTEGER_RANGES: Partial<Record<DataType, readonly [number, number]>> = {
  [DataType.SByte]: [-128, 127],
  [DataType.Byte]: [0, 255],
  [DataType.Int16]: [-32768, 32767],
  [DataType.UInt16]: [0, 65535],
  [DataType.Int32]: [-2147483648, 2147483647],
  [DataType.UInt32]: [0, 4294967295],
  [DataType.Int64]: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  [DataType.UInt64]: [0, Number.MAX_SAFE_INTEGER],
};

export type Coerced = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/** Turns a value into what a tag of this built-in type holds, refusing anything that would change its meaning. */
export function coerceForWrite(value: string | number | boolean, dataType: DataType): Coerced {
  const typeName = DataType[dataType] ?? `type ${dataType}`;
  const refuse = (why: string): Coerced => ({ ok: false, reason: `the tag holds ${typeName}${why}` });
  switch (dataType) {
    case DataType.Boolean:
      return typeof value === 'boolean' ? { ok: true, value } : refuse('');
    case DataType.String:
      return typeof value === 'string' ? { ok: true, value } : refuse('');
    case DataType.LocalizedText:
      return typeof value === 'string' ? { ok: true, value: { text: value } } : refuse('');
    case DataType.Float:
    case DataType.Double:
      return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : refuse('');
    default: {
      const range = INTEGER_RANGES[dataType];
      if (!range) return refuse(', which this driver does not write');
      if (typeof value !== 'number' || !Number.isInteger(value)) return refuse(', a whole number');
      if (value < range[0] || value > range[1]) return refuse(` (${range[0]} … ${range[1]})`);
      return { ok: true, value };
    }
  }
}

/** Does the read-back value equal what was written (Float keeps only single precision)? */
export function sameAsWritten(written: string | number | boolean, readBack: TagValue['value'], dataType: DataType): boolean {
  if (dataType === DataType.Float && typeof written === 'number') return readBack === Math.fround(written);
  return readBack === written;
}
