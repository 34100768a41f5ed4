import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Commands } from '../station/commands';
import { fixedLine } from '../station/line-setup';
import { demoMasterData, fixedClock } from '../../tests/support/station-fixtures';
import { EventStore, createProjector, openDatabase, pruneReplicated, rebuildReadModels, verifyChain } from '.';

// Retention: only what the plant holds, only of finished units and orders, a whole stream at a time; the chain still
// joins across what left, the read models keep their rows, and nothing else may leave.
async function station() {
  const db = openDatabase(':memory:');
  const store = new EventStore(db, 'ST-ret', createProjector(db));
  const commands = new Commands(store, fixedClock(), fixedLine('L1'));
  const data = demoMasterData();
  for (const m of data.materials) await commands.defineMaterial(m, commands.context('engineer'));
  for (const p of data.products) await commands.defineProduct(p, commands.context('engineer'));
  const order = async (number: string) => {
    await commands.receiveOrder({ number, product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-01', priority: 5 }, commands.context('planner'));
    await commands.orderAction({ number, action: 'release' }, commands.context('supervisor'));
  };
  await order('CANCELLED-1');
  await commands.orderAction({ number: 'CANCELLED-1', action: 'cancel', reason: 'customer withdrew' }, commands.context('supervisor'));
  await order('RUNNING-1');
  await commands.orderAction({ number: 'RUNNING-1', action: 'dispatch' }, commands.context('supervisor'));
  const unit = await commands.startNextUnit(commands.context('plc'));
  assert.ok(unit.ok && unit.value);
  assert.ok((await commands.scrapUnit(unit.value, 'dropped', commands.context('supervisor'))).ok);
  return { db, store, serial: unit.value };
}
const streamSeqs = (db: ReturnType<typeof openDatabase>, stream: string) => db.prepare('SELECT seq FROM events WHERE stream = ? ORDER BY seq').pluck().all(stream) as number[];

test('finished, replicated streams leave the log; the chain still verifies across them; the read models keep their rows', async () => {
  const { db, store, serial } = await station();
  const cancelled = streamSeqs(db, 'order:CANCELLED-1');
  const scrapped = streamSeqs(db, `unit:${serial}`);
  assert.ok(cancelled.length > 0 && scrapped.length > 0);
  const head = store.lastSeq();
  const ordersBefore = db.prepare('SELECT * FROM orders ORDER BY number').all();

  const r = pruneReplicated(store, { shippedThrough: head, finishedBefore: '2099-01-01T00:00:00.000Z', now: '2026-12-07T00:00:00.000Z' });
  assert.deepEqual(r, { streams: 2, events: cancelled.length + scrapped.length });
  assert.deepEqual(streamSeqs(db, 'order:CANCELLED-1'), []);
  assert.deepEqual(streamSeqs(db, `unit:${serial}`), []);
  assert.ok(streamSeqs(db, 'order:RUNNING-1').length > 0, 'an order still running keeps its events');
  assert.deepEqual(db.prepare('SELECT seq FROM pruned_events ORDER BY seq').pluck().all(), [...cancelled, ...scrapped].sort((x, y) => x - y));
  assert.deepEqual(db.prepare('SELECT * FROM orders ORDER BY number').all(), ordersBefore, 'the read models keep their rows');
  assert.equal(db.prepare('SELECT status FROM units WHERE serial = ?').pluck().get(serial), 'scrapped');

  // A checkpoint kept on an event that has left since (an audit report's head, say) still matches its place.
  const lastScrapped = Math.max(...scrapped);
  const kept = { seq: lastScrapped, hash: (db.prepare('SELECT lower(hex(hash)) FROM pruned_events WHERE seq = ?').pluck().get(lastScrapped) as string) };
  const report = verifyChain(db, [kept]);
  assert.equal(report.intact, true, JSON.stringify(report.firstBreak));
  assert.deepEqual(report.checkpoints.map((c) => c.matches), [true]);
  assert.equal(report.events, head);
  assert.equal(report.pruned, cancelled.length + scrapped.length);
  assert.throws(() => rebuildReadModels(db), /left this station's log under retention.*Nothing was changed/);
  // The log goes on after it.
  const commands = new Commands(store, fixedClock(), fixedLine('L1'));
  assert.ok((await commands.receiveOrder({ number: 'AFTER-1', product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-01', priority: 5 }, commands.context('planner'))).ok);
  assert.equal(verifyChain(db).intact, true);
  // Nothing more is decided on what left (the store forgot its cached states too): an order number sent again, an
  // action on it, a unit's scrap, each refused with why, and nothing written (the read models keep the rows as they were).
  const seqBefore = store.lastSeq();
  const again = await commands.receiveOrder({ number: 'CANCELLED-1', product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-01', priority: 5 }, commands.context('planner'));
  const retired = "Order CANCELLED-1 is finished and its events left this station's log on 2026-12-07 under retention (the plant holds them): nothing more is decided on it here.";
  assert.deepEqual(again.ok ? null : [again.error.code, again.error.message], ['conflict', retired]);
  // Through an ERP message (orders decided as a plan, appended in parts): other content is refused whole, saying why.
  const changed = await commands.importMessage([{ number: 'CANCELLED-1', product: 'VLV-100', revision: 'B', quantity: 2, dueDate: '2026-12-01', priority: 5 }], [], commands.context('erp'));
  assert.deepEqual(changed.ok ? null : [changed.error.code, changed.error.message], [
    'conflict',
    `${retired} The message names it with other content (here: VLV-100 rev B, 1 units, due 2026-12-01); the message was not applied.`,
  ]);
  assert.equal(store.lastSeq(), seqBefore);
  const released = await commands.orderAction({ number: 'CANCELLED-1', action: 'release' }, commands.context('supervisor'));
  assert.deepEqual(released.ok ? null : [released.error.code, released.error.message], ['conflict', retired]);
  const scrapAgain = await commands.scrapUnit(serial, 'dropped twice', commands.context('supervisor'));
  assert.match(scrapAgain.ok ? '' : scrapAgain.error.message, new RegExp(`^Unit ${serial} is finished and its events left`));
  assert.equal(store.lastSeq(), seqBefore);
  // ERP sending its schedule again whole, the finished order in it as it was: that one is "unchanged", the new one received.
  const resent = await commands.importMessage(
    [
      { number: 'CANCELLED-1', product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-01', priority: 5 },
      { number: 'AFTER-2', product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-02', priority: 5 },
    ],
    [],
    commands.context('erp'),
  );
  assert.deepEqual(resent.ok ? [resent.value.received, resent.value.unchanged] : resent.error.message, [['AFTER-2'], ['CANCELLED-1']]);
  assert.deepEqual(streamSeqs(db, 'order:CANCELLED-1'), [], 'nothing re-created for the retired order');
  assert.deepEqual(db.prepare('SELECT * FROM orders WHERE number = ?').get('CANCELLED-1'), (ordersBefore as { number: string }[]).find((o) => o.number === 'CANCELLED-1'));
});

test('nothing the plant does not hold yet, nothing unfinished or too recent, and no event without its place kept, may leave', async () => {
  const { db, store, serial } = await station();
  const unitLast = Math.max(...streamSeqs(db, `unit:${serial}`));
  // The unit's last event not shipped yet: its stream stays whole; the cancelled order (shipped) goes.
  const r = pruneReplicated(store, { shippedThrough: unitLast - 1, finishedBefore: '2099-01-01T00:00:00.000Z', now: '2026-12-07T00:00:00.000Z' });
  assert.equal(r.streams, 1);
  assert.ok(streamSeqs(db, `unit:${serial}`).length > 0);
  // Finished after the cutoff: stays.
  assert.deepEqual(pruneReplicated(store, { shippedThrough: unitLast, finishedBefore: '2026-11-21T05:00:00.000Z', now: '2026-12-07T00:00:00.000Z' }), { streams: 0, events: 0 });
  // Deleting by hand is refused by the database; so is a deletion with a forged place (another hash).
  assert.throws(() => db.prepare('DELETE FROM events WHERE stream = ?').run('order:RUNNING-1'), /append-only/);
  const seq = streamSeqs(db, 'order:RUNNING-1')[0]!;
  db.prepare("INSERT INTO pruned_events (seq, stream, previous_hash, hash, pruned_at) VALUES (?, 'x', NULL, x'00', '2026-12-07')").run(seq);
  assert.throws(() => db.prepare('DELETE FROM events WHERE seq = ?').run(seq), /append-only/);
});

test('a consumer of the log behind (the UNS publisher, its broker down) holds back what it has not read yet', async () => {
  const { db, store, serial } = await station();
  const unitLast = Math.max(...streamSeqs(db, `unit:${serial}`));
  const cut = { shippedThrough: store.lastSeq(), finishedBefore: '2099-01-01T00:00:00.000Z', now: '2026-12-07T00:00:00.000Z' };
  const cursor = db.prepare("INSERT INTO replication_cursor (target, shipped, updated_at) VALUES ('uns', ?, '2026-12-07') ON CONFLICT (target) DO UPDATE SET shipped = excluded.shipped");
  cursor.run(unitLast - 1);
  // The plant holds everything, but the UNS has not had the unit's last event: the unit stays, the order (read) goes.
  assert.equal(pruneReplicated(store, cut).streams, 1);
  assert.ok(streamSeqs(db, `unit:${serial}`).length > 0);
  cursor.run(unitLast);
  assert.equal(pruneReplicated(store, cut).streams, 1);
  assert.deepEqual(streamSeqs(db, `unit:${serial}`), []);
});

test('a place kept for an event that left, edited afterwards, breaks the chain there', async () => {
  const { db, store } = await station();
  pruneReplicated(store, { shippedThrough: store.lastSeq(), finishedBefore: '2099-01-01T00:00:00.000Z', now: '2026-12-07T00:00:00.000Z' });
  const first = db.prepare('SELECT seq FROM pruned_events ORDER BY seq LIMIT 1').pluck().get() as number;
  db.prepare("UPDATE pruned_events SET hash = x'0000000000000000000000000000000000000000000000000000000000000000' WHERE seq = ?").run(first);
  const report = verifyChain(db);
  assert.equal(report.intact, false);
  assert.ok(report.firstBreak && report.firstBreak.seq >= first && report.firstBreak.seq <= first + 1, JSON.stringify(report.firstBreak));
});
