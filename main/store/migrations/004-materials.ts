import type { Migration } from './migration';

/** Material definitions with their revisions (ISA-95 material model). */
export const migration004: Migration = {
  version: 4,
  name: 'material definitions',
  sql: `
    CREATE TABLE materials (
      id TEXT NOT NULL, revision TEXT NOT NULL, description TEXT NOT NULL, unit_of_measure TEXT NOT NULL, defined_at TEXT NOT NULL,
      PRIMARY KEY (id, revision)
    );
  `,
};
