import type { Migration } from './migration';

/** Lines as engineers set them up (ISA-95 place, work centers in order, PackML mapping): the read model of LineConfigured. */
export const migration011: Migration = {
  version: 11,
  name: 'line setup',
  sql: `
    CREATE TABLE lines (
      id TEXT PRIMARY KEY, setup TEXT NOT NULL CHECK (json_valid(setup)), configured_at TEXT NOT NULL, configured_by TEXT NOT NULL
    );
  `,
};
