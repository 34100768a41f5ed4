import type { Migration } from './migration';

/**
 * Retention: events the plant holds, of units and orders finished long enough ago, may leave the station's log. Each
 * leaves its place in the chain behind (sequence, previous hash, hash), so the chain still joins across it; its content
 * is at the plant, whose copy of the chain verifies it.
 */
export const migration021: Migration = {
  version: 21,
  name: 'pruned events',
  sql: `
    CREATE TABLE pruned_events (
      seq INTEGER PRIMARY KEY, stream TEXT NOT NULL, previous_hash BLOB, hash BLOB, pruned_at TEXT NOT NULL
    );
    -- Still append-only, but for retention: an event may leave only once its place in the chain is kept.
    DROP TRIGGER events_no_delete;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      WHEN NOT EXISTS (SELECT 1 FROM pruned_events p WHERE p.seq = old.seq AND p.hash IS old.hash)
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be deleted'); END;
  `,
};
