import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type pg from 'pg';
import { addStation, openPlantDatabase } from '../plant';
import { openDatabase, type Db } from '../store';
import { writeChainedBacklog } from '../../tests/support/backlog';
import { plantLogDigest, stationLogDigest } from '../../tests/support/log-digest';
import { startPostgres, type RunningPostgres } from '../../tests/support/postgres';
import { projectRoot, tempDir } from '../../tests/support/station-fixtures';
import { until } from '../../tests/support/station-harness';
import { startTcpProxy } from '../../tests/support/tcp-proxy';
import { Replicator, type ReplicationStatus } from '.';

// Replication under each fault the plant floor brings: the station or PostgreSQL killed mid-batch, the network cut
// mid-transaction (reset, or a cable pulled: silence), the station's clock years off. Each ends with the station's log
// and the plant's copy of it alike: the same count, the same checksum of the chain, nothing refused.
let postgres: RunningPostgres;
let plant: pg.Pool;
const dir = tempDir('mes-faults-');

before(async () => {
  postgres = await startPostgres();
  plant = await openPlantDatabase(postgres.url);
});
after(async () => {
  await plant?.end();
  await postgres?.dispose();
  dir.dispose();
});

/** A station's log of `events` chained events, registered at the plant under a role of its own; its URL as that role. */
async function station(id: string, events: number, o: { at?: Date } = {}): Promise<{ file: string; db: Db; url: string }> {
  const file = join(dir.path, `${id}.sqlite`);
  const db = openDatabase(file, { synchronous: 'NORMAL' });
  writeChainedBacklog(db, id, events, o.at);
  const { role, password } = await addStation(plant, id);
  return { file, db, url: `postgres://${role}:${password}@127.0.0.1:${postgres.port}/plant` };
}

/** Resolves once PostgreSQL is in the middle of a batch of this station's: its COPY running. */
async function midBatch(id: string, o: { port?: number } = {}): Promise<void> {
  const started = Date.now();
  for (;;) {
    const r = await plant.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND state = 'active' AND query LIKE 'COPY%'", [`mes station ${id}`]);
    if ((r.rowCount ?? 0) > 0) return;
    if (Date.now() - started > 30_000) throw new Error(`no batch of ${id}'s seen running at the plant${o.port ? ` (port ${o.port})` : ''}`);
  }
}

async function assertAlike(id: string, db: Db): Promise<void> {
  const station = stationLogDigest(db);
  const plantNow = await plantLogDigest(plant, id);
  assert.deepEqual(plantNow, station, `${id}: the plant holds exactly the station's log`);
  const refused = await plant.query('SELECT reason FROM refused_batches WHERE station_id = $1', [id]);
  assert.deepEqual(refused.rows, [], 'nothing refused');
}

const caughtUp = (shipper: Replicator, what: string) =>
  until(what, async () => {
    const s = shipper.status();
    return s.state === 'live' && s.left === 0 ? s : undefined;
  }, 60_000, 50);

/** Runs the shipper in a process of its own; kills it (-9) at the first running batch, or lets it finish. */
function shipInChild(file: string, id: string, url: string, o: { kill: boolean }): Promise<{ killed: boolean; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'tests/fixtures/shipping-station.ts'), file, id, url, '2000'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    if (o.kill) void midBatch(id).then(() => child.kill('SIGKILL'), reject);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (o.kill && signal !== 'SIGKILL') reject(new Error(`the shipper ended (${signal ?? code}) before it was killed`));
      else if (!o.kill && code !== 0) reject(new Error(`the shipper failed (${signal ?? code})`));
      else resolve({ killed: signal === 'SIGKILL', lines });
    });
  });
}

test('the station killed (-9) mid-batch, three times over: it takes up where the plant stands, nothing lost or twice', { timeout: 180_000 }, async () => {
  const { file, db, url } = await station('ST-kill', 40_000);
  const heads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { killed } = await shipInChild(file, 'ST-kill', url, { kill: true });
    assert.ok(killed);
    heads.push(Number((await plant.query('SELECT last_seq FROM stations WHERE id = $1', ['ST-kill'])).rows[0]?.last_seq));
  }
  assert.ok(heads.at(-1)! < 40_000, 'killed before the end');
  // Nothing half-stored: the plant's head is its last event, and what it has is the station's beginning, whole.
  const stored = await plant.query<{ n: string; max: string }>('SELECT count(*) AS n, max(seq) AS max FROM events WHERE station_id = $1', ['ST-kill']);
  assert.equal(Number(stored.rows[0]?.n), heads.at(-1));
  assert.equal(Number(stored.rows[0]?.max), heads.at(-1));
  const { lines } = await shipInChild(file, 'ST-kill', url, { kill: false });
  assert.ok(lines.includes('caught-up 40000'), lines.slice(-3).join(' | '));
  await assertAlike('ST-kill', db);
  db.close();
});

