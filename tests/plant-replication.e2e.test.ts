import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startPostgres, type RunningPostgres } from './support/postgres';
import { api, withStation } from './support/station-harness';
import { openPlantDatabase } from '../main/plant';

// The station's header says how its log stands at the plant: up to date, offline with what waits, catching up.
let postgres: RunningPostgres;
let ctx: Awaited<ReturnType<typeof withStation>>;
let browser: Browser;

before(async () => {
  postgres = await startPostgres();
  await (await openPlantDatabase(postgres.url)).end();
  ctx = await withStation({ plantUrl: postgres.url });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await ctx?.dispose();
  await postgres?.dispose();
});

test('the header follows the plant: up to date, offline with the backlog, and back', { timeout: 90_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${ctx.url}/#line`);
  await page.getByTestId('login-user').fill('supervisor');
  await page.getByTestId('login-password').fill('supervisor');
  await page.getByTestId('login-submit').click();
  const plant = page.getByTestId('plant-status');
  await plant.and(page.locator('[data-state=live]')).filter({ hasText: 'Plant: up to date' }).waitFor({ timeout: 30_000 });

  await postgres.stop();
  const sup = api(ctx.url);
  await sup.login('supervisor');
  await sup.request('POST', '/orders', { number: 'HDR-1', product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-31' });
  await plant.and(page.locator('[data-state=offline]')).filter({ hasText: /Plant offline · \d+ waiting since/ }).waitFor({ timeout: 30_000 });

  await postgres.start();
  await plant.and(page.locator('[data-state=live]')).waitFor({ timeout: 60_000 });
});
