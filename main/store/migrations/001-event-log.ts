import type { Migration } from './migration';

/** The record: an append-only event log. UPDATE and DELETE are refused by the database itself. */
export const migration001: Migration = {
  version: 1,
  name: 'event log',
  sql: `
    CREATE TABLE events (
      seq            INTEGER PRIMARY KEY,
      station_id     TEXT    NOT NULL,
      stream         TEXT    NOT NULL,
      stream_version INTEGER NOT NULL,
      at             TEXT    NOT NULL,
      actor          TEXT    NOT NULL,
      type           TEXT    NOT NULL,
      data           TEXT    NOT NULL CHECK (json_valid(data)),
      UNIQUE (stream, stream_version)
    );
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be changed'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be deleted'); END;
    CREATE TABLE station (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
};
