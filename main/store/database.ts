import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /**
   * FULL (default): a commit is on disk when it returns. NORMAL: the commit is written to the WAL and put on disk by a
   * WalSync before anyone is told (the station, see wal-sync.ts); checkpoints still sync. NORMAL without a WalSync
   * is only for throwaway benchmarks.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (creating if needed) the station database in WAL mode and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
