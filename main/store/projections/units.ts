import type { UnitOperation } from '../../../core';
import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Units: where each is on its routing (work in progress), and how it ended. */
export function unitsReadModel(db: Db): ReadModel {
  const run = (sql: string) => statement(db, sql);
  const insert = run(
    `INSERT INTO units (serial, order_number, product, revision, status, position, operation, operation_name, work_center, since, operations, started_at, options)
     VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const routing = db.prepare('SELECT operations, position FROM units WHERE serial = ?');
  const moveTo = run('UPDATE units SET status = ?, position = ?, operation = ?, operation_name = ?, work_center = ?, since = ? WHERE serial = ?');
  const end = run('UPDATE units SET status = ?, since = ?, ended_at = ?, held_for = NULL WHERE serial = ?');
  const revise = run(
    `UPDATE units SET revision = ?, operations = ?, status = ?, position = ?, operation = ?, operation_name = ?, work_center = ?, since = ?, held_for = NULL
     WHERE serial = ?`,
  );
  const hold = run('UPDATE units SET held_for = ? WHERE serial = ?');
  const status = run('UPDATE units SET status = ?, since = ? WHERE serial = ?');
  const operationsOf = (serial: string): { ops: UnitOperation[]; position: number } | null => {
    const row = routing.get(serial) as { operations: string; position: number } | undefined;
    return row ? { ops: JSON.parse(row.operations) as UnitOperation[], position: row.position } : null;
  };
  const queueAt = (serial: string, ops: readonly UnitOperation[], position: number, at: string) => {
    const op = ops[position];
    if (op) moveTo('queued', position, op.seq, op.name, op.workCenter, at, serial);
  };
  return {
    name: 'units',
    tables: ['units'],
    project(e) {
      const at = e.at;
      switch (e.type) {
        case 'UnitStarted': {
          const d = e.data;
          const first = d.operations[0];
          if (first) insert(d.serial, d.order, d.product, d.revision, first.seq, first.name, first.workCenter, at, JSON.stringify(d.operations), at, d.options ? JSON.stringify(d.options) : null);
          return;
        }
        case 'UnitArrived':
          return void status('in_operation', at, e.data.serial);
        case 'OperationCompleted': {
          if (e.data.result !== 'pass') return;
          const unit = operationsOf(e.data.serial);
          if (unit) queueAt(e.data.serial, unit.ops, unit.position + 1, at);
          return;
        }
        case 'UnitSentToRework': {
          const unit = operationsOf(e.data.serial);
          const to = e.data.toOperation;
          if (unit) queueAt(e.data.serial, unit.ops, Math.max(0, unit.ops.findIndex((o) => o.seq === to)), at);
          return;
        }
        case 'UnitRevised': {
          const d = e.data;
          const op = d.operations[d.position];
          if (op) revise(d.toRevision, JSON.stringify(d.operations), d.status, d.position, op.seq, op.name, op.workCenter, at, d.serial);
          return;
        }
        case 'UnitHeld':
          return void hold(e.data.change, e.data.serial);
        case 'UnitCompleted':
          return void end('completed', at, at, e.data.serial);
        case 'UnitScrapped':
          return void end('scrapped', at, at, e.data.serial);
      }
    },
  };
}
