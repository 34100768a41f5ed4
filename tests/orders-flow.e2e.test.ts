import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { boardRow, dragOrderOnto } from './support/board';
import { projectRoot, tempDir } from './support/station-fixtures';
import { assertRebuildIsFaithful } from './support/rebuild-check';
import { api, until, withStation } from './support/station-harness';
import { signInDialog } from './support/signing';

// Issue 4 end to end, as a shift works: a B2MML schedule imported in the HMI, released and dispatched, resequenced by
// drag, and a unit built through every operation at the operator terminal (a station without a PLC: units by hand),
// with one wrong lot refused and one check out of limits (sent to rework, as the routing says), then its as-built record.
let ctx: Awaited<ReturnType<typeof withStation>>;
let browser: Browser;
const files = tempDir('mes-flow-files-');

before(async () => {
  ctx = await withStation();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await ctx?.dispose();
  files.dispose();
});

async function signIn(page: Page, user: string): Promise<void> {
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(user);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

test('import a B2MML schedule, release, resequence by drag, build a unit at the terminal, read its as-built record', { timeout: 150_000 }, async () => {
  const board = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await board.newPage();
  const rowOf = (n: string) => boardRow(page, n);
  await page.goto(`${ctx.url}/#orders`);
  await signIn(page, 'supervisor');
  await page.getByTestId('tab-orders').click();

  // Bulk import in the HMI: the schedule is taken whole, a malformed file is refused whole with where and why.
  const bad = join(files.path, 'broken-schedule.xml');
  writeFileSync(bad, '<ProductionSchedule xmlns="http://www.mesa.org/xml/B2MML-V0600"><ProductionRequest><ID>PO-X</ID></ProductionSchedule>');
  await page.getByTestId('order-import').click();
  await page.getByTestId('import-files').setInputFiles([join(projectRoot, 'tests', 'fixtures', 'b2mml', 'v0600-valve-schedule.xml'), bad]);
  await page.getByTestId('import-progress-text').filter({ hasText: /Done: 2 of 2 file\(s\), 1 imported, 1 refused/ }).waitFor({ timeout: 20_000 });
  const results = (await page.getByTestId('import-results').textContent()) ?? '';
  assert.match(results, /v0600-valve-schedule\.xml: ProductionSchedule V0600, 2 order\(s\) received/);
  assert.match(results, /broken-schedule\.xml: REFUSED — .*line 1/);
  await page.getByTestId('import-close').click();

  // Release and dispatch both from the toolbar.
  for (const n of ['PO-B2M-1', 'PO-B2M-2']) {
    await rowOf(n).locator('[col-id=number]').click();
    await page.getByTestId('order-release').click();
    // Signed: user name and password the first time in the session, the password alone the second.
    await signInDialog(page, { username: 'supervisor' });
    await page.getByTestId('order-message').filter({ hasText: `Order ${n} released` }).waitFor();
    await page.getByTestId('order-dispatch').click();
    await page.getByTestId('order-message').filter({ hasText: `Order ${n} dispatched` }).waitFor();
  }

  // Resequence by drag: PO-B2M-2 (VLV-200) dropped on PO-B2M-1 goes first; the board then hints the changeover.
  await dragOrderOnto(page, 'PO-B2M-2', 'PO-B2M-1');
  await rowOf('PO-B2M-2').locator('[col-id=sequence]').filter({ hasText: /^\s*1\s*$/ }).waitFor({ timeout: 10_000 });
  await page.getByTestId('order-hints-PO-B2M-1').filter({ hasText: /Changeover/ }).waitFor();
  const sup = api(ctx.url);
  await sup.login('supervisor');
  const list = (await sup.request('GET', '/line/dispatch-list')).body as unknown as { orders: string[] };
  assert.deepEqual(list.orders, ['PO-B2M-2', 'PO-B2M-1']);

  // The operator terminal, one work center after the other.
  const terminal = await browser.newContext({ viewport: { width: 1280, height: 900 }, hasTouch: true });
  const op = await terminal.newPage();
  await op.goto(`${ctx.url}/#terminal/WC10`);
  await signIn(op, 'operator');
  const message = op.getByTestId('terminal-message');
  const scan = async (code: string) => {
    await op.getByTestId('terminal-scan').fill(code);
    await op.getByTestId('terminal-scan').press('Enter');
  };
  const atStation = async (wc: string) => {
    await op.getByTestId('terminal-wc-select').selectOption(wc);
    // The terminal serves the new work center before anything is scanned there (CSP: evaluate, not waitForFunction).
    await until(`#terminal/${wc}`, async () => (await op.evaluate('location.hash')) === `#terminal/${wc}`, 5_000);
  };
  await atStation('WC10');
  await op.getByTestId('terminal-next-unit').click();
  await op.getByTestId('terminal-current-serial').filter({ hasText: 'PO-B2M-2-0001' }).waitFor();
  const serial = 'PO-B2M-2-0001';
  assert.match((await op.getByTestId('terminal-instruction').textContent()) ?? '', /\S/);

  // A wrong part is refused, and the terminal says what the BOM expects here.
  await scan('BODY-25|C|BD-1');
  await message.filter({ hasText: /expected BODY-40 rev A/ }).waitFor();
  await scan('BODY-40|A|B40-7');
  await op.getByTestId('terminal-component-BODY-40').filter({ hasText: /1\s*\/\s*1/ }).waitFor();
  const measure = async (name: string, value: string) => {
    await op.getByTestId(`terminal-measure-${name.replace(/ /g, '-')}`).fill(value);
  };
  await measure('Press force', '12.0');
  await op.getByTestId('terminal-complete').click();
  await op.getByTestId('terminal-result').filter({ hasText: /pass/i }).waitFor();

  // The routing is enforced: the unit cannot be started at WC30 before operation 20.
  await atStation('WC30');
  await scan(serial);
  await message.filter({ hasText: /due at operation 20/ }).waitFor();

  const operation = async (wc: string, lots: string[], readings: [string, string][], expect: RegExp) => {
    await atStation(wc);
    // As a scanner sends them: the unit's serial and at once its component labels, without waiting for the screen.
    await scan(serial);
    for (const lot of lots) await scan(lot);
    await op.getByTestId('terminal-current-serial').filter({ hasText: serial }).waitFor();
    for (const lot of lots) await op.getByTestId(`terminal-component-${lot.split('|')[0]}`).filter({ hasText: /(\d+)\s*\/\s*\1/ }).waitFor();
    for (const [name, value] of readings) await measure(name, value);
    await op.getByTestId('terminal-complete').click();
    await op.getByTestId('terminal-result').filter({ hasText: expect }).waitFor();
  };
  await operation('WC20', ['SCR-M8|A|SC-3'], [['Torque', '8.1']], /pass/i);
  // Out of limits at the leak test: the routing sends the unit back to operation 20.
  await operation('WC30', [], [['Leak rate', '1.6']], /rework/i);
  assert.match((await op.getByTestId('terminal-result').textContent()) ?? '', /Leak rate 1\.6 ml\/min outside 0…1/);
  await operation('WC20', [], [['Torque', '8.0']], /pass/i);
  await operation('WC30', [], [['Leak rate', '0.4']], /pass/i);
  await operation('WC40', [], [['Weight', '250.2']], /is complete/i);

  // The complete as-built record, from the terminal.
  await op.getByTestId('terminal-asbuilt-open').click();
  const record = op.getByTestId('asbuilt-record');
  // Read once the record is in (it says "Reading the record…" until then).
  for (const lot of ['B40-7', 'SC-3']) await record.getByTestId(`asbuilt-lot-${lot}`).waitFor();
  const text = (await record.textContent()) ?? '';
  assert.equal(await record.locator('[data-testid^=asbuilt-op-]:not([data-testid=asbuilt-op-by])').count(), 6, 'operations 10, 20, 30 (failed), 20, 30, 40');
  assert.match(text, /operator|Demo operator/);
  mkdirSync(join(projectRoot, 'test-results'), { recursive: true });
  await op.screenshot({ path: join(projectRoot, 'test-results', 'terminal-asbuilt.png') });

  // The same record over the API, for ERP and audits.
  const built = (await sup.request('GET', `/units/${serial}`)).body as unknown as { status: string; operations: { operation: number; result: string }[]; lots: { lot: string }[] };
  assert.equal(built.status, 'completed');
  assert.deepEqual(built.operations.map((o) => `${o.operation}:${o.result}`), ['10:pass', '20:pass', '30:fail', '20:pass', '30:pass', '40:pass']);
  assert.deepEqual(built.lots.map((l) => l.lot), ['B40-7', 'SC-3']);
  await terminal.close();
  await board.close();
});

test('a shift lead splits an order and resumes a held one with a reason, from the board', { timeout: 90_000 }, async () => {
  const sup = api(ctx.url);
  await sup.login('supervisor');
  await sup.request('POST', '/orders', { number: 'PO-SPLIT', product: 'VLV-100', revision: 'B', quantity: 10, dueDate: '2026-12-05' });
  await sup.request('POST', '/orders/PO-SPLIT/release', {});
  await sup.request('POST', '/orders/PO-SPLIT/hold', { reason: 'waiting for the first-article check' });
  const board = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const page = await board.newPage();
  try {
    await page.goto(`${ctx.url}/#orders`);
    await signIn(page, 'lead');
    await page.getByTestId('tab-orders').click();
    await boardRow(page, 'PO-SPLIT').locator('[col-id=number]').click();

    // Split: more than the order can give is refused in the dialog; 4 go to a new order that keeps the due date.
    await page.getByTestId('order-split').click();
    await page.getByTestId('reason-quantity').fill('10');
    await page.getByTestId('reason-submit').click();
    await page.getByTestId('reason-error').filter({ hasText: /from 1 to 9/ }).waitFor();
    await page.getByTestId('reason-quantity').fill('4');
    await page.getByTestId('reason-submit').click();
    await page.getByTestId('order-message').filter({ hasText: 'Order PO-SPLIT split' }).waitFor();
    await boardRow(page, 'PO-SPLIT.1').locator('[col-id=quantity]').filter({ hasText: /^\s*4\s*$/ }).waitFor();
    await boardRow(page, 'PO-SPLIT').locator('[col-id=quantity]').filter({ hasText: /^\s*6\s*$/ }).waitFor();

    // Resume with a reason, kept in the record.
    await boardRow(page, 'PO-SPLIT').locator('[col-id=number]').click();
    await page.getByTestId('order-resume').click();
    await page.getByTestId('reason-input').fill('first article passed');
    await page.getByTestId('reason-submit').click();
    await signInDialog(page, { username: 'lead' });
    await page.getByTestId('order-message').filter({ hasText: 'Order PO-SPLIT resumed' }).waitFor();
    const events = (await sup.request('GET', '/events?stream=order:PO-SPLIT')).body as unknown as { type: string; data: { reason?: string } }[];
    assert.equal(events.find((e) => e.type === 'OrderResumed')?.data.reason, 'first article passed');
    assert.ok(events.some((e) => e.type === 'OrderSplit'));
  } finally {
    await board.close();
  }
});

test('the database this flow produced: every read model rebuilt from the log answers every query as before (mes rebuild)', async () => {
  await browser.close();
  let replayed = 0;
  await ctx.dispose((dataDir) => {
    replayed = assertRebuildIsFaithful(dataDir);
  });
  assert.ok(replayed >= 20, `the flow's whole log was replayed (${replayed} events)`);
});
