import type { Migration } from './migration';

/** Each event names the request that caused it: every event of one command shares its correlation id. */
export const migration010: Migration = {
  version: 10,
  name: 'correlation id of each event',
  sql: `
    ALTER TABLE events ADD COLUMN correlation_id TEXT;
    CREATE INDEX events_correlation ON events (correlation_id) WHERE correlation_id IS NOT NULL;
  `,
};
