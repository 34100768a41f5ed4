import type { RecordedEvent } from '../../../core';
import type { Db } from '../database';

/**
 * One read model: the tables it owns and the one projector that writes them. Nothing else writes these tables, so
 * emptying them and replaying the log (`mes rebuild`) gives them back as they were.
 */
export interface ReadModel {
  readonly name: string;
  readonly tables: readonly string[];
  readonly project: (event: RecordedEvent) => void;
}

/** A statement as a function of its parameters. */
export const statement = (db: Db, sql: string) => {
  const stmt = db.prepare(sql);
  return (...params: unknown[]) => stmt.run(...params);
};
