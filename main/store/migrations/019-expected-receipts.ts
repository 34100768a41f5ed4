import type { Migration } from './migration';

/** Receipts ERP expects from suppliers, as they stand now, with how often and from when each slipped. */
export const migration019: Migration = {
  version: 19,
  name: 'expected receipts',
  sql: `
    CREATE TABLE expected_receipts (
      id TEXT PRIMARY KEY, material TEXT NOT NULL, revision TEXT NOT NULL, quantity REAL NOT NULL, expected_at TEXT NOT NULL,
      supplier TEXT NOT NULL, first_expected_at TEXT NOT NULL, first_quantity REAL NOT NULL, slips INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX expected_receipts_material ON expected_receipts (material, revision, expected_at);
  `,
};
