import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { AsBuiltView, ChangeDispositionView, OrderView, ProductDefinition, WipItem } from '../core';
import { loadSimulatorProfile, startSimulator, type RunningSimulator } from '../drivers/simulator';
import { launchChromium } from './support/browser';
import { signInDialog } from './support/signing';
import { projectRoot, resourcesDir, tempDir } from './support/station-fixtures';
import { api, until, withStation } from './support/station-harness';

// Issue 10 with the simulated line running over OPC UA: units built by the line are in flight when an engineering
// change at operation 30 is approved in Chromium. Units past 30 are held and flagged on the mimic until a supervisor
// decides on the Changes screen; the others continue on the new revision; the line then finishes the order, and the
// as-built records show both revisions.

const pki = tempDir('mes-live-change-pki-');
const shots = join(projectRoot, 'test-results');
let sim: RunningSimulator;
let ctx: Awaited<ReturnType<typeof withStation>>;
let browser: Browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  const profile = loadSimulatorProfile(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'simulator.json'), 'utf8')));
  assert.ok(profile.ok);
  sim = await startSimulator({ profile: { ...profile.value, shortStopProbability: 0 }, pkiFolder: join(pki.path, 'sim'), port: 0, speed: 5, seed: 11 });
  ctx = await withStation({ simulatorEndpoint: sim.endpoint });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await ctx?.dispose();
  await sim?.dispose();
  pki.dispose();
});

test('a change approved while the simulated line builds the order: held units flagged on the mimic and decided, the rest continue, both revisions on record', { timeout: 150_000 }, async () => {
  const lead = api(ctx.url);
  await lead.login('lead');
  const sup = api(ctx.url);
  await sup.login('supervisor');
  const engineer = api(ctx.url);
  await engineer.login('engineer');
  const state = async (wc: string) => ((await lead.request('GET', '/line')).body as unknown as { workCenters: { id: string; state: string }[] }).workCenters.find((w) => w.id === wc)?.state;
  const command = async (wc: string, c: string) => assert.equal((await lead.request('POST', `/line/work-centers/${wc}/command`, { command: c })).status, 200, `${c} ${wc}`);
  await until('the line connected', async () => ((await state('WC40')) !== 'Unknown' ? true : undefined), 20_000);
  // Final inspection stops: units that passed the leak test wait before it.
  await command('WC40', 'Stop');
  await until('WC40 stopped', async () => ((await state('WC40')) === 'Stopped' ? true : undefined));
  await sup.request('POST', '/orders', { number: 'CL-1', product: 'VLV-100', revision: 'B', quantity: 4, dueDate: '2026-12-31' });
  await sup.request('POST', '/orders/CL-1/release', {});
  await sup.request('POST', '/orders/CL-1/dispatch', {});
  const wip = async () => ((await sup.request('GET', '/wip')).body as unknown as WipItem[]).filter((w) => w.order === 'CL-1');
  await until('a unit past the leak test, waiting at WC40', async () => ((await wip()).some((w) => w.workCenter === 'WC40') ? true : undefined), 60_000, 100);
  // The leak test stops too: the units behind wait before it.
  await command('WC30', 'Stop');
  await until('WC30 stopped', async () => ((await state('WC30')) === 'Stopped' ? true : undefined));

  // Engineering tightens the leak limit at operation 30.
  const revB = ((await engineer.request('GET', '/products')).body as unknown as ProductDefinition[]).find((p) => p.product === 'VLV-100' && p.revision === 'B')!;
  const revC = { ...revB, revision: 'C', routing: revB.routing.map((o) => (o.seq === 30 ? { ...o, measurements: o.measurements.map((m) => ({ ...m, high: 0.95 })) } : o)) };
  assert.equal((await engineer.request('POST', '/changes', { number: 'ECN-L', reason: 'Leak limit 0.95 ml/min', definition: revC })).status, 200);

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${ctx.url}/#changes`);
  await page.getByTestId('login-user').fill('engineer');
  await page.getByTestId('login-password').fill('engineer');
  await page.getByTestId('login-submit').click();
  const row = page.getByTestId('change-row').and(page.locator('[data-number=ECN-L]'));
  await row.getByTestId('change-open').click();
  await page.getByTestId('impact-units-needs-disposition').waitFor();
  await page.getByTestId('change-approve').click();
  await signInDialog(page, { username: 'engineer' }, { username: 'supervisor' });
  await row.getByTestId('change-status').filter({ hasText: 'approved' }).waitFor();

  const applied = (await sup.request('GET', '/changes/ECN-L/dispositions')).body as unknown as ChangeDispositionView[];
  const held = applied.filter((d) => d.applied === 'hold').map((d) => d.serial);
  assert.ok(held.length >= 1, `units past the leak test are held: ${JSON.stringify(applied)}`);
  assert.ok(applied.every((d) => d.applied === 'hold' || d.applied === 'continue' || d.applied === 'finish-as-started'), JSON.stringify(applied));

  // Flagged on the mimic until someone decides.
  const mimic = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await mimic.goto(`${ctx.url}/#line`);
  await mimic.getByTestId('login-user').fill('supervisor');
  await mimic.getByTestId('login-password').fill('supervisor');
  await mimic.getByTestId('login-submit').click();
  await mimic.getByTestId('wc-WC40-held').and(mimic.locator(`[data-count="${held.length}"]`)).waitFor();
  for (const serial of held) await mimic.getByTestId(`wip-held-${serial}`).waitFor();
  await mimic.screenshot({ path: join(shots, 'mimic-held-units.png'), fullPage: true });

  // The supervisor decides on the Changes screen: accepted as built, with the reason.
  await page.reload();
  await page.getByTestId('change-row').and(page.locator('[data-number=ECN-L]')).getByTestId('change-open').click();
  for (const serial of held) {
    const r = page.getByTestId('applied-unit').and(page.locator(`[data-serial="${serial}"]`));
    await r.getByTestId('held-decision').selectOption('accept-with-deviation');
    await r.getByTestId('held-reason').fill('Leak rate read at rev B was within 0.95: meets rev C');
    await r.getByTestId('held-decide').click();
    await page.getByTestId('applied-unit').and(page.locator(`[data-serial="${serial}"][data-applied=accept-with-deviation]`)).waitFor();
  }
  await mimic.getByTestId('wc-WC40-held').waitFor({ state: 'detached' });

  // The line runs again and finishes the order; every unit the change reached was built to both revisions.
  await command('WC30', 'Reset');
  await command('WC40', 'Reset');
  await until(
    'the order to complete',
    async () => (((await sup.request('GET', '/orders?status=all')).body as unknown as OrderView[]).find((o) => o.number === 'CL-1')?.status === 'completed' ? true : undefined),
    90_000,
    250,
  );
  for (const d of applied) {
    const record = (await sup.request('GET', `/units/${d.serial}`)).body as unknown as AsBuiltView;
    const revisions = record.operations.map((o) => `${o.operation}:${o.revision}`);
    assert.ok(revisions.some((r) => r.endsWith(':B')) && revisions.some((r) => r.endsWith(':C')), `${d.serial} (${d.applied}): ${revisions.join(' ')}`);
    // Held, then accepted as built: everything before the change on B, the rest on C.
    if (held.includes(d.serial)) assert.deepEqual(revisions, ['10:B', '20:B', '30:B', '40:C']);
    assert.equal(record.revisions[0]?.change, 'ECN-L');
  }
});
