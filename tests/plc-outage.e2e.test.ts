import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadSimulatorProfile, startSimulator, type RunningSimulator } from '../drivers/simulator';
import { launchChromium } from './support/browser';
import { resourcesDir, tempDir } from './support/station-fixtures';
import { withStation } from './support/station-harness';

// The line PLC goes away: the mimic shows every work center without data at once, not at its next periodic read.
const pki = tempDir('mes-outage-pki-');
let sim: RunningSimulator | null = null;
let ctx: Awaited<ReturnType<typeof withStation>>;
let browser: Browser;
let page: Page;

before(async () => {
  const profile = loadSimulatorProfile(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'simulator.json'), 'utf8')));
  assert.ok(profile.ok);
  sim = await startSimulator({ profile: profile.value, pkiFolder: join(pki.path, 'sim'), port: 0, speed: 1, seed: 3 });
  ctx = await withStation({ simulatorEndpoint: sim.endpoint });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});
after(async () => {
  await browser?.close();
  await ctx?.dispose();
  await sim?.dispose();
  pki.dispose();
});

test('a PLC outage reaches the mimic at once: every work center shows no data, with the reason', { timeout: 60_000 }, async () => {
  await page.goto(`${ctx.url}/#line`);
  await page.getByTestId('login-user').fill('supervisor');
  await page.getByTestId('login-password').fill('supervisor');
  await page.getByTestId('login-submit').click();
  const boxes = ['WC10', 'WC20', 'WC30', 'WC40'].map((id) => page.getByTestId(`wc-${id}`));
  for (const b of boxes) await b.and(page.locator('[data-quality=good]')).waitFor({ timeout: 20_000 });

  const stoppedAt = Date.now();
  await sim?.dispose();
  sim = null;
  // Well inside the screen's 30 s fallback read: the outage itself has to reach the screen.
  for (const b of boxes) await b.and(page.locator('[data-quality=bad]')).waitFor({ timeout: 8_000 });
  for (const id of ['WC10', 'WC40']) assert.equal(((await page.getByTestId(`wc-${id}-state`).textContent()) ?? '').trim(), 'no data');
  assert.match((await page.getByRole('alert').first().textContent()) ?? '', /PLC is not connected/);
  assert.ok(Date.now() - stoppedAt < 8_000);
});
