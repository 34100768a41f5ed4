import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Worker } from 'node:worker_threads';
import { parseB2mml } from '../../core';
import { scheduleOf } from '../../tests/support/b2mml-schedule';
import { ThreadedB2mmlReader } from './b2mml-reader';
import { silentLog, type Log } from './log';
import { niceOfThreads } from '../../tests/support/threads';


test('a schedule is read on a thread of its own: the same orders as read on the loop, the loop turning meanwhile', async (t) => {
  const warned: string[] = [];
  const reader = new ThreadedB2mmlReader({ ...silentLog, warn: (m) => void warned.push(m) });
  t.after(() => reader.dispose());
  const xml = scheduleOf(3000, 'T');
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 1);
  const read = await reader.read(xml, { defaultDueDate: '2026-12-31' });
  clearInterval(timer);
  assert.deepEqual(warned, [], 'read on the thread, not on the loop');
  assert.notEqual((reader as unknown as { worker: Worker | null }).worker, null, 'the reader thread runs');
  assert.deepEqual(read, parseB2mml(xml, { defaultDueDate: '2026-12-31' }));
  assert.equal(read.ok && read.value.orders.length, 3000);
  assert.ok(ticks >= 5, `the loop turned ${ticks} times while the message was read`);
  if (process.platform === 'linux') assert.ok(niceOfThreads().includes(10), 'the reader thread runs below the loop (nice 10)');
});

test('messages are read in the order sent, and a refusal comes back as read on the loop', async (t) => {
  const reader = new ThreadedB2mmlReader(silentLog);
  t.after(() => reader.dispose());
  const bad = '<ProductionSchedule xmlns="http://www.mesa.org/xml/B2MML-V0600"><ProductionRequest><ID>X</ID></Production';
  const [a, refused, b] = await Promise.all([reader.read(scheduleOf(5, 'A')), reader.read(bad), reader.read(scheduleOf(7, 'B'))]);
  assert.deepEqual(refused, parseB2mml(bad));
  assert.equal(refused.ok, false);
  assert.deepEqual(
    [a, b].map((r) => (r.ok ? r.value.orders.map((o) => o.number)[0] : null)),
    ['A-000001', 'B-000001'],
  );
});

test('a reader thread that dies fails the message it was reading, turns those waiting away as busy, and the next message gets a new thread', async (t) => {
  const warned: string[] = [];
  const log: Log = { ...silentLog, warn: (m) => void warned.push(m) };
  const reader = new ThreadedB2mmlReader(log);
  t.after(() => reader.dispose());
  assert.equal((await reader.read(scheduleOf(2))).ok, true);
  const reading = reader.read(scheduleOf(20_000, 'LOST'));
  const waiting = reader.read(scheduleOf(5, 'WAIT'));
  // The thread ends while it reads (as a crash would end it).
  await (reader as unknown as { worker: Worker }).worker.terminate();
  const [lost, turnedAway] = await Promise.all([reading, waiting]);
  assert.equal(!lost.ok && lost.error.code, 'internal_error');
  assert.match(lost.ok ? '' : lost.error.message, /stopped .*while reading this message; it was not taken/);
  assert.equal(!turnedAway.ok && turnedAway.error.code, 'busy');
  assert.equal(warned.length, 1);
  const again = await reader.read(scheduleOf(3, 'AGAIN'));
  assert.equal(again.ok && again.value.orders.length, 3);
});

test('past a few messages waiting, the reader answers busy: each would hold megabytes', async (t) => {
  const reader = new ThreadedB2mmlReader(silentLog);
  t.after(() => reader.dispose());
  const xml = scheduleOf(2000, 'Q');
  const results = await Promise.all(Array.from({ length: 8 }, () => reader.read(xml)));
  assert.equal(results.filter((r) => r.ok).length, 5, 'the one read and four waiting');
  assert.ok(results.slice(5).every((r) => !r.ok && r.error.code === 'busy'));
});

test('a stopping station fails what is still being read, and reads nothing more', async () => {
  const reader = new ThreadedB2mmlReader(silentLog);
  const reading = reader.read(scheduleOf(20_000, 'LATE'));
  await reader.dispose();
  const late = await reading;
  assert.equal(!late.ok && late.error.code, 'busy');
  const after = await reader.read(scheduleOf(1));
  assert.equal(!after.ok && after.error.code, 'busy');
});

test('where no reader thread can be had, messages are read on the loop, and the log says so', async (t) => {
  const warned: string[] = [];
  const log: Log = { ...silentLog, warn: (m) => void warned.push(m) };
  // A program that fails to load, as one missing from a package would.
  const reader = new ThreadedB2mmlReader(log, new URL('data:text/javascript,throw new Error("no such program")'));
  t.after(() => reader.dispose());
  const xml = scheduleOf(4, 'LOOP');
  const [a, b] = await Promise.all([reader.read(xml), reader.read(xml)]);
  assert.deepEqual(a, parseB2mml(xml));
  assert.deepEqual(b, parseB2mml(xml));
  assert.deepEqual(await reader.read(xml), parseB2mml(xml));
  assert.equal(warned.length, 1);
  assert.match(warned[0] ?? '', /could not start .*read on the station loop/);
});
