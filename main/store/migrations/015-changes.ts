import type { Migration } from './migration';

/** Engineering changes as they stand: the read model of the change events (the list, the difference, the status). */
export const migration015: Migration = {
  version: 15,
  name: 'engineering changes',
  sql: `
    CREATE TABLE changes (
      number TEXT PRIMARY KEY, product TEXT NOT NULL, from_revision TEXT NOT NULL, to_revision TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'deferred')),
      reason TEXT NOT NULL, effectivity TEXT NOT NULL CHECK (json_valid(effectivity)),
      definition TEXT NOT NULL CHECK (json_valid(definition)), diff TEXT NOT NULL CHECK (json_valid(diff)),
      submitted_at TEXT NOT NULL, submitted_by TEXT NOT NULL, updated_at TEXT NOT NULL
    );
    CREATE INDEX changes_product ON changes (product, status);
  `,
};
