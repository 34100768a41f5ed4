import type { TagValue } from '../../core';
import {
  DataType,
  REFUSED,
  ValueField,
  dataTypeName,
  metricValue,
  refuse,
  refusalReason,
  smallIntFromU32,
  smallIntFromU64,
  u64Signed,
  u64Unsigned,
  wrongField,
  type DataSetValue,
  type MetricValue,
  type RawMetric,
  type Refused,
  type ScalarValue,
  type TemplateValue,
} from './codec';

/**
 * Metric value → TagValue value. Numbers stay numbers; Int64/UInt64 beyond 2^53 become exact decimal strings;
 * DateTime becomes ISO 8601; Bytes/File base64; arrays, DataSets and Templates JSON text. NaN and ±Infinity are
 * refused: they are not measurements, and the metric goes bad instead.
 */
export type TagScalar = TagValue['value'];

const MAX_DATE_MS = 8.64e15;

export function tagScalar(m: RawMetric, datatype: number, maxElements: number): TagScalar | Refused {
  if (m.isNull) return null;
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
      if (field !== ValueField.Long) return wrongField(datatype, field);
      if (m.hi <= 0x1fffff) return m.hi * 0x1_0000_0000 + m.lo;
      if (m.hi >= 0xffe00000) return (m.hi - 0x1_0000_0000) * 0x1_0000_0000 + m.lo;
      return u64Signed(m.lo, m.hi).toString();
    case DataType.UInt64:
      if (field !== ValueField.Long) return wrongField(datatype, field);
      return m.hi <= 0x1fffff ? m.hi * 0x1_0000_0000 + m.lo : u64Unsigned(m.lo, m.hi).toString();
    case DataType.Float:
    case DataType.Double:
      if (field !== ValueField.Float && field !== ValueField.Double) return wrongField(datatype, field);
      return Number.isFinite(m.num) ? m.num : refuse(`${dataTypeName(datatype)} ${m.num} is not a measurement`);
    case DataType.Boolean:
      return field === ValueField.Boolean ? m.bool : wrongField(datatype, field);
    case DataType.String:
    case DataType.Text:
    case DataType.UUID:
      return field === ValueField.String ? m.str : wrongField(datatype, field);
    case DataType.DateTime: {
      if (field !== ValueField.Long) return wrongField(datatype, field);
      const ms = m.hi * 0x1_0000_0000 + m.lo;
      return ms <= MAX_DATE_MS ? isoTime(ms) : refuse(`DateTime ${ms} ms is beyond the year 275760`);
    }
    default: {
      if (field === ValueField.None) return refuse('no value');
      const value = metricValue(m, datatype, maxElements);
      return value === REFUSED ? REFUSED : complexText(value, datatype);
    }
  }
}

