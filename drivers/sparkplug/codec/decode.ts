import { fail, ok, type Result } from '../../../core';
import { decodeMetric, readTimestamp } from './decode-raw';
import { REFUSED, refusalReason, typedMetric } from './interpret';
import { RawMetric, type SparkplugMetric, type SparkplugPayload } from './types';
import { CodecError, DEFAULT_LIMITS, expectWire, readBytes, readLength, readString, readVarint64, readerFor, skipUnknown, u64SafeNumber, WireType, type DecodeLimits } from './wire';

/**
 * Decodes payloads into reused raw metrics: the host's ingest path. After decode() returns null, metrics
 * 0…count-1 hold this payload until the next decode(); after it returns a reason, nothing of the payload may be used.
 */
export class PayloadDecoder {
  /** ms since the epoch, -1 when absent. */
  timestamp = -1;
  /** -1 when absent. */
  seq = -1;
  uuid: string | undefined = undefined;
  body: Uint8Array | null = null;
  count = 0;
  private readonly pool: RawMetric[] = [];

  constructor(readonly limits: DecodeLimits = DEFAULT_LIMITS) {}

  metric(index: number): RawMetric {
    return this.pool[index]!;
  }

  /** null when the bytes are a Sparkplug B payload within the limits, else why not. Never throws. */
  decode(bytes: Uint8Array): string | null {
    this.timestamp = -1;
    this.seq = -1;
    this.uuid = undefined;
    this.body = null;
    this.count = 0;
    const { limits } = this;
    if (bytes.length > limits.maxPayloadBytes) return `payload of ${bytes.length} bytes is over the limit of ${limits.maxPayloadBytes}`;
    try {
      const r = readerFor(bytes);
      while (r.pos < r.len) {
        const tag = r.tag();
        const field = tag >>> 3;
        const wire = tag & 7;
        switch (field) {
          case 1:
            expectWire(wire, WireType.Varint, 'Payload.timestamp');
            this.timestamp = readTimestamp(r, 'Payload.timestamp');
            break;
          case 2: {
            expectWire(wire, WireType.Bytes, 'Payload.metrics');
            if (this.count >= limits.maxMetrics) throw new CodecError(`more than ${limits.maxMetrics} metrics`);
            const len = readLength(r, limits.maxPayloadBytes, 'Metric');
            let m = this.pool[this.count];
            if (!m) this.pool.push((m = new RawMetric()));
            decodeMetric(r, r.pos + len, m, limits, 0);
            this.count++;
            break;
          }
          case 3: {
            expectWire(wire, WireType.Varint, 'Payload.seq');
            readVarint64(r);
            const seq = u64SafeNumber();
            if (seq < 0) throw new CodecError('Payload.seq is beyond 2^53');
            this.seq = seq;
            break;
          }
          case 4:
            expectWire(wire, WireType.Bytes, 'Payload.uuid');
            this.uuid = readString(r, limits, 'Payload.uuid');
            break;
          case 5:
            expectWire(wire, WireType.Bytes, 'Payload.body');
            this.body = readBytes(r, limits.maxPayloadBytes, 'Payload.body');
            break;
          default:
            skipUnknown(r, wire, field);
        }
      }
      return null;
    } catch (err) {
      this.count = 0;
      return err instanceof CodecError ? err.message : `malformed protobuf: ${(err as Error).message}`;
    }
  }
}

export const SPARKPLUG_MALFORMED = 'sparkplug_malformed_payload';

/**
 * The whole payload as plain objects, each metric's value typed by its own datatype (see MetricValue); metrics
 * without a datatype keep their raw field value. For commands, tests and tools; the host uses PayloadDecoder.
 */
export function decodePayload(bytes: Uint8Array, limits: DecodeLimits = DEFAULT_LIMITS): Result<SparkplugPayload> {
  const decoder = new PayloadDecoder(limits);
  const why = decoder.decode(bytes);
  if (why !== null) return fail(SPARKPLUG_MALFORMED, `Not a Sparkplug B payload: ${why}.`);
  const metrics: SparkplugMetric[] = [];
  for (let i = 0; i < decoder.count; i++) {
    const m = typedMetric(decoder.metric(i), limits.maxElements);
    if (m === REFUSED) return fail(SPARKPLUG_MALFORMED, `Metric ${i} ("${decoder.metric(i).name ?? '?'}") is not valid: ${refusalReason()}.`);
    metrics.push(m);
  }
  return ok({
    ...(decoder.timestamp < 0 ? {} : { timestamp: decoder.timestamp }),
    ...(decoder.seq < 0 ? {} : { seq: decoder.seq }),
    ...(decoder.uuid === undefined ? {} : { uuid: decoder.uuid }),
    ...(decoder.body === null ? {} : { body: Uint8Array.from(decoder.body) }),
    metrics,
  });
}
