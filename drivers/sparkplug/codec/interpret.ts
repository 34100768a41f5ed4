import { decodeArray } from './arrays';
import { DataType, INT_RANGES, dataTypeName, isArrayDataType } from './datatypes';
import {
  ValueField,
  type DataSetValue,
  type MetricValue,
  type RawCell,
  type RawDataSet,
  type RawMetric,
  type RawTemplate,
  type ScalarValue,
  type SparkplugMetric,
  type TemplateValue,
} from './types';
import { u64Signed, u64Unsigned, type CodecError } from './wire';

/**
 * Raw protobuf fields → the value of a datatype. A value that does not fit its datatype (wrong oneof field, out of
 * range) is refused with a reason, never bent into shape. Refusals are a sentinel plus a reason, not exceptions,
 * because the host meets them on its hot path.
 */
export const REFUSED: unique symbol = Symbol('refused');
export type Refused = typeof REFUSED;

let reason = '';
/** Why the last interpretation was refused. */
export const refusalReason = (): string => reason;

export function refuse(why: string): Refused {
  reason = why;
  return REFUSED;
}

const FIELD_NAMES: Readonly<Record<number, string>> = {
  [ValueField.None]: 'no value',
  [ValueField.Int]: 'int_value',
  [ValueField.Long]: 'long_value',
  [ValueField.Float]: 'float_value',
  [ValueField.Double]: 'double_value',
  [ValueField.Boolean]: 'boolean_value',
  [ValueField.String]: 'string_value',
  [ValueField.Bytes]: 'bytes_value',
  [ValueField.DataSet]: 'dataset_value',
  [ValueField.Template]: 'template_value',
  [ValueField.Extension]: 'extension_value',
};

export const wrongField = (datatype: number, field: number): Refused =>
  refuse(`${dataTypeName(datatype)} value sent as ${FIELD_NAMES[field] ?? `field ${field}`}`);

/**
 * Int8…UInt32 from int_value (uint32 on the wire). Signed types come sign-extended to 32 bits (Tahu's encoders) or
 * masked to their own width; anything outside the type's range is refused.
 */
export function smallIntFromU32(u: number, datatype: number): number | Refused {
  switch (datatype) {
    case DataType.Int8:
      return u <= 0xff ? (u << 24) >> 24 : u >= 0xffffff80 ? u | 0 : refuse(`Int8 int_value ${u} is out of range`);
    case DataType.Int16:
      return u <= 0xffff ? (u << 16) >> 16 : u >= 0xffff8000 ? u | 0 : refuse(`Int16 int_value ${u} is out of range`);
    case DataType.Int32:
      return u | 0;
    case DataType.UInt32:
      return u;
    default: {
      const range = INT_RANGES[datatype];
      return range && u <= range[1] ? u : refuse(`${dataTypeName(datatype)} int_value ${u} is out of range`);
    }
  }
}

/** Int8…UInt32 from long_value: the 64-bit two's complement value must lie within the type's range. */
export function smallIntFromU64(lo: number, hi: number, datatype: number): number | Refused {
  const range = INT_RANGES[datatype];
  if (!range) return refuse(`${dataTypeName(datatype)} is not a small integer type`);
  const signed = range[0] < 0;
  const value = hi === 0 ? lo : signed && hi === 0xffffffff && lo >= 0x80000000 ? lo | 0 : Number.NaN;
  return value >= range[0] && value <= range[1] ? value : refuse(`${dataTypeName(datatype)} long_value is out of range`);
}

/** A scalar from a DataSet cell or Template parameter (long values arrive as bigint). */
export function cellValue(cell: RawCell, datatype: number): ScalarValue | null | Refused {
  const { field, value } = cell;
  if (field === ValueField.None) return null;
  switch (datatype) {
    case DataType.Int8:
    case DataType.Int16:
    case DataType.Int32:
    case DataType.UInt8:
    case DataType.UInt16:
    case DataType.UInt32:
      if (field === ValueField.Int) return smallIntFromU32(value as number, datatype);
      if (field === ValueField.Long) {
        const big = value as bigint;
        return smallIntFromU64(Number(big & 0xffffffffn), Number(big >> 32n), datatype);
      }
      return wrongField(datatype, field);
    case DataType.Int64:
      return field === ValueField.Long ? BigInt.asIntN(64, value as bigint) : wrongField(datatype, field);
    case DataType.UInt64:
      return field === ValueField.Long ? (value as bigint) : wrongField(datatype, field);
    case DataType.DateTime:
      return field === ValueField.Long ? dateTime(value as bigint) : wrongField(datatype, field);
    case DataType.Float:
    case DataType.Double:
      return field === ValueField.Float || field === ValueField.Double ? (value as number) : wrongField(datatype, field);
    case DataType.Boolean:
      return field === ValueField.Boolean ? (value as boolean) : wrongField(datatype, field);
    case DataType.String:
    case DataType.Text:
    case DataType.UUID:
      return field === ValueField.String ? (value as string) : wrongField(datatype, field);
    default:
      return refuse(`${dataTypeName(datatype)} cannot be a DataSet or parameter value`);
  }
}

function dateTime(ms: bigint): number | Refused {
  return ms <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(ms) : refuse(`DateTime ${ms} ms is beyond 2^53`);
}