/** Bytes, arrays, DataSets and Templates as text a person or a script can read back. */
function complexText(value: MetricValue, datatype: number): TagScalar | Refused {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  const json = toJson(value, datatype);
  if (json === REFUSED) return REFUSED;
  return JSON.stringify(json);
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function scalarJson(v: ScalarValue | null, datatype: number): Json | Refused {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (!Number.isFinite(v)) return refuse(`${dataTypeName(datatype)} holds ${v}, which is not a measurement`);
  if (datatype === DataType.DateTime || datatype === DataType.DateTimeArray) return v <= MAX_DATE_MS ? new Date(v).toISOString() : refuse('DateTime out of range');
  return v;
}

function toJson(value: MetricValue, datatype: number): Json | Refused {
  if (value === null) return null;
  if (Array.isArray(value)) return list(value as readonly ScalarValue[], (v) => scalarJson(v, datatype));
  if (datatype === DataType.DataSet) {
    const ds = value as DataSetValue;
    const rows = list(ds.rows, (row) => list(row, (cell, c) => scalarJson(cell, ds.types[c] ?? 0)));
    if (rows === REFUSED) return REFUSED;
    return { columns: [...ds.columns], types: ds.types.map(dataTypeName), rows };
  }
  if (datatype === DataType.Template) {
    const t = value as TemplateValue;
    const metrics = list(t.metrics, (m) => {
      const v = m.datatype === undefined ? REFUSED : toJson(m.value, m.datatype);
      return v === REFUSED ? refuse(`template metric "${m.name ?? '?'}": ${refusalReason()}`) : { name: m.name ?? '', dataType: dataTypeName(m.datatype ?? 0), value: v };
    });
    const parameters = list(t.parameters ?? [], (p) => {
      const v = scalarJson(p.value, p.type);
      return v === REFUSED ? REFUSED : { name: p.name, type: dataTypeName(p.type), value: v };
    });
    if (metrics === REFUSED || parameters === REFUSED) return REFUSED;
    return { templateRef: t.templateRef ?? null, version: t.version ?? null, isDefinition: t.isDefinition ?? false, metrics, parameters };
  }
  return scalarJson(value as ScalarValue, datatype);
}

function list<T>(items: readonly T[], map: (item: T, index: number) => Json | Refused): Json[] | Refused {
  const out: Json[] = [];
  for (let i = 0; i < items.length; i++) {
    const v = map(items[i]!, i);
    if (v === REFUSED) return REFUSED;
    out.push(v);
  }
  return out;
}

// A batch of metrics usually shares one timestamp: format it once.
let lastMs = Number.NaN;
let lastIso = '';

/** ISO 8601 for ms since the epoch; null when out of the Date range. */
export function isoTime(ms: number): string | null {
  if (ms === lastMs) return lastIso;
  if (!(ms >= 0 && ms <= MAX_DATE_MS)) return null;
  lastMs = ms;
  lastIso = new Date(ms).toISOString();
  return lastIso;
}

export type Coerced = { readonly ok: true; readonly wire: ScalarValue; readonly expected: TagScalar } | { readonly ok: false; readonly reason: string };

const INT_LIMITS: Readonly<Partial<Record<number, readonly [bigint, bigint]>>> = {
  [DataType.Int8]: [-128n, 127n],
  [DataType.Int16]: [-32768n, 32767n],
  [DataType.Int32]: [-2147483648n, 2147483647n],
  [DataType.Int64]: [-(2n ** 63n), 2n ** 63n - 1n],
  [DataType.UInt8]: [0n, 255n],
  [DataType.UInt16]: [0n, 65535n],
  [DataType.UInt32]: [0n, 4294967295n],
  [DataType.UInt64]: [0n, 2n ** 64n - 1n],
};

/**
 * A value to write → what goes on the wire and what the metric must then read (its TagValue value). Refuses
 * anything that would change the value's meaning: no rounding, no wrapping, no text-to-number guessing beyond
 * decimal strings for 64-bit integers and ISO 8601 for DateTime.
 */
export function coerceForWrite(value: string | number | boolean, datatype: number): Coerced {
  const typeName = dataTypeName(datatype);
  const refuseWrite = (why = ''): Coerced => ({ ok: false, reason: `the metric holds ${typeName}${why}` });
  switch (datatype) {
    case DataType.Boolean:
      return typeof value === 'boolean' ? { ok: true, wire: value, expected: value } : refuseWrite();
    case DataType.String:
    case DataType.Text:
    case DataType.UUID:
      return typeof value === 'string' ? { ok: true, wire: value, expected: value } : refuseWrite();
    case DataType.Float:
    case DataType.Double:
      if (typeof value !== 'number' || !Number.isFinite(value)) return refuseWrite(', a finite number');
      return { ok: true, wire: value, expected: datatype === DataType.Float ? Math.fround(value) : value };
    case DataType.DateTime: {
      const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (!Number.isInteger(ms) || ms < 0 || ms > MAX_DATE_MS) return refuseWrite(' (ms since 1970 or an ISO 8601 time)');
      return { ok: true, wire: ms, expected: new Date(ms).toISOString() };
    }
    default: {
      const limits = INT_LIMITS[datatype];
      if (!limits) return refuseWrite(', which this driver does not write');
      let big: bigint;
      if (typeof value === 'number' && Number.isSafeInteger(value)) big = BigInt(value);
      else if (typeof value === 'string' && /^-?\d{1,20}$/.test(value) && (datatype === DataType.Int64 || datatype === DataType.UInt64)) big = BigInt(value);
      else return refuseWrite(', a whole number');
      if (big < limits[0] || big > limits[1]) return refuseWrite(` (${limits[0]} … ${limits[1]})`);
      const asNumber = Number(big);
      const expected = Number.isSafeInteger(asNumber) ? asNumber : big.toString();
      return { ok: true, wire: datatype === DataType.Int64 || datatype === DataType.UInt64 ? big : asNumber, expected };
    }
  }
}
