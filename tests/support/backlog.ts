import { GENESIS_HASH } from '../../core';
import type { ShippedRow } from '../../main/replication';
import { hashEvent, readHead, type Db } from '../../main/store';

/**
 * Appends `events` unit events of a realistic size to a station's log, chained as the store chains them, after what
 * the log holds: a station offline for a long shift, for the shipper to drain.
 */
export function writeChainedBacklog(db: Db, stationId: string, events: number, from = new Date(Date.UTC(2026, 11, 7))): { first: number; last: number } {
  const insert = db.prepare(
    'INSERT INTO events (seq, station_id, stream, stream_version, at, actor, type, data, correlation_id, signatures, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const head = readHead(db);
  let previous: Buffer = head.hash;
  const first = head.seq + 1;
  const last = head.seq + events;
  db.transaction(() => {
    for (let seq = first; seq <= last; seq++) {
      const unit = `PO-${String(Math.floor(seq / 40)).padStart(6, '0')}-${String(seq % 40).padStart(4, '0')}`;
      const row = {
        seq, stationId, stream: `unit:${unit}`, streamVersion: 1 + (seq % 7), at: new Date(from.getTime() + seq * 250).toISOString(), actor: 'line-plc', type: 'OperationCompleted',
        data: JSON.stringify({ serial: unit, order: unit.slice(0, 9), operation: 10 * (1 + (seq % 4)), workCenter: `WC${10 * (1 + (seq % 4))}`, measurements: [{ name: 'Torque', value: 8.01, unit: 'N·m', low: 7.2, high: 8.8, result: 'pass' }], result: 'pass' }),
        correlationId: null, signatures: null,
      };
      const hash = hashEvent(row, previous);
      insert.run(seq, row.stationId, row.stream, row.streamVersion, row.at, row.actor, row.type, row.data, null, null, previous, hash);
      previous = hash;
    }
  })();
  return { first, last };
}

/** A station's first `n` events as they travel to the plant: small, chained as the store chains them. */
export function shippedChain(stationId: string, n: number): ShippedRow[] {
  const out: ShippedRow[] = [];
  for (let seq = 1, previous = GENESIS_HASH; seq <= n; seq++) {
    const r = { seq, stationId, stream: 's', streamVersion: seq, at: '2026-12-07T00:00:00.000Z', actor: 'x', type: 'T', data: '{}', correlationId: null, signatures: null };
    const hash = hashEvent(r, Buffer.from(previous, 'hex')).toString('hex');
    out.push({ ...r, previousHash: previous, hash });
    previous = hash;
  }
  return out;
}
