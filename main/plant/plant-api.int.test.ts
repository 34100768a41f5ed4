import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type pg from 'pg';
import type { PlantLosses, PlantOee, PlantOverview, PlantRecallList, PlantSpc } from '../../core';
import { oeeModel } from '../oee';
import { Downtime } from '../station/downtime';
import { LineSetups } from '../station/line-setup';
import { silentLog } from '../station/log';
import { Production } from '../station/production';
import { PasswordHasher } from '../station/password-hasher';
import { Reports } from '../station/reports';
import { buildUnit, lineStation, type LineStation } from '../../tests/support/plant-lines';
import { startPostgres, type RunningPostgres } from '../../tests/support/postgres';
import { fixedClock, tempDir } from '../../tests/support/station-fixtures';
import { until } from '../../tests/support/station-harness';
import { addPlantUser, disablePlantUser, openPlantDatabase, startPlantServer } from '.';

// The plant server's API over HTTP: sign-in with plant accounts, every line's record read-only, recall across lines.
let postgres: RunningPostgres;
let plant: pg.Pool;
let server: Awaited<ReturnType<typeof startPlantServer>>;
const dir = tempDir('mes-plant-api-');
const lines: LineStation[] = [];
const passwords = new Map<string, string>();

before(async () => {
  postgres = await startPostgres();
  plant = await openPlantDatabase(postgres.url);
  const hasher = new PasswordHasher();
  try {
    for (const [username, role] of [['quinn', 'quality'], ['ada', 'auditor'], ['otto', 'operator'], ['erin', 'engineer'], ['rita', 'quality'], ['dan', 'auditor']] as const) {
      passwords.set(username, (await addPlantUser(plant, hasher, { username, role })).password);
    }
  } finally {
    await hasher.dispose();
  }
  const a = await lineStation(dir.path, 'ST-A', 'LINE-A', postgres.url);
  const b = await lineStation(dir.path, 'ST-B', 'LINE-B', postgres.url);
  lines.push(a, b);
  const body = await buildUnit(b, 'B1', { seat: 'SEAT-LOT-9', body: 'BODY-LOT-7' });
  await buildUnit(a, 'A1', { seat: 'SEAT-LOT-9', body });
  server = await startPlantServer({ pool: plant, dataDir: `${dir.path}/plant`, host: '127.0.0.1', port: 0 });
});
after(async () => {
  await server?.close();
  for (const l of lines) await l.dispose();
  await plant?.end();
  await postgres?.dispose();
  dir.dispose();
});

