import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { Reports } from '../station/reports';
import { readModels, type Db } from '../store';
import { buildUnit, lineStation, type LineStation } from '../../tests/support/plant-lines';
import { startPostgres, type RunningPostgres } from '../../tests/support/postgres';
import { fixedClock, tempDir } from '../../tests/support/station-fixtures';
import { until } from '../../tests/support/station-harness';
import { openPlantDatabase, PlantGenealogy, PlantProjector } from '.';

// Two lines, one plant: each station's log replicated, projected at the plant by the station's own projectors, and
// traced across both lines in one query.
let postgres: RunningPostgres;
let plant: pg.Pool;
const dir = tempDir('mes-plant-proj-');
const stations: LineStation[] = [];

let projector: PlantProjector;
let a: LineStation;
let b: LineStation;

before(async () => {
  postgres = await startPostgres();
  plant = await openPlantDatabase(postgres.url);
  a = await lineStation(dir.path, 'ST-A', 'LINE-A', postgres.url);
  b = await lineStation(dir.path, 'ST-B', 'LINE-B', postgres.url);
  stations.push(a, b);
  // Line B builds a body sub-assembly; line A builds a valve from it. Both take seats from the same lot.
  const body = await buildUnit(b, 'B1', { seat: 'SEAT-LOT-9', body: 'BODY-LOT-7' });
  await buildUnit(a, 'A1', { seat: 'SEAT-LOT-9', body: body });
  projector = new PlantProjector(plant, join(dir.path, 'plant'), { batch: 40, intervalMs: 50 }).start();
  await caughtUp();
});
after(async () => {
  await projector?.dispose();
  for (const s of stations) await s.dispose();
  await plant?.end();
  await postgres?.dispose();
  dir.dispose();
});

/** Every station's log shipped, projected into its replica, and published plant-wide. */
const caughtUp = () =>
  until('the plant to have projected every station\'s whole log', async () => {
    const status = await projector.status();
    const heads = new Map(stations.map((s) => [s.id, s.db.prepare('SELECT max(seq) FROM events').pluck().get() as number]));
    return status.length === stations.length && status.every((p) => p.received === heads.get(p.stationId) && p.projected === p.received && p.published === p.projected) ? status : undefined;
  }, 30_000, 50);

test('the plant\'s replica of a line answers as the line\'s station does: the same projectors made the same read models', () => {
  for (const s of [a, b]) {
    const replica = projector.replica(s.id).db;
    // Every read model's every table, row for row.
    for (const table of readModels(s.db).flatMap((m) => m.tables)) {
      // Ordered by every column: the same rows in the same order whatever their rowids.
      const columns = (s.db.prepare(`PRAGMA table_info(${table})`).all() as unknown[]).length;
      const rows = (db: Db) => db.prepare(`SELECT * FROM ${table} ORDER BY ${Array.from({ length: columns }, (_, i) => i + 1).join(', ')}`).all();
      const here = rows(s.db);
      if (['orders', 'units', 'genealogy', 'products', 'materials'].includes(table)) assert.ok(here.length > 0, `${s.id} has ${table}`);
      assert.deepEqual(rows(replica), here, `${s.id}: ${table} alike at the plant`);
    }
    const serial = s.db.prepare('SELECT serial FROM units').pluck().get() as string;
    assert.deepEqual(new Reports(replica, fixedClock()).asBuilt(serial), new Reports(s.db, fixedClock()).asBuilt(serial));
  }
});

test('a lot used on both lines is recalled across both in one query, through the sub-assembly line B made for line A', async () => {
  const genealogy = new PlantGenealogy(plant);
  const seat = await genealogy.recall('SEAT-LOT-9');
  assert.deepEqual(seat.units.map((u) => [u.station, u.serial, u.order, u.via, u.depth]), [
    ['ST-A', 'A1-0001', 'A1', 'SEAT-LOT-9', 0],
    ['ST-B', 'B1-0001', 'B1', 'SEAT-LOT-9', 0],
  ]);
  assert.deepEqual(seat.orders.map((o) => [o.station, o.number, o.units]), [['ST-A', 'A1', 1], ['ST-B', 'B1', 1]]);
  const body = await genealogy.recall('BODY-LOT-7');
  assert.deepEqual(body.units.map((u) => [u.station, u.serial, u.via, u.depth]), [
    ['ST-A', 'A1-0001', 'B1-0001', 1],
    ['ST-B', 'B1-0001', 'BODY-LOT-7', 0],
  ]);
});

test('a unit of line A is traced back through the sub-assembly line B built, to line B\'s lots', async () => {
  const rows = await new PlantGenealogy(plant).buildOf('A1-0001');
  assert.deepEqual(rows.map((r) => [r.depth, r.station, r.serial, r.material, r.lot, r.lotBuiltBy]), [
    [0, 'ST-A', 'A1-0001', 'SEAT-25', 'SEAT-LOT-9', null],
    [0, 'ST-A', 'A1-0001', 'BODY-25', 'B1-0001', 'ST-B'],
    [1, 'ST-B', 'B1-0001', 'SEAT-25', 'SEAT-LOT-9', null],
    [1, 'ST-B', 'B1-0001', 'BODY-25', 'BODY-LOT-7', null],
  ].sort((x, y) => Number(x[0]) - Number(y[0]) || String(x[1]).localeCompare(String(y[1])) || String(x[4]).localeCompare(String(y[4]))));
});

test('the replicas are a cache: deleted, they are made again from PostgreSQL, and the plant-wide rows are replaced, not doubled', async () => {
  const count = async () => Number((await plant.query('SELECT count(*) AS n FROM plant_genealogy')).rows[0].n);
  const before = await count();
  assert.equal(before, 4);
  await projector.dispose();
  rmSync(join(dir.path, 'plant'), { recursive: true, force: true });
  projector = new PlantProjector(plant, join(dir.path, 'plant'), { batch: 40, intervalMs: 50 }).start();
  await caughtUp();
  assert.equal(await count(), before);
  // New work on a line reaches the plant-wide tables.
  await buildUnit(b, 'B2', { seat: 'SEAT-LOT-9', body: 'BODY-LOT-8' });
  await caughtUp();
  assert.deepEqual((await new PlantGenealogy(plant).recall('SEAT-LOT-9')).units.map((u) => u.serial), ['A1-0001', 'B1-0001', 'B2-0001']);
});
