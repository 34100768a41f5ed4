import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LineSetup } from '../../core';
import { Queries, Reports } from '../../main/station';
import { EventStore, createProjector, openDatabase, readModels, rebuildReadModels, type Db } from '../../main/store';

const FIXED = { now: () => new Date('2026-12-01T12:00:00.000Z') };

/** Every row of every read model, in a stable order. */
function tables(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of readModels(db).flatMap((m) => m.tables)) {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[]).map((c) => `"${c}"`).join(', ');
    out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY ${columns}`).all();
  }
  return out;
}

/** What every query of the station answers over this database (at a fixed time, so ETAs compare). */
function answers(db: Db): Record<string, unknown> {
  const store = new EventStore(db, 'rebuild-check', createProjector(db));
  // The line as its read model holds it (rebuilt too).
  const row = db.prepare('SELECT setup FROM lines LIMIT 1').pluck().get() as string | undefined;
  const equipment = row ? LineSetup.parse(JSON.parse(row)) : null;
  const queries = new Queries(store, () => equipment, FIXED, () => ({ connected: true, endpoint: 'test', message: '' }), () => 'good');
  const reports = new Reports(db, FIXED);
  const orders = queries.orders('all');
  const serials = db.prepare('SELECT serial FROM units ORDER BY serial').pluck().all() as string[];
  const lots = db.prepare('SELECT DISTINCT lot FROM genealogy ORDER BY lot').pluck().all() as string[];
  return {
    openOrders: queries.orders('open'),
    orders,
    order: orders.map((o) => queries.order(o.number)),
    wip: queries.wip(),
    line: queries.line(),
    terminals: (equipment?.line.workCenters ?? []).map((w) => queries.terminal(w.id)),
    stock: queries.stock(),
    products: queries.products(),
    asBuilt: serials.map((s) => reports.asBuilt(s)),
    traces: lots.map((l) => reports.traceLot(l)),
    performance: orders.flatMap((o) => [reports.performance(o.number, 'v0600'), reports.performance(o.number, 'v7')]),
    alarms: db.prepare('SELECT * FROM alarms ORDER BY id').all(),
    users: db.prepare('SELECT * FROM users ORDER BY username').all(),
  };
}

/**
 * A stopped station's read models rebuilt from its log answer every query as before (mes rebuild). Run on the
 * database an end-to-end flow produced. Returns how many events were replayed.
 */
export function assertRebuildIsFaithful(dataDir: string): number {
  const db = openDatabase(join(dataDir, 'station.sqlite'));
  try {
    const beforeTables = tables(db);
    const before = answers(db);
    const { events } = rebuildReadModels(db);
    assert.ok(events > 0, 'the flow recorded events');
    assert.deepEqual(tables(db), beforeTables, 'every read model table is as the projectors made it while the station ran');
    assert.deepEqual(answers(db), before, 'every query answers the same after a rebuild');
    return events;
  } finally {
    db.close();
  }
}