/** A metric's value by its datatype (see MetricValue); null for is_null or no value at all. */
export function metricValue(m: RawMetric, datatype: number, maxElements: number): MetricValue | Refused {
  if (m.isNull || m.field === ValueField.None) return null;
  const { field } = m;
  switch (datatype) {
    case DataType.Int8:
    case DataType.Int16:
    case DataType.Int32:
    case DataType.UInt8:
    case DataType.UInt16:
    case DataType.UInt32:
      if (field === ValueField.Int) return smallIntFromU32(m.u32, datatype);
      if (field === ValueField.Long) return smallIntFromU64(m.lo, m.hi, datatype);
      return wrongField(datatype, field);
    case DataType.Int64:
      return field === ValueField.Long ? u64Signed(m.lo, m.hi) : wrongField(datatype, field);
    case DataType.UInt64:
      return field === ValueField.Long ? u64Unsigned(m.lo, m.hi) : wrongField(datatype, field);
    case DataType.DateTime:
      return field === ValueField.Long ? dateTime(u64Unsigned(m.lo, m.hi)) : wrongField(datatype, field);
    case DataType.Float:
    case DataType.Double:
      return field === ValueField.Float || field === ValueField.Double ? m.num : wrongField(datatype, field);
    case DataType.Boolean:
      return field === ValueField.Boolean ? m.bool : wrongField(datatype, field);
    case DataType.String:
    case DataType.Text:
    case DataType.UUID:
      return field === ValueField.String ? m.str : wrongField(datatype, field);
    case DataType.Bytes:
    case DataType.File:
      return field === ValueField.Bytes && m.bytes ? Uint8Array.from(m.bytes) : wrongField(datatype, field);
    case DataType.DataSet:
      return field === ValueField.DataSet && m.dataset ? dataSetValue(m.dataset) : wrongField(datatype, field);
    case DataType.Template:
      return field === ValueField.Template && m.template ? templateValue(m.template, maxElements) : wrongField(datatype, field);
    default:
      if (!isArrayDataType(datatype)) return refuse(`${dataTypeName(datatype)} cannot be a metric's datatype`);
      if (field !== ValueField.Bytes || !m.bytes) return wrongField(datatype, field);
      try {
        return decodeArray(datatype, m.bytes, maxElements);
      } catch (err) {
        return refuse((err as CodecError).message);
      }
  }
}

export function dataSetValue(ds: RawDataSet): DataSetValue | Refused {
  const n = ds.columns.length;
  if (ds.types.length !== n) return refuse(`DataSet has ${n} columns but ${ds.types.length} types`);
  if (ds.numOfColumns >= 0 && ds.numOfColumns !== n) return refuse(`DataSet says ${ds.numOfColumns} columns but names ${n}`);
  const rows: (ScalarValue | null)[][] = [];
  for (const [r, raw] of ds.rows.entries()) {
    if (raw.length !== n) return refuse(`DataSet row ${r} has ${raw.length} values for ${n} columns`);
    const row: (ScalarValue | null)[] = [];
    for (let c = 0; c < n; c++) {
      const v = cellValue(raw[c]!, ds.types[c]!);
      if (v === REFUSED) return refuse(`DataSet row ${r} column "${ds.columns[c]}": ${reason}`);
      row.push(v);
    }
    rows.push(row);
  }
  return { columns: [...ds.columns], types: [...ds.types], rows };
}

export function templateValue(t: RawTemplate, maxElements: number): TemplateValue | Refused {
  const metrics: SparkplugMetric[] = [];
  for (const raw of t.metrics) {
    const m = typedMetric(raw, maxElements);
    if (m === REFUSED) return refuse(`Template metric "${raw.name ?? '?'}": ${reason}`);
    metrics.push(m);
  }
  const parameters = [];
  for (const p of t.parameters) {
    const value = cellValue(p.cell, p.type);
    if (value === REFUSED) return refuse(`Template parameter "${p.name ?? '?'}": ${reason}`);
    parameters.push({ name: p.name ?? '', type: p.type, value });
  }
  return {
    ...(t.version === undefined ? {} : { version: t.version }),
    ...(t.templateRef === undefined ? {} : { templateRef: t.templateRef }),
    isDefinition: t.isDefinition,
    metrics,
    parameters,
  };
}

/** A raw metric as a plain object; without a datatype its value is the raw field (int_value as unsigned, long_value as bigint). */
export function typedMetric(m: RawMetric, maxElements: number): SparkplugMetric | Refused {
  const value = m.datatype === DataType.Unknown ? rawValue(m) : metricValue(m, m.datatype, maxElements);
  if (value === REFUSED) return REFUSED;
  return {
    ...(m.name === undefined ? {} : { name: m.name }),
    ...(m.alias < 0 ? {} : { alias: m.alias }),
    ...(m.timestamp < 0 ? {} : { timestamp: m.timestamp }),
    ...(m.datatype === DataType.Unknown ? {} : { datatype: m.datatype }),
    ...(m.isHistorical ? { isHistorical: true } : {}),
    ...(m.isTransient ? { isTransient: true } : {}),
    ...(m.isNull ? { isNull: true } : {}),
    value,
  };
}

function rawValue(m: RawMetric): MetricValue | Refused {
  if (m.isNull) return null;
  switch (m.field) {
    case ValueField.Int:
      return m.u32;
    case ValueField.Long:
      return u64Unsigned(m.lo, m.hi);
    case ValueField.Float:
    case ValueField.Double:
      return m.num;
    case ValueField.Boolean:
      return m.bool;
    case ValueField.String:
      return m.str;
    case ValueField.Bytes:
      return m.bytes ? Uint8Array.from(m.bytes) : null;
    case ValueField.DataSet:
      return m.dataset ? dataSetValue(m.dataset) : null;
    case ValueField.Template:
      return m.template ? templateValue(m.template, Number.MAX_SAFE_INTEGER) : null;
    default:
      return null;
  }
}