test('PostgreSQL killed (-9) mid-batch: it recovers from its WAL, the shipper finds where it stands and goes on', { timeout: 120_000 }, async () => {
  const { db, url } = await station('ST-pgkill', 30_000);
  const states = new Set<ReplicationStatus['state']>();
  const shipper = new Replicator(db, 'ST-pgkill', url, () => 30_000, { batch: 2_000, maxBackoffMs: 300, onStatus: (s) => states.add(s.state) });
  try {
    await midBatch('ST-pgkill');
    await postgres.kill();
    await until('the shipper to say the plant is offline', async () => (shipper.status().state === 'offline' ? true : undefined), 20_000, 20);
    await postgres.start();
    await caughtUp(shipper, 'the shipper to catch up after the crash');
  } finally {
    await shipper.dispose();
  }
  assert.match(postgres.log(), /database system was interrupted|not properly shut down|redo/i, 'PostgreSQL recovered from a crash');
  assert.ok(states.has('offline'));
  await assertAlike('ST-pgkill', db);
  db.close();
});

test('the network reset mid-transaction: PostgreSQL rolls the batch back, the shipper sends it again', { timeout: 120_000 }, async () => {
  const proxy = await startTcpProxy(postgres.port);
  const { db, url } = await station('ST-reset', 30_000);
  const shipper = new Replicator(db, 'ST-reset', url.replace(`:${postgres.port}/`, `:${proxy.port}/`), () => 30_000, { batch: 2_000, maxBackoffMs: 300 });
  try {
    await midBatch('ST-reset');
    proxy.cut();
    await until('the shipper to hear the link is gone', async () => (shipper.status().state === 'offline' ? true : undefined), 20_000, 20);
    const during = Number((await plant.query('SELECT last_seq FROM stations WHERE id = $1', ['ST-reset'])).rows[0]?.last_seq);
    assert.ok(during < 30_000);
    proxy.heal();
    await caughtUp(shipper, 'the shipper to catch up through the healed link');
  } finally {
    await shipper.dispose();
    await proxy.close();
  }
  await assertAlike('ST-reset', db);
  db.close();
});

test('the cable pulled mid-transaction (no reset, silence): the station gives the silent link up, its next session ends the remnant at the plant, then it catches up', { timeout: 120_000 }, async () => {
  const proxy = await startTcpProxy(postgres.port);
  const { db, url } = await station('ST-cable', 30_000);
  const shipper = new Replicator(db, 'ST-cable', url.replace(`:${postgres.port}/`, `:${proxy.port}/`), () => 30_000, { batch: 2_000, maxBackoffMs: 300, timeoutMs: 2_000 });
  try {
    await midBatch('ST-cable');
    proxy.blackhole();
    await until('the shipper to give the silent link up', async () => (shipper.status().state === 'offline' ? shipper.status() : undefined), 20_000, 20);
    // The plant's end of the dead session still holds the station's row, waiting for bytes that never come.
    const dead = await plant.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'mes station ST-cable'");
    assert.equal(dead.rowCount, 1);
    proxy.heal();
    await caughtUp(shipper, 'the shipper to catch up once the cable is back');
    // The new session ended the remnant as it connected.
    const now = await plant.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'mes station ST-cable'");
    assert.ok(!now.rows.some((r) => r.pid === dead.rows[0]?.pid), 'the dead session is gone');
  } finally {
    await shipper.dispose();
    await proxy.close();
  }
  await assertAlike('ST-cable', db);
  db.close();
});

test('the station\'s clock years off: its log ships as recorded, the plant stamps what it received by its own clock', async () => {
  const { db, url } = await station('ST-clock', 500, { at: new Date(Date.UTC(2031, 5, 1)) });
  const shipper = new Replicator(db, 'ST-clock', url, () => 500, { batch: 200 });
  try {
    await caughtUp(shipper, 'the shipper to catch up');
  } finally {
    await shipper.dispose();
  }
  await assertAlike('ST-clock', db);
  const r = await plant.query<{ first_at: string; received: Date }>("SELECT min(at) AS first_at, max(received_at) AS received FROM events WHERE station_id = 'ST-clock'");
  assert.match(r.rows[0]?.first_at ?? '', /^2031-06-01/);
  assert.ok(Math.abs(r.rows[0]!.received.getTime() - Date.now()) < 60_000, 'received by the plant\'s clock');
  db.close();
});
