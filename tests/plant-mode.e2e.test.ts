import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { CharacteristicView, OeeRow, OrderView, PlantOee, SpcChartView, WipItem } from '../core';
import { loadSimulatorProfile, startSimulator, type RunningSimulator } from '../drivers/simulator';
import { addPlantUser, openPlantDatabase, startPlantServer } from '../main/plant';
import { shipBatch } from '../main/replication';
import { PasswordHasher } from '../main/station';
import { shippedChain } from './support/backlog';
import { launchChromium } from './support/browser';
import { startPostgres, type RunningPostgres } from './support/postgres';
import { api, until, withStation } from './support/station-harness';
import { demoProduct, projectRoot, resourcesDir, tempDir } from './support/station-fixtures';

// A plant of two lines in a real browser: two stations, each with its simulated line (its own PLC over OPC UA), ship to
// one plant server; orders run on both lines, a lot used on both is recalled from the plant (and exported), PostgreSQL
// stops and starts while a line builds, and a change released at the plant is approved and applied on both lines.
let postgres: RunningPostgres;
let pool: pg.Pool;
const simulators: RunningSimulator[] = [];
const lines: Awaited<ReturnType<typeof withStation>>[] = [];
let plantServer: Awaited<ReturnType<typeof startPlantServer>>;
let browser: Browser;
const dir = tempDir('mes-plant-e2e-');
let qualityPassword = '';
let engineerPassword = '';

/**
 * An order run by a line's simulated PLC: released and dispatched by the supervisor, its units started and built by
 * the line. The operator at WC10 scans the seat lot into a unit while the press works on it (a unit that left WC10
 * before the scan is refused by the station: the next one takes it). Resolves once the line has finished the order,
 * with the serial the lot went into.
 */
async function runOnLine(url: string, number: string, seatLot: string): Promise<string> {
  const sup = api(url);
  await sup.login('supervisor');
  assert.equal((await sup.request('POST', '/orders', { number, product: 'VLV-100', revision: 'B', quantity: 3, dueDate: '2026-12-31' })).status, 200);
  for (const action of ['release', 'dispatch']) assert.equal((await sup.request('POST', `/orders/${number}/${action}`, {})).status, 200, action);
  const op = api(url);
  await op.login('operator');
  const missed = new Set<string>();
  const serial = await until(
    `a unit of ${number} at WC10 taking lot ${seatLot}`,
    async () => {
      const unit = ((await op.request('GET', '/wip')).body as unknown as WipItem[]).find((w) => w.order === number && w.workCenter === 'WC10' && !missed.has(w.serial));
      if (!unit) return undefined;
      const scan = await op.request('POST', `/units/${unit.serial}/lots`, { workCenter: 'WC10', material: 'SEAT-25', revision: 'A', lot: seatLot });
      if (scan.status === 200) return unit.serial;
      missed.add(unit.serial);
      return undefined;
    },
    60_000,
    50,
  );
  await until(
    `the line to finish ${number}`,
    async () => (((await sup.request('GET', '/orders?status=all')).body as unknown as OrderView[]).find((o) => o.number === number)?.status === 'completed' ? true : undefined),
    90_000,
    200,
  );
  return serial;
}

before(async () => {
  postgres = await startPostgres();
  pool = await openPlantDatabase(postgres.url);
  const hasher = new PasswordHasher();
  qualityPassword = (await addPlantUser(pool, hasher, { username: 'quinn', role: 'quality', displayName: 'Quinn (quality)' })).password;
  engineerPassword = (await addPlantUser(pool, hasher, { username: 'erin', role: 'engineer', displayName: 'Erin (engineering)' })).password;
  await hasher.dispose();
  const profile = loadSimulatorProfile(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'simulator.json'), 'utf8')));
  assert.ok(profile.ok);
  for (const seed of [21, 22]) {
    const sim = await startSimulator({ profile: { ...profile.value, shortStopProbability: 0 }, pkiFolder: join(dir.path, `sim-${seed}`), port: 0, speed: 2, seed });
    simulators.push(sim);
    lines.push(await withStation({ plantUrl: postgres.url, simulatorEndpoint: sim.endpoint }));
  }
  for (const l of lines) {
    // Each line works around the clock: OEE has planned time whenever the test runs.
    const engineer = api(l.url);
    await engineer.login('engineer');
    const calendar = { timeZone: 'UTC', shifts: [{ name: 'D', start: '00:00', end: '00:00', days: [1, 2, 3, 4, 5, 6, 7] }] };
    assert.equal((await engineer.request('POST', '/oee/calendar', calendar)).status, 200);
    const lead = api(l.url);
    await lead.login('lead');
    await until('the line connected to its PLC', async () => (((await lead.request('GET', '/line')).body as unknown as { workCenters: { state: string }[] }).workCenters.every((w) => w.state !== 'Unknown') ? true : undefined), 30_000);
  }
  plantServer = await startPlantServer({ pool, dataDir: join(dir.path, 'plant'), host: '127.0.0.1', port: 0, staticRoot: join(projectRoot, 'out', 'renderer') });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await plantServer?.close();
  for (const l of lines) await l.dispose();
  for (const s of simulators) await s.dispose();
  await pool?.end();
  await postgres?.dispose();
  dir.dispose();
});

