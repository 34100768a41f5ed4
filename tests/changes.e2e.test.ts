import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { ProductDefinition } from '../core';
import { launchChromium } from './support/browser';
import { signInDialog } from './support/signing';
import { projectRoot } from './support/station-fixtures';
import { api, withStation } from './support/station-harness';

// Issue 10 so far, in Chromium: an engineering change posted by PLM shows on the Changes screen, live, and its new
// revision stands beside the one it replaces, every changed item marked in words.

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

test('a change posted by engineering shows live; opened, its revisions stand side by side with what changed marked', { timeout: 90_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${ctx.url}/#changes`);
  await page.getByTestId('login-user').fill('engineer');
  await page.getByTestId('login-password').fill('engineer');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('changes-screen').getByText(/No engineering change has come in/).waitFor();

  const plm = api(ctx.url);
  await plm.login('engineer');
  const revB = ((await plm.request('GET', '/products')).body as unknown as ProductDefinition[]).find((p) => p.product === 'VLV-100' && p.revision === 'B')!;
  await plm.request('POST', '/master-data', { materials: [{ id: 'GSK-10', revision: 'A', description: 'Gasket' }] });
  const revC: ProductDefinition = {
    ...revB,
    revision: 'C',
    bom: [...revB.bom, { material: 'GSK-10', revision: 'A', quantity: 1 }],
    routing: revB.routing.map((o) =>
      o.seq === 20 ? { ...o, components: [...o.components, { material: 'GSK-10', quantity: 1 }] } : o.seq === 30 ? { ...o, measurements: o.measurements.map((m) => ({ ...m, high: 0.5 })) } : o,
    ),
  };
  // Open work of rev B: an order not started, and one with a unit at its first operation.
  const sup = api(ctx.url);
  await sup.login('supervisor');
  for (const n of ['CH-1', 'CH-2']) {
    await sup.request('POST', '/orders', { number: n, product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-24' });
    await sup.request('POST', `/orders/${n}/release`, {});
  }
  await sup.request('POST', '/orders/CH-2/dispatch', {});
  const op = api(ctx.url);
  await op.login('operator');
  const { serial } = (await op.request('POST', '/line/next-unit', {})).body as { serial: string };
  assert.equal((await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC10' })).status, 200);

  const posted = await plm.request('POST', '/changes', { number: 'ECN-41', reason: 'Field returns: seal leaks', definition: revC });
  assert.equal(posted.status, 200, JSON.stringify(posted.body));

  // Live: the row appears without a reload.
  const row = page.getByTestId('change-row').and(page.locator('[data-number=ECN-41]'));
  await row.getByTestId('change-status').filter({ hasText: 'pending' }).waitFor();
  await row.getByTestId('change-open').click();
  const diff = page.getByTestId('change-diff');
  await diff.getByText('ECN-41: VLV-100 rev B → rev C').waitFor();
  assert.equal(await diff.getByTestId('diff-bom-row').and(page.locator('[data-material=GSK-10]')).getAttribute('data-kind'), 'added');
  const kinds = await diff.getByTestId('diff-op-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-operation')}:${r.getAttribute('data-kind')}`));
  assert.deepEqual(kinds, ['Press seat into body:same', 'Fit bonnet:changed', 'Leak test:changed', 'Final inspection and label:same']);
  const leak = diff.getByTestId('diff-op-row').and(page.locator('[data-operation="Leak test"]'));
  assert.match((await leak.getByTestId('diff-op-after').locator('[data-changed]').textContent()) ?? '', /changed checks: Leak rate 0…0\.5 ml\/min/);
  assert.match((await leak.getByTestId('diff-op-before').locator('[data-changed]').textContent()) ?? '', /Leak rate 0…1 ml\/min/);
  // The impact, before anyone approves: the order not started moves; the unit at operation 10 continues on rev C.
  const impact = page.getByTestId('change-impact');
  await impact.getByTestId('impact-orders-move-to-new-revision').filter({ hasText: /^1 moves to the new revision$/ }).click();
  await impact.getByTestId('impact-order').and(page.locator('[data-number=CH-1]')).waitFor();
  await impact.getByTestId('impact-units-continue-on-new').click();
  const unitRow = impact.getByTestId('impact-unit').and(page.locator(`[data-serial="${serial}"]`));
  assert.equal(await unitRow.getAttribute('data-outcome'), 'continue-on-new');
  assert.match((await unitRow.textContent()) ?? '', /changed operations ahead: 20, 30/);
  await page.screenshot({ path: join(shots, 'changes-diff.png'), fullPage: true });

  // Approval is signed by the engineer and a supervisor; with a unit in progress reached, it is refused, saying why.
  await page.getByTestId('change-approve').click();
  await page.getByTestId('signature-second').filter({ hasText: /Second signature, Approved: another person \(Supervisor\)/ }).waitFor();
  await signInDialog(page, { username: 'engineer' }, { username: 'supervisor' });
  await page.getByTestId('change-decision-message').filter({ hasText: /reaches 1 unit\(s\) in progress.*Nothing was applied/ }).waitFor();
  await page.getByTestId('change-reason').fill('Until the units in work are done');
  await page.getByTestId('change-defer').click();
  await row.getByTestId('change-status').filter({ hasText: 'deferred' }).waitFor();
});
