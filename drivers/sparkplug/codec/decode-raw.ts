import { decodeDataSet, decodeTemplate } from './decode-complex';
import { skipExtension, skipMetaData, skipPropertySet } from './skip';
import { ValueField, type RawMetric } from './types';
import { CodecError, expectWire, readBytes, readDouble, readFloat, readLength, readString, readVarint64, skipUnknown, u64, u64SafeNumber, WireType, type DecodeLimits, type Reader } from './wire';

/**
 * Protobuf → raw fields, by hand on protobufjs's Reader: each Metric message is read into a reused RawMetric, so
 * a DATA message costs no allocation per metric beyond its strings. Sub-messages narrow `r.len` to their own end,
 * so a length that lies cannot read into the next field.
 */
export function decodeMetric(r: Reader, end: number, m: RawMetric, limits: DecodeLimits, depth: number): void {
  const outer = r.len;
  r.len = end;
  m.reset();
  while (r.pos < end) {
    const tag = r.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    switch (field) {
      case 1:
        expectWire(wire, WireType.Bytes, 'Metric.name');
        m.name = readString(r, limits, 'Metric.name');
        break;
      case 2: {
        expectWire(wire, WireType.Varint, 'Metric.alias');
        readVarint64(r);
        const alias = u64SafeNumber();
        if (alias < 0) throw new CodecError('Metric.alias is beyond 2^53');
        m.alias = alias;
        break;
      }
      case 3:
        expectWire(wire, WireType.Varint, 'Metric.timestamp');
        m.timestamp = readTimestamp(r, 'Metric.timestamp');
        break;
      case 4:
        expectWire(wire, WireType.Varint, 'Metric.datatype');
        m.datatype = r.uint32();
        break;
      case 5:
        expectWire(wire, WireType.Varint, 'Metric.is_historical');
        m.isHistorical = r.bool();
        break;
      case 6:
        expectWire(wire, WireType.Varint, 'Metric.is_transient');
        m.isTransient = r.bool();
        break;
      case 7:
        expectWire(wire, WireType.Varint, 'Metric.is_null');
        m.isNull = r.bool();
        break;
      case 8: {
        // Metadata and properties are not used by the host: parsed over, nothing kept.
        expectWire(wire, WireType.Bytes, 'Metric.metadata');
        const len = readLength(r, limits.maxPayloadBytes, 'Metric.metadata');
        skipMetaData(r, r.pos + len, limits, depth);
        break;
      }
      case 9: {
        expectWire(wire, WireType.Bytes, 'Metric.properties');
        const len = readLength(r, limits.maxPayloadBytes, 'Metric.properties');
        skipPropertySet(r, r.pos + len, limits, depth);
        break;
      }
      case ValueField.Int:
        expectWire(wire, WireType.Varint, 'Metric.int_value');
        m.u32 = r.uint32();
        m.field = field;
        break;
      case ValueField.Long:
        expectWire(wire, WireType.Varint, 'Metric.long_value');
        readVarint64(r);
        m.lo = u64.lo;
        m.hi = u64.hi;
        m.field = field;
        break;
      case ValueField.Float:
        expectWire(wire, WireType.Fixed32, 'Metric.float_value');
        m.num = readFloat(r);
        m.field = field;
        break;
      case ValueField.Double:
        expectWire(wire, WireType.Fixed64, 'Metric.double_value');
        m.num = readDouble(r);
        m.field = field;
        break;
      case ValueField.Boolean:
        expectWire(wire, WireType.Varint, 'Metric.boolean_value');
        m.bool = r.bool();
        m.field = field;
        break;
      case ValueField.String:
        expectWire(wire, WireType.Bytes, 'Metric.string_value');
        m.str = readString(r, limits, 'Metric.string_value');
        m.field = field;
        break;
      case ValueField.Bytes:
        expectWire(wire, WireType.Bytes, 'Metric.bytes_value');
        m.bytes = readBytes(r, limits.maxPayloadBytes, 'Metric.bytes_value');
        m.field = field;
        break;
      case ValueField.DataSet: {
        expectWire(wire, WireType.Bytes, 'Metric.dataset_value');
        const len = readLength(r, limits.maxPayloadBytes, 'Metric.dataset_value');
        m.dataset = decodeDataSet(r, r.pos + len, limits);
        m.field = field;
        break;
      }
      case ValueField.Template: {
        expectWire(wire, WireType.Bytes, 'Metric.template_value');
        const len = readLength(r, limits.maxPayloadBytes, 'Metric.template_value');
        m.template = decodeTemplate(r, r.pos + len, limits, depth + 1);
        m.field = field;
        break;
      }
      case ValueField.Extension: {
        expectWire(wire, WireType.Bytes, 'Metric.extension_value');
        const len = readLength(r, limits.maxPayloadBytes, 'Metric.extension_value');
        skipExtension(r, r.pos + len, limits, depth);
        m.field = field;
        break;
      }
      default:
        skipUnknown(r, wire, field);
    }
  }
  if (r.pos !== end) throw new CodecError('Metric runs past its length');
  r.len = outer;
}

export function readTimestamp(r: Reader, what: string): number {
  readVarint64(r);
  const ms = u64SafeNumber();
  if (ms < 0) throw new CodecError(`${what} is beyond 2^53 ms`);
  return ms;
}
