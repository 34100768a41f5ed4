// The Sparkplug B payload codec, written from sparkplug_b.proto on protobufjs's Reader/Writer.
export { DataType, dataTypeCode, dataTypeName, isArrayDataType, isMetricDataType, type DataTypeName } from './datatypes';
export type { DataSetValue, MetricValue, ScalarValue, SparkplugMetric, SparkplugPayload, TemplateParameter, TemplateValue } from './types';
export { RawMetric, ValueField } from './types';
export { decodePayload, PayloadDecoder, SPARKPLUG_MALFORMED } from './decode';
export { encodePayload, type EncodeOptions } from './encode';
export { decodeArray, encodeArray } from './arrays';
export { REFUSED, refusalReason, metricValue, smallIntFromU32, smallIntFromU64, wrongField, refuse, type Refused } from './interpret';
export { DEFAULT_LIMITS, u64Signed, u64Unsigned, type DecodeLimits } from './wire';
