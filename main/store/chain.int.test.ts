import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalEvent, type DomainEvent } from '../../core';
import { tempDir } from '../../tests/support/station-fixtures';
import { EventStore, MIGRATIONS, migrate, openDatabase, sha256, verifyChain, type Db } from '.';
import { chainedRow, type RawEventRow } from './chain';

// The tamper-evident log: the tests edit, delete, insert and reorder rows straight in the SQLite file, the append-only
// triggers dropped as someone with the file would, and the walk names the first event that no longer matches.

const meta = { at: '2026-12-06T06:00:00.000Z', actor: 'ada', correlationId: 'req-1' };
const stateEvent = (i: number): DomainEvent => ({ type: 'WorkCenterStateChanged', data: { workCenter: 'WC10', state: i % 2 ? 'Execute' : 'Idle', previous: i % 2 ? 'Idle' : 'Execute' } });

/** A station database with `n` events written by the event store, closed; then opened raw with the triggers dropped. */
async function loggedFile(n: number): Promise<{ file: string; raw: Db; dispose: () => void }> {
  const dir = tempDir();
  const file = join(dir.path, 'station.sqlite');
  const db = openDatabase(file);
  const store = new EventStore(db, 'ST-1', () => undefined);
  for (let i = 0; i < n; i += 1) await store.submit((tx) => tx.append('wc:WC10', i, [stateEvent(i)], meta));
  db.close();
  const raw = new Database(file);
  raw.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
  return { file, raw, dispose: () => (raw.close(), dir.dispose()) };
}

const hashOf = (db: Db, seq: number): string => (db.prepare('SELECT hash FROM events WHERE seq = ?').pluck().get(seq) as Buffer).toString('hex');

test('a log written by the station is intact, and its head is the last event and its hash', async () => {
  const f = await loggedFile(40);
  try {
    const report = verifyChain(f.raw);
    assert.equal(report.intact, true);
    assert.equal(report.events, 40);
    assert.deepEqual(report.head, { seq: 40, hash: hashOf(f.raw, 40) });
    assert.equal(report.firstBreak, null);
    // Each hash is SHA-256 over the canonical row chained to the one before: recomputed here by hand.
    const row = f.raw.prepare('SELECT * FROM events WHERE seq = 2').get() as Record<string, unknown>;
    const canonical = canonicalEvent(
      { seq: 2, stationId: 'ST-1', stream: 'wc:WC10', streamVersion: 2, at: meta.at, actor: 'ada', type: 'WorkCenterStateChanged', data: row.data as string, correlationId: 'req-1', signatures: null },
      hashOf(f.raw, 1),
    );
    assert.equal(sha256(canonical).toString('hex'), hashOf(f.raw, 2));
  } finally {
    f.dispose();
  }
});

test('an edited event is found at its sequence number', async () => {
  const f = await loggedFile(40);
  try {
    f.raw.prepare(`UPDATE events SET data = json_set(data, '$.state', 'Aborted') WHERE seq = 17`).run();
    const report = verifyChain(f.raw);
    assert.equal(report.intact, false);
    assert.deepEqual({ seq: report.firstBreak?.seq, problem: report.firstBreak?.problem }, { seq: 17, problem: 'edited' });
    assert.match(report.firstBreak?.why ?? '', /event 17 no longer matches its hash/);
    assert.equal(report.events, 16, 'the events before it are proven');
  } finally {
    f.dispose();
  }
});

test('an edit of who did it is found too (every column is in the hash)', async () => {
  const f = await loggedFile(10);
  try {
    f.raw.prepare(`UPDATE events SET actor = 'mallory' WHERE seq = 4`).run();
    assert.deepEqual(verifyChain(f.raw).firstBreak?.seq, 4);
  } finally {
    f.dispose();
  }
});

test('a deleted event is found at the sequence number it had', async () => {
  const f = await loggedFile(40);
  try {
    f.raw.prepare('DELETE FROM events WHERE seq IN (23, 24)').run();
    const b = verifyChain(f.raw).firstBreak;
    assert.deepEqual({ seq: b?.seq, problem: b?.problem }, { seq: 23, problem: 'deleted' });
    assert.match(b?.why ?? '', /events 23–24 are missing/);
  } finally {
    f.dispose();
  }
});

/** Moves events from `from` on one place later, as one must to put a row in between. */
function makeRoom(raw: Db, from: number): void {
  raw.prepare('UPDATE events SET seq = seq + 1000000 WHERE seq >= ?').run(from);
  raw.prepare('UPDATE events SET seq = seq - 999999 WHERE seq >= 1000000').run();
}

