import type { DomainEvent, ProductDefinition, RecordedEvent, UnitOperation } from '../../core';
import type { Db } from './database';
import type { Projector } from './event-store';

type Of<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>['data'];

/**
 * Keeps the read models in step with the log. Runs inside the append's transaction, so a read model is never
 * ahead of or behind the events (kill -9 at any point leaves both or neither).
 */
export function createProjector(db: Db): Projector {
  const run = (sql: string) => {
    const stmt = db.prepare(sql);
    return (...params: unknown[]) => stmt.run(...params);
  };
  const orderStatus = run('UPDATE orders SET status = ?, hold_reason = ?, updated_at = ? WHERE number = ?');
  const orderCount = (column: 'units_started' | 'units_good' | 'units_scrapped') =>
    run(`UPDATE orders SET ${column} = ${column} + 1, updated_at = ? WHERE number = ?`);
  const started = orderCount('units_started');
  const good = orderCount('units_good');
  const scrapped = orderCount('units_scrapped');
  const insertOrder = run(
    `INSERT INTO orders (number, product, revision, quantity, due_date, priority, status, received_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?)`,
  );
  const orderQuantity = run('UPDATE orders SET quantity = ?, updated_at = ? WHERE number = ?');
  const setLine = run('UPDATE orders SET status = ?, line = ?, updated_at = ? WHERE number = ?');
  // The dispatch list keeps a rank per order, spaced RANK_STEP apart: a move rewrites one row (between its new
  // neighbours), a completed order leaves without renumbering the rest. Ranks are renumbered only when two
  // neighbours come too close (after some 40 moves into the same gap).
  const RANK_STEP = 1024;
  const queueAppendStmt = db.prepare(
    'INSERT INTO dispatch_list (line, number, position) SELECT @line, @number, coalesce(max(position), 0) + @step FROM dispatch_list WHERE line = @line',
  );
  const queueAppend = (line: string, number: string) => queueAppendStmt.run({ line, number, step: RANK_STEP });
  const queueDelete = run('DELETE FROM dispatch_list WHERE line = ? AND number = ?');
  const queueSet = run('UPDATE dispatch_list SET position = ? WHERE line = ? AND number = ?');
  const queueNeighbours = db.prepare('SELECT position FROM dispatch_list WHERE line = ? AND number <> ? ORDER BY position LIMIT ? OFFSET ?').pluck();
  const queueAll = db.prepare('SELECT number FROM dispatch_list WHERE line = ? ORDER BY position').pluck();
  const queueMove = (line: string, number: string, to: number): void => {
    const rankAt = (): number | null => {
      if (to === 0) {
        const below = queueNeighbours.all(line, number, 1, 0)[0] as number | undefined;
        return below === undefined ? RANK_STEP : below - RANK_STEP;
      }
      const [above, below] = queueNeighbours.all(line, number, 2, to - 1) as number[];
      if (above === undefined) return null;
      if (below === undefined) return above + RANK_STEP;
      return below - above > 1e-6 ? (above + below) / 2 : null;
    };
    let rank = rankAt();
    if (rank === null) {
      (queueAll.all(line) as string[]).forEach((n, i) => queueSet((i + 1) * RANK_STEP, line, n));
      rank = rankAt();
    }
    if (rank !== null) queueSet(rank, line, number);
  };
  const insertUnit = run(
    `INSERT INTO units (serial, order_number, product, revision, status, position, operation, operation_name, work_center, since, operations, started_at)
     VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?, ?, ?)`,
  );
  const unitOps = db.prepare('SELECT operations, position FROM units WHERE serial = ?');
  const unitMove = run('UPDATE units SET status = ?, position = ?, operation = ?, operation_name = ?, work_center = ?, since = ? WHERE serial = ?');
  const unitEnd = run('UPDATE units SET status = ?, since = ?, ended_at = ? WHERE serial = ?');
  const unitStatus = run('UPDATE units SET status = ?, since = ? WHERE serial = ?');
  const wcEnsure = run('INSERT OR IGNORE INTO work_centers (id) VALUES (?)');
  const wcState = run('UPDATE work_centers SET state = ?, state_since = ? WHERE id = ?');
  const wcUnit = run('UPDATE work_centers SET serial = ?, serial_since = ? WHERE id = ?');
  const wcDone = (col: 'good' | 'rejected') =>
    run(`UPDATE work_centers SET ${col} = ${col} + 1, last_measurement = ?, serial = CASE WHEN serial = ? THEN NULL ELSE serial END WHERE id = ?`);
  const wcGood = wcDone('good');
  const wcRejected = wcDone('rejected');
  const material = run('INSERT OR REPLACE INTO materials (id, revision, description, unit_of_measure, defined_at) VALUES (?, ?, ?, ?, ?)');
  const product = run('INSERT OR REPLACE INTO products (product, revision, definition, defined_at) VALUES (?, ?, ?, ?)');
  const alarmUpsert = run(
    `INSERT INTO alarms (id, priority, message, active, acknowledged, last_value, raised_at, changed_at) VALUES (?, ?, ?, 1, 0, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET priority = excluded.priority, message = excluded.message, active = 1, acknowledged = 0,
       last_value = excluded.last_value, raised_at = excluded.raised_at, changed_at = excluded.changed_at`,
  );
  const alarmSet = (sql: string) => run(`UPDATE alarms SET ${sql}, changed_at = ? WHERE id = ?`);
  const alarmReturned = alarmSet('active = 0, last_value = ?');
  const alarmAcked = alarmSet('acknowledged = 1');
  const alarmShelved = alarmSet('shelved_until = ?, shelve_reason = ?');
  const alarmUnshelved = alarmSet('shelved_until = NULL, shelve_reason = NULL');
  const alarmLog = run('INSERT INTO alarm_log (id, at, kind, actor) VALUES (?, ?, ?, ?)');
  const stateClose = run('UPDATE state_history SET to_at = ? WHERE work_center = ? AND to_at IS NULL');
  const stateOpen = run('INSERT INTO state_history (work_center, state, from_at) VALUES (?, ?, ?)');
  // Every arrival opens a new attempt of the operation (a rework runs it again); a completion closes the open one.
  const opStartStmt = db.prepare(
    `INSERT INTO unit_operations (serial, order_number, operation, attempt, work_center, started_at, started_by)
     SELECT @serial, @order, @operation, coalesce(max(attempt), 0) + 1, @workCenter, @at, @by FROM unit_operations WHERE serial = @serial AND operation = @operation`,
  );
  const opStart = (serial: string, order: string, operation: number, workCenter: string, at: string, by: string) =>
    opStartStmt.run({ serial, order, operation, workCenter, at, by });
  const opClose = db.prepare(
    `UPDATE unit_operations SET ended_at = ?, result = ?, measurements = ?, ended_by = ?
     WHERE serial = ? AND operation = ? AND ended_at IS NULL
       AND attempt = (SELECT max(attempt) FROM unit_operations WHERE serial = ? AND operation = ?)`,
  );
  const opInsertEnded = db.prepare(
    `INSERT INTO unit_operations (serial, order_number, operation, attempt, work_center, ended_at, result, measurements, ended_by)
     SELECT @serial, @order, @operation, coalesce(max(attempt), 0) + 1, @workCenter, @at, @result, @measurements, @by
     FROM unit_operations WHERE serial = @serial AND operation = @operation`,
  );
  const opEnd = (serial: string, order: string, operation: number, workCenter: string, at: string, result: string, measurements: string, by: string) => {
    if (opClose.run(at, result, measurements, by, serial, operation, serial, operation).changes === 0) {
      opInsertEnded.run({ serial, order, operation, workCenter, at, result, measurements, by });
    }
  };
  const setTracking = run('UPDATE orders SET tracking = ? WHERE number = ?');
  const lotReportedStmt = db.prepare(
    `INSERT INTO order_operations (number, operation, work_center, good, scrapped, first_at, updated_at) VALUES (@number, @operation, @workCenter, @good, @scrapped, @at, @at)
     ON CONFLICT (number, operation) DO UPDATE SET good = good + excluded.good, scrapped = scrapped + excluded.scrapped, updated_at = excluded.updated_at`,
  );
  const lotReported = (number: string, operation: number, workCenter: string, good: number, scrapped: number, at: string) =>
    lotReportedStmt.run({ number, operation, workCenter, good, scrapped, at });
  const lotCounts = run(
    'UPDATE orders SET units_started = units_started + ?, units_good = units_good + ?, units_scrapped = units_scrapped + ?, updated_at = ? WHERE number = ?',
  );
  const stockSet = run(
    `INSERT INTO stock (material, revision, on_hand, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (material, revision) DO UPDATE SET on_hand = excluded.on_hand, updated_at = excluded.updated_at`,
  );
  const wcRelease = run('UPDATE work_centers SET serial = NULL WHERE serial = ?');
  // A unit scrapped by hand while in an operation: that attempt ends there, scrapped.
  const opAbandon = run("UPDATE unit_operations SET ended_at = ?, result = 'scrapped', ended_by = ? WHERE serial = ? AND ended_at IS NULL");
  // Backflush: what an operation uses and was not scanned is taken off stock when the operation first completes.
  const scannedAt = db.prepare('SELECT coalesce(sum(quantity), 0) FROM genealogy WHERE serial = ? AND operation = ? AND material = ?').pluck();
  const completions = db.prepare('SELECT count(*) FROM unit_operations WHERE serial = ? AND operation = ? AND ended_at IS NOT NULL').pluck();
  const orderProduct = db.prepare('SELECT p.definition FROM orders o JOIN products p ON p.product = o.product AND p.revision = o.revision WHERE o.number = ?').pluck();
  const stockTake = run('UPDATE stock SET on_hand = on_hand - ?, updated_at = ? WHERE material = ? AND revision = ?');
  const unitOrder = db.prepare('SELECT order_number FROM units WHERE serial = ?').pluck();
  const genealogy = run('INSERT INTO genealogy (lot, material, revision, serial, order_number, operation, work_center, quantity, at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const user = run('INSERT INTO users (username, display_name, role, created_at) VALUES (?, ?, ?, ?)');

  const moveUnitTo = (serial: string, position: number, at: string) => {
    const row = unitOps.get(serial) as { operations: string } | undefined;
    const ops = JSON.parse(row?.operations ?? '[]') as UnitOperation[];
    const op = ops[position];
    if (op) unitMove('queued', position, op.seq, op.name, op.workCenter, at, serial);
  };

  return (_db, e: RecordedEvent) => {
    const at = e.at;
    switch (e.type) {
      case 'OrderReceived': {
        const d = e.data as Of<'OrderReceived'>;
        insertOrder(d.number, d.product, d.revision, d.quantity, d.dueDate, d.priority, at, at);
        if (d.tracking === 'lot') setTracking('lot', d.number);
        return;
      }
      case 'OrderReleased':
        orderStatus('released', null, at, (e.data as Of<'OrderReleased'>).number);
        return;
      case 'OrderDispatched': {
        const d = e.data as Of<'OrderDispatched'>;
        setLine('dispatched', d.line, at, d.number);
        return;
      }
      case 'OrderHeld': {
        const d = e.data as Of<'OrderHeld'>;
        orderStatus('held', d.reason, at, d.number);
        return;
      }
      case 'OrderResumed': {
        const d = e.data as Of<'OrderResumed'>;
        orderStatus(d.to, null, at, d.number);
        return;
      }
      case 'OrderSplit': {
        const d = e.data as Of<'OrderSplit'>;
        orderQuantity(d.quantity, at, d.number);
        return;
      }
      case 'OrderCancelled':
        orderStatus('cancelled', (e.data as Of<'OrderCancelled'>).reason, at, (e.data as Of<'OrderCancelled'>).number);
        return;
      case 'OrderStarted':
        orderStatus('in_progress', null, at, (e.data as Of<'OrderStarted'>).number);
        return;
      case 'OrderCompleted':
        orderStatus('completed', null, at, (e.data as Of<'OrderCompleted'>).number);
        return;
      case 'OrderQueued': {
        const d = e.data as Of<'OrderQueued'>;
        queueAppend(d.line, d.number);
        return;
      }
      case 'OrderMoved': {
        const d = e.data as Of<'OrderMoved'>;
        queueMove(d.line, d.number, d.to);
        return;
      }
      case 'OrderDequeued': {
        const d = e.data as Of<'OrderDequeued'>;
        queueDelete(d.line, d.number);
        return;
      }
      case 'UnitStarted': {
        const d = e.data as Of<'UnitStarted'>;
        const first = d.operations[0];
        if (!first) return;
        insertUnit(d.serial, d.order, d.product, d.revision, first.seq, first.name, first.workCenter, at, JSON.stringify(d.operations), at);
        started(at, d.order);
        return;
      }
      case 'UnitArrived': {
        const d = e.data as Of<'UnitArrived'>;
        unitStatus('in_operation', at, d.serial);
        opStart(d.serial, (unitOrder.get(d.serial) as string | undefined) ?? '', d.operation, d.workCenter, at, e.actor);
        wcEnsure(d.workCenter);
        wcUnit(d.serial, at, d.workCenter);
        return;
      }
      case 'OperationCompleted': {
        const d = e.data as Of<'OperationCompleted'>;
        opEnd(d.serial, d.order, d.operation, d.workCenter, at, d.result, JSON.stringify(d.measurements), e.actor);
        if ((completions.get(d.serial, d.operation) as number) === 1) {
          const ops = JSON.parse((unitOps.get(d.serial) as { operations: string } | undefined)?.operations ?? '[]') as UnitOperation[];
          for (const c of ops.find((o) => o.seq === d.operation)?.components ?? []) {
            const missing = c.quantity - (scannedAt.get(d.serial, d.operation, c.material) as number);
            if (missing > 1e-9) stockTake(missing, at, c.material, c.revision);
          }
        }
        const m = d.measurements[0];
        const last = m ? JSON.stringify({ name: m.name, value: m.value, unit: m.unit, result: m.result }) : null;
        wcEnsure(d.workCenter);
        (d.result === 'pass' ? wcGood : wcRejected)(last, d.serial, d.workCenter);
        if (d.result === 'pass') {
          const row = unitOps.get(d.serial) as { position: number } | undefined;
          if (row) moveUnitTo(d.serial, row.position + 1, at);
        }
        return;
      }
      case 'LotConsumed': {
        const d = e.data as Of<'LotConsumed'>;
        genealogy(d.lot, d.material, d.revision, d.serial, d.order, d.operation, d.workCenter, d.quantity, at, e.actor);
        stockTake(d.quantity, at, d.material, d.revision);
        return;
      }
      case 'UnitSentToRework': {
        const d = e.data as Of<'UnitSentToRework'>;
        const row = unitOps.get(d.serial) as { operations: string } | undefined;
        const ops = JSON.parse(row?.operations ?? '[]') as UnitOperation[];
        moveUnitTo(d.serial, Math.max(0, ops.findIndex((o) => o.seq === d.toOperation)), at);
        return;
      }
      case 'OperationQuantityReported': {
        const d = e.data as Of<'OperationQuantityReported'>;
        lotReported(d.number, d.operation, d.workCenter, d.good, d.scrapped, at);
        const def = orderProduct.get(d.number) as string | undefined;
        if (def) {
          const product = JSON.parse(def) as ProductDefinition;
          for (const c of product.routing.find((o) => o.seq === d.operation)?.components ?? []) {
            const revision = product.bom.find((b) => b.material === c.material)?.revision;
            if (revision) stockTake(c.quantity * (d.good + d.scrapped), at, c.material, revision);
          }
        }
        lotCounts(d.first ? d.good + d.scrapped : 0, d.last ? d.good : 0, d.scrapped, at, d.number);
        return;
      }
      case 'StockCounted': {
        const d = e.data as Of<'StockCounted'>;
        stockSet(d.material, d.revision, d.onHand, at);
        return;
      }
      case 'UnitCompleted': {
        const d = e.data as Of<'UnitCompleted'>;
        unitEnd('completed', at, at, d.serial);
        good(at, d.order);
        return;
      }
      case 'UnitScrapped': {
        const d = e.data as Of<'UnitScrapped'>;
        unitEnd('scrapped', at, at, d.serial);
        wcRelease(d.serial);
        opAbandon(at, e.actor, d.serial);
        scrapped(at, d.order);
        return;
      }
      case 'WorkCenterStateChanged': {
        const d = e.data as Of<'WorkCenterStateChanged'>;
        wcEnsure(d.workCenter);
        wcState(d.state, at, d.workCenter);
        stateClose(at, d.workCenter);
        stateOpen(d.workCenter, d.state, at);
        return;
      }
      case 'AlarmRaised': {
        const d = e.data as Of<'AlarmRaised'>;
        alarmUpsert(d.id, d.priority, d.message, JSON.stringify(d.value ?? null), at, at);
        alarmLog(d.id, at, 'raised', e.actor);
        return;
      }
      case 'AlarmReturned': {
        const d = e.data as Of<'AlarmReturned'>;
        alarmReturned(JSON.stringify(d.value ?? null), at, d.id);
        alarmLog(d.id, at, 'returned', e.actor);
        return;
      }
      case 'AlarmAcknowledged': {
        const d = e.data as Of<'AlarmAcknowledged'>;
        alarmAcked(at, d.id);
        alarmLog(d.id, at, 'acknowledged', d.by);
        return;
      }
      case 'AlarmShelved': {
        const d = e.data as Of<'AlarmShelved'>;
        alarmShelved(d.until, d.reason, at, d.id);
        alarmLog(d.id, at, 'shelved', d.by);
        return;
      }
      case 'AlarmUnshelved': {
        const d = e.data as Of<'AlarmUnshelved'>;
        alarmUnshelved(at, d.id);
        alarmLog(d.id, at, d.expired ? 'shelve expired' : 'unshelved', d.by);
        return;
      }
      case 'MaterialDefined': {
        const d = e.data as Of<'MaterialDefined'>;
        material(d.id, d.revision, d.description, d.unitOfMeasure, at);
        return;
      }
      case 'ProductDefined': {
        const d = e.data as Of<'ProductDefined'>;
        product(d.product, d.revision, JSON.stringify(d), at);
        return;
      }
      case 'UserCreated': {
        const d = e.data as Of<'UserCreated'>;
        user(d.username, d.displayName, d.role, at);
        return;
      }
    }
  };
}

/** The dispatch list's state read from its projection (see EventStore.snapshotFrom): the list, in order. */
export function dispatchListSnapshot(db: Db, stream: string): { orders: string[] } {
  const line = stream.slice(stream.indexOf(':') + 1);
  return { orders: db.prepare('SELECT number FROM dispatch_list WHERE line = ? ORDER BY position').pluck().all(line) as string[] };
}
