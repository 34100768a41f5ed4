import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Work centers: PackML state with its history, the unit in work, good and rejected counts, the last measurement. */
export function workCentersReadModel(db: Db): ReadModel {
  const run = (sql: string) => statement(db, sql);
  const ensure = run('INSERT OR IGNORE INTO work_centers (id) VALUES (?)');
  const state = run('UPDATE work_centers SET state = ?, state_since = ? WHERE id = ?');
  const unit = run('UPDATE work_centers SET serial = ?, serial_since = ? WHERE id = ?');
  const done = (col: 'good' | 'rejected') =>
    run(`UPDATE work_centers SET ${col} = ${col} + 1, last_measurement = ?, serial = CASE WHEN serial = ? THEN NULL ELSE serial END WHERE id = ?`);
  const good = done('good');
  const rejected = done('rejected');
  const release = run('UPDATE work_centers SET serial = NULL WHERE serial = ?');
  const closeState = run('UPDATE state_history SET to_at = ? WHERE work_center = ? AND to_at IS NULL');
  const openState = run('INSERT INTO state_history (work_center, state, from_at) VALUES (?, ?, ?)');
  return {
    name: 'work centers',
    tables: ['work_centers', 'state_history'],
    project(e) {
      const at = e.at;
      switch (e.type) {
        case 'WorkCenterStateChanged': {
          const d = e.data;
          ensure(d.workCenter);
          state(d.state, at, d.workCenter);
          closeState(at, d.workCenter);
          openState(d.workCenter, d.state, at);
          return;
        }
        case 'UnitArrived':
          ensure(e.data.workCenter);
          unit(e.data.serial, at, e.data.workCenter);
          return;
        case 'OperationCompleted': {
          const d = e.data;
          const m = d.measurements[0];
          const last = m ? JSON.stringify({ name: m.name, value: m.value, unit: m.unit, result: m.result }) : null;
          ensure(d.workCenter);
          (d.result === 'pass' ? good : rejected)(last, d.serial, d.workCenter);
          return;
        }
        case 'UnitScrapped':
          return void release(e.data.serial);
      }
    },
  };
}
