import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../tests/support/station-fixtures';
import { MIGRATIONS, SCHEMA_VERSION, migrate, openDatabase } from '.';

test('a new database gets every migration, in order, and its user_version', () => {
  const db = openDatabase(':memory:');
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
  for (const t of ['events', 'orders', 'units', 'work_centers', 'dispatch_list', 'materials', 'products', 'users', 'credentials']) assert.ok(tables.includes(t), t);
  db.close();
});

test('each migration applies on top of the one before (an old database is upgraded)', () => {
  for (let n = 1; n < MIGRATIONS.length; n += 1) {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, n));
    assert.equal(db.pragma('user_version', { simple: true }), n);
    assert.deepEqual(migrate(db), { from: n, to: SCHEMA_VERSION });
    db.close();
  }
});

test('a database from a newer version is refused with a message that says what to do', () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'newer.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    assert.throws(() => openDatabase(file), /newer version of the station.*Install the newer version/);
  } finally {
    dir.dispose();
  }
});

test('the event log refuses UPDATE and DELETE', () => {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO events (station_id, stream, stream_version, at, actor, type, data) VALUES ('s', 'x', 1, 't', 'a', 'T', '{}')").run();
  assert.throws(() => db.prepare("UPDATE events SET actor = 'mallory'").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM events').run(), /append-only/);
  db.close();
});

test('the station opens in WAL mode with synchronous FULL', () => {
  const dir = tempDir();
  try {
    const db = openDatabase(join(dir.path, 's.sqlite'));
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('synchronous', { simple: true }), 2);
    db.close();
  } finally {
    dir.dispose();
  }
});
