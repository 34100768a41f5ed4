import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Genealogy: which component lot went into which unit, at which operation. */
export function genealogyReadModel(db: Db): ReadModel {
  const insert = statement(
    db,
    'INSERT INTO genealogy (lot, material, revision, serial, order_number, operation, work_center, quantity, at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    name: 'genealogy',
    tables: ['genealogy'],
    project(e) {
      if (e.type !== 'LotConsumed') return;
      const d = e.data;
      insert(d.lot, d.material, d.revision, d.serial, d.order, d.operation, d.workCenter, d.quantity, e.at, e.actor);
    },
  };
}
