import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { projectRoot } from './support/station-fixtures';
import { api, withStation } from './support/station-harness';

// Issue 10, part 7, in Chromium: ERP says the valve bodies come later; the Supply screen shows, live, the order that
// runs short and when, and a sequence that keeps the line fed beside the current one; the shift lead applies it.

const shots = join(projectRoot, 'test-results');
let ctx: Awaited<ReturnType<typeof withStation>>;
let browser: Browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  ctx = await withStation();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await ctx?.dispose();
});

test('a supplier slip leads to a previewed and applied resequence', { timeout: 90_000 }, async () => {
  const erp = api(ctx.url);
  await erp.login('supervisor');
  for (const [number, product, revision, quantity] of [['S-1', 'VLV-100', 'B', 8], ['S-2', 'VLV-100', 'B', 8], ['S-3', 'VLV-200', 'A', 4]] as const) {
    await erp.request('POST', '/orders', { number, product, revision, quantity, dueDate: '2026-12-31' });
    await erp.request('POST', `/orders/${number}/release`, {});
    await erp.request('POST', `/orders/${number}/dispatch`, {});
  }
  await erp.request('POST', '/stock', { material: 'BODY-25', revision: 'C', onHand: 10 });
  const receipt = { id: '4500/10', material: 'BODY-25', revision: 'C', quantity: 20, supplier: 'Foundry' };
  assert.equal((await erp.request('POST', '/supply', { receipts: [{ ...receipt, expectedAt: new Date(Date.now() - 1000).toISOString() }] })).status, 200);

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${ctx.url}/#supply`);
  await page.getByTestId('login-user').fill('lead');
  await page.getByTestId('login-password').fill('lead');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('shortages-none').waitFor();
  await page.getByTestId('proposal-none').waitFor();

  // The slip arrives from ERP while the screen is open.
  assert.deepEqual(((await erp.request('POST', '/supply', { receipts: [{ ...receipt, expectedAt: '2099-01-01' }] })).body as { slipped?: string[] }).slipped, ['4500/10']);
  await page.getByTestId('receipt-row').and(page.locator('[data-id="4500/10"][data-slips="1"]')).getByTestId('receipt-slipped').waitFor();
  await page.getByTestId('shortage').and(page.locator('[data-order=S-2]')).filter({ hasText: /runs short of BODY-25 rev C .* needs 8, 2 there\. Covered .* by 4500\/10/ }).waitFor();
  // The plot: the bodies' level goes below zero when S-2 starts, back up when the receipt comes.
  const plot = page.getByTestId('level-plot').and(page.locator('[data-material=BODY-25]'));
  assert.deepEqual(
    await plot.getByTestId('level-step').evaluateAll((steps) => steps.map((st) => `${st.getAttribute('data-kind')}:${st.getAttribute('data-level')}`)),
    ['start:10', 'order:2', 'order:-6', 'receipt:14'],
  );
  const proposed = page.getByTestId('sequence-proposed');
  await proposed.waitFor();
  const order = await proposed.getByTestId('sequence-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-number')}${r.hasAttribute('data-moved') ? '*' : ''}`));
  assert.deepEqual(order.filter((n) => n.startsWith('S-')), ['S-1', 'S-3*', 'S-2*']);
  assert.match((await page.getByTestId('sequence-current').getByTestId('sequence-row').and(page.locator('[data-number=S-2]')).textContent()) ?? '', /short: BODY-25 rev C/);
  await page.screenshot({ path: join(shots, 'supply-proposal.png'), fullPage: true });

  await page.getByTestId('proposal-apply').click();
  await page.getByTestId('proposal-message').filter({ hasText: /in the proposed order/ }).waitFor();
  await page.getByTestId('proposal-none').waitFor();
  const now = await page.getByTestId('sequence-current').getByTestId('sequence-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number') ?? ''));
  assert.deepEqual(now.filter((n) => n.startsWith('S-')), ['S-1', 'S-3', 'S-2']);
  const list = (await erp.request('GET', '/line/dispatch-list')).body as unknown as { orders: string[] };
  assert.deepEqual(list.orders.filter((n) => n.startsWith('S-')), ['S-1', 'S-3', 'S-2']);
});
