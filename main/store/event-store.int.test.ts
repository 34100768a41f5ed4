import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderDecider, queueDecider, streams, type QueueState, type RecordedEvent } from '../../core';
import { EventStore, createProjector, dispatchListSnapshot, openDatabase } from '.';

const meta = { at: '2026-11-21T06:00:00.000Z', actor: 'tester', correlationId: 'c-1' };
const header = (n: number) => ({ number: `PO-${n}`, product: 'P', revision: 'A', quantity: 1, dueDate: '2026-12-01', priority: 5 });

function fresh() {
  const db = openDatabase(':memory:');
  return { db, store: new EventStore(db, 'ST-test', createProjector(db)) };
}

test('commands submitted in one turn commit together, each event with its projection', async () => {
  const { db, store } = fresh();
  const committed: RecordedEvent[][] = [];
  store.onCommitted((e) => committed.push([...e]));
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      store.submit((tx) => {
        const { version } = tx.load(streams.order(`PO-${i}`), orderDecider);
        return tx.append(streams.order(`PO-${i}`), version, [{ type: 'OrderReceived', data: header(i) }], meta).length;
      }),
    ),
  );
  assert.equal(results.reduce((a, b) => a + b, 0), 50);
  assert.equal(committed.length, 1, 'one group, one commit');
  assert.equal(db.prepare('SELECT count(*) FROM orders').pluck().get(), 50);
  assert.deepEqual(
    committed[0]?.map((e) => e.seq),
    Array.from({ length: 50 }, (_, i) => i + 1),
  );
  db.close();
});

test('a failing command rolls back alone; the others of its group are kept', async () => {
  const { db, store } = fresh();
  const good = store.submit((tx) => tx.append(streams.order('PO-1'), 0, [{ type: 'OrderReceived', data: header(1) }], meta));
  const bad = store.submit((tx) => {
    tx.append(streams.order('PO-2'), 0, [{ type: 'OrderReceived', data: header(2) }], meta);
    throw new Error('boom after the append');
  });
  await assert.doesNotReject(good);
  await assert.rejects(bad, /boom/);
  assert.deepEqual(db.prepare('SELECT number FROM orders').pluck().all(), ['PO-1']);
  assert.equal(store.lastSeq(), 1);
  db.close();
});

test('an append at a stale stream version is refused', async () => {
  const { db, store } = fresh();
  await store.submit((tx) => tx.append(streams.order('PO-1'), 0, [{ type: 'OrderReceived', data: header(1) }], meta));
  await assert.rejects(
    store.submit((tx) => tx.append(streams.order('PO-1'), 0, [{ type: 'OrderReleased', data: { number: 'PO-1' } }], meta)),
    /someone else changed it first/,
  );
  db.close();
});

test('an aggregate is loaded from its own events, with the cache catching up on new ones', async () => {
  const { db, store } = fresh();
  await store.submit((tx) => tx.append(streams.order('PO-1'), 0, [{ type: 'OrderReceived', data: header(1) }], meta));
  const first = await store.submit((tx) => tx.load(streams.order('PO-1'), orderDecider));
  assert.equal(first.version, 1);
  await store.submit((tx) => tx.append(streams.order('PO-1'), 1, [{ type: 'OrderReleased', data: { number: 'PO-1' } }], meta));
  const second = await store.submit((tx) => tx.load(streams.order('PO-1'), orderDecider));
  assert.equal(second.version, 2);
  assert.ok(second.state.exists && second.state.status === 'released');
  db.close();
});

