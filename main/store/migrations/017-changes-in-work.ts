import type { Migration } from './migration';

/**
 * Engineering changes carried into work: a unit held for a disposition, the revision each operation attempt was
 * built to (attempts recorded before now were built to their unit's revision, the only one a unit had), and the
 * dispositions chosen for a change's units before approval, with what applying gave each.
 */
export const migration017: Migration = {
  version: 17,
  name: 'changes carried into work',
  sql: `
    ALTER TABLE units ADD COLUMN held_for TEXT;
    CREATE INDEX units_held ON units (held_for) WHERE held_for IS NOT NULL;
    ALTER TABLE unit_operations ADD COLUMN revision TEXT;
    UPDATE unit_operations SET revision = (SELECT u.revision FROM units u WHERE u.serial = unit_operations.serial);
    CREATE TABLE change_dispositions (
      change TEXT NOT NULL, serial TEXT NOT NULL, disposition TEXT, reason TEXT, chosen_by TEXT, chosen_at TEXT,
      applied TEXT, applied_at TEXT,
      PRIMARY KEY (change, serial)
    );
  `,
};
