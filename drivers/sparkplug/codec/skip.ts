import { CodecError, readLength, readVarint64, skipUnknown, WireType, type DecodeLimits, type Reader } from './wire';

/**
 * Parses over what the host does not use (metric metadata and properties, extension values) without building
 * anything: every field is checked against sparkplug_b.proto (wire type, length, nesting), so bytes protobufjs
 * would refuse are refused here too, yet nothing is allocated for them.
 */
interface Rule {
  readonly wire: number;
  readonly nested?: () => Schema;
  /** Length-delimited text: its length is capped like any string. */
  readonly text?: boolean;
}
type Schema = Readonly<Record<number, Rule>>;

const varint: Rule = { wire: WireType.Varint };
const text: Rule = { wire: WireType.Bytes, text: true };
const opaque: Schema = {};

const PROPERTY_VALUE: Schema = {
  1: varint,
  2: varint,
  3: varint,
  4: varint,
  5: { wire: WireType.Fixed32 },
  6: { wire: WireType.Fixed64 },
  7: varint,
  8: text,
  9: { wire: WireType.Bytes, nested: () => PROPERTY_SET },
  10: { wire: WireType.Bytes, nested: () => PROPERTY_SET_LIST },
  11: { wire: WireType.Bytes, nested: () => opaque },
};
const PROPERTY_SET: Schema = { 1: text, 2: { wire: WireType.Bytes, nested: () => PROPERTY_VALUE } };
const PROPERTY_SET_LIST: Schema = { 1: { wire: WireType.Bytes, nested: () => PROPERTY_SET } };
const META_DATA: Schema = { 1: varint, 2: text, 3: varint, 4: varint, 5: text, 6: text, 7: text, 8: text };

export const skipPropertySet = (r: Reader, end: number, limits: DecodeLimits, depth: number): void => walk(r, end, PROPERTY_SET, limits, depth);
export const skipMetaData = (r: Reader, end: number, limits: DecodeLimits, depth: number): void => walk(r, end, META_DATA, limits, depth);
/** An extension message: only its protobuf structure is known. */
export const skipExtension = (r: Reader, end: number, limits: DecodeLimits, depth: number): void => walk(r, end, opaque, limits, depth);

function walk(r: Reader, end: number, schema: Schema, limits: DecodeLimits, depth: number): void {
  if (depth > limits.maxDepth * 4) throw new CodecError('properties nested too deep');
  const outer = r.len;
  r.len = end;
  while (r.pos < end) {
    const tag = r.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    const rule = schema[field];
    if (!rule) {
      if (wire === WireType.Varint) readVarint64(r);
      else skipUnknown(r, wire, field);
      continue;
    }
    if (wire !== rule.wire) throw new CodecError(`a property or metadata field ${field} has the wrong wire type`);
    if (wire === WireType.Varint) readVarint64(r);
    else if (wire === WireType.Fixed32) r.skip(4);
    else if (wire === WireType.Fixed64) r.skip(8);
    else {
      const len = readLength(r, rule.text ? limits.maxStringBytes : limits.maxPayloadBytes, 'a property or metadata field');
      if (rule.nested) walk(r, r.pos + len, rule.nested(), limits, depth + 1);
      else r.skip(len);
    }
  }
  if (r.pos !== end) throw new CodecError('a property or metadata message runs past its length');
  r.len = outer;
}
