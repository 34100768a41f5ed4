import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Orders with their status and unit counts, and the quantities of lot orders per operation. */
export function ordersReadModel(db: Db): ReadModel {
  const run = (sql: string) => statement(db, sql);
  const insert = run(
    `INSERT INTO orders (number, product, revision, quantity, due_date, priority, status, received_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?)`,
  );
  const setTracking = run('UPDATE orders SET tracking = ? WHERE number = ?');
  const setOptions = run('UPDATE orders SET options = ? WHERE number = ?');
  const status = run('UPDATE orders SET status = ?, hold_reason = ?, updated_at = ? WHERE number = ?');
  const quantity = run('UPDATE orders SET quantity = ?, updated_at = ? WHERE number = ?');
  const revision = run('UPDATE orders SET revision = ?, updated_at = ? WHERE number = ?');
  const setLine = run('UPDATE orders SET status = ?, line = ?, updated_at = ? WHERE number = ?');
  const count = (column: 'units_started' | 'units_good' | 'units_scrapped') => run(`UPDATE orders SET ${column} = ${column} + 1, updated_at = ? WHERE number = ?`);
  const started = count('units_started');
  const good = count('units_good');
  const scrapped = count('units_scrapped');
  const lotCounts = run(
    'UPDATE orders SET units_started = units_started + ?, units_good = units_good + ?, units_scrapped = units_scrapped + ?, updated_at = ? WHERE number = ?',
  );
  const reportedStmt = db.prepare(
    `INSERT INTO order_operations (number, operation, work_center, good, scrapped, first_at, updated_at) VALUES (@number, @operation, @workCenter, @good, @scrapped, @at, @at)
     ON CONFLICT (number, operation) DO UPDATE SET good = good + excluded.good, scrapped = scrapped + excluded.scrapped, updated_at = excluded.updated_at`,
  );
  return {
    name: 'orders',
    tables: ['orders', 'order_operations'],
    project(e) {
      const at = e.at;
      switch (e.type) {
        case 'OrderReceived': {
          const d = e.data;
          insert(d.number, d.product, d.revision, d.quantity, d.dueDate, d.priority, at, at);
          if (d.tracking === 'lot') setTracking('lot', d.number);
          if (d.options) setOptions(JSON.stringify(d.options), d.number);
          return;
        }
        case 'OrderReleased':
          return void status('released', null, at, e.data.number);
        case 'OrderDispatched':
          return void setLine('dispatched', e.data.line, at, e.data.number);
        case 'OrderHeld':
          return void status('held', e.data.reason, at, e.data.number);
        case 'OrderResumed':
          return void status(e.data.to, null, at, e.data.number);
        case 'OrderSplit':
          return void quantity(e.data.quantity, at, e.data.number);
        case 'OrderCancelled':
          return void status('cancelled', e.data.reason, at, e.data.number);
        case 'OrderStarted':
          return void status('in_progress', null, at, e.data.number);
        case 'OrderRevisionChanged':
          return void revision(e.data.to, at, e.data.number);
        case 'OrderCompleted':
          return void status('completed', null, at, e.data.number);
        case 'UnitStarted':
          if (e.data.operations.length > 0) started(at, e.data.order);
          return;
        case 'UnitCompleted':
          return void good(at, e.data.order);
        case 'UnitScrapped':
          return void scrapped(at, e.data.order);
        case 'OperationQuantityReported': {
          const d = e.data;
          reportedStmt.run({ number: d.number, operation: d.operation, workCenter: d.workCenter, good: d.good, scrapped: d.scrapped, at });
          lotCounts(d.first ? d.good + d.scrapped : 0, d.last ? d.good : 0, d.scrapped, at, d.number);
          return;
        }
      }
    },
  };
}
