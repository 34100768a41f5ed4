import type { Migration } from './migration';

/**
 * OEE's read models: each line's shift calendars and time classes as versions (a shift is judged by the calendar it
 * ran to), the work centers' time in each PackML state summed by the hour and by the minute, their output by the
 * minute and order (with the ideal time of what was made), scrap by reason, hand reports by shift, orders' start and
 * end; the stops (downtime records) with their reasons, and each line's reason tree.
 */
export const migration022: Migration = {
  version: 22,
  name: 'oee',
  sql: `
    CREATE TABLE shift_calendars (
      line TEXT NOT NULL, seq INTEGER NOT NULL, set_at TEXT NOT NULL, set_by TEXT NOT NULL,
      calendar TEXT NOT NULL CHECK (json_valid(calendar)), PRIMARY KEY (line, seq)
    );
    CREATE TABLE time_classes (
      line TEXT NOT NULL, seq INTEGER NOT NULL, set_at TEXT NOT NULL, set_by TEXT NOT NULL,
      settings TEXT NOT NULL CHECK (json_valid(settings)), PRIMARY KEY (line, seq)
    );
    CREATE TABLE oee_open_states (work_center TEXT PRIMARY KEY, state TEXT NOT NULL, since INTEGER NOT NULL);
    CREATE TABLE oee_state_hours (
      work_center TEXT NOT NULL, hour INTEGER NOT NULL, state TEXT NOT NULL, ms INTEGER NOT NULL,
      PRIMARY KEY (work_center, hour, state)
    ) WITHOUT ROWID;
    CREATE TABLE oee_state_minutes (
      work_center TEXT NOT NULL, minute INTEGER NOT NULL, state TEXT NOT NULL, ms INTEGER NOT NULL,
      PRIMARY KEY (work_center, minute, state)
    ) WITHOUT ROWID;
    CREATE TABLE oee_output (
      work_center TEXT NOT NULL, minute INTEGER NOT NULL, order_number TEXT NOT NULL,
      produced INTEGER NOT NULL DEFAULT 0, good INTEGER NOT NULL DEFAULT 0, scrap INTEGER NOT NULL DEFAULT 0,
      rework INTEGER NOT NULL DEFAULT 0, first_pass INTEGER NOT NULL DEFAULT 0, ideal_ms INTEGER NOT NULL DEFAULT 0,
      startup_scrap INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (work_center, minute, order_number)
    ) WITHOUT ROWID;
    CREATE INDEX oee_output_order ON oee_output (order_number, work_center);
    CREATE TABLE oee_failed (serial TEXT PRIMARY KEY, work_center TEXT NOT NULL, minute INTEGER NOT NULL, order_number TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE oee_reworked (serial TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE oee_orders (number TEXT PRIMARY KEY, started INTEGER, completed INTEGER) WITHOUT ROWID;
    CREATE TABLE oee_scrap_reasons (
      work_center TEXT NOT NULL, minute INTEGER NOT NULL, reason TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (work_center, minute, reason)
    ) WITHOUT ROWID;
    CREATE TABLE downtime_reasons (
      line TEXT NOT NULL, seq INTEGER NOT NULL, set_at TEXT NOT NULL, set_by TEXT NOT NULL,
      tree TEXT NOT NULL CHECK (json_valid(tree)), PRIMARY KEY (line, seq)
    );
    CREATE TABLE downtime (
      work_center TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER, state TEXT NOT NULL, kind TEXT NOT NULL,
      micro INTEGER NOT NULL DEFAULT 0, reason TEXT, reason_path TEXT, loss TEXT, reason_by TEXT, reason_at TEXT, comment TEXT,
      PRIMARY KEY (work_center, start_ms)
    ) WITHOUT ROWID;
    CREATE INDEX downtime_open ON downtime (work_center) WHERE end_ms IS NULL;
    CREATE INDEX downtime_unreasoned ON downtime (start_ms) WHERE reason IS NULL AND micro = 0;
    CREATE INDEX downtime_time ON downtime (start_ms, work_center);
    CREATE TABLE production_reports (
      work_center TEXT NOT NULL, shift TEXT NOT NULL, line TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,
      produced INTEGER NOT NULL, good INTEGER NOT NULL, scrap INTEGER NOT NULL, rework INTEGER NOT NULL,
      downtime_s INTEGER NOT NULL, stops INTEGER, note TEXT NOT NULL, order_number TEXT, ideal_cycle_s REAL, reported_by TEXT NOT NULL, reported_at TEXT NOT NULL,
      replaced INTEGER NOT NULL, PRIMARY KEY (work_center, shift)
    );
    CREATE INDEX production_reports_time ON production_reports (work_center, start_ms);
  `,
};