async function call(method: 'GET' | 'POST', path: string, o: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}api/v1${path}`, {
    method,
    headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(o.body ? { 'content-type': 'application/json' } : {}) },
    ...(o.body ? { body: JSON.stringify(o.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
async function signIn(username: string): Promise<string> {
  const r = await call('POST', '/session', { body: { username, password: passwords.get(username) } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body['token'] as string;
}
const caughtUp = (token: string) =>
  until('the plant to have both lines projected', async () => {
    const o = (await call('GET', '/plant', { token })).body as unknown as PlantOverview;
    const heads = new Map(lines.map((l) => [l.id, l.store.lastSeq()]));
    return o.stations.length === 2 && o.stations.every((s) => s.received === heads.get(s.id) && s.published === s.received) ? o : undefined;
  }, 30_000, 100);

test('nothing without a plant session; a wrong password is refused as such; the health and the OpenAPI document are open', async () => {
  assert.equal((await call('GET', '/plant')).status, 401);
  assert.equal((await call('POST', '/session', { body: { username: 'quinn', password: 'not-it' } })).status, 401);
  assert.equal((await call('POST', '/session', { body: { username: 'nobody', password: 'x' } })).status, 401);
  assert.equal((await call('GET', '/health')).status, 200);
  const doc = (await call('GET', '/openapi.json')).body as { paths: Record<string, unknown> };
  assert.ok(doc.paths['/api/v1/plant/recall'] && doc.paths['/api/v1/plant/lines/{station}/orders']);
});

test('a body is not read for a caller without a session: refused before it arrives', async () => {
  // Announces a megabyte and sends a few bytes: the answer comes without waiting for the rest.
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(`${server.url}api/v1/session/end`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(1 << 20) } }, (res) => resolve(res.statusCode ?? 0));
    req.on('error', reject);
    req.write('{"x":');
  });
  assert.equal(status, 401);
});

test('every line: what it shipped and what the plant projected, caught up', async () => {
  const token = await signIn('quinn');
  const o = await caughtUp(token);
  assert.deepEqual(o.stations.map((s) => [s.id, s.stopped]), [['ST-A', null], ['ST-B', null]]);
  assert.equal(o.database, 'up');
});

test('a lot used on both lines is recalled from the plant, as JSON and as a CSV export naming each unit\'s line', async () => {
  const token = await signIn('quinn');
  await caughtUp(token);
  const list = (await call('GET', '/plant/recall?lot=SEAT-LOT-9', { token })).body as unknown as PlantRecallList;
  assert.deepEqual(list.units.map((u) => [u.station, u.serial]), [['ST-A', 'A1-0001'], ['ST-B', 'B1-0001']]);
  const csv = (await call('GET', '/plant/recall?lot=BODY-LOT-7&format=csv', { token })).body as { fileName: string; csv: string };
  assert.equal(csv.fileName, 'recall-BODY-LOT-7.csv');
  assert.match(csv.csv, /^# Plant-wide recall of lot BODY-LOT-7; made .* by quinn \(quinn\); 2 units in 2 orders on 2 lines\r\n/);
  assert.match(csv.csv, /\r\nST-A,A1-0001,A1,VLV-100,B,.*,B1-0001,1\r\n/);
  const build = (await call('GET', '/plant/units/A1-0001/build', { token })).body as unknown as { lot: string; lotBuiltBy: string | null }[];
  assert.ok(build.some((r) => r.lot === 'B1-0001' && r.lotBuiltBy === 'ST-B'));
  assert.equal((await call('GET', '/plant/recall?lot=', { token })).status, 400);
  // The genealogy graph, as the station's screen draws it, across lines: line A's unit built from line B's.
  const graph = (await call('GET', '/plant/genealogy?kind=serial&id=A1-0001&direction=backward', { token })).body as { nodes: { id: string; label: string }[]; edges: { from: string; to: string }[] };
  assert.deepEqual(graph.nodes.map((n) => n.label).sort(), ['A1-0001 (ST-A)', 'B1-0001 (ST-B)', 'BODY-LOT-7', 'SEAT-LOT-9']);
  assert.ok(graph.edges.some((e) => e.from === 'unit:B1-0001' && e.to === 'unit:A1-0001'));
});

test('a line\'s orders and as-built record at the plant are what its station says', async () => {
  const token = await signIn('quinn');
  await caughtUp(token);
  const orders = (await call('GET', '/plant/lines/ST-A/orders', { token })).body as unknown as { number: string; status: string; unitsStarted: number }[];
  assert.deepEqual(orders.map((o) => [o.number, o.status]), [['A1', 'in_progress']]);
  const asBuilt = (await call('GET', '/plant/lines/ST-B/units/B1-0001', { token })).body;
  assert.deepEqual(asBuilt, JSON.parse(JSON.stringify(new Reports(lines[1]!.db, fixedClock()).asBuilt('B1-0001'))));
  const wip = (await call('GET', '/plant/lines/ST-A/wip', { token })).body as unknown as { serial: string; workCenter: string }[];
  assert.deepEqual(wip.map((u) => u.serial), ['A1-0001']);
  assert.equal((await call('GET', '/plant/lines/ST-X/orders', { token })).status, 404);
  assert.equal((await call('GET', '/plant/lines/ST-A/units/NOPE', { token })).status, 404);
});

test('a line\'s audit trail is for quality and auditors; an operator is refused; sign-out ends the session', async () => {
  const ada = await signIn('ada');
  await caughtUp(ada);
  const trail = (await call('GET', '/plant/lines/ST-A/audit?limit=5', { token: ada })).body as { entries: { seq: number }[]; more: boolean };
  assert.equal(trail.entries.length, 5);
  assert.equal(trail.more, true);
  // The plant walks the line's chain itself, from the content it holds.
  const chain = (await call('POST', '/plant/lines/ST-A/verify', { token: ada })).body as { intact: boolean; events: number };
  assert.deepEqual([chain.intact, chain.events], [true, lines[0]!.store.lastSeq()]);
  const otto = await signIn('otto');
  assert.equal((await call('GET', '/plant/lines/ST-A/audit', { token: otto })).status, 403);
  assert.equal((await call('POST', '/plant/lines/ST-A/verify', { token: otto })).status, 403);
  assert.equal((await call('POST', '/session/end', { token: otto })).status, 200);
  assert.equal((await call('GET', '/plant', { token: otto })).status, 401);
});

test('only an engineer decides on a line\'s log: the decision is said, the line must be stopped and known', async () => {
  const quinn = await signIn('quinn');
  const erin = await signIn('erin');
  const decision = { decision: 'Looked at the refused batch: the line may go on' };
  assert.equal((await call('POST', '/plant/lines/ST-A/resume', { token: quinn, body: decision })).status, 403);
  const notStopped = await call('POST', '/plant/lines/ST-A/resume', { token: erin, body: decision });
  assert.deepEqual([notStopped.status, notStopped.body['message']], [409, "ST-A's log is not stopped at the plant: there is nothing to decide."]);
  const unknown = await call('POST', '/plant/lines/ST-NOPE/resume', { token: erin, body: decision });
  assert.deepEqual([unknown.status, unknown.body['message']], [404, 'The plant has no station ST-NOPE.']);
  const bare = await call('POST', '/plant/lines/ST-A/resume', { token: erin, body: { decision: 'ok' } });
  assert.equal(bare.status, 400);
  assert.match(String(bare.body['message']), /at least 10 characters/);
});

test('an account changed from the command line ends its sessions within seconds: another role, a new password, disabled', async () => {
  const rita = await signIn('rita');
  const dan = await signIn('dan');
  assert.equal((await call('GET', '/plant', { token: rita })).status, 200);
  // Rita becomes an auditor (add-user again): her quality session ends; she signs in again as an auditor.
  const hasher = new PasswordHasher();
  try {
    passwords.set('rita', (await addPlantUser(plant, hasher, { username: 'rita', role: 'auditor' })).password);
  } finally {
    await hasher.dispose();
  }
  await until('rita\'s session to end', async () => ((await call('GET', '/plant', { token: rita })).status === 401 ? true : undefined), 15_000, 200);
  const again = await call('POST', '/session', { body: { username: 'rita', password: passwords.get('rita') } });
  assert.equal((again.body['user'] as { role: string }).role, 'auditor');
  // Dan is disabled: his session ends and he cannot sign in.
  assert.equal(await disablePlantUser(plant, 'dan'), true);
  assert.equal(await disablePlantUser(plant, 'nobody'), false);
  await until('dan\'s session to end', async () => ((await call('GET', '/plant', { token: dan })).status === 401 ? true : undefined), 15_000, 200);
  assert.equal((await call('POST', '/session', { body: { username: 'dan', password: passwords.get('dan') } })).status, 401);
  // Nobody else's session ended.
  assert.equal((await call('GET', '/plant', { token: again.body['token'] as string })).status, 200);
});

test('OEE across the plant answers per line and refuses a range too long for every line at once', async () => {
  const quinn = await signIn('quinn');
  const day = await call('GET', '/plant/oee?by=day&from=2026-12-01T00:00:00.000Z&to=2026-12-08T00:00:00.000Z', { token: quinn });
  assert.equal(day.status, 200, JSON.stringify(day.body));
  const lines = (day.body as unknown as PlantOee).lines;
  assert.deepEqual(lines.map((l) => [l.station, l.error]), [['ST-A', null], ['ST-B', null]]);
  const long = await call('GET', '/plant/oee?by=day&from=2026-01-01T00:00:00.000Z&to=2026-12-08T00:00:00.000Z', { token: quinn });
  assert.equal(long.status, 400);
  assert.match(String(long.body['message']), /at most 93 days/);
  const reversed = await call('GET', '/plant/oee?by=day&from=2026-12-08T00:00:00.000Z&to=2026-12-01T00:00:00.000Z', { token: quinn });
  assert.equal(reversed.status, 400);
  assert.match(String(reversed.body['message']), /time range is empty/);
});

test('losses across the plant: each line\'s Paretos as its station makes them, and the plant\'s, a reason summed over the lines; a line\'s shift report', async () => {
  // Each line set up with a calendar, a stop at WC10 given its reason (line A: 30 min jammed; line B: 10 min jammed, 20 min a sensor).
  const day = (hhmm: string) => `2026-12-07T${hhmm}:00.000Z`;
  const stops: Record<string, [string, string, string][]> = { 'ST-A': [['07:00', '07:30', 'JAM']], 'ST-B': [['07:00', '07:10', 'JAM'], ['09:00', '09:20', 'SENSOR']] };
  for (const l of lines) {
    let now = Date.parse(day('05:00'));
    const clock = { now: () => new Date(now) };
    const setups = new LineSetups(l.store, clock, silentLog, `${dir.path}/${l.id}-line`);
    const lineId = l.id === 'ST-A' ? 'LINE-A' : 'LINE-B';
    const configured = await setups.configure(
      { site: { id: 'P1', name: 'Plant 1' }, area: { id: 'A1', name: 'Area 1' }, line: { id: lineId, name: lineId, workCenters: [{ id: 'WC10', name: 'Press', plcFolder: 'WC10' }] } },
      l.commands.context('engineer'),
    );
    assert.ok(configured.ok, JSON.stringify(configured));
    const model = oeeModel(l.db, () => now);
    const production = new Production(l.store, clock, () => setups.get(), model);
    const downtime = new Downtime(l.store, () => setups.get(), model);
    assert.ok((await production.setCalendar({ timeZone: 'UTC', shifts: [{ name: 'A', start: '06:00', end: '14:00' }] }, l.commands.context('engineer'))).ok);
    const state = async (hhmm: string, s: string) => {
      now = Date.parse(day(hhmm));
      assert.ok((await l.commands.recordMachineState('WC10', s, { ...l.commands.context('plc'), at: day(hhmm) })).ok);
    };
    await state('06:00', 'Execute');
    for (const [from, to, reason] of stops[l.id]!) {
      await state(from, 'Stopped');
      await state(to, 'Execute');
      const given = await downtime.giveReason({ workCenter: 'WC10', start: day(from), reason }, { ...l.commands.context('lead'), at: day(to) });
      assert.ok(given.ok, JSON.stringify(given));
    }
    setups.dispose();
  }
  const heads = new Map(lines.map((l) => [l.id, l.store.lastSeq()]));
  await until('both lines at the plant', async () => {
    const o = (await call('GET', '/plant', { token: await signIn('quinn') })).body as unknown as PlantOverview;
    return o.stations.every((s) => s.published === heads.get(s.id)) ? true : undefined;
  }, 30_000, 200);

  const quinn = await signIn('quinn');
  const r = await call('GET', `/plant/losses?from=${day('00:00')}&to=2026-12-08T00:00:00.000Z`, { token: quinn });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const losses = r.body as unknown as PlantLosses;
  assert.deepEqual(losses.lines.map((l) => [l.station, l.line, l.error]), [['ST-A', 'LINE-A', null], ['ST-B', 'LINE-B', null]]);
  // Each line's own Pareto, as its station computes it.
  const own = (station: string) => losses.lines.find((l) => l.station === station)!.losses!.downtimePareto.map((d) => [d.code, d.seconds, d.stops]);
  assert.deepEqual(own('ST-A'), [['JAM', 1800, 1]]);
  assert.deepEqual(own('ST-B'), [['SENSOR', 1200, 1], ['JAM', 600, 1]]);
  // The plant's: jams are 40 minutes over two lines, ahead of the sensor's 20 on one.
  assert.deepEqual(losses.downtimePareto.map((d) => [d.code, d.seconds, d.stops, d.lines]), [
    ['JAM', 2400, 2, ['ST-A', 'ST-B']],
    ['SENSOR', 1200, 1, ['ST-B']],
  ]);
  assert.match(losses.downtimePareto[0]!.label, /Jam/);
  const long = await call('GET', '/plant/losses?from=2026-01-01T00:00:00.000Z&to=2026-12-08T00:00:00.000Z', { token: quinn });
  assert.equal(long.status, 400);
  assert.equal((await call('GET', `/plant/losses?from=${day('00:00')}&to=2026-12-08T00:00:00.000Z`)).status, 401);

  // Line B's shift report from the plant: its station's report, made from the record the plant holds.
  const report = await call('GET', '/plant/lines/ST-B/shift-report?shift=2026-12-07/A&format=csv', { token: quinn });
  assert.equal(report.status, 200, JSON.stringify(report.body));
  assert.equal(report.body['fileName'], 'shift-LINE-B-2026-12-07-A.csv');
  const text = Buffer.from(String(report.body['base64']), 'base64').toString('utf8');
  assert.match(text, /made 2026-.* by quinn \(quinn\) at the plant/);
  assert.match(text, /Electrical or controls › Sensor,1,20/);
  assert.match(text, /Mechanical › Jam,1,10/);
  const pdf = await call('GET', '/plant/lines/ST-B/shift-report?shift=2026-12-07/A&format=pdf', { token: quinn });
  assert.equal(Buffer.from(String(pdf.body['base64']), 'base64').subarray(0, 5).toString(), '%PDF-');
  assert.equal((await call('GET', '/plant/lines/ST-X/shift-report?shift=2026-12-07/A', { token: quinn })).status, 404);
  assert.equal((await call('GET', '/plant/lines/ST-B/shift-report?shift=2026-12-07/Z', { token: quinn })).status, 404);
});

test('SPC across the plant: every line\'s characteristics; a chart of a line the plant does not know, or of nothing measured, is not found', async () => {
  const quinn = await signIn('quinn');
  const r = await call('GET', '/plant/spc', { token: quinn });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual((r.body as unknown as PlantSpc).lines.map((l) => [l.station, l.error]), [['ST-A', null], ['ST-B', null]]);
  const unknown = await call('GET', '/plant/lines/ST-X/spc/chart?workCenter=WC10&measurement=force', { token: quinn });
  assert.equal(unknown.status, 404);
  assert.match(String(unknown.body['message']), /no station ST-X/);
  const nothing = await call('GET', '/plant/lines/ST-A/spc/chart?workCenter=WC10&measurement=nothing', { token: quinn });
  assert.equal(nothing.status, 404);
  assert.match(String(nothing.body['message']), /No nothing has been measured at WC10/);
  assert.equal((await call('GET', '/plant/spc')).status, 401);
});
