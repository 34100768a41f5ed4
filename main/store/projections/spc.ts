import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Each measurement as a numbered point of its characteristic; each characteristic, its count and its limits as last set. */
export function spcReadModel(db: Db): ReadModel {
  const last = db.prepare('SELECT points FROM spc_characteristics WHERE work_center = ? AND measurement = ?').pluck();
  const characteristic = statement(
    db,
    `INSERT INTO spc_characteristics (work_center, measurement, unit, low, high, points, last_ms) VALUES (?, ?, ?, ?, ?, 1, ?)
     ON CONFLICT DO UPDATE SET unit = excluded.unit, low = excluded.low, high = excluded.high, points = points + 1, last_ms = excluded.last_ms`,
  );
  const point = statement(db, 'INSERT INTO spc_points (work_center, measurement, n, at_ms, value, unit, low, high, serial) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const limits = statement(db, 'INSERT OR REPLACE INTO spc_limits (work_center, measurement, settings, set_at, set_by) VALUES (?, ?, ?, ?, ?)');
  return {
    name: 'spc',
    tables: ['spc_points', 'spc_characteristics', 'spc_limits'],
    project(e) {
      if (e.type === 'OperationCompleted') {
        const at = Date.parse(e.at);
        for (const m of e.data.measurements) {
          if (!Number.isFinite(m.value)) continue;
          const n = ((last.get(e.data.workCenter, m.name) as number | null) ?? 0) + 1;
          point(e.data.workCenter, m.name, n, at, m.value, m.unit, m.low, m.high, e.data.serial);
          characteristic(e.data.workCenter, m.name, m.unit, m.low, m.high, at);
        }
      } else if (e.type === 'SpcLimitsSet') {
        const { before: _before, ...settings } = e.data;
        limits(e.data.workCenter, e.data.measurement, JSON.stringify(settings), e.at, e.actor);
      }
    },
  };
}
