import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStore, createProjector, openDatabase } from '../store';
import { demoMasterData, fixedClock } from '../../tests/support/station-fixtures';
import { Commands } from './commands';
import { fixedLine } from './line-setup';
import { Reports } from './reports';

function station() {
  const db = openDatabase(':memory:');
  const store = new EventStore(db, 'ST-t', createProjector(db));
  return { db, commands: new Commands(store, fixedClock(), fixedLine('L1')) };
}

test('a product whose BOM names an undefined material revision is refused, saying which', async () => {
  const { db, commands } = station();
  const product = demoMasterData().products[0]!;
  const r = await commands.defineProduct(product, commands.context('engineer'));
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error.message, /not defined: BODY-25 rev C, SEAT-25 rev A/);
  assert.equal(db.prepare('SELECT count(*) FROM products').pluck().get(), 0);
});

test('materials with revisions, then the product: both recorded as events and readable', async () => {
  const { db, commands } = station();
  const data = demoMasterData();
  for (const m of data.materials) assert.ok((await commands.defineMaterial(m, commands.context('engineer'))).ok);
  assert.ok((await commands.defineProduct(data.products[0]!, commands.context('engineer'))).ok);
  assert.equal(db.prepare("SELECT count(*) FROM events WHERE type = 'MaterialDefined'").pluck().get(), data.materials.length);
  assert.equal(db.prepare("SELECT revision FROM materials WHERE id = 'BODY-25'").pluck().get(), 'C');
});

test('the next unit comes from the first order of the dispatch list that needs one', async () => {
  const { commands } = station();
  const data = demoMasterData();
  for (const m of data.materials) await commands.defineMaterial(m, commands.context('e'));
  for (const p of data.products) await commands.defineProduct(p, commands.context('e'));
  for (const number of ['A', 'B']) {
    await commands.receiveOrder({ number, product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-01', priority: 5 }, commands.context('s'));
    await commands.orderAction({ number, action: 'release' }, commands.context('s'));
    await commands.orderAction({ number, action: 'dispatch' }, commands.context('s'));
  }
  await commands.orderAction({ number: 'B', action: 'move', direction: 'up' }, commands.context('s'));
  const first = await commands.startNextUnit(commands.context('plc'));
  assert.deepEqual(first, { ok: true, value: 'B-0001' });
  await commands.orderAction({ number: 'A', action: 'hold', reason: 'material short' }, commands.context('s'));
  assert.deepEqual(await commands.startNextUnit(commands.context('plc')), { ok: true, value: null }, 'B is fully started and A is held: nothing to feed');
});

test('genealogy: lots scanned into units trace forward from the lot and backward from the unit, each one indexed query', async () => {
  const { db, commands } = station();
  const data = demoMasterData();
  for (const m of data.materials) await commands.defineMaterial(m, commands.context('e'));
  for (const p of data.products) await commands.defineProduct(p, commands.context('e'));
  await commands.receiveOrder({ number: 'G1', product: 'VLV-100', revision: 'B', quantity: 2, dueDate: '2026-12-01', priority: 5 }, commands.context('s'));
  await commands.orderAction({ number: 'G1', action: 'release' }, commands.context('s'));
  await commands.orderAction({ number: 'G1', action: 'dispatch' }, commands.context('s'));
  const serials = [await commands.startNextUnit(commands.context('plc')), await commands.startNextUnit(commands.context('plc'))].map((r) => (r.ok ? r.value : null));
  assert.deepEqual(serials, ['G1-0001', 'G1-0002']);
  for (const s of ['G1-0001', 'G1-0002']) {
    const r = await commands.consumeLot(s, { workCenter: 'WC10', material: 'SEAT-25', revision: 'A', lot: 'SEAT-LOT-9' }, commands.context('operator'));
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    await commands.consumeLot(s, { workCenter: 'WC10', material: 'BODY-25', revision: 'C', lot: `BODY-${s}` }, commands.context('operator'));
  }
  const wrong = await commands.consumeLot('G1-0001', { workCenter: 'WC10', material: 'BODY-25', revision: 'B', lot: 'X' }, commands.context('operator'));
  assert.equal(wrong.ok, false);
  assert.match(wrong.ok ? '' : wrong.error.message, /BOM asks for rev C/);

  const reports = new Reports(db, fixedClock());
  assert.deepEqual(reports.traceLot('SEAT-LOT-9').map((r) => r.serial), ['G1-0001', 'G1-0002']);
  const back = reports.asBuilt('G1-0002');
  assert.deepEqual(back?.lots.map((l) => [l.material, l.lot, l.by]), [['SEAT-25', 'SEAT-LOT-9', 'operator'], ['BODY-25', 'BODY-G1-0002', 'operator']]);
  const plan = (sql: string, ...p: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as { detail: string }[]).map((r) => r.detail).join(' | ');
  assert.match(plan('SELECT serial FROM genealogy WHERE lot = ? AND material = ?', 'x', 'y'), /USING INDEX genealogy_lot/);
  assert.match(plan('SELECT lot FROM genealogy WHERE serial = ?', 'x'), /USING INDEX genealogy_serial/);
});