/** A plant API session for quality (Quinn). */
async function plantToken(): Promise<string> {
  const r = await fetch(`${plantServer.url}api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quinn', password: qualityPassword }) });
  return ((await r.json()) as { token: string }).token;
}

async function signIn(username = 'quinn'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  await page.goto(plantServer.url);
  await page.getByTestId('login-user').fill(username);
  await page.getByTestId('login-password').fill(username === 'quinn' ? qualityPassword : engineerPassword);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('plant-app').waitFor();
  return page;
}
/** Both lines' bars show the plant holding and having projected at least what each station has now. */
async function allProjected(page: Page): Promise<void> {
  const heads = lines.map((l) => [l.station.stationId, l.station.db.prepare('SELECT max(seq) FROM events').pluck().get() as number] as const);
  // Read through locators (a polling waitForFunction evaluates code, which the HMI's CSP forbids).
  await until('both lines shipped and projected at the plant', async () => {
    for (const [id, head] of heads) {
      const row = page.getByTestId(`plant-line-${id}`);
      if ((await row.count()) === 0) return undefined;
      const received = Number(await row.getAttribute('data-received'));
      if (received < head || Number(await row.getAttribute('data-published')) !== received) return undefined;
    }
    return true;
  }, 30_000, 200);
}

test('a lot used on both lines is recalled from the plant and exported; the lines keep shipping through PostgreSQL stopping', { timeout: 120_000 }, async () => {
  const [a, b] = lines as [(typeof lines)[number], (typeof lines)[number]];
  const [serialA, serialB] = await Promise.all([runOnLine(a.url, 'E2E-A1', 'SEAT-LOT-E2E'), runOnLine(b.url, 'E2E-B1', 'SEAT-LOT-E2E')]);
  const page = await signIn();
  await allProjected(page);

  await page.getByTestId('tab-recall').click();
  await page.getByTestId('plant-recall-lot').fill('SEAT-LOT-E2E');
  await page.getByTestId('plant-recall-run').click();
  await page.getByTestId('plant-recall-summary').filter({ hasText: 'reached 2 units in 2 orders on 2 lines' }).waitFor();
  await page.getByTestId(`plant-recall-line-${a.station.stationId}`).getByTestId(`plant-recall-unit-${serialA}`).waitFor();
  await page.getByTestId(`plant-recall-line-${b.station.stationId}`).getByTestId(`plant-recall-unit-${serialB}`).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plant-recall-export').click()]);
  assert.equal(download.suggestedFilename(), 'recall-SEAT-LOT-E2E.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, new RegExp(`\\r\\n${a.station.stationId},${serialA},E2E-A1,`));
  assert.match(csv, new RegExp(`\\r\\n${b.station.stationId},${serialB},E2E-B1,`));

  // The same genealogy graph as a station's, across both lines.
  await page.getByTestId('plant-graph-id').fill('SEAT-LOT-E2E');
  await page.getByTestId('plant-graph-run').click();
  await page.locator('[data-testid="plant-graph"][data-nodes="3"]').waitFor();

  // OEE across the plant: each line's, computed from the record the plant holds as its station computes it.
  await page.getByTestId('tab-oee').click();
  await page.locator('[data-testid="plant-oee-trend"][data-lines="2"]').waitFor();
  for (const l of lines) {
    const shown = page.getByTestId(`plant-oee-line-${l.station.stationId}`);
    await shown.and(page.locator('[data-source="machine"]')).waitFor();
    assert.ok(Number(await shown.getAttribute('data-oee')) > 0, 'the line made good units in planned time');
    const day = new Date().toISOString().slice(0, 10);
    const q = { by: 'day', from: `${day}T00:00:00.000Z`, to: `${day}T23:59:00.000Z` };
    const sup = api(l.url);
    await sup.login('supervisor');
    const atStation = ((await sup.request('GET', `/oee?by=day&from=${q.from}&to=${q.to}`)).body as unknown as { rows: OeeRow[] }).rows.find((r) => r.workCenter === null);
    const plantApi = await fetch(`${plantServer.url}api/v1/plant/oee?by=day&from=${q.from}&to=${q.to}`, { headers: { authorization: `Bearer ${await plantToken()}` } });
    const atPlant = ((await plantApi.json()) as PlantOee).lines.find((x) => x.station === l.station.stationId)?.rows.find((r) => r.workCenter === null);
    assert.ok((atStation?.quantities.produced ?? 0) > 0, 'the station counted the line\'s units');
    assert.deepEqual(atPlant?.quantities, atStation?.quantities, 'the plant counts what the station counts');
  }
  // Below, the losses across the plant: both lines' stops in one Pareto (the lines wait for parts: delays), none refused.
  await page.getByTestId('plant-pareto-downtime').or(page.locator('.plant-losses', { hasText: 'No stop in this range.' })).first().waitFor();
  assert.equal(await page.getByTestId('plant-losses-errors').count(), 0, 'every line\'s losses computed at the plant');

  // SPC across the plant: each line's characteristics as its station has them; a line's chart as its station draws it.
  await page.getByTestId('tab-spc').click();
  for (const l of lines) {
    const sup = api(l.url);
    await sup.login('supervisor');
    const atStation = (await sup.request('GET', '/spc/characteristics')).body as unknown as CharacteristicView[];
    assert.ok(atStation.length > 0, 'the line measured its units');
    for (const c of atStation) {
      await page.locator(`[data-testid="plant-spc-characteristic"][data-key="${l.station.stationId}/${c.workCenter}/${c.measurement}"][data-points="${c.points}"]`).waitFor();
    }
    const first = atStation[0]!;
    await page.locator(`[data-testid="plant-spc-characteristic"][data-key="${l.station.stationId}/${first.workCenter}/${first.measurement}"]`).click();
    const chart = (await sup.request('GET', `/spc/chart?workCenter=${first.workCenter}&measurement=${encodeURIComponent(first.measurement)}&last=200`)).body as unknown as SpcChartView;
    await page.locator(`[data-testid="plant-spc-chart"][data-station="${l.station.stationId}"] [data-testid="spc-control-chart"][data-points="${chart.points.length}"]`).waitFor();
  }

  // PostgreSQL stops: the plant says so; line A builds another order meanwhile; back, it catches up and the plant shows it.
  await page.getByTestId('tab-lines').click();
  await postgres.stop();
  await page.getByTestId('plant-db-down').waitFor({ timeout: 20_000 });
  await runOnLine(a.url, 'E2E-A2', 'SEAT-LOT-E2E-2');
  await postgres.start();
  await allProjected(page);

  await page.getByTestId('tab-record').click();
  await page.getByTestId('plant-record-station').selectOption(a.station.stationId);
  await page.getByTestId('plant-record-orders').locator('td', { hasText: 'E2E-A2' }).waitFor();
  await page.getByTestId('plant-record-audit').locator('tr').nth(3).waitFor();
  await page.getByTestId('plant-record-verify').click();
  await page.locator('[data-testid="plant-record-chain"][data-intact="true"]').waitFor();
  // The unit line A built with the lot: its as-built record at the plant, the line's measurements and the lot in it.
  await page.getByTestId('plant-record-serial').fill(serialA);
  await page.getByRole('button', { name: 'As-built record' }).click();
  const asBuilt = page.getByTestId('plant-record-as-built');
  await asBuilt.filter({ hasText: `${serialA} · VLV-100 rev B · order E2E-A1 · completed` }).waitFor();
  await asBuilt.filter({ hasText: 'lot SEAT-LOT-E2E' }).filter({ hasText: 'Press force' }).waitFor();
  await page.close();
});

test('a change released at the plant is approved on each line for its own work, and the plant shows it applied on both', { timeout: 120_000 }, async () => {
  const page = await signIn('erin');
  await page.getByTestId('tab-releases').click();
  const b = demoProduct();
  const revisionC = { ...b, revision: 'C', routing: b.routing.map((o) => (o.seq === 30 ? { ...o, measurements: o.measurements.map((m) => ({ ...m, high: m.high * 0.9 })) } : o)) };
  await page.getByTestId('plant-release-kind').selectOption('change');
  await page.getByTestId('plant-release-body').fill(JSON.stringify({ number: 'ECN-E2E', reason: 'Tighter leak limit on every line', definition: revisionC }));
  await page.getByTestId('plant-release-submit').click();
  const chip = (station: string, state: string) => page.getByTestId('plant-release-ECN-E2E').getByTestId(`plant-release-line-${station}`).and(page.locator(`[data-state="${state}"]`));
  for (const l of lines) await chip(l.station.stationId, 'pending').waitFor({ timeout: 30_000 });
  for (const l of lines) {
    const engineer = api(l.url, { sign: false });
    await engineer.login('engineer');
    const approved = await engineer.request('POST', '/changes/ECN-E2E/approve', { signatures: [{ username: 'engineer', password: 'engineer' }, { username: 'supervisor', password: 'supervisor' }] });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
  }
  for (const l of lines) await chip(l.station.stationId, 'approved').waitFor({ timeout: 30_000 });
  await page.close();
});

test('a batch that does not continue a line\'s log stops it: alarmed at the station and on every plant screen, until an engineer decides at the plant', { timeout: 120_000 }, async () => {
  const b = lines[1]!;
  const id = b.station.stationId;
  // Someone ships event 1 of line B again with other content (a restored disk, a forged copy): the plant refuses it.
  const forged = await shipBatch(pool, id, shippedChain(id, 1));
  assert.equal(forged.kind, 'refused');
  const quality = await signIn();
  await quality.getByTestId('tab-recall').click();
  const alarm = quality.getByTestId(`plant-alarm-${id}`);
  await alarm.filter({ hasText: 'already received with other content' }).waitFor();
  await quality.getByTestId('plant-alarms').and(quality.locator('[data-count="1"]')).waitFor();
  await quality.getByTestId('plant-alarms').getByRole('button').click();
  await quality.getByTestId(`plant-line-${id}`).getByRole('alert').filter({ hasText: 'already received with other content' }).waitFor();
  assert.equal(await quality.getByTestId(`plant-resume-${id}`).count(), 0, 'quality reads the alarm; an engineer decides');

  // Line B works on; its next batch finds its log stopped, and the station raises PLANT.REPLICATION.
  const sup = api(b.url);
  await sup.login('supervisor');
  assert.equal((await sup.request('POST', '/orders', { number: 'E2E-B-STOPPED', product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-31' })).status, 200);
  const stationAlarm = await until(
    'line B to raise PLANT.REPLICATION',
    async () =>
      ((await sup.request('GET', '/alarms?scope=all')).body as unknown as { alarms: { id: string; active: boolean; message: string }[] }).alarms.find(
        (a) => a.id === 'PLANT.REPLICATION' && a.active && /refused/.test(a.message),
      ),
    30_000,
    200,
  );
  assert.match(stationAlarm.message, /until an engineer decides/);

  // The engineer decides on Lines; the alarm clears at the plant and line B ships again.
  const engineer = await signIn('erin');
  await engineer.getByTestId(`plant-resume-${id}`).getByTestId('plant-resume-decision').fill('short');
  await engineer.getByTestId(`plant-resume-${id}`).getByTestId('plant-resume-submit').click();
  await engineer.getByTestId('plant-resume-error').filter({ hasText: 'at least 10 characters' }).waitFor();
  await engineer.getByTestId(`plant-resume-${id}`).getByTestId('plant-resume-decision').fill('Forged copy of event 1 from a restored disk; the line\'s own log is intact');
  await engineer.getByTestId(`plant-resume-${id}`).getByTestId('plant-resume-submit').click();
  await engineer.getByTestId('plant-alarms').and(engineer.locator('[data-state="calm"]')).waitFor();
  // The station asks again within seconds, and ships.
  await until('line B shipping again', async () => (((await (await fetch(`${b.url}/api/v1/health`)).json()) as { replication?: { state: string } }).replication?.state !== 'stopped' ? true : undefined), 10_000, 200);
  await allProjected(engineer);
  const decided = await pool.query<{ decision: string; decided_by: string }>('SELECT decision, decided_by FROM refused_batches WHERE station_id = $1', [id]);
  assert.deepEqual(decided.rows, [{ decision: "Forged copy of event 1 from a restored disk; the line's own log is intact", decided_by: 'erin' }]);
  await quality.getByTestId('plant-alarms').and(quality.locator('[data-state="calm"]')).waitFor();
  await quality.close();
  await engineer.close();
});
