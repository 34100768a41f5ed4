import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/**
 * The as-built record: every attempt of every operation of a unit. Every arrival opens a new attempt (a rework runs
 * an operation again); a completion closes the open one. Reads the unit's order from the units read model.
 */
export function asBuiltReadModel(db: Db): ReadModel {
  const unitOf = db.prepare('SELECT order_number, revision FROM units WHERE serial = ?');
  const startStmt = db.prepare(
    `INSERT INTO unit_operations (serial, order_number, operation, attempt, work_center, started_at, started_by, revision)
     SELECT @serial, @order, @operation, coalesce(max(attempt), 0) + 1, @workCenter, @at, @by, @revision FROM unit_operations WHERE serial = @serial AND operation = @operation`,
  );
  const close = db.prepare(
    `UPDATE unit_operations SET ended_at = ?, result = ?, measurements = ?, ended_by = ?
     WHERE serial = ? AND operation = ? AND ended_at IS NULL
       AND attempt = (SELECT max(attempt) FROM unit_operations WHERE serial = ? AND operation = ?)`,
  );
  const insertEnded = db.prepare(
    `INSERT INTO unit_operations (serial, order_number, operation, attempt, work_center, ended_at, result, measurements, ended_by, revision)
     SELECT @serial, @order, @operation, coalesce(max(attempt), 0) + 1, @workCenter, @at, @result, @measurements, @by, @revision
     FROM unit_operations WHERE serial = @serial AND operation = @operation`,
  );
  // A unit scrapped by hand while in an operation: that attempt ends there, scrapped.
  const abandon = statement(db, "UPDATE unit_operations SET ended_at = ?, result = 'scrapped', ended_by = ? WHERE serial = ? AND ended_at IS NULL");
  // An engineering change sent the unit in work back (restart or rework under the new revision): that attempt ends there.
  const interrupt = statement(db, "UPDATE unit_operations SET ended_at = ?, result = 'interrupted', ended_by = ? WHERE serial = ? AND ended_at IS NULL");
  /** The revision an attempt is built to: the operation's own (after a change), else its unit's. */
  const unit = (serial: string, revision: string | undefined) => {
    const row = unitOf.get(serial) as { order_number: string; revision: string } | undefined;
    return { order: row?.order_number ?? '', revision: revision ?? row?.revision ?? null };
  };
  return {
    name: 'as-built record',
    tables: ['unit_operations'],
    project(e) {
      switch (e.type) {
        case 'UnitArrived': {
          const d = e.data;
          const { order, revision } = unit(d.serial, d.revision);
          startStmt.run({ serial: d.serial, order, operation: d.operation, workCenter: d.workCenter, at: e.at, by: e.actor, revision });
          return;
        }
        case 'OperationCompleted': {
          const d = e.data;
          const measurements = JSON.stringify(d.measurements);
          if (close.run(e.at, d.result, measurements, e.actor, d.serial, d.operation, d.serial, d.operation).changes === 0) {
            const { revision } = unit(d.serial, d.revision);
            insertEnded.run({ serial: d.serial, order: d.order, operation: d.operation, workCenter: d.workCenter, at: e.at, result: d.result, measurements, by: e.actor, revision });
          }
          return;
        }
        case 'UnitRevised':
          if (e.data.interrupted !== undefined) interrupt(e.at, e.actor, e.data.serial);
          return;
        case 'UnitScrapped':
          return void abandon(e.at, e.actor, e.data.serial);
      }
    },
  };
}
