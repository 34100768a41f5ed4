import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { GENESIS_HASH, type ChainedRow } from '../../core';
import { hashEvent } from '../store';
import { inTransaction } from './pg-transaction';
import { nextTurn } from '../process';

/** One event as the station's log holds it, as it travels to the plant (hashes as hex). */
export interface ShippedRow extends ChainedRow {
  readonly previousHash: string | null;
  readonly hash: string | null;
}

const COLUMNS = 'station_id, seq, stream, stream_version, at, actor, type, data, correlation_id, signatures, previous_hash, hash';

/** COPY's text format: tab-separated, \\N for null, backslash, tab, newline and carriage return escaped. */
const copyText = (v: string | number | null) => (v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));

function* copyLines(rows: readonly ShippedRow[]): Generator<string> {
  // Many rows per chunk: a stream write per row costs more than the row.
  let chunk = '';
  for (const r of rows) {
    chunk += `${[r.stationId, r.seq, r.stream, r.streamVersion, r.at, r.actor, r.type, r.data, r.correlationId, r.signatures, r.previousHash, r.hash].map(copyText).join('\t')}\n`;
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export type ShipResult =
  | { readonly kind: 'applied'; readonly head: number; readonly applied: number }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'stopped'; readonly reason: string };

/**
 * The first row of a batch whose hash is not the SHA-256 of what it says, chained to the row before it (an event
 * edited on the way, or at the station), or null. Needs no plant: the shipper checks the next batch while the plant
 * stores this one.
 */
export function contentRefusal(rows: readonly ShippedRow[]): string | null {
  for (const r of rows) {
    if (r.hash !== null && hashEvent(r, Buffer.from(r.previousHash ?? GENESIS_HASH, 'hex')).toString('hex') !== r.hash) {
      return `event ${r.seq}'s hash does not match its content: edited after it was recorded`;
    }
  }
  return null;
}

/**
 * contentRefusal in slices, yielding to the loop between them: run while the plant stores the batch before, the
 * checking fills the time the shipper would otherwise wait for PostgreSQL.
 */
export async function contentRefusalInSlices(rows: readonly ShippedRow[], slice = 250): Promise<string | null> {
  for (let i = 0; i < rows.length; i += slice) {
    const problem = contentRefusal(rows.slice(i, i + slice));
    if (problem) return problem;
    await nextTurn();
  }
  return null;
}

/**
 * Why a batch does not continue the station's log as the plant holds it (null: it does): another station's rows,
 * a gap, a sequence number out of order, a link of the hash chain that does not join, a hash that is not its row's
 * (`content`: that last check made already, see contentRefusal). Rows the plant has already (a batch sent again after
 * a crash) are compared by hash first, by the caller.
 */
export function batchRefusal(stationId: string, head: { seq: number; hash: string | null }, rows: readonly ShippedRow[], content: string | null = contentRefusal(rows)): string | null {
  let seq = head.seq;
  let hash = head.hash;
  for (const r of rows) {
    if (r.stationId !== stationId) return `event ${r.seq} is station ${r.stationId}'s, not ${stationId}'s`;
    if (r.hash === null) return `event ${r.seq} has no hash: a station's log is chained from its first event`;
    if (r.seq !== seq + 1) return r.seq > seq + 1 ? `a gap: event ${r.seq} follows ${seq}; events ${seq + 1}…${r.seq - 1} are missing` : `event ${r.seq} out of order after ${seq}`;
    if (hash !== null && r.previousHash !== hash) return `event ${r.seq} does not continue the hash chain: it follows ${r.previousHash ?? 'nothing'}, the plant has ${hash} at ${seq}`;
    seq = r.seq;
    hash = r.hash;
  }
  return content;
}

/**
 * Appends a batch of one station's log to the plant's PostgreSQL in one transaction, exactly once by (station,
 * sequence): rows it has already are checked to be the same (a batch sent again after a crash), the rest must
 * continue the station's log and hash chain. A batch that does not is refused: kept apart with the reason, and the
 * station's log stops there until an engineer decides.
 */
export function shipBatch(
  pool: pg.Pool,
  stationId: string,
  rows: readonly ShippedRow[],
  o: { readonly timeoutMs?: number; /** contentRefusal(rows), when the caller made it already. */ readonly content?: string | null } = {},
): Promise<ShipResult> {
  // A cable pulled mid-transaction says nothing: past the timeout the link is dropped, the batch fails here and is sent
  // again; the plant's end of the dead session is ended by the station's next session (see Replicator).
  return inTransaction(
    pool,
    async (c) => {
      const lockHead = () => c.query<{ last_seq: string; last_hash: string | null; stop_reason: string | null }>('SELECT last_seq, last_hash, stop_reason FROM stations WHERE id = $1 FOR UPDATE', [stationId]);
      let found = await lockHead();
      if (found.rowCount === 0) {
        // A station's own role cannot register it (mes plant add-station does); the plant's owner may, as in a lab.
        try {
          await c.query('INSERT INTO stations (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [stationId]);
        } catch (error) {
          if ((error as { code?: string }).code === '42501') throw new Error(`station ${stationId} is not registered at the plant: plant IT runs mes plant add-station --station ${stationId}`, { cause: error });
          throw error;
        }
        // Its part of the log, with the months to come.
        await c.query('SELECT mes_event_partitions($1)', [stationId]);
        found = await lockHead();
      }
      const head = found.rows[0];
      if (!head) throw new Error(`station ${stationId} is not registered at the plant, or registered under another role: plant IT runs mes plant add-station --station ${stationId}`);
      if (head.stop_reason) return { kind: 'stopped', reason: head.stop_reason };
      const last = Number(head.last_seq);
      const known = rows.filter((r) => r.seq <= last);
      let reason: string | null = null;
      if (known.length > 0) {
        const stored = await c.query<{ seq: string; hash: string | null }>('SELECT seq, hash FROM mes_stored_hashes($1, $2::bigint[])', [stationId, known.map((r) => r.seq)]);
        const byseq = new Map(stored.rows.map((s) => [Number(s.seq), s.hash]));
        const other = known.find((r) => byseq.get(r.seq) !== r.hash);
        if (other) reason = `event ${other.seq} was already received with other content (hash ${byseq.get(other.seq) ?? 'none'}, now ${other.hash ?? 'none'})`;
      }
      const fresh = rows.filter((r) => r.seq > last);
      reason ??= batchRefusal(stationId, { seq: last, hash: head.last_hash }, fresh, o.content !== undefined ? o.content : contentRefusal(rows));
      if (reason) {
        await c.query('SELECT mes_refuse($1, $2, $3, $4)', [stationId, rows[0]?.seq ?? 0, rows.at(-1)?.seq ?? 0, reason]);
        return { kind: 'refused', reason };
      }
      if (fresh.length > 0) {
        // COPY, the fastest way in: the rows are judged already, in this transaction, under the station's lock; the log's
        // own trigger checks once per batch that a station appends its own rows only.
        await pipeline(Readable.from(copyLines(fresh)), c.query(copyFrom(`COPY events (${COLUMNS}) FROM STDIN`)));
        const end = fresh[fresh.length - 1]!;
        // The head moves only over what was just appended: contiguous, each once (checked by the plant, not trusted).
        await c.query('SELECT mes_advance_head($1, $2, $3, $4)', [stationId, last, end.seq, end.hash]);
      }
      return { kind: 'applied', head: Math.max(last, fresh.at(-1)?.seq ?? last), applied: fresh.length };
    },
    { timeoutMs: o.timeoutMs ?? 60_000 },
  );
}
