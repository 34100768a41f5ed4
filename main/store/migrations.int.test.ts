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

test('migration 9 keeps the as-built record and the dispatch list of a database written before it', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, 8));
  db.exec(`
    INSERT INTO orders (number, product, revision, quantity, due_date, priority, status, received_at, updated_at)
      VALUES ('PO-1', 'P', 'A', 2, '2026-12-01', 5, 'dispatched', 't', 't'), ('PO-2', 'P', 'A', 1, '2026-12-02', 5, 'dispatched', 't', 't');
    INSERT INTO dispatch_list (line, number, position) VALUES ('L1', 'PO-2', 0), ('L1', 'PO-1', 1);
    INSERT INTO unit_operations (serial, order_number, operation, work_center, started_at, ended_at, result, measurements, started_by, ended_by)
      VALUES ('PO-1-0001', 'PO-1', 10, 'WC10', '2026-11-21T06:00:00Z', '2026-11-21T06:00:03Z', 'pass', '[]', 'op', 'op');
  `);
  migrate(db);
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.deepEqual(db.prepare('SELECT serial, operation, attempt, result, ended_by FROM unit_operations').all(), [
    { serial: 'PO-1-0001', operation: 10, attempt: 1, result: 'pass', ended_by: 'op' },
  ]);
  assert.deepEqual(db.prepare('SELECT number, tracking FROM orders ORDER BY number').all(), [{ number: 'PO-1', tracking: 'serial' }, { number: 'PO-2', tracking: 'serial' }]);
  assert.deepEqual(db.prepare("SELECT number FROM dispatch_list WHERE line = 'L1' ORDER BY position").pluck().all(), ['PO-2', 'PO-1']);
  db.close();
});

test('migration 010: events recorded before it keep no correlation id; later events carry theirs', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, 9));
  db.prepare("INSERT INTO events (station_id, stream, stream_version, at, actor, type, data) VALUES ('ST', 's', 1, '2026-01-01T00:00:00Z', 'a', 'T', '{}')").run();
  migrate(db);
  db.prepare("INSERT INTO events (station_id, stream, stream_version, at, actor, type, data, correlation_id) VALUES ('ST', 's', 2, '2026-01-01T00:00:01Z', 'a', 'T', '{}', 'req-7')").run();
  assert.deepEqual(db.prepare("SELECT correlation_id FROM events WHERE stream = 's' ORDER BY seq").pluck().all(), [null, 'req-7']);
  assert.match(JSON.stringify(db.prepare("EXPLAIN QUERY PLAN SELECT seq FROM events WHERE correlation_id = 'req-7'").all()), /events_correlation/);
  db.close();
});

test('migration 012: users from before it are active, with no password to change, and keep their credentials', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, 11));
  db.exec(`
    INSERT INTO users (username, display_name, role, created_at) VALUES ('ada', 'Ada', 'admin', '2026-01-01T00:00:00Z');
    INSERT INTO credentials (username, scheme, salt, hash, changed_at) VALUES ('ada', 'scrypt-16384-8-1', 's', 'h', '2026-01-01T00:00:00Z');
  `);
  migrate(db);
  assert.deepEqual(db.prepare('SELECT username, state, must_change_password FROM users').all(), [{ username: 'ada', state: 'active', must_change_password: 0 }]);
  assert.equal(db.prepare('SELECT hash FROM credentials').pluck().get(), 'h');
  assert.throws(() => db.prepare("UPDATE users SET state = 'deleted'").run(), /CHECK constraint/, 'disabled, never deleted');
  assert.match(JSON.stringify(db.prepare("EXPLAIN QUERY PLAN SELECT hash FROM password_history WHERE username = 'ada' ORDER BY id DESC LIMIT 4").all()), /password_history_by_user/);
  db.close();
});

test('migration 017: attempts recorded before it were built to their unit\'s revision; no unit is held', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, 16));
  db.exec(`
    INSERT INTO units (serial, order_number, product, revision, status, position, operation, operation_name, work_center, since, operations, started_at)
      VALUES ('PO-1-0001', 'PO-1', 'P', 'B', 'queued', 1, 20, 'Fit', 'WC20', 't', '[]', 't');
    INSERT INTO unit_operations (serial, order_number, operation, attempt, work_center, started_at, ended_at, result, measurements, started_by, ended_by)
      VALUES ('PO-1-0001', 'PO-1', 10, 1, 'WC10', 't', 't', 'pass', '[]', 'op', 'op');
  `);
  migrate(db);
  assert.deepEqual(db.prepare('SELECT operation, revision FROM unit_operations').all(), [{ operation: 10, revision: 'B' }]);
  assert.deepEqual(db.prepare('SELECT serial, held_for FROM units').all(), [{ serial: 'PO-1-0001', held_for: null }]);
  assert.deepEqual(db.prepare('SELECT count(*) AS n FROM change_dispositions').get(), { n: 0 });
  db.close();
});
