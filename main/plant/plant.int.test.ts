import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot, tempDir } from '../../tests/support/station-fixtures';
import { shippedChain } from '../../tests/support/backlog';
import { startPostgres, type RunningPostgres } from '../../tests/support/postgres';
import { shipBatch, type ShippedRow } from '../replication';
import { addStation, migratePlant, openPlantDatabase, PLANT_MIGRATIONS, PLANT_SCHEMA_VERSION, plantHealth, redactedUrl } from '.';

const md5 = (s: string) => createHash('md5').update(s).digest('hex').slice(0, 12);

// The plant server's PostgreSQL: a real server of the test's own, started on a free port.
let postgres: RunningPostgres;

before(async () => {
  postgres = await startPostgres();
});
after(async () => postgres?.dispose());

test('the plant server creates and migrates its schema; again, nothing is applied twice; two at once wait for each other', async () => {
  const [a, b] = await Promise.all([openPlantDatabase(postgres.url), openPlantDatabase(postgres.url)]);
  try {
    const version = await a.query<{ version: number }>('SELECT version FROM plant_schema');
    assert.deepEqual(version.rows, [{ version: PLANT_SCHEMA_VERSION }]);
    const tables = await a.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    assert.deepEqual(tables.rows.map((r) => r.table_name), [
      'events', 'events_unassigned', 'plant_genealogy', 'plant_genealogy_unassigned', 'plant_projection', 'plant_releases', 'plant_schema', 'plant_units', 'plant_units_unassigned', 'plant_users', 'refused_batches', 'release_receipts', 'stations',
    ]);
    assert.deepEqual(await migratePlant(b), { from: PLANT_SCHEMA_VERSION, to: PLANT_SCHEMA_VERSION });
    const health = await plantHealth(a);
    assert.deepEqual([health.status, health.database, health.schema, health.events, health.stations], ['ok', 'up', PLANT_SCHEMA_VERSION, 0, []]);
  } finally {
    await a.end();
    await b.end();
  }
});

test('a database written by a newer plant server is refused, saying what to do; the schema is left as it was', async () => {
  const admin = new pg.Client(postgres.url);
  await admin.connect();
  await admin.query('CREATE DATABASE newer');
  await admin.end();
  const url = postgres.url.replace(/\/plant$/, '/newer');
  const newer = new pg.Client(url);
  await newer.connect();
  await newer.query('CREATE TABLE plant_schema (version integer NOT NULL); INSERT INTO plant_schema VALUES (99)');
  await newer.end();
  await assert.rejects(openPlantDatabase(url), /written by a newer plant server \(schema 99; this version knows up to \d+\)\. Install the newer version/);
});

test('mes plant serves its health; the password of its PostgreSQL URL is never printed', async () => {
  const admin = new pg.Client(postgres.url);
  await admin.connect();
  await admin.query("CREATE ROLE plant_owner LOGIN PASSWORD 'S3cret-pg' SUPERUSER");
  await admin.end();
  const url = postgres.url.replace('postgres@', 'plant_owner:S3cret-pg@');
  assert.equal(redactedUrl(url).includes('S3cret-pg'), false);
  const data = tempDir('mes-plant-cli-');
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'main', 'cli', 'index.ts'), 'plant', '--pg', url, '--port', '0', '--data-dir', data.path], { cwd: projectRoot });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  try {
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 20_000);
      child.stdout.on('data', () => {
        const m = /Plant server running: (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    const health = (await (await fetch(`${address}api/v1/health`)).json()) as { status: string; schema: number };
    assert.deepEqual([health.status, health.schema], ['ok', PLANT_SCHEMA_VERSION]);
    assert.equal((await fetch(`${address}api/v1/nothing`)).status, 404);
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    data.dispose();
  }
  assert.equal(out.includes('S3cret-pg'), false, out);
  assert.match(out, /plant_owner:\*\*\*@127\.0\.0\.1/);
});

