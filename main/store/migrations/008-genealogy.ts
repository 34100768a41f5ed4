import type { Migration } from './migration';

/** Genealogy links: which component lot went into which unit, traceable both ways by one indexed query. */
export const migration008: Migration = {
  version: 8,
  name: 'genealogy',
  sql: `
    CREATE TABLE genealogy (
      lot TEXT NOT NULL, material TEXT NOT NULL, revision TEXT NOT NULL, serial TEXT NOT NULL, order_number TEXT NOT NULL,
      operation INTEGER NOT NULL, work_center TEXT NOT NULL, quantity REAL NOT NULL, at TEXT NOT NULL, by TEXT NOT NULL
    );
    CREATE INDEX genealogy_lot ON genealogy (lot, material);
    CREATE INDEX genealogy_serial ON genealogy (serial);
  `,
};
