import type { ProductDefinition } from '../../../core';
import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * What OEE is computed from, kept as it happens so that a period's figures are sums, not a rescan of the history:
 * each work center's time in each PackML state by the hour and by the minute (a state's time is added when it ends,
 * split at the hours and minutes it spans; the state running now is open), and its output by the minute and order — pieces
 * made, good, scrapped, reworked, good first time, and the ideal time of what was made (the routing's standard cycle
 * time of each piece's operation, as defined when it was made).
 */
export function oeeReadModel(db: Db): ReadModel {
  const open = db.prepare('SELECT state, since FROM oee_open_states WHERE work_center = ?');
  const setOpen = statement(db, 'INSERT OR REPLACE INTO oee_open_states (work_center, state, since) VALUES (?, ?, ?)');
  const addTime = statement(db, 'INSERT INTO oee_state_hours (work_center, hour, state, ms) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET ms = ms + excluded.ms');
  const addMinute = statement(db, 'INSERT INTO oee_state_minutes (work_center, minute, state, ms) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET ms = ms + excluded.ms');
  const output = statement(
    db,
    `INSERT INTO oee_output (work_center, minute, order_number, produced, good, scrap, rework, first_pass, ideal_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET produced = produced + excluded.produced, good = good + excluded.good, scrap = scrap + excluded.scrap,
       rework = rework + excluded.rework, first_pass = first_pass + excluded.first_pass, ideal_ms = ideal_ms + excluded.ideal_ms`,
  );
  const failed = statement(db, 'INSERT OR REPLACE INTO oee_failed (serial, work_center, minute, order_number) VALUES (?, ?, ?, ?)');
  const takeFailed = db.prepare('DELETE FROM oee_failed WHERE serial = ? RETURNING work_center AS workCenter, minute, order_number AS orderNumber');
  const reworked = statement(db, 'INSERT OR IGNORE INTO oee_reworked (serial) VALUES (?)');
  const wasReworked = db.prepare('SELECT 1 FROM oee_reworked WHERE serial = ?').pluck();
  const scrapReason = statement(db, 'INSERT INTO oee_scrap_reasons (work_center, minute, reason, n) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n');
  const startupScrap = statement(db, 'UPDATE oee_output SET startup_scrap = startup_scrap + ? WHERE work_center = ? AND minute = ? AND order_number = ?');
  const lastRestart = db.prepare('SELECT end_ms FROM downtime WHERE work_center = ? AND micro = 0 AND end_ms IS NOT NULL ORDER BY start_ms DESC LIMIT 1').pluck();
  const startupWindow = db.prepare("SELECT coalesce(json_extract(settings, '$.startupMinutes'), 5) FROM time_classes ORDER BY seq DESC LIMIT 1").pluck();
  /** Rejects made within the startup window after the work center ran again after a stop are startup rejects. */
  const inStartup = (workCenter: string, at: number) => {
    const restart = lastRestart.get(workCenter) as number | undefined;
    const minutes = (startupWindow.get() as number | undefined) ?? 5;
    return restart !== undefined && at >= restart && at - restart < minutes * MINUTE;
  };
  const started = statement(db, 'INSERT INTO oee_orders (number, started) VALUES (?, ?) ON CONFLICT DO UPDATE SET started = coalesce(started, excluded.started)');
  const completed = statement(db, 'INSERT INTO oee_orders (number, completed) VALUES (?, ?) ON CONFLICT DO UPDATE SET completed = excluded.completed');
  const orderProduct = db.prepare('SELECT product, revision FROM orders WHERE number = ?');
  const definition = db.prepare('SELECT definition FROM products WHERE product = ? AND revision = ?').pluck();

  // Standard cycle times by product revision and operation: a revision's routing does not change once defined.
  const cycles = new Map<string, Map<number, number>>();
  const idealSeconds = (order: string, operation: number, revision?: string): number => {
    const o = orderProduct.get(order) as { product: string; revision: string } | undefined;
    if (!o) return 0;
    const key = `${o.product}\u0000${revision ?? o.revision}`;
    let ops = cycles.get(key);
    if (!ops) {
      const json = definition.get(o.product, revision ?? o.revision) as string | undefined;
      const d = json ? (JSON.parse(json) as ProductDefinition) : null;
      ops = new Map();
      for (const op of [...(d?.routing ?? []), ...(d?.options ?? []).flatMap((opt) => opt.values.flatMap((v) => v.addOperations ?? []))]) {
        if (!ops.has(op.seq)) ops.set(op.seq, op.standardCycleSeconds);
      }
      cycles.set(key, ops);
    }
    return ops.get(operation) ?? 0;
  };

  const closeState = (workCenter: string, until: number) => {
    const was = open.get(workCenter) as { state: string; since: number } | undefined;
    if (!was || until <= was.since) return was ?? null;
    for (const [size, add] of [[HOUR, addTime], [MINUTE, addMinute]] as const) {
      for (let k = Math.floor(was.since / size); k * size < until; k++) {
        const ms = Math.min(until, (k + 1) * size) - Math.max(was.since, k * size);
        if (ms > 0) add(workCenter, k, was.state, ms);
      }
    }
    return was;
  };

  return {
    name: 'oee',
    tables: ['oee_open_states', 'oee_state_hours', 'oee_state_minutes', 'oee_output', 'oee_failed', 'oee_reworked', 'oee_orders', 'oee_scrap_reasons'],
    project(e) {
      const at = Date.parse(e.at);
      const minute = Math.floor(at / MINUTE);
      switch (e.type) {
        case 'WorkCenterStateChanged': {
          const d = e.data;
          const was = closeState(d.workCenter, at);
          // A clock set back leaves the open state where it began rather than a negative time.
          setOpen(d.workCenter, d.state, Math.max(at, was?.since ?? at));
          return;
        }
        case 'OperationCompleted': {
          const d = e.data;
          const ideal = Math.round(idealSeconds(d.order, d.operation, d.revision) * 1000);
          const good = d.result === 'pass' ? 1 : 0;
          const first = good && !wasReworked.get(d.serial) ? 1 : 0;
          output(d.workCenter, minute, d.order, 1, good, 0, 0, first, ideal);
          if (!good) {
            failed(d.serial, d.workCenter, minute, d.order);
            if (inStartup(d.workCenter, at)) startupScrap(1, d.workCenter, minute, d.order);
          }
          return;
        }
        case 'UnitScrapped':
        case 'UnitSentToRework': {
          // A failed piece's fate, counted where it failed (a unit scrapped by an engineering change did not fail here).
          const f = takeFailed.get(e.data.serial) as { workCenter: string; minute: number; orderNumber: string } | undefined;
          if (e.type === 'UnitSentToRework') reworked(e.data.serial);
          if (f) output(f.workCenter, f.minute, f.orderNumber, 0, 0, e.type === 'UnitScrapped' ? 1 : 0, e.type === 'UnitSentToRework' ? 1 : 0, 0, 0);
          if (f && e.type === 'UnitScrapped') scrapReason(f.workCenter, f.minute, e.data.reason.trim() || 'No reason given', 1);
          return;
        }
        case 'OperationQuantityReported': {
          const d = e.data;
          const made = d.good + d.scrapped;
          output(d.workCenter, minute, d.number, made, d.good, d.scrapped, 0, d.good, Math.round(idealSeconds(d.number, d.operation) * 1000 * made));
          if (d.scrapped > 0) {
            scrapReason(d.workCenter, minute, d.reason?.trim() || 'No reason given', d.scrapped);
            if (inStartup(d.workCenter, at)) startupScrap(d.scrapped, d.workCenter, minute, d.number);
          }
          return;
        }
        case 'OrderStarted':
          return void started(e.data.number, at);
        case 'OrderCompleted':
          return void completed(e.data.number, at);
        case 'ProductDefined':
          return void cycles.delete(`${e.data.product}\u0000${e.data.revision}`);
      }
    },
  };
}
