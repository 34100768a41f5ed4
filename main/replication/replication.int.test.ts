import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import type { Health } from '../../core';
import { openPlantDatabase, plantHealth, resumeStation } from '../plant';
import { shippedChain } from '../../tests/support/backlog';
import { plantLogDigest, stationLogDigest } from '../../tests/support/log-digest';
import { startPostgres, type RunningPostgres } from '../../tests/support/postgres';
import { api, until, withStation } from '../../tests/support/station-harness';
import { Replicator, shipBatch, type ShippedRow } from '.';

// A station ships its whole log to the plant's PostgreSQL: everything, once, in order, through the plant being down.
let postgres: RunningPostgres;
let plant: pg.Pool;
let ctx: Awaited<ReturnType<typeof withStation>>;

before(async () => {
  postgres = await startPostgres();
  plant = await openPlantDatabase(postgres.url);
  // A backlog older than a second and a bit raises the alarm (15 minutes by default).
  ctx = await withStation({ plantUrl: postgres.url, plantBacklogAlarmMinutes: 0.02 });
});
after(async () => {
  await ctx?.dispose();
  await plant?.end();
  await postgres?.dispose();
});

const stationSide = () => stationLogDigest(ctx.station.db);
const plantSide = () => plantLogDigest(plant, ctx.station.stationId);
/**
 * Both sides alike once the shipper has caught up with what the station committed meanwhile (an alarm returning, say,
 * commits after the catch-up): nothing lost, nothing twice.
 */
async function sameOnBothSides(): Promise<void> {
  let last: [unknown, unknown] = [null, null];
  await until(
    'the plant to hold exactly the station\'s log',
    async () => {
      const [station, plantNow] = [stationSide(), await plantSide()];
      last = [station, plantNow];
      return station.count === plantNow.count && station.sum === plantNow.sum ? true : undefined;
    },
    20_000,
    100,
  ).catch((error: unknown) => {
    assert.deepEqual(last[1], last[0]);
    throw error;
  });
}
const health = async () => ((await fetch(`${ctx.url}/api/v1/health`)).json() as Promise<Health>);
const caughtUp = () => until('the plant caught up', async () => {
  const h = await health();
  return h.replication?.state === 'live' && h.replication.left === 0 ? h : undefined;
}, 30_000, 100);

test('the whole log reaches the plant in order, once: the same count and checksum on both sides', async () => {
  await caughtUp();
  await sameOnBothSides();
  const p = await plantSide();
  assert.ok(p.count > 10);
  const head = (await plant.query<{ last_seq: string }>('SELECT last_seq FROM stations WHERE id = $1', [ctx.station.stationId])).rows[0];
  assert.equal(Number(head?.last_seq), p.count, 'the head is the last event stored');
});

