/** Sparkplug B metric data types (sparkplug_b.proto `enum DataType`). */
export const DataType = {
  Unknown: 0,
  Int8: 1,
  Int16: 2,
  Int32: 3,
  Int64: 4,
  UInt8: 5,
  UInt16: 6,
  UInt32: 7,
  UInt64: 8,
  Float: 9,
  Double: 10,
  Boolean: 11,
  String: 12,
  DateTime: 13,
  Text: 14,
  UUID: 15,
  DataSet: 16,
  Bytes: 17,
  File: 18,
  Template: 19,
  PropertySet: 20,
  PropertySetList: 21,
  Int8Array: 22,
  Int16Array: 23,
  Int32Array: 24,
  Int64Array: 25,
  UInt8Array: 26,
  UInt16Array: 27,
  UInt32Array: 28,
  UInt64Array: 29,
  FloatArray: 30,
  DoubleArray: 31,
  BooleanArray: 32,
  StringArray: 33,
  DateTimeArray: 34,
} as const;

export type DataTypeName = keyof typeof DataType;
export type DataTypeCode = (typeof DataType)[DataTypeName];

const NAMES: readonly string[] = Object.entries(DataType)
  .sort((a, b) => a[1] - b[1])
  .map(([name]) => name);

/** "Int32", "Double", …; "DataType 99" for a code the specification does not define. */
export function dataTypeName(code: number): string {
  return NAMES[code] ?? `DataType ${code}`;
}

export function dataTypeCode(name: string): number | undefined {
  return (DataType as Record<string, number>)[name];
}

/** A type a metric may carry (not Unknown, not the property-only PropertySet types, not beyond the enum). */
export function isMetricDataType(code: number): boolean {
  return code >= DataType.Int8 && code <= DataType.DateTimeArray && code !== DataType.PropertySet && code !== DataType.PropertySetList;
}

export function isArrayDataType(code: number): boolean {
  return code >= DataType.Int8Array && code <= DataType.DateTimeArray;
}

/** Integer ranges of the types carried in int_value / long_value (64-bit bounds as bigint). */
export const INT_RANGES: Readonly<Partial<Record<number, readonly [number, number]>>> = {
  [DataType.Int8]: [-128, 127],
  [DataType.Int16]: [-32768, 32767],
  [DataType.Int32]: [-2147483648, 2147483647],
  [DataType.UInt8]: [0, 255],
  [DataType.UInt16]: [0, 65535],
  [DataType.UInt32]: [0, 4294967295],
};

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_MAX = 2n ** 64n - 1n;
