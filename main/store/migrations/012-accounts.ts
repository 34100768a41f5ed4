import type { Migration } from './migration';

/**
 * Accounts: a user's state and whether a temporary password must be changed (read model of the user events); who
 * came and went (read model of sign-ins and lockouts); the account policy (read model of its changes); earlier
 * password hashes, so that a new password is not an old one (kept out of the log, like credentials).
 */
export const migration012: Migration = {
  version: 12,
  name: 'accounts',
  sql: `
    ALTER TABLE users ADD COLUMN state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'disabled'));
    ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE access (
      username TEXT PRIMARY KEY, locked_until TEXT, last_sign_in_at TEXT, last_failure_at TEXT
    );
    CREATE TABLE account_policy (
      id INTEGER PRIMARY KEY CHECK (id = 1), policy TEXT NOT NULL CHECK (json_valid(policy)), changed_at TEXT NOT NULL, changed_by TEXT NOT NULL
    );
    CREATE TABLE password_history (
      id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL REFERENCES users (username),
      scheme TEXT NOT NULL, salt TEXT NOT NULL, hash TEXT NOT NULL, replaced_at TEXT NOT NULL
    );
    CREATE INDEX password_history_by_user ON password_history (username, id);
  `,
};