test('PostgreSQL down: the station keeps working and says so; back, it catches up, losing and duplicating nothing', async () => {
  await postgres.stop();
  const sup = api(ctx.url);
  await sup.login('supervisor');
  for (let i = 0; i < 5; i++) assert.equal((await sup.request('POST', '/orders', { number: `RP-${i}`, product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-31' })).status, 200);
  const offline = await until('the station to say the plant is offline', async () => {
    const h = await health();
    return h.replication?.state === 'offline' && h.replication.left > 0 ? h : undefined;
  }, 20_000, 100);
  assert.match(offline.replication?.message ?? '', /cannot be reached.*Nothing is lost/);
  assert.ok(offline.replication?.backlogSince);
  const alarm = async () =>
    ((await sup.request('GET', '/alarms?scope=all')).body as unknown as { alarms: { id: string; active: boolean; priority: string; message: string }[] }).alarms.find((a) => a.id === 'PLANT.REPLICATION');
  const raised = await until('the backlog alarm', async () => ((await alarm())?.active ? await alarm() : undefined), 20_000, 200);
  assert.match(raised?.message ?? '', /The plant has not had the station's log for over/);
  await postgres.start();
  await caughtUp();
  await sameOnBothSides();
  await until('the alarm to return', async () => ((await alarm())?.active === false ? true : undefined), 20_000, 200);
});

test('a batch sent again (the cursor lost in a crash) is found the same and not stored twice', async () => {
  // A second shipper from a cursor 7 events back: what a station restarted after a crash between the plant's commit
  // and its own cursor would send.
  ctx.station.db.prepare("UPDATE replication_cursor SET shipped = shipped - 7 WHERE target = 'plant'").run();
  const again = new Replicator(ctx.station.db, ctx.station.stationId, postgres.url, () => stationSide().count);
  try {
    await until('the second shipper to find the plant has it all', async () => (again.status().state === 'live' ? true : undefined), 20_000, 50);
  } finally {
    await again.dispose();
  }
  await sameOnBothSides();
  assert.equal((await plant.query('SELECT count(*)::int AS n FROM refused_batches')).rows[0]?.n, 0);
});

test('a batch that does not continue a station\'s log is refused, kept apart with why, and stops that station there', async () => {
  // Rows of a station of their own, each hashed as a station hashes it.
  const chain = shippedChain('ST-forged', 4);
  const [e1, e2, e3, e4] = chain as [ShippedRow, ShippedRow, ShippedRow, ShippedRow];
  const edited = await shipBatch(plant, 'ST-edited', [{ ...e1, stationId: 'ST-edited', data: '{"x":1}' }]);
  assert.match(edited.kind === 'refused' ? edited.reason : '', /event 1's hash does not match its content/);
  assert.deepEqual(await shipBatch(plant, 'ST-forged', [e1, e2]), { kind: 'applied', head: 2, applied: 2 });
  const gap = await shipBatch(plant, 'ST-forged', [e4]);
  assert.deepEqual(gap, { kind: 'refused', reason: 'a gap: event 4 follows 2; events 3…3 are missing' });
  assert.equal((await shipBatch(plant, 'ST-forged', [e3])).kind, 'stopped', 'nothing after it until an engineer decides');
  // The engineer decides: the decision is recorded on the refusal, and the log goes on from where the plant stands.
  assert.deepEqual(await resumeStation(plant, 'ST-forged', 'Event 3 was lost in a disk swap; re-sent from the station', 'erin'), { decided: 1 });
  assert.deepEqual(await shipBatch(plant, 'ST-forged', [e3, e4]), { kind: 'applied', head: 4, applied: 2 });
  const decided = await plant.query("SELECT decision, decided_by FROM refused_batches WHERE station_id = 'ST-forged'");
  assert.deepEqual(decided.rows, [{ decision: 'Event 3 was lost in a disk swap; re-sent from the station', decided_by: 'erin' }]);
  const reused = await shipBatch(plant, ctx.station.stationId, [{ ...e1, stationId: ctx.station.stationId, data: '{"forged":true}' }]);
  assert.equal(reused.kind, 'refused');
  assert.match(reused.kind === 'refused' ? reused.reason : '', /event 1 was already received with other content/);
  const refused = await plant.query<{ station_id: string; reason: string }>('SELECT station_id, reason FROM refused_batches ORDER BY id');
  assert.deepEqual(refused.rows.map((r) => r.station_id), ['ST-edited', 'ST-forged', ctx.station.stationId]);
  const h = await plantHealth(plant);
  assert.equal(h.status, 'degraded');
  assert.equal(h.stations.find((s) => s.id === 'ST-forged')?.stopped, null, 'decided and going on');
  // The station hears it: it stops shipping and says why.
  const sup = api(ctx.url);
  await sup.login('supervisor');
  await sup.request('POST', '/orders', { number: 'RP-after', product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-31' });
  const stopped = await until('the station to hear the plant stopped it', async () => ((await health()).replication?.state === 'stopped' ? await health() : undefined), 20_000, 100);
  assert.match(stopped.replication?.message ?? '', /refused.*already received with other content.*until an engineer decides/);
});

test('retention: once the plant holds them, a finished order\'s events leave the station; the chains stay alike and the order is refused as retired', async () => {
  const kept = await withStation({ plantUrl: postgres.url, retainReplicatedDays: 0 });
  try {
    const sup = api(kept.url);
    await sup.login('supervisor');
    assert.equal((await sup.request('POST', '/orders', { number: 'RET-1', product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-31' })).status, 200);
    assert.equal((await sup.request('POST', '/orders/RET-1/cancel', { reason: 'customer withdrew' })).status, 200);
    const db = kept.station.db;
    await until('the cancelled order to leave the station\'s log', () => ((db.prepare("SELECT count(*) FROM pruned_events WHERE stream = 'order:RET-1'").pluck().get() as number) > 0 ? true : undefined), 30_000, 100);
    assert.equal(db.prepare("SELECT count(*) FROM events WHERE stream = 'order:RET-1'").pluck().get(), 0);
    // The plant holds every event, the ones that left included: the chains agree.
    await until('the plant to hold the station\'s whole chain', async () => {
      const [station, plantNow] = [stationLogDigest(db), await plantLogDigest(plant, kept.station.stationId)];
      return station.count === plantNow.count && station.sum === plantNow.sum ? true : undefined;
    }, 20_000, 100);
    // The station still answers for the order, and refuses to decide on it.
    const orders = (await sup.request('GET', '/orders?status=all')).body as unknown as { number: string; status: string }[];
    assert.equal(orders.find((o) => o.number === 'RET-1')?.status, 'cancelled');
    const again = await sup.request('POST', '/orders/RET-1/release', {});
    assert.equal(again.status, 409);
    assert.match(String(again.body['message']), /^Order RET-1 is finished and its events left this station's log on .* under retention \(the plant holds them\)/);
  } finally {
    await kept.dispose();
  }
});

test('retention held by a reader of the log that has not moved for over an hour (a UNS broker gone): an alarm says so, and nothing it has not sent leaves', async () => {
  const held = await withStation({ plantUrl: postgres.url, retainReplicatedDays: 0 });
  try {
    // Before the first retention pass (5 s after the start): a UNS cursor at the log's start, last moved long ago.
    held.station.db.prepare("INSERT INTO replication_cursor (target, shipped, updated_at) VALUES ('uns', 0, '2026-01-01T00:00:00.000Z')").run();
    const sup = api(held.url);
    await sup.login('supervisor');
    assert.equal((await sup.request('POST', '/orders', { number: 'HELD-1', product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-31' })).status, 200);
    assert.equal((await sup.request('POST', '/orders/HELD-1/cancel', { reason: 'customer withdrew' })).status, 200);
    const alarm = await until('the retention alarm', async () => {
      const list = ((await sup.request('GET', '/alarms')).body as unknown as { alarms: { id: string; active: boolean; message: string }[] }).alarms;
      return list.find((a) => a.id === 'RETENTION.HELD' && a.active);
    }, 30_000, 200);
    assert.match(alarm.message, /Retention waits for uns/);
    assert.equal(held.station.db.prepare("SELECT count(*) FROM pruned_events WHERE stream = 'order:HELD-1'").pluck().get(), 0, 'nothing the UNS has not sent left');
  } finally {
    await held.dispose();
  }
});