test('an event put in between is found where it was put, with or without a hash made for it', async () => {
  const f = await loggedFile(40);
  try {
    makeRoom(f.raw, 12);
    f.raw.prepare(`INSERT INTO events (seq, station_id, stream, stream_version, at, actor, type, data) VALUES (12, 'ST-1', 'wc:WC10', 99, '${meta.at}', 'mallory', 'WorkCenterStateChanged', '{}')`).run();
    const b = verifyChain(f.raw).firstBreak;
    assert.deepEqual({ seq: b?.seq, problem: b?.problem }, { seq: 12, problem: 'inserted' });
  } finally {
    f.dispose();
  }
  const g = await loggedFile(40);
  try {
    // A forger who knows the algorithm chains the new row to event 11 correctly: the event that was 12 still names 11.
    makeRoom(g.raw, 12);
    const previous = Buffer.from(hashOf(g.raw, 11), 'hex');
    const row = { seq: 12, stationId: 'ST-1', stream: 'wc:WC10', streamVersion: 99, at: meta.at, actor: 'mallory', type: 'WorkCenterStateChanged', data: '{}', correlationId: null, signatures: null };
    const hash = sha256(canonicalEvent(row, previous.toString('hex')));
    g.raw
      .prepare(`INSERT INTO events (seq, station_id, stream, stream_version, at, actor, type, data, previous_hash, hash) VALUES (12, 'ST-1', 'wc:WC10', 99, ?, 'mallory', 'WorkCenterStateChanged', '{}', ?, ?)`)
      .run(meta.at, previous, hash);
    const b = verifyChain(g.raw).firstBreak;
    assert.deepEqual({ seq: b?.seq, problem: b?.problem }, { seq: 12, problem: 'inserted' });
    assert.match(b?.why ?? '', /the event recorded as 12 now stands at 13/);
  } finally {
    g.dispose();
  }
});

test('two events swapped are found as reordered at the first of them', async () => {
  const f = await loggedFile(40);
  try {
    f.raw.exec('UPDATE events SET seq = -1 WHERE seq = 20; UPDATE events SET seq = 20 WHERE seq = 30; UPDATE events SET seq = 30 WHERE seq = -1;');
    const b = verifyChain(f.raw).firstBreak;
    assert.deepEqual({ seq: b?.seq, problem: b?.problem }, { seq: 20, problem: 'reordered' });
    assert.match(b?.why ?? '', /holds the event recorded as 30/);
  } finally {
    f.dispose();
  }
});

test('a chain rewritten whole from an edit on is caught against a checkpoint taken before; a cut end against one past it', async () => {
  const f = await loggedFile(40);
  try {
    const checkpoint = verifyChain(f.raw).head!;
    // The forger edits event 5 and hashes every event from it on anew: the chain holds together again.
    f.raw.prepare(`UPDATE events SET actor = 'mallory' WHERE seq = 5`).run();
    let previous: Buffer = Buffer.from(hashOf(f.raw, 4), 'hex');
    for (const r of f.raw.prepare('SELECT * FROM events WHERE seq >= 5 ORDER BY seq').all() as RawEventRow[]) {
      const row = chainedRow(r);
      const hash: Buffer = sha256(canonicalEvent(row, previous.toString('hex')));
      f.raw.prepare('UPDATE events SET previous_hash = ?, hash = ? WHERE seq = ?').run(previous, hash, r.seq);
      previous = hash;
    }
    assert.equal(verifyChain(f.raw).intact, true, 'without a checkpoint, a rewrite whole cannot be told');
    const caught = verifyChain(f.raw, [checkpoint]);
    assert.deepEqual({ seq: caught.firstBreak?.seq, problem: caught.firstBreak?.problem }, { seq: 40, problem: 'rewritten' });
    assert.deepEqual(caught.checkpoints, [{ ...checkpoint, matches: false }]);
    f.raw.prepare('DELETE FROM events WHERE seq > 35').run();
    assert.deepEqual(verifyChain(f.raw, [checkpoint]).firstBreak?.problem, 'truncated');
  } finally {
    f.dispose();
  }
});

test('a command that fails inside a group leaves the chain as it was: the next events continue it', async () => {
  const dir = tempDir();
  try {
    const db = openDatabase(join(dir.path, 's.sqlite'));
    const store = new EventStore(db, 'ST-1', () => undefined);
    await store.submit((tx) => tx.append('a', 0, [stateEvent(0)], meta));
    // Same turn: the second appends and then throws (its savepoint rolls back), the third goes on.
    const outcomes = await Promise.allSettled([
      store.submit((tx) => tx.append('b', 0, [stateEvent(1)], meta)),
      store.submit((tx) => {
        tx.append('c', 0, [stateEvent(2)], meta);
        throw new Error('refused after appending');
      }),
      store.submit((tx) => tx.append('d', 0, [stateEvent(3)], meta)),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    await store.submit((tx) => tx.append('a', 1, [stateEvent(4)], meta));
    const report = verifyChain(db);
    assert.equal(report.intact, true, JSON.stringify(report.firstBreak));
    assert.equal(report.events, 4);
    db.close();
  } finally {
    dir.dispose();
  }
});

test('a database from before the chain is chained as it stands, and the log says so', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, 12));
  for (let i = 1; i <= 3; i += 1) {
    db.prepare(`INSERT INTO events (station_id, stream, stream_version, at, actor, type, data) VALUES ('ST-1', 'wc:WC10', ?, '2026-01-01T00:00:00Z', 'ada', 'WorkCenterStateChanged', '{}')`).run(i);
  }
  migrate(db);
  const report = verifyChain(db);
  assert.equal(report.intact, true);
  assert.equal(report.events, 4);
  assert.equal(report.chainedLater?.through, 3);
  const adopted = db.prepare('SELECT stream, type, actor, data FROM events WHERE seq = 4').get();
  assert.deepEqual(adopted, { stream: 'audit:record', type: 'RecordChained', actor: 'system', data: JSON.stringify({ through: 3, fromSchema: 12 }) });
  assert.throws(() => db.prepare("UPDATE events SET actor = 'x'").run(), /append-only/, 'the trigger is back');
  db.close();
});
