import type { Migration } from './migration';

/** The as-built record: each unit's operations with work center, who, when, result and measurements. */
export const migration007: Migration = {
  version: 7,
  name: 'as-built operations',
  sql: `
    CREATE TABLE unit_operations (
      serial TEXT NOT NULL, order_number TEXT NOT NULL, operation INTEGER NOT NULL, work_center TEXT NOT NULL,
      started_at TEXT, ended_at TEXT, result TEXT, measurements TEXT, started_by TEXT, ended_by TEXT,
      PRIMARY KEY (serial, operation)
    );
    CREATE INDEX unit_operations_order ON unit_operations (order_number, operation);
  `,
};
