import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { signInDialog } from './support/signing';
import { projectRoot, tempDir } from './support/station-fixtures';
import { api, until, withStation } from './support/station-harness';

// Records an auditor accepts, end to end in Chromium: a supervisor releases an order with a signature, an operator
// scraps a unit whose disposition a shift lead signs, an auditor filters the trail and exports the PDF, a quality
// engineer traces a lot forward and exports the recall list.

const shots = join(projectRoot, 'test-results');
const downloads = tempDir('mes-downloads-');
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
  downloads.dispose();
});

async function signedInPage(user: string, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await page.goto(`${ctx.url}/${hash}`);
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(user);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

/** Clicks and saves what the page downloads; its text (latin1 keeps a PDF's bytes). */
async function download(page: Page, testid: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = join(downloads.path, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: readFileSync(path).toString('latin1') };
}

test('a signed release, a two-person scrap, an auditor\'s filtered PDF, a quality engineer\'s trace and recall list', { timeout: 180_000 }, async () => {
  const erp = api(ctx.url);
  await erp.login('supervisor');
  assert.equal((await erp.request('POST', '/orders', { number: 'REC-1', product: 'VLV-100', revision: 'B', quantity: 3, dueDate: '2026-12-24' })).status, 200);

  // --- The supervisor releases it on the board: the signature dialog asks for user name and password, meaning Approved.
  const sup = await signedInPage('supervisor', '#orders');
  const row = sup.locator('.ag-row').filter({ has: sup.locator('[col-id=number]', { hasText: 'REC-1' }) }).first();
  await row.locator('[col-id=number]').click();
  await sup.getByTestId('order-release').click();
  await sup.getByTestId('signature-meaning').filter({ hasText: /meaning Approved/ }).waitFor();
  await sup.getByTestId('signature-username').fill('supervisor');
  await sup.getByTestId('signature-password').fill('not my password');
  await sup.getByTestId('signature-submit').click();
  await sup.getByTestId('signature-error').filter({ hasText: /password of supervisor is wrong/ }).waitFor();
  await signInDialog(sup, { username: 'supervisor' });
  await sup.getByTestId('order-message').filter({ hasText: 'Order REC-1 released' }).waitFor();
  await sup.getByTestId('order-dispatch').click();
  await sup.getByTestId('order-message').filter({ hasText: 'Order REC-1 dispatched' }).waitFor();
  // Its history shows the signature's manifestation.
  await sup.getByTestId('order-history-open').click();
  await sup.getByTestId('order-history').getByTestId('signature').filter({ hasText: /^✍ Approved by Demo supervisor \(supervisor, supervisor\) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/ }).waitFor();
  await sup.screenshot({ path: join(shots, 'records-order-history.png') });
  await sup.getByTestId('order-history-close').click();

  // --- Two units built with lot BD-REC at WC10 (the terminal's REST calls); the operator scraps the second at the terminal.
  const op = api(ctx.url);
  await op.login('operator');
  for (let i = 0; i < 2; i += 1) {
    const { serial } = (await op.request('POST', '/line/next-unit', {})).body as { serial: string };
    await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC10' });
    for (const [material, revision, lot] of [['BODY-25', 'C', 'BD-REC'], ['SEAT-25', 'A', `ST-${i}`]]) {
      assert.equal((await op.request('POST', `/units/${serial}/lots`, { workCenter: 'WC10', material, revision, lot })).status, 200);
    }
    if (i === 0) await op.request('POST', `/units/${serial}/complete`, { workCenter: 'WC10', readings: [{ name: 'Press force', value: 12.1 }] });
  }
  const terminal = await signedInPage('operator', '#terminal/WC10');
  await terminal.getByTestId('terminal-wc-state').waitFor();
  await terminal.getByTestId('terminal-scrap').click();
  await terminal.getByTestId('terminal-scrap-reason').fill('seat ring cracked on pressing');
  await terminal.getByTestId('terminal-scrap-confirm').click();
  // Two-person: the operator performs, a shift lead approves, at the same terminal.
  await terminal.getByTestId('signature-second').filter({ hasText: /Second signature, Approved: another person \(Shift lead, Supervisor, Quality engineer\)/ }).waitFor();
  await signInDialog(terminal, { username: 'operator' }, { username: 'lead' });
  await terminal.getByTestId('terminal-result').and(terminal.locator('[data-unit-status=scrapped]')).waitFor();
  const scrapped = (await op.request('GET', '/units/REC-1-0002')).body as { status: string; signatures: { manifestation: string }[] };
  assert.equal(scrapped.status, 'scrapped');
  assert.deepEqual(
    scrapped.signatures.map((s) => s.manifestation.split(' (')[0]),
    ['Performed by Demo operator', 'Approved by Demo shift lead'],
  );

  // --- The auditor filters the trail to the order and exports the PDF.
  const auditor = await signedInPage('auditor', '#audit');
  await auditor.getByTestId('record-panel').and(auditor.locator('[data-state=intact]')).waitFor();
  await auditor.getByTestId('audit-object-kind').selectOption('order');
  await auditor.getByTestId('audit-object-id').fill('REC-1');
  await auditor.getByTestId('audit-apply').click();
  await until('the order\'s entries only', async () => {
    const types = await auditor.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
    return types.length > 0 && types.includes('OrderReleased') && types.includes('UnitScrapped') && !types.includes('SignedIn') ? types : undefined;
  });
  await auditor.getByTestId('audit-row').and(auditor.locator('[data-type=UnitScrapped]')).getByTestId('signature').nth(1).filter({ hasText: /Approved by Demo shift lead/ }).waitFor();
  await auditor.screenshot({ path: join(shots, 'records-audit.png') });
  const pdf = await download(auditor, 'audit-export-pdf');
  assert.match(pdf.name, /^audit-.*\.pdf$/);
  assert.ok(pdf.text.startsWith('%PDF-1.4'));
  assert.match(pdf.text, /Signed: Performed by Demo operator/);
  assert.match(pdf.text, /Record: intact/);
  assert.match(pdf.text, /Checkpoint \\\(keep it; mes verify --checkpoint\\\): \d+:[0-9a-f]{64}/);

  // --- The quality engineer traces the lot forward and exports the recall list.
  const quality = await signedInPage('quality', '#genealogy');
  await quality.getByTestId('genealogy-kind').selectOption('lot');
  await quality.getByTestId('genealogy-id').fill('BD-REC');
  await quality.getByTestId('genealogy-direction').selectOption('forward');
  await quality.getByTestId('genealogy-trace').click();
  await quality.getByTestId('genealogy-graph').and(quality.locator('[data-nodes="3"]')).waitFor();
  assert.deepEqual(
    await quality.getByTestId('genealogy-node').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-kind')} ${r.getAttribute('data-id')}`).sort()),
    ['lot BD-REC', 'unit REC-1-0001', 'unit REC-1-0002'],
  );
  await quality.screenshot({ path: join(shots, 'records-genealogy.png') });
  // Each unit opens its as-built record, signatures included.
  await quality.getByTestId('genealogy-open').filter({ hasText: 'REC-1-0002' }).click();
  await quality.getByTestId('asbuilt-signatures').getByTestId('signature').first().filter({ hasText: /Performed by Demo operator/ }).waitFor();
  const recall = await download(quality, 'recall-export');
  assert.match(recall.name, /^recall-BD-REC-.*\.csv$/);
  const lines = recall.text.trim().split('\r\n');
  assert.match(lines[0] ?? '', /# Recall: lot BD-REC; .* 2 units in 1 orders/);
  assert.deepEqual(lines.slice(2).map((l) => l.split(',')[0]), ['REC-1-0001', 'REC-1-0002']);

  // --- An administrator makes a cancel two-person (a quality engineer verifies); the change itself is signed.
  const admin = await signedInPage('admin', '#audit');
  const cancel = admin.getByTestId('signature-rule-order.cancel');
  await cancel.getByLabel('Cancel an order: a second person signs').check();
  await cancel.getByLabel('Quality engineer').check();
  await admin.getByTestId('signature-policy-save').click();
  await signInDialog(admin, { username: 'admin' });
  await admin.getByTestId('signature-policy').getByText('Signature policy saved and recorded.').waitFor();
  const policy = (await erp.request('GET', '/audit/signature-policy')).body as { 'order.cancel': { second: { roles: string[] } | null } };
  assert.deepEqual(policy['order.cancel'].second?.roles, ['supervisor', 'quality']);
});