test('hot queries use their indexes (EXPLAIN QUERY PLAN)', () => {
  const { db } = fresh();
  const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from(sql.matchAll(/\?/g), () => 'x')) as { detail: string }[]).map((r) => r.detail).join(' | ');
  assert.match(plan('SELECT type, data FROM events WHERE stream = ? AND stream_version > ? ORDER BY stream_version'), /USING INDEX sqlite_autoindex_events_1/);
  assert.match(plan("SELECT * FROM units WHERE status = 'queued' AND work_center = ?"), /USING INDEX units_wip/);
  assert.match(plan('SELECT * FROM units WHERE order_number = ?'), /USING INDEX units_order/);
  assert.match(plan('SELECT * FROM dispatch_list WHERE line = ? ORDER BY position'), /USING INDEX dispatch_list_position/);
  assert.match(plan('UPDATE state_history SET to_at = ? WHERE work_center = ? AND to_at IS NULL'), /USING INDEX state_history_open/);
  assert.match(plan("SELECT count(*) FROM alarm_log WHERE kind = 'raised' AND at > ?"), /USING INDEX alarm_log_at/);
  assert.match(plan('SELECT t, value FROM history WHERE tag = ? AND t BETWEEN ? AND ? ORDER BY t'), /USING INDEX history_tag_t/);
  db.close();
});

test('a long stream with a snapshot read model loads from it, not by folding every event, and moves stay exact', async () => {
  const { db, store } = fresh();
  const queue = streams.queue('L1');
  const n = 5000;
  await store.submit((tx) => {
    for (let i = 0; i < n; i += 1) {
      const { version } = tx.load(queue, queueDecider);
      tx.append(queue, version, [{ type: 'OrderQueued', data: { line: 'L1', number: `PO-${i}`, position: i } }], meta);
    }
  });
  // A restarted station: nothing cached. Count the folds.
  let folds = 0;
  const counting = { initialState: queueDecider.initialState, evolve: (s: QueueState, e: never) => ((folds += 1), queueDecider.evolve(s, e)) };
  const restarted = new EventStore(db, 'ST-test', createProjector(db));
  restarted.snapshotFrom('queue:', dispatchListSnapshot);
  const loaded = await restarted.submit((tx) => tx.load(queue, counting));
  assert.equal(folds, 0);
  assert.equal(loaded.version, n);
  assert.equal(loaded.state.orders.length, n);
  await restarted.submit((tx) => {
    const { version } = tx.load(queue, counting);
    tx.append(queue, version, [{ type: 'OrderMoved', data: { line: 'L1', number: 'PO-4000', from: 4000, to: 1 } }], meta);
  });
  const after = await restarted.submit((tx) => tx.load(queue, queueDecider));
  assert.equal(after.version, n + 1);
  assert.deepEqual(after.state.orders.slice(0, 3), ['PO-0', 'PO-4000', 'PO-1']);
  assert.deepEqual(after.state.orders, dispatchListSnapshot(db, queue).orders, 'the state equals its read model');
});

test('dispatch list ranks: moves into the same gap again and again renumber when needed and never lose the order', async () => {
  const { db, store } = fresh();
  const queue = streams.queue('L1');
  const names = ['A', 'B', 'C', 'D', 'E'];
  await store.submit((tx) => {
    names.forEach((n, i) => tx.append(queue, i, [{ type: 'OrderQueued', data: { line: 'L1', number: n, position: i } }], meta));
  });
  // Always drop the last order between the first two: the gap halves every time.
  for (let i = 0; i < 120; i += 1) {
    await store.submit((tx) => {
      const { state, version } = tx.load(queue, queueDecider);
      const last = state.orders[state.orders.length - 1] ?? '';
      tx.append(queue, version, [{ type: 'OrderMoved', data: { line: 'L1', number: last, from: state.orders.length - 1, to: 1 } }], meta);
    });
    const { state } = await store.submit((tx) => tx.load(queue, queueDecider));
    assert.deepEqual(dispatchListSnapshot(db, queue).orders, state.orders, `after move ${i + 1}`);
  }
  // The other way: the first order to the end, and dequeues close the list without renumbering.
  await store.submit((tx) => {
    const { state, version } = tx.load(queue, queueDecider);
    tx.append(queue, version, [
      { type: 'OrderMoved', data: { line: 'L1', number: state.orders[0] ?? '', from: 0, to: 4 } },
      { type: 'OrderDequeued', data: { line: 'L1', number: 'C' } },
    ], meta);
  });
  const { state } = await store.submit((tx) => tx.load(queue, queueDecider));
  assert.deepEqual(dispatchListSnapshot(db, queue).orders, state.orders);
  assert.equal(state.orders.length, 4);
});
