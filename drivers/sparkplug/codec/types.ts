/**
 * The payload as a program uses it (typed values) and as the decoder first sees it (raw protobuf fields, reused
 * between messages). A DATA metric usually carries no datatype: its raw field only gets a meaning from the birth.
 */

export type ScalarValue = number | bigint | boolean | string;

/**
 * A metric value by datatype: Int8…UInt32, Float, Double → number; Int64, UInt64 → bigint; DateTime → number (ms since
 * the epoch); Boolean → boolean; String, Text, UUID → string; Bytes, File → Uint8Array; arrays → arrays of the same
 * (Int64Array, UInt64Array → bigint[]; DateTimeArray → number[]); DataSet, Template → their objects; null when is_null.
 */
export type MetricValue = ScalarValue | Uint8Array | readonly ScalarValue[] | DataSetValue | TemplateValue | null;

export interface DataSetValue {
  readonly columns: readonly string[];
  /** DataType codes, one per column. */
  readonly types: readonly number[];
  readonly rows: readonly (readonly (ScalarValue | null)[])[];
}

export interface TemplateParameter {
  readonly name: string;
  readonly type: number;
  readonly value: ScalarValue | null;
}

export interface TemplateValue {
  readonly version?: string;
  readonly templateRef?: string;
  readonly isDefinition?: boolean;
  readonly metrics: readonly SparkplugMetric[];
  readonly parameters?: readonly TemplateParameter[];
}

export interface SparkplugMetric {
  readonly name?: string;
  readonly alias?: number;
  /** ms since the epoch. */
  readonly timestamp?: number;
  /** DataType code; required to encode a value. */
  readonly datatype?: number;
  readonly isHistorical?: boolean;
  readonly isTransient?: boolean;
  readonly isNull?: boolean;
  readonly value: MetricValue;
}

export interface SparkplugPayload {
  readonly timestamp?: number;
  readonly seq?: number;
  readonly uuid?: string;
  readonly body?: Uint8Array;
  readonly metrics: readonly SparkplugMetric[];
}

/** The Metric oneof `value` fields by field number (DataSet and Template parameter values are mapped onto these). */
export const ValueField = {
  None: 0,
  Int: 10,
  Long: 11,
  Float: 12,
  Double: 13,
  Boolean: 14,
  String: 15,
  Bytes: 16,
  DataSet: 17,
  Template: 18,
  Extension: 19,
} as const;

/** A DataSet cell or Template parameter value as it was on the wire (long values as bigint). */
export interface RawCell {
  readonly field: number;
  readonly value: number | bigint | boolean | string | null;
}

export interface RawDataSet {
  /** -1 when absent. */
  numOfColumns: number;
  readonly columns: string[];
  readonly types: number[];
  readonly rows: RawCell[][];
}

export interface RawParameter {
  readonly name: string | undefined;
  readonly type: number;
  readonly cell: RawCell;
}

export interface RawTemplate {
  version: string | undefined;
  templateRef: string | undefined;
  isDefinition: boolean;
  readonly metrics: RawMetric[];
  readonly parameters: RawParameter[];
}

/** One metric's protobuf fields; the decoder reuses these objects from message to message. */
export class RawMetric {
  name: string | undefined = undefined;
  /** -1 when absent. */
  alias = -1;
  /** -1 when absent. */
  timestamp = -1;
  /** 0 (Unknown) when absent. */
  datatype = 0;
  isHistorical = false;
  isTransient = false;
  isNull = false;
  /** Which oneof value field was set (ValueField), None when no value came. */
  field: number = ValueField.None;
  /** int_value. */
  u32 = 0;
  /** long_value as two unsigned 32-bit halves. */
  lo = 0;
  hi = 0;
  /** float_value or double_value. */
  num = 0;
  bool = false;
  str = '';
  bytes: Uint8Array | null = null;
  dataset: RawDataSet | null = null;
  template: RawTemplate | null = null;

  reset(): void {
    this.name = undefined;
    this.alias = -1;
    this.timestamp = -1;
    this.datatype = 0;
    this.isHistorical = false;
    this.isTransient = false;
    this.isNull = false;
    this.field = ValueField.None;
    this.str = '';
    this.bytes = null;
    this.dataset = null;
    this.template = null;
  }
}
