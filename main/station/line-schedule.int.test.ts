import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProductDefinition } from '../../core';
import { EventStore, createProjector, dispatchListSnapshot, openDatabase } from '../store';
import { demoMasterData, fixedClock } from '../../tests/support/station-fixtures';
import { Commands } from './commands';
import { fixedLine } from './line-setup';
import { LineSchedule } from './line-schedule';

// The dispatch list kept in memory must say exactly what a fresh read of the database says, whatever happened.
test('the in-memory schedule stays equal to a fresh read through moves, holds, units built and scrapped, completions and stock', async () => {
  const db = openDatabase(':memory:');
  const store = new EventStore(db, 'ST-t', createProjector(db));
  store.snapshotFrom('queue:', dispatchListSnapshot);
  const clock = fixedClock('2026-11-30T06:00:00.000Z');
  const commands = new Commands(store, clock, fixedLine('L1'));
  const master = demoMasterData();
  for (const m of master.materials) await commands.defineMaterial(m, commands.context('e'));
  for (const p of master.products) await commands.defineProduct(p, commands.context('e'));
  const definitions = new Map(master.products.map((p) => [`${p.product}/${p.revision}`, p]));
  const definition = (product: string, revision: string): ProductDefinition | null => definitions.get(`${product}/${revision}`) ?? null;
  const live = new LineSchedule(db, () => 'L1', clock, definition);
  store.onCommitted((events) => live.apply(events));
  const fresh = () => new LineSchedule(db, () => 'L1', clock, definition).all();
  const check = (what: string) => assert.deepEqual([...live.all()], [...fresh()], what);

  const orders = Array.from({ length: 24 }, (_, i) => ({
    number: `PO-${i}`, product: i % 3 === 0 ? 'VLV-200' : 'VLV-100', revision: i % 3 === 0 ? 'A' : 'B', quantity: 2 + (i % 4), dueDate: '2026-12-01', priority: 5,
  }));
  assert.ok((await commands.importMessage(orders, [], commands.context('erp'))).ok);
  check('before anything is dispatched');
  for (const o of orders) {
    await commands.orderAction({ number: o.number, action: 'release' }, commands.context('lead'));
    await commands.orderAction({ number: o.number, action: 'dispatch' }, commands.context('lead'));
  }
  check('all dispatched');
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let step = 0; step < 120; step += 1) {
    const list = (await commands.dispatchList()).orders;
    const pick = list[random(list.length)] ?? 'PO-0';
    switch (random(8)) {
      case 0:
      case 1:
        await commands.orderAction({ number: pick, action: 'move', toPosition: 1 + random(list.length) }, commands.context('lead'));
        break;
      case 2:
        await commands.orderAction({ number: pick, action: random(2) === 0 ? 'hold' : 'resume', reason: 'check' }, commands.context('lead'));
        break;
      case 3: {
        const serial = await commands.startNextUnit(commands.context('line'));
        if (serial.ok && serial.value) {
          for (const wc of ['WC10', 'WC20', 'WC30', 'WC40']) {
            await commands.completeOperation(serial.value, wc, [], random(5) === 0 ? 'reject' : 'good', commands.context('line'));
          }
        }
        break;
      }
      case 4:
        await commands.countStock('SEAT-25', 'A', random(40), 'erp', commands.context('wms'));
        break;
      case 5: {
        // A split (its part dispatched at once), and several commands committed together with a cancel.
        const split = await commands.orderAction({ number: pick, action: 'split', quantity: 1 }, commands.context('lead'));
        if (split.ok) {
          const child = split.value.find((e) => e.type === 'OrderReceived')?.data as { number: string } | undefined;
          if (child) await commands.orderAction({ number: child.number, action: 'dispatch' }, commands.context('lead'));
        }
        break;
      }
      case 6:
        await Promise.all([
          commands.orderAction({ number: pick, action: 'cancel', reason: 'check' }, commands.context('lead')),
          commands.orderAction({ number: list[0] ?? pick, action: 'move', toPosition: list.length }, commands.context('lead')),
          commands.countStock('BODY-25', 'C', 10 + random(50), 'erp', commands.context('wms')),
        ]);
        break;
      default:
        clock.advance(60_000);
    }
    check(`after step ${step}`);
  }
  assert.ok([...live.all().values()].some((v) => v.hints.length > 0), 'hints were exercised');
});
