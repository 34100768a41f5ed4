import type { Quality, TagValue } from '../../core';

/**
 * What a plain MQTT device publishes: a bare JSON scalar (23.5, "Idle", true, null) or an object
 * {"value": x, "timestamp": ms | ISO 8601, "quality": "good" | "uncertain" | "bad"} (other keys ignored).
 * Anything else — not JSON, arrays, objects without "value", non-finite numbers, bad timestamps — is refused.
 */
export type Parsed = { readonly ok: true; readonly value: TagValue } | { readonly ok: false; readonly reason: string };

export const MAX_STRING_CHARS = 64 * 1024;
const MAX_DATE_MS = 8.64e15;
const QUALITIES: ReadonlySet<string> = new Set(['good', 'uncertain', 'bad']);

const refuse = (reason: string): Parsed => ({ ok: false, reason });

export function parsePayload(bytes: Uint8Array, maxBytes: number): Parsed {
  if (bytes.length > maxBytes) return refuse(`payload of ${bytes.length} bytes is over the limit of ${maxBytes}`);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return refuse('not JSON');
  }
  const scalar = scalarProblem(json);
  if (scalar === null) return { ok: true, value: { value: json as TagValue['value'], quality: 'good', sourceTime: null } };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return refuse(scalar);
  const o = json as Record<string, unknown>;
  if (!Object.hasOwn(o, 'value')) return refuse('an object without "value"');
  const valueProblem = scalarProblem(o.value);
  if (valueProblem !== null) return refuse(`"value" is ${valueProblem}`);
  const quality = o.quality ?? 'good';
  if (typeof quality !== 'string' || !QUALITIES.has(quality)) return refuse('"quality" is not "good", "uncertain" or "bad"');
  const sourceTime = timestamp(o.timestamp);
  if (sourceTime === undefined) return refuse('"timestamp" is neither ms since 1970 nor an ISO 8601 time');
  return { ok: true, value: { value: o.value as TagValue['value'], quality: quality as Quality, sourceTime } };
}

/** null when the value is a scalar a tag may hold; else what it is. */
function scalarProblem(v: unknown): string | null {
  if (v === null || typeof v === 'boolean') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? null : 'a number out of range';
  if (typeof v === 'string') return v.length <= MAX_STRING_CHARS ? null : `a string over ${MAX_STRING_CHARS} characters`;
  return Array.isArray(v) ? 'an array' : 'an object';
}

/** ISO 8601 of a ms or ISO timestamp; null when absent; undefined when invalid. */
function timestamp(t: unknown): string | null | undefined {
  if (t === undefined || t === null) return null;
  const ms = typeof t === 'number' ? t : typeof t === 'string' && /^\d{4}-\d\d-\d\dT/.test(t) ? Date.parse(t) : Number.NaN;
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_DATE_MS ? new Date(ms).toISOString() : undefined;
}

export type WriteFormat = 'bare' | 'object';

export function encodeWrite(value: string | number | boolean, format: WriteFormat, nowMs: number): string {
  return format === 'bare' ? JSON.stringify(value) : JSON.stringify({ value, timestamp: new Date(nowMs).toISOString() });
}