test('each station ships as its own role: its own rows only, nothing changed or deleted, other stations unseen', async () => {
  const owner = await openPlantDatabase(postgres.url);
  try {
    const a = await addStation(owner, 'ST-A');
    const b = await addStation(owner, 'ST-B');
    assert.equal(a.role, 'station_st_a');
    const as = (who: { role: string; password: string }) => new pg.Pool({ connectionString: postgres.url.replace('postgres@', `${who.role}:${who.password}@`), max: 1 });
    const rows = (station: string): ShippedRow[] => shippedChain(station, 2);
    const poolA = as(a);
    const poolB = as(b);
    try {
      assert.deepEqual(await shipBatch(poolA, 'ST-A', rows('ST-A')), { kind: 'applied', head: 2, applied: 2 });
      assert.deepEqual(await shipBatch(poolB, 'ST-B', rows('ST-B')), { kind: 'applied', head: 2, applied: 2 });
      // Station A as station B: B's head is not A's to see or move.
      await assert.rejects(shipBatch(poolA, 'ST-B', rows('ST-B')), /station ST-B is not registered at the plant/);
      await assert.rejects(poolA.query("INSERT INTO events (station_id, seq, stream, stream_version, at, actor, type, data) VALUES ('ST-B', 9, 's', 9, 't', 'x', 'T', '{}')"), /a station appends its own events only/);
      await assert.rejects(poolA.query("UPDATE events SET actor = 'mallory' WHERE station_id = 'ST-A'"), /permission denied|append-only/);
      await assert.rejects(poolA.query("DELETE FROM events WHERE station_id = 'ST-A'"), /permission denied|append-only/);
      await assert.rejects(poolA.query('SELECT station_id FROM events'), /permission denied/, 'the log itself is not a station\'s to read');
      assert.deepEqual((await poolA.query("SELECT seq FROM mes_stored_hashes('ST-B', '{1,2}')")).rows, [], 'nor another station\'s hashes');
      assert.deepEqual((await poolA.query("SELECT seq FROM mes_stored_hashes('ST-A', '{1,2}')")).rows.map((r) => Number(r.seq)), [1, 2]);
      assert.deepEqual((await poolA.query('SELECT id FROM stations')).rows, [{ id: 'ST-A' }]);
      // It cannot pass for another through a table of its own, move its head, lift a refusal, or write behind its head.
      await assert.rejects(poolA.query('CREATE TEMP TABLE stations (id text, role_name text)'), /permission denied/);
      await assert.rejects(poolA.query("UPDATE stations SET stop_reason = NULL, last_seq = 0 WHERE id = 'ST-A'"), /permission denied/);
      await assert.rejects(poolA.query("SELECT mes_advance_head('ST-A', 2, 9, 'x')"), /are not exactly 3 to 9/);
      await assert.rejects(poolA.query("SELECT mes_advance_head('ST-B', 2, 2, 'x')"), /its own head only/);
      await assert.rejects(
        poolA.query("INSERT INTO events (station_id, seq, stream, stream_version, at, actor, type, data) VALUES ('ST-A', 2, 's', 2, 't', 'x', 'T', '{\"forged\":1}')"),
        /appends beyond its head only/,
      );
      // Not even the owner changes an event once stored.
      await assert.rejects(owner.query("UPDATE events SET actor = 'mallory'"), /append-only/);
    } finally {
      await poolA.end();
      await poolB.end();
    }
  } finally {
    await owner.end();
  }
});

test('the log is partitioned by station and by the month received; a log from before is moved in whole; it stays append-only', async () => {
  const admin = new pg.Client(postgres.url);
  await admin.connect();
  await admin.query('CREATE DATABASE plant_parts');
  await admin.end();
  const pool = new pg.Pool({ connectionString: postgres.url.replace(/\/plant$/, '/plant_parts') });
  try {
    // A plant database from before partitioning, holding a station's log.
    await migratePlant(pool, PLANT_MIGRATIONS.slice(0, 7));
    await pool.query("INSERT INTO stations (id, last_seq) VALUES ('ST-OLD', 5)");
    for (const r of shippedChain('ST-OLD', 5)) {
      await pool.query('INSERT INTO events (station_id, seq, stream, stream_version, at, actor, type, data, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
        r.stationId, r.seq, r.stream, r.streamVersion, r.at, r.actor, r.type, r.data, r.previousHash, r.hash,
      ]);
    }
    await migratePlant(pool);
    const rows = await pool.query<{ part: string; n: number }>("SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM events WHERE station_id = 'ST-OLD' GROUP BY 1");
    const month = new Date().toISOString().slice(0, 7).replace('-', '');
    assert.deepEqual(rows.rows, [{ part: `events_${md5('ST-OLD')}_${month}`, n: 5 }]);
    // A station registered later has its part and the months to come; its rows go to this month's table.
    const added = await addStation(pool, 'ST-NEW');
    const parts = await pool.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY 1",
      [`events_${md5('ST-NEW')}`],
    );
    assert.equal(parts.rows.length, 4, 'its default part and three months');
    assert.ok(parts.rows.some((r) => r.name.endsWith(`_${month}`)));
    assert.ok(added.role);
    // A trace within a station and a month reads that month's table only.
    const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM events WHERE station_id = 'ST-OLD' AND received_at >= date_trunc('month', now()) AND received_at < date_trunc('month', now()) + interval '1 month'`);
    const planned = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    assert.match(planned, new RegExp(`events_${md5('ST-OLD')}_${month}`));
    assert.doesNotMatch(planned, /_other|events_unassigned/);
    await assert.rejects(pool.query("UPDATE events SET data = '{\"x\":1}' WHERE station_id = 'ST-OLD'"), /append-only/);
    await assert.rejects(pool.query("DELETE FROM events WHERE station_id = 'ST-OLD'"), /append-only/);
  } finally {
    await pool.end();
  }
});
