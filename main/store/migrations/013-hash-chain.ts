import { canonicalEvent } from '../../../core';
import { GENESIS, chainedRow, sha256, type RawEventRow } from '../chain';
import type { Migration } from './migration';

/**
 * The tamper-evident log: each event's signatures (21 CFR Part 11) and its place in a SHA-256 hash chain (the hash of
 * the event before it, and its own). A log written before the chain is chained as it stands, and the log says so: a
 * RecordChained event names the events whose integrity before that moment rests on the append-only triggers alone.
 */
export const migration013: Migration = {
  version: 13,
  name: 'hash chain and signatures',
  sql: `
    ALTER TABLE events ADD COLUMN signatures TEXT CHECK (signatures IS NULL OR json_valid(signatures));
    ALTER TABLE events ADD COLUMN previous_hash BLOB;
    ALTER TABLE events ADD COLUMN hash BLOB;
  `,
  run: (db, fromVersion) => {
    const last = db.prepare('SELECT * FROM events ORDER BY seq DESC LIMIT 1').get() as RawEventRow | undefined;
    if (!last) return;
    // The append-only triggers refuse the UPDATE that writes the hashes: lifted inside this transaction only.
    db.exec('DROP TRIGGER events_no_update');
    const update = db.prepare('UPDATE events SET previous_hash = ?, hash = ? WHERE seq = ?');
    const page = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT 5000');
    let previous = GENESIS.hash;
    // In pages: the connection cannot update while a statement is still reading.
    for (let after = 0, rows = page.all(after) as RawEventRow[]; rows.length > 0; rows = page.all(after) as RawEventRow[]) {
      for (const row of rows) {
        const hash = sha256(canonicalEvent(chainedRow(row), previous.toString('hex')));
        update.run(previous, hash, row.seq);
        previous = hash;
        after = row.seq;
      }
    }
    db.exec(`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be changed'); END;`);
    const seq = last.seq + 1;
    const adopted = {
      seq,
      station_id: last.station_id,
      stream: 'audit:record',
      stream_version: (db.prepare("SELECT coalesce(max(stream_version), 0) FROM events WHERE stream = 'audit:record'").pluck().get() as number) + 1,
      at: new Date().toISOString(),
      actor: 'system',
      type: 'RecordChained',
      data: JSON.stringify({ through: last.seq, fromSchema: fromVersion }),
      correlation_id: 'migration-13',
      signatures: null,
    };
    const hash = sha256(canonicalEvent(chainedRow({ ...adopted, previous_hash: previous, hash: null }), previous.toString('hex')));
    db.prepare(
      `INSERT INTO events (seq, station_id, stream, stream_version, at, actor, type, data, correlation_id, signatures, previous_hash, hash)
       VALUES (@seq, @station_id, @stream, @stream_version, @at, @actor, @type, @data, @correlation_id, @signatures, @previous_hash, @hash)`,
    ).run({ ...adopted, previous_hash: previous, hash });
  },
};
