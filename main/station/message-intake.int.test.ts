import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStore, createProjector, openDatabase } from '../store';
import { demoMasterData, fixedClock } from '../../tests/support/station-fixtures';
import { Commands } from './commands';
import { fixedLine } from './line-setup';

// A large ERP message is decided whole and written in parts, other commands going on between them: refused
// anywhere, nothing of it is written; answered, all of it is.
function station() {
  const db = openDatabase(':memory:');
  const store = new EventStore(db, 'ST-t', createProjector(db));
  const commands = new Commands(store, fixedClock('2026-11-30T06:00:00.000Z'), fixedLine('L1'));
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  return { db, store, commands, events: () => count('SELECT count(*) FROM events'), orders: () => count('SELECT count(*) FROM orders') };
}

const orders = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    number: `${prefix}-${String(i).padStart(5, '0')}`, product: i % 3 === 0 ? 'VLV-200' : 'VLV-100', revision: i % 3 === 0 ? 'A' : 'B', quantity: 1 + (i % 7), dueDate: '2026-12-01', priority: 5,
  }));

async function withMasterData() {
  const s = station();
  const m = demoMasterData();
  const r = await s.commands.importMessage([], m.materials, s.commands.context('engineer'), m.products);
  assert.ok(r.ok, JSON.stringify(r));
  return s;
}

test('a message whose last order conflicts is refused whole: nothing of its thousands of orders is written', async () => {
  const s = await withMasterData();
  assert.ok((await s.commands.receiveOrder({ ...orders('PO', 1)[0]!, number: 'PO-LAST' }, s.commands.context('planner'))).ok);
  const before = { events: s.events(), orders: s.orders() };
  const message = [...orders('PO', 4000), { ...orders('PO', 1)[0]!, number: 'PO-LAST', quantity: 99 }];
  const r = await s.commands.importMessage(message, [], s.commands.context('erp'));
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.error.message, /PO-LAST is already on this station with other content/);
  assert.deepEqual({ events: s.events(), orders: s.orders() }, before);
});

test('other commands are written while a large message is taken in, and the message is written in parts, answered whole', async () => {
  const s = await withMasterData();
  const message = orders('BIG', 5000);
  const commits: number[] = [];
  s.store.onCommitted((events) => commits.push(events.filter((e) => e.type === 'OrderReceived' && e.stream.startsWith('order:BIG-')).length));
  const answered: string[] = [];
  const importing = s.commands.importMessage(message, [], s.commands.context('erp')).then((r) => (answered.push('message'), r));
  // An operator's command sent once the import has begun: it must not wait for 5,000 orders.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const other = s.commands.receiveOrder({ ...orders('X', 1)[0]!, number: 'PO-OTHER' }, s.commands.context('planner')).then((r) => (answered.push('other'), r));
  const [imported, single] = await Promise.all([importing, other]);
  assert.ok(single.ok);
  assert.ok(imported.ok, JSON.stringify(imported));
  assert.deepEqual(answered, ['other', 'message']);
  assert.equal(imported.value.received.length, 5000);
  const parts = commits.filter((n) => n > 0);
  assert.ok(parts.length > 1, `the message's orders were written in ${parts.length} commit(s)`);
  assert.equal(parts.reduce((a, b) => a + b, 0), 5000);
  assert.equal(s.orders(), 5001);
});

test('the same message sent twice at once is written once: the second finds every order unchanged', async () => {
  const s = await withMasterData();
  const message = orders('TWICE', 1500);
  const [a, b] = await Promise.all([
    s.commands.importMessage(message, [], s.commands.context('erp')),
    s.commands.importMessage(message, [], s.commands.context('erp')),
  ]);
  assert.ok(a.ok && b.ok);
  assert.equal(a.value.received.length, 1500);
  assert.deepEqual(b.value.received, []);
  assert.equal(b.value.unchanged.length, 1500);
  assert.equal(s.db.prepare("SELECT count(*) FROM events WHERE type = 'OrderReceived'").pluck().get(), 1500);
});

test('orders of a message may use the materials and products the same message defines', async () => {
  const s = station();
  const m = demoMasterData();
  const r = await s.commands.importMessage(orders('NEW', 10), m.materials, s.commands.context('erp'), m.products);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.received.length, 10);
  assert.equal(r.value.products, m.products.length);
  const refused = await station().commands.importMessage(orders('NEW', 10), [], s.commands.context('erp'), m.products);
  assert.equal(refused.ok, false, 'without its materials, the products are refused, and so the whole message');
});
