import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Each measurement as a numbered point of its characteristic; each characteristic's limits as last set. */
export function spcReadModel(db: Db): ReadModel {
  const last = db.prepare('SELECT max(n) FROM spc_points WHERE work_center = ? AND measurement = ?').pluck();
  const point = statement(db, 'INSERT INTO spc_points (work_center, measurement, n, at_ms, value, unit, low, high, serial) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const limits = statement(db, 'INSERT OR REPLACE INTO spc_limits (work_center, measurement, settings, set_at, set_by) VALUES (?, ?, ?, ?, ?)');
  return {
    name: 'spc',
    tables: ['spc_points', 'spc_limits'],
    project(e) {
      if (e.type === 'OperationCompleted') {
        const at = Date.parse(e.at);
        for (const m of e.data.measurements) {
          if (!Number.isFinite(m.value)) continue;
          const n = ((last.get(e.data.workCenter, m.name) as number | null) ?? 0) + 1;
          point(e.data.workCenter, m.name, n, at, m.value, m.unit, m.low, m.high, e.data.serial);
        }
      } else if (e.type === 'SpcLimitsSet') {
        const { before: _before, ...settings } = e.data;
        limits(e.data.workCenter, e.data.measurement, JSON.stringify(settings), e.at, e.actor);
      }
    },
  };
}
