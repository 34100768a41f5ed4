import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fdatasync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orderDecider, streams, type RecordedEvent } from '../../core';
import { EventStore, WalSync, createProjector, openDatabase } from '.';

const meta = { at: '2026-11-21T06:00:00.000Z', actor: 'tester', correlationId: 'c-1' };
const header = (n: number) => ({ number: `PO-${n}`, product: 'P', revision: 'A', quantity: 1, dueDate: '2026-12-01', priority: 5 });

/** A station's database on a real file, its commits synced by a WalSync whose syncs the test holds, lets go or fails. */
function heldStation() {
  const dir = mkdtempSync(join(tmpdir(), 'mes-walsync-'));
  const file = join(dir, 'station.sqlite');
  const db = openDatabase(file, { synchronous: 'NORMAL' });
  const held: { fd: number; done: (error: NodeJS.ErrnoException | null) => void }[] = [];
  const durable = new WalSync(file, (fd, done) => void held.push({ fd, done }));
  const store = new EventStore(db, 'ST-test', createProjector(db), durable);
  const heard: number[] = [];
  store.onCommitted((events) => heard.push(...events.map((e: RecordedEvent) => e.seq)));
  const receive = (n: number) =>
    store.submit((tx) => {
      const { version } = tx.load(streams.order(`PO-${n}`), orderDecider);
      return tx.append(streams.order(`PO-${n}`), version, [{ type: 'OrderReceived', data: header(n) }], meta)[0]?.seq;
    });
  /** Lets the oldest held sync really happen (fdatasync) or fail. */
  const release = (error: NodeJS.ErrnoException | null = null) =>
    new Promise<void>((resolve) => {
      const sync = held.shift();
      assert.ok(sync, 'a sync was asked for');
      if (error) return resolve(sync.done(error));
      fdatasync(sync.fd, (e) => resolve(sync.done(e)));
    });
  const turn = () => new Promise<void>((r) => setImmediate(r));
  const dispose = () => {
    db.close();
    durable.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db, store, held, heard, receive, release, turn, dispose };
}

test('a command is acknowledged only once its commit is on disk; the next commands see it at once; commits made during a sync share the next one', async () => {
  const s = heldStation();
  try {
    const answered: number[] = [];
    const first = s.receive(1).then((seq) => answered.push(seq ?? -1));
    await s.turn();
    assert.equal(s.db.prepare('SELECT count(*) FROM orders').pluck().get(), 1, 'committed: the next commands and the queries see it');
    assert.equal(answered.length, 0, 'but nobody is told before the disk has it');
    assert.equal(s.heard.length, 0);
    assert.equal(s.held.length, 1);

    // Three more commits in three turns while the first sync runs: they wait for one more sync, together.
    const later: Promise<unknown>[] = [];
    for (const n of [2, 3, 4]) {
      later.push(s.receive(n).then((seq) => answered.push(seq ?? -1)));
      await s.turn();
    }
    assert.equal(s.db.prepare('SELECT count(*) FROM orders').pluck().get(), 4);
    assert.equal(s.held.length, 1, 'no second sync while the first runs');
    await s.release();
    await first;
    assert.deepEqual(answered, [1]);
    assert.deepEqual(s.heard, [1], 'the live stream hears it with its answer');
    assert.equal(s.held.length, 1, 'one sync for the three commits made meanwhile');
    await s.release();
    await Promise.all(later);
    assert.deepEqual(answered, [1, 2, 3, 4], 'acknowledged in the order committed');
    assert.deepEqual(s.heard, [1, 2, 3, 4]);
  } finally {
    s.dispose();
  }
});

test('a disk that refuses the sync fails the commands waiting on it, saying so; the station goes on with the next', async () => {
  const s = heldStation();
  try {
    const refused = s.receive(1).then(
      () => null,
      (error: unknown) => error,
    );
    await s.turn();
    await s.release(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    const error = await refused;
    assert.ok(error instanceof Error);
    assert.match(error.message, /could not put its record on disk: EIO/);
    const next = s.receive(2);
    await s.turn();
    await s.release();
    assert.equal(await next, 2);
  } finally {
    s.dispose();
  }
});

test('a station database syncs for real: commits acknowledged through fdatasync of its WAL, many in a few syncs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mes-walsync-'));
  const file = join(dir, 'station.sqlite');
  const db = openDatabase(file, { synchronous: 'NORMAL' });
  let syncs = 0;
  const durable = new WalSync(file, (fd, done) => {
    syncs += 1;
    fdatasync(fd, done);
  });
  const store = new EventStore(db, 'ST-test', createProjector(db), durable);
  try {
    const seqs: number[] = [];
    for (let wave = 0; wave < 20; wave += 1) {
      const w = Array.from({ length: 10 }, (_, i) =>
        store.submit((tx) => {
          const n = wave * 10 + i;
          const { version } = tx.load(streams.order(`PO-${n}`), orderDecider);
          return tx.append(streams.order(`PO-${n}`), version, [{ type: 'OrderReceived', data: header(n) }], meta)[0]?.seq ?? -1;
        }),
      );
      // An even wave is not awaited: it commits with the odd wave after it, in one group (10 groups in all).
      if (wave % 2 === 1) seqs.push(...(await Promise.all(w)));
      else void Promise.all(w).then((s) => seqs.push(...s));
    }
    await durable.flushed();
    await new Promise<void>((r) => setImmediate(r));
    assert.equal(seqs.length, 200);
    assert.ok(syncs >= 1 && syncs <= 11, `${syncs} syncs for 10 groups of commits and the test's own flush: one at most for each`);
  } finally {
    db.close();
    durable.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
