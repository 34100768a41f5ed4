import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Work SQL alone cannot do (hashing, say), run after the SQL in the same transaction. */
  readonly run?: (db: BetterSqlite3.Database, fromVersion: number) => void;
}
