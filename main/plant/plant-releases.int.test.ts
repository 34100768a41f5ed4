import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type pg from 'pg';
import type { PlantReleaseView, ProductDefinition } from '../../core';
import { PasswordHasher } from '../station';
import { startPostgres, type RunningPostgres } from '../../tests/support/postgres';
import { demoProduct, tempDir } from '../../tests/support/station-fixtures';
import { api, until, withStation } from '../../tests/support/station-harness';
import { addPlantUser, addStation, openPlantDatabase, startPlantServer } from '.';

// Down to the lines: released once at the plant, taken by every station in order (waiting while one is offline),
// each line deciding on a change for its own work; the plant shows, per change, which lines have applied it.
let postgres: RunningPostgres;
let plant: pg.Pool;
let server: Awaited<ReturnType<typeof startPlantServer>>;
const dir = tempDir('mes-plant-rel-');
const stations: Awaited<ReturnType<typeof withStation>>[] = [];
let token = '';

before(async () => {
  postgres = await startPostgres();
  plant = await openPlantDatabase(postgres.url);
  const hasher = new PasswordHasher();
  const { password } = await addPlantUser(plant, hasher, { username: 'erin', role: 'engineer' });
  await hasher.dispose();
  for (const id of ['ST-A', 'ST-B']) {
    const { role, password: pw } = await addStation(plant, id);
    stations.push(await withStation({ stationId: id, plantUrl: `postgres://${role}:${pw}@127.0.0.1:${postgres.port}/plant` }));
  }
  server = await startPlantServer({ pool: plant, dataDir: join(dir.path, 'plant'), host: '127.0.0.1', port: 0 });
  const r = await fetch(`${server.url}api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'erin', password }) });
  token = ((await r.json()) as { token: string }).token;
});
after(async () => {
  await server?.close();
  for (const s of stations) await s.dispose();
  await plant?.end();
  await postgres?.dispose();
  dir.dispose();
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`${server.url}api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: r.status, body: await r.json() };
}
const releases = async () => (await call('GET', '/plant/releases')).body as PlantReleaseView[];
/** The release as the plant sees it, once every named line's receipt and change status is as wanted. */
const lineStates = (seq: number, wanted: Record<string, string>) =>
  until(`release ${seq} to stand ${JSON.stringify(wanted)}`, async () => {
    const r = (await releases()).find((x) => x.seq === seq);
    const got = Object.fromEntries((r?.lines ?? []).map((l) => [l.station, l.changeStatus ?? l.outcome]));
    return Object.entries(wanted).every(([k, v]) => got[k] === v) ? r : undefined;
  }, 30_000, 200);
const revisionC = (): ProductDefinition => {
  const b = demoProduct();
  return { ...b, revision: 'C', routing: b.routing.map((o) => (o.seq === 30 ? { ...o, measurements: o.measurements.map((m) => ({ ...m, high: m.high * 0.9 })) } : o)) };
};

test('a material released at the plant reaches every line, marked as the plant\'s', async () => {
  const r = await call('POST', '/plant/releases', { kind: 'material', definition: { id: 'GASKET-9', revision: 'A', description: 'Body gasket', unitOfMeasure: 'EA' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const seq = (r.body as PlantReleaseView).seq;
  await lineStates(seq, { 'ST-A': 'applied', 'ST-B': 'applied' });
  for (const s of stations) {
    const row = s.station.db.prepare("SELECT actor, correlation_id FROM events WHERE type = 'MaterialDefined' AND data LIKE '%GASKET-9%'").get() as { actor: string; correlation_id: string };
    assert.deepEqual(row, { actor: 'plant:erin', correlation_id: `plant-release:${seq}` });
  }
});

test('a change released at the plant is proposed on every line; each line approves it for its own work; the plant shows where', async () => {
  const r = await call('POST', '/plant/releases', { kind: 'change', change: { number: 'ECN-P1', reason: 'Tighter leak limit, plant-wide', definition: revisionC() } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const seq = (r.body as PlantReleaseView).seq;
  await lineStates(seq, { 'ST-A': 'pending', 'ST-B': 'pending' });
  // Line A's engineer and supervisor approve it there, with their signatures; line B has not yet.
  const engineer = api(stations[0]!.url, { sign: false });
  await engineer.login('engineer');
  const approved = await engineer.request('POST', '/changes/ECN-P1/approve', { signatures: [{ username: 'engineer', password: 'engineer' }, { username: 'supervisor', password: 'supervisor' }] });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  const view = await lineStates(seq, { 'ST-A': 'approved', 'ST-B': 'pending' });
  assert.equal(view?.subject, 'ECN-P1');
});

test('a release a line cannot take is refused there, and the plant says why; a station offline takes every release in order when it comes', async () => {
  const broken = { ...revisionC(), revision: 'D', bom: [...demoProduct().bom, { material: 'UNOBTAINIUM', revision: 'A', quantity: 1, operation: 10 }] };
  const r = await call('POST', '/plant/releases', { kind: 'change', change: { number: 'ECN-P2', reason: 'Needs a part nobody defined', definition: broken } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const refused = await lineStates((r.body as PlantReleaseView).seq, { 'ST-A': 'refused', 'ST-B': 'refused' });
  assert.match(refused?.lines[0]?.message ?? '', /UNOBTAINIUM/);

  // A third line registered but not running: everything waits for it; started, it takes them all, in order.
  const { role, password } = await addStation(plant, 'ST-C');
  await until('ST-C to be waiting', async () => ((await releases()).every((x) => x.lines.find((l) => l.station === 'ST-C')?.outcome === 'waiting') ? true : undefined), 10_000, 200);
  stations.push(await withStation({ stationId: 'ST-C', plantUrl: `postgres://${role}:${password}@127.0.0.1:${postgres.port}/plant` }));
  const all = await releases();
  for (const x of all) await lineStates(x.seq, { 'ST-C': x.kind === 'change' ? (x.subject === 'ECN-P2' ? 'refused' : 'pending') : 'applied' });
  const taken = stations[2]!.station.db.prepare("SELECT correlation_id FROM events WHERE correlation_id LIKE 'plant-release:%' ORDER BY seq").pluck().all() as string[];
  assert.deepEqual([...new Set(taken)], all.filter((x) => x.subject !== 'ECN-P2').map((x) => `plant-release:${x.seq}`).reverse(), 'in the order released');
  assert.equal((await call('POST', '/plant/releases', { kind: 'change', change: { number: '', reason: '', definition: {} } })).status, 400);
});
