import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CharacteristicView, DowntimeView } from '../core';
import { loadSimulatorProfile, startSimulator, type RunningSimulator } from '../drivers/simulator';
import { launchChromium } from './support/browser';
import { resourcesDir, tempDir } from './support/station-fixtures';
import { api, until, withStation } from './support/station-harness';

// A shift on the simulated line: a machine faults, the operator gives the stop its reason at the terminal, the OEE
// screen shows the loss in the waterfall and the Pareto; a measurement drifts and SPC raises an alarm.
const pki = tempDir('mes-oee-pki-');
let sim: RunningSimulator;
let ctx: Awaited<ReturnType<typeof withStation>>;
let browser: Browser;

before(async () => {
  const profile = loadSimulatorProfile(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'simulator.json'), 'utf8')));
  assert.ok(profile.ok);
  sim = await startSimulator({ profile: profile.value, pkiFolder: join(pki.path, 'sim'), port: 0, speed: 10, seed: 5 });
  ctx = await withStation({ simulatorEndpoint: sim.endpoint, demoSchedule: true });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await ctx?.dispose();
  await sim?.dispose();
  pki.dispose();
});

test('a fault, its reason at the terminal, the loss in the waterfall and the Pareto; a drift raised by SPC', { timeout: 240_000 }, async () => {
  const started = new Date(Date.now() - 60_000).toISOString();
  const eng = api(ctx.url);
  await eng.login('engineer');
  // One shift around the clock, so a shift is running whenever the test runs; stops under 3 s are micro-stops.
  const calendar = { timeZone: 'UTC', shifts: [{ name: 'D', start: '00:00', end: '00:00', days: [1, 2, 3, 4, 5, 6, 7] }] };
  assert.equal((await eng.request('POST', '/oee/calendar', calendar)).status, 200);
  assert.equal((await eng.request('POST', '/oee/time-classes', { classes: {}, microStopSeconds: 3 })).status, 200);

  // The press runs: once it has measured enough, quality fixes its limits from what it has done so far.
  const quality = api(ctx.url);
  await quality.login('quality');
  const pressForce = async () => ((await quality.request('GET', '/spc/characteristics')).body as unknown as CharacteristicView[]).find((c) => c.workCenter === 'WC10' && c.measurement === 'Press force');
  await until('25 press-force readings', async () => ((await pressForce())?.points ?? 0) >= 25, 90_000);
  const baseline = await quality.request('POST', '/spc/baseline', { workCenter: 'WC10', measurement: 'Press force', from: started, to: new Date().toISOString() });
  assert.equal(baseline.status, 200, JSON.stringify(baseline.body));

  // WC20 faults; the supervisor clears and resets it once it has been down a while.
  const sup = api(ctx.url);
  await sup.login('supervisor');
  const faultAt = Date.now();
  assert.ok(sim.fault('WC20').ok);
  // The stop the fault is in: it began at the fault, or earlier if WC20 was already waiting (starved, say) when it
  // came; either way the fault makes it a down stop still open at the fault.
  const stopOf = async () =>
    ((await sup.request('GET', `/downtime?from=${started}&to=${new Date(Date.now() + 3_600_000).toISOString()}&workCenter=WC20`)).body as unknown as DowntimeView).stops.find(
      (s) => s.kind === 'down' && (s.end === null || Date.parse(s.end) > faultAt),
    );
  await until('WC20 down over 5 s', async () => ((await stopOf())?.seconds ?? 0) >= 5, 30_000);
  assert.equal((await sup.request('POST', '/line/work-centers/WC20/command', { command: 'Clear' })).status, 200);
  await until('WC20 stopped', async () => ((await sup.request('GET', '/line')).body as unknown as { workCenters: { id: string; state: string }[] }).workCenters.find((w) => w.id === 'WC20')?.state === 'Stopped', 20_000);
  assert.equal((await sup.request('POST', '/line/work-centers/WC20/command', { command: 'Reset' })).status, 200);
  const stop = await until('the stop to end', async () => {
    const s = await stopOf();
    return s?.end ? s : undefined;
  }, 30_000);

  // The operator at WC20's terminal gives the stop its reason.
  const terminal = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await terminal.goto(`${ctx.url}/#terminal/WC20`);
  await terminal.getByTestId('login-user').fill('operator');
  await terminal.getByTestId('login-password').fill('operator');
  await terminal.getByTestId('login-submit').click();
  const row = terminal.getByTestId('terminal-stops').getByTestId('stop-row').and(terminal.locator(`[data-start="${stop.start}"]`));
  await row.waitFor({ timeout: 20_000 });
  await row.getByTestId('stop-reason-select').selectOption('JAM');
  await row.getByTestId('stop-reason-give').click();
  await terminal.getByTestId('stop-reason-message').filter({ hasText: 'Mechanical › Jam' }).waitFor();
  await terminal.close();

  // The shift lead reads the losses: the jam is in the waterfall's breakdowns and first in WC20's downtime Pareto.
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${ctx.url}/#oee`);
  await page.getByTestId('login-user').fill('lead');
  await page.getByTestId('login-password').fill('lead');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('oee-current').getByTestId('oee-row').and(page.locator('[data-wc=line]')).waitFor({ timeout: 20_000 });
  const lineOee = Number(await page.getByTestId('oee-row').and(page.locator('[data-wc=line]')).getAttribute('data-oee'));
  assert.ok(lineOee > 0 && lineOee < 1, `line OEE ${lineOee}`);
  await page.getByTestId('tab-oee-losses').click();
  await page.getByTestId('losses-wc').selectOption('WC20');
  const waterfall = page.getByTestId('losses-waterfall');
  await waterfall.waitFor({ timeout: 20_000 });
  await until('the jam in the breakdowns', async () => Number(await waterfall.getAttribute('data-breakdowns')) >= stop.seconds - 1, 20_000);
  await page.getByTestId('pareto-downtime').and(page.locator('[data-first="Mechanical › Jam"]')).waitFor({ timeout: 20_000 });

  // The press drifts 2.5 sigma: the rules catch it, the alarm is raised, the SPC screen marks it.
  assert.ok(sim.drift('WC10', 2.5).ok);
  const spcAlarm = async () => ((await sup.request('GET', '/alarms?scope=all')).body as unknown as { alarms: { id: string; active: boolean; message: string }[] }).alarms.find((a) => a.id === 'SPC.WC10.Press force' && a.active);
  const raised = await until('the SPC alarm', spcAlarm, 60_000).catch(async (e: Error) => {
    const c = await pressForce();
    throw new Error(`${e.message}; press force: ${JSON.stringify(c)}; chart: ${JSON.stringify((await quality.request('GET', '/spc/chart?workCenter=WC10&measurement=Press%20force&last=20')).body).slice(0, 3000)}`);
  });
  assert.match(raised.message, /Press force at WC10 out of statistical control/);
  await page.getByTestId('tab-alarms').click();
  await page.getByTestId('alarm-row-SPC.WC10.Press force').getByTestId('alarm-message').filter({ hasText: /out of statistical control/ }).waitFor({ timeout: 20_000 });
  await page.getByTestId('tab-spc').click();
  await page.getByTestId('spc-characteristic').and(page.locator('[data-key="WC10/Press force"][data-out-of-control=true]')).click({ timeout: 20_000 });
  const chart = page.getByTestId('spc-control-chart');
  await chart.and(page.locator('[data-chart=imr]')).waitFor({ timeout: 20_000 });
  assert.ok(Number(await chart.getAttribute('data-broken')) > 0, 'the points that break a rule are marked');
  await page.getByTestId('spc-violations').filter({ hasText: /beyond (2|3) sigma/ }).waitFor();
  assert.ok(sim.drift('WC10', 0).ok);
  await page.close();
});
