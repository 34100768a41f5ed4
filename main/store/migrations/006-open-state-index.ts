import type { Migration } from './migration';

/** Closing a work center's open state interval must not scan its whole history: index the open ones. */
export const migration006: Migration = {
  version: 6,
  name: 'index of open state intervals',
  sql: `CREATE INDEX state_history_open ON state_history (work_center) WHERE to_at IS NULL;`,
};
