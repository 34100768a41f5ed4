import type { Migration } from './migration';

/** Read models the screens query; rebuilt from the log, updated in the same transaction as each append. */
export const migration002: Migration = {
  version: 2,
  name: 'order, unit, work center and master data projections',
  sql: `
    CREATE TABLE orders (
      number TEXT PRIMARY KEY, product TEXT NOT NULL, revision TEXT NOT NULL, quantity INTEGER NOT NULL,
      due_date TEXT NOT NULL, priority INTEGER NOT NULL, status TEXT NOT NULL, hold_reason TEXT,
      line TEXT, units_started INTEGER NOT NULL DEFAULT 0, units_good INTEGER NOT NULL DEFAULT 0,
      units_scrapped INTEGER NOT NULL DEFAULT 0, received_at TEXT NOT NULL, updated_at TEXT NOT NULL
    );
    CREATE INDEX orders_status ON orders (status);
    CREATE TABLE dispatch_list (
      line TEXT NOT NULL, number TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (line, number)
    );
    CREATE INDEX dispatch_list_position ON dispatch_list (line, position);
    CREATE TABLE units (
      serial TEXT PRIMARY KEY, order_number TEXT NOT NULL, product TEXT NOT NULL, revision TEXT NOT NULL,
      status TEXT NOT NULL, position INTEGER NOT NULL, operation INTEGER NOT NULL, operation_name TEXT NOT NULL,
      work_center TEXT NOT NULL, since TEXT NOT NULL, operations TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT
    );
    CREATE INDEX units_order ON units (order_number);
    CREATE INDEX units_wip ON units (status, work_center);
    CREATE TABLE work_centers (
      id TEXT PRIMARY KEY, state TEXT, state_since TEXT, serial TEXT, serial_since TEXT,
      good INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0, last_measurement TEXT
    );
    CREATE TABLE products (
      product TEXT NOT NULL, revision TEXT NOT NULL, definition TEXT NOT NULL, defined_at TEXT NOT NULL,
      PRIMARY KEY (product, revision)
    );
    CREATE TABLE users (username TEXT PRIMARY KEY, display_name TEXT NOT NULL, role TEXT NOT NULL, created_at TEXT NOT NULL);
  `,
};
