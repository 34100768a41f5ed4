import type { Migration } from './migration';

/**
 * Lot-based orders (quantities per operation), every attempt of an operation kept in the as-built record
 * (a rework runs an operation again; the failed attempt stays), and material on hand for dispatch checks.
 */
export const migration009: Migration = {
  version: 9,
  name: 'lot orders, operation attempts, stock',
  sql: `
    ALTER TABLE orders ADD COLUMN tracking TEXT NOT NULL DEFAULT 'serial';
    CREATE TABLE order_operations (
      number TEXT NOT NULL, operation INTEGER NOT NULL, work_center TEXT NOT NULL,
      good INTEGER NOT NULL DEFAULT 0, scrapped INTEGER NOT NULL DEFAULT 0, first_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      PRIMARY KEY (number, operation)
    );
    CREATE TABLE unit_operations_v9 (
      serial TEXT NOT NULL, order_number TEXT NOT NULL, operation INTEGER NOT NULL, attempt INTEGER NOT NULL DEFAULT 1,
      work_center TEXT NOT NULL, started_at TEXT, ended_at TEXT, result TEXT, measurements TEXT, started_by TEXT, ended_by TEXT,
      PRIMARY KEY (serial, operation, attempt)
    );
    INSERT INTO unit_operations_v9 (serial, order_number, operation, attempt, work_center, started_at, ended_at, result, measurements, started_by, ended_by)
      SELECT serial, order_number, operation, 1, work_center, started_at, ended_at, result, measurements, started_by, ended_by FROM unit_operations;
    DROP TABLE unit_operations;
    ALTER TABLE unit_operations_v9 RENAME TO unit_operations;
    CREATE INDEX unit_operations_order ON unit_operations (order_number, operation);
    CREATE INDEX genealogy_order ON genealogy (order_number, operation);
    -- The line's pace: the last units completed.
    CREATE INDEX units_ended ON units (status, ended_at);
    CREATE TABLE stock (
      material TEXT NOT NULL, revision TEXT NOT NULL, on_hand REAL NOT NULL, updated_at TEXT NOT NULL,
      PRIMARY KEY (material, revision)
    );
  `,
};
