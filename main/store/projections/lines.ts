import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Each line's current setup, and who set it up when. */
export function linesReadModel(db: Db): ReadModel {
  const upsert = statement(
    db,
    `INSERT INTO lines (id, setup, configured_at, configured_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET setup = excluded.setup, configured_at = excluded.configured_at, configured_by = excluded.configured_by`,
  );
  return {
    name: 'lines',
    tables: ['lines'],
    project(e) {
      if (e.type === 'LineConfigured') upsert(e.data.line, JSON.stringify(e.data.after), e.at, e.actor);
    },
  };
}
