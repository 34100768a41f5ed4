import type { Migration } from './migration';

/** How far the station's log has been shipped to each target (the plant): a durable cursor, not a read model. */
export const migration020: Migration = {
  version: 20,
  name: 'replication cursor',
  sql: `
    CREATE TABLE replication_cursor (target TEXT PRIMARY KEY, shipped INTEGER NOT NULL, updated_at TEXT NOT NULL);
  `,
};
