import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { dragOrderOnto } from './support/board';
import { projectRoot, tempDir } from './support/station-fixtures';
import { api } from './support/station-harness';
import { startStationProcess } from './support/station-process';
import { signInDialog } from './support/signing';

// End to end as a supervisor sees it: the built station with its simulated line (10× speed), the HMI in Chromium.
const data = tempDir('mes-e2e-');
let station: Awaited<ReturnType<typeof startStationProcess>>;
let browser: Browser;
let page: Page;

before(async () => {
  station = await startStationProcess(data.path, ['--speed', '10']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
});
after(async () => {
  await browser?.close();
  await station?.stop();
  data.dispose();
});

const row = (number: string) => page.locator(`[data-testid=order-board] .ag-row[row-id="${number}"]`).first();
const text = async (testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();

test('supervisor signs in, creates an order over REST, releases and dispatches it in the HMI, and watches it built', { timeout: 180_000 }, async () => {
  await page.goto(`${station.url}/`);
  await page.getByTestId('login-user').fill('supervisor');
  await page.getByTestId('login-password').fill('wrong');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-error').filter({ hasText: /password is wrong/ }).waitFor();
  await page.getByTestId('login-password').fill('supervisor');
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('current-user').filter({ hasText: /Supervisor/ }).waitFor();

  // The mimic shows every work center with its live PackML state from the PLC.
  await page.getByTestId('mimic').waitFor();
  for (const wc of ['WC10', 'WC20', 'WC30', 'WC40']) await page.getByTestId(`wc-${wc}-state`).filter({ hasText: /^(Idle|Execute|Suspended|Held)$/ }).waitFor();

  // ERP sends the order over the REST API.
  const erp = api(station.url);
  await erp.login('supervisor');
  const created = await erp.request('POST', '/orders', { number: 'PO-E2E-1', product: 'VLV-100', revision: 'B', quantity: 3, dueDate: '2026-12-01', priority: 2 });
  assert.equal(created.status, 200, JSON.stringify(created.body));

  // The order board shows it live, without a reload; release and dispatch it there.
  await page.getByTestId('tab-orders').click();
  await row('PO-E2E-1').waitFor();
  assert.match((await row('PO-E2E-1').locator('[col-id=status]').textContent()) ?? '', /received/i);
  await row('PO-E2E-1').locator('[col-id=number]').click();
  await page.getByTestId('order-release').click();
  // A release is signed (21 CFR Part 11): the first signing of the session takes the user name and the password.
  await signInDialog(page, { username: 'supervisor' });
  await row('PO-E2E-1').locator('[col-id=status]').filter({ hasText: /released/i }).waitFor();
  await page.getByTestId('order-dispatch').click();
  await row('PO-E2E-1').locator('[col-id=status]').filter({ hasText: /dispatched|in progress/i }).waitFor();

  // On the line: the order's units appear on the machines and the line's good output counts up.
  await page.getByTestId('tab-line').click();
  await page.getByTestId('wc-WC10-unit').filter({ hasText: /PO-E2E-1-000\d/ }).waitFor({ timeout: 30_000 });
  mkdirSync(join(projectRoot, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(projectRoot, 'test-results', 'hmi-line.png') });
  await page.getByTestId('line-output-good').filter({ hasText: /\b[1-9]/ }).waitFor({ timeout: 60_000 });

  // On the board: the order completes with all three good units.
  await page.getByTestId('tab-orders').click();
  await page.getByTestId('orders-show-all').click();
  await row('PO-E2E-1').locator('[col-id=status]').filter({ hasText: /completed/i }).waitFor({ timeout: 90_000 });
  assert.match((await row('PO-E2E-1').locator('[col-id=progress]').textContent()) ?? '', /3\s*\/\s*3/);
  await page.screenshot({ path: join(projectRoot, 'test-results', 'hmi-orders.png') });

  const events = (await erp.request('GET', '/events?stream=order:PO-E2E-1')).body as unknown as { type: string; actor: string }[];
  assert.deepEqual(
    events.map((e) => e.type),
    ['OrderReceived', 'OrderReleased', 'OrderDispatched', 'OrderStarted', 'OrderCompleted'],
  );
  assert.equal(await text('current-user').then((t) => /supervisor/i.test(t)), true);
});

test('an operator sees the board but cannot release or dispatch', { timeout: 60_000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  try {
    await p.goto(`${station.url}/#orders`);
    await p.getByTestId('login-user').fill('operator');
    await p.getByTestId('login-password').fill('operator');
    await p.getByTestId('login-submit').click();
    await p.getByTestId('current-user').filter({ hasText: /Operator/ }).waitFor();
    await p.getByTestId('tab-orders').click();
    await p.getByTestId('order-board').waitFor();
    assert.equal(await p.getByTestId('order-new').isDisabled().catch(() => true), true);
    assert.equal(await p.getByTestId('order-release').isDisabled(), true);
    assert.equal(await p.getByTestId('order-dispatch').isDisabled(), true);
  } finally {
    await ctx.close();
  }
});

test('a shift lead drags an order ahead of another in the dispatch list; the station moves it and the board shows it', { timeout: 90_000 }, async () => {
  const sup = api(station.url);
  await sup.login('supervisor');
  for (const n of ['PO-DRAG-1', 'PO-DRAG-2', 'PO-DRAG-3']) {
    await sup.request('POST', '/orders', { number: n, product: 'VLV-200', revision: 'A', quantity: 500, dueDate: '2026-12-01' });
    await sup.request('POST', `/orders/${n}/release`, {});
    await sup.request('POST', `/orders/${n}/dispatch`, {});
  }
  // PO-DRAG-1 starts building at once; drag PO-DRAG-3 onto PO-DRAG-2 (the first that is not yet on the line).
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const p = await ctx.newPage();
  try {
    await p.goto(`${station.url}/#orders`);
    await p.getByTestId('login-user').fill('lead');
    await p.getByTestId('login-password').fill('lead');
    await p.getByTestId('login-submit').click();
    await p.getByTestId('tab-orders').click();
    const rowOf = (n: string) => p.locator(`[data-testid=order-board] .ag-row[row-id="${n}"]`).first();
    await rowOf('PO-DRAG-3').waitFor();
    const before = Number(await rowOf('PO-DRAG-2').locator('[col-id=sequence]').textContent());
    await dragOrderOnto(p, 'PO-DRAG-3', 'PO-DRAG-2');
    await rowOf('PO-DRAG-3').locator('[col-id=sequence]').filter({ hasText: new RegExp(`^\\s*${before}\\s*$`) }).waitFor({ timeout: 10_000 });
    const list = (await sup.request('GET', '/line/dispatch-list')).body as unknown as { orders: string[] };
    assert.ok(list.orders.indexOf('PO-DRAG-3') < list.orders.indexOf('PO-DRAG-2'), list.orders.join(','));
  } finally {
    await ctx.close();
  }
});
