import * as crypto from 'node:crypto';
import { GENESIS_HASH, canonicalEvent, signedRecordForm, type BoundSignature, type ChainedRow, type Signature } from '../../core';
import type { Db } from './database';
import type { EventRow } from './event-store';

// node:crypto's one-shot hash (Node ≥ 21.7) saves a Hash object per event; createHash where it is absent.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'buffer') => Buffer }).hash;

export const sha256 = oneShot
  ? (text: string): Buffer => oneShot('sha256', text, 'buffer')
  : (text: string): Buffer => crypto.createHash('sha256').update(text).digest();

/** SHA-256 as lower-case hex. */
export const sha256Hex = oneShot
  ? (text: string): string => (crypto as unknown as { hash: (a: string, d: string, e: 'hex') => string }).hash('sha256', text, 'hex')
  : (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

/** The chain's head: the last event's sequence number and hash. */
export interface ChainHead {
  seq: number;
  hash: Buffer;
  /** The same hash as hex, as the next event's canonical form names it. */
  hex: string;
}

export const GENESIS: Readonly<ChainHead> = { seq: 0, hash: Buffer.from(GENESIS_HASH, 'hex'), hex: GENESIS_HASH };

/** An event's hash: SHA-256 over its canonical form chained to the hash before it. */
export function hashEvent(row: ChainedRow, previous: Buffer): Buffer {
  return sha256(canonicalEvent(row, previous.toString('hex')));
}

/** The head as stored (the genesis for an empty log). */
export function readHead(db: Db): ChainHead {
  // The last event may have left under retention: its place in the chain is the head then.
  const row = db
    .prepare('SELECT seq, hash FROM (SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1) UNION ALL SELECT seq, hash FROM (SELECT seq, hash FROM pruned_events ORDER BY seq DESC LIMIT 1) ORDER BY seq DESC LIMIT 1')
    .get() as { seq: number; hash: Buffer | null } | undefined;
  if (!row) return { ...GENESIS };
  const hash = row.hash ?? GENESIS.hash;
  return { seq: row.seq, hash, hex: hash.toString('hex') };
}

/** A log row with its chain columns. */
export interface RawEventRow extends EventRow {
  signatures: string | null;
  previous_hash: Buffer | null;
  hash: Buffer | null;
}

export const chainedRow = (r: RawEventRow): ChainedRow => ({
  seq: r.seq,
  stationId: r.station_id,
  stream: r.stream,
  streamVersion: r.stream_version,
  at: r.at,
  actor: r.actor,
  type: r.type,
  data: r.data,
  correlationId: r.correlation_id,
  signatures: r.signatures,
});

/** Signatures bound to the record they sign (11.70): each carries the SHA-256 of the record without signatures. */
export function bindSignatures(signatures: readonly Signature[], record: Omit<ChainedRow, 'signatures'>): BoundSignature[] {
  const hash = sha256Hex(signedRecordForm(record));
  return signatures.map((s) => ({ ...s, record: hash }));
}

/** The first signature on a row that is not bound to it (who, with what meaning), or null. */
export function unboundSignature(row: ChainedRow): { readonly username: string; readonly meaning: string } | null {
  if (row.signatures === null) return null;
  let list: unknown;
  try {
    list = JSON.parse(row.signatures);
  } catch {
    list = null;
  }
  if (!Array.isArray(list)) return { username: '(unreadable)', meaning: 'unknown' };
  const hash = sha256Hex(signedRecordForm(row));
  return (list as BoundSignature[]).find((s) => s?.record !== hash) ?? null;
}
