import type { Migration } from './migration';

/** Password hashes stay out of the event log, which is replicated and read as the audit trail. */
export const migration003: Migration = {
  version: 3,
  name: 'credentials',
  sql: `
    CREATE TABLE credentials (
      username TEXT PRIMARY KEY REFERENCES users (username), scheme TEXT NOT NULL, salt TEXT NOT NULL,
      hash TEXT NOT NULL, changed_at TEXT NOT NULL
    );
  `,
};
