import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { projectRoot, resourcesDir, tempDir } from './support/station-fixtures';
import { assertRebuildIsFaithful } from './support/rebuild-check';
import { api, until, withStation } from './support/station-harness';

// End to end at the operator terminal of a line without a PLC: units built by hand, operation by operation, in
// Chromium against a real in-process station. The demo master data gets one lot-tracked product for the lot orders.
const resources = tempDir('mes-terminal-resources-');
const shots = join(projectRoot, 'test-results');
let ctx: Awaited<ReturnType<typeof withStation>>;
let browser: Browser;
let page: Page;

before(async () => {
  mkdirSync(join(resources.path, 'demo'));
  mkdirSync(shots, { recursive: true });
  copyFileSync(join(resourcesDir, 'demo', 'line.json'), join(resources.path, 'demo', 'line.json'));
  const master = JSON.parse(readFileSync(join(resourcesDir, 'demo', 'master-data.json'), 'utf8')) as {
    materials: unknown[];
    products: unknown[];
  };
  master.materials.push({ id: 'GSK-10', revision: 'A', description: 'Gasket kit, punched', unitOfMeasure: 'ea' });
  master.products.push({
    product: 'GSK-10',
    revision: 'A',
    description: 'Gasket kit, punched',
    tracking: 'lot',
    bom: [],
    routing: [
      {
        seq: 10,
        name: 'Punch',
        workCenter: 'WC10',
        standardCycleSeconds: 1,
        components: [],
        measurements: [],
        instruction: 'Punch the gaskets from the sheet.',
      },
      {
        seq: 20,
        name: 'Bag',
        workCenter: 'WC20',
        standardCycleSeconds: 1,
        components: [],
        measurements: [],
        instruction: 'Bag ten to a pack.',
      },
    ],
  });
  writeFileSync(join(resources.path, 'demo', 'master-data.json'), JSON.stringify(master));

  ctx = await withStation({ resourcesDir: resources.path });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});
after(async () => {
  await browser?.close();
  await ctx?.dispose();
  resources.dispose();
});

const byId = (id: string) => page.getByTestId(id);
const message = () => byId('terminal-message');

/** The scan field is ready (focused) without the operator touching it. */
const scanReady = () => page.locator('[data-testid=terminal-scan]:focus').waitFor({ timeout: 5_000 });

/** A keyboard-wedge scanner: types into whatever has the focus, then Enter. */
async function wedge(text: string) {
  await scanReady();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function expectMessage(kind: 'info' | 'error', text: RegExp) {
  await message()
    .and(page.locator(`[data-kind=${kind}]`))
    .filter({ hasText: text })
    .waitFor({ timeout: 10_000 });
}

async function atWorkCenter(wc: string) {
  await byId('terminal-wc-select').selectOption(wc);
  // waitForFunction would poll with eval, which the HMI's CSP forbids; evaluate goes through the debugger protocol.
  await until(`#terminal/${wc}`, async () => (await page.evaluate('location.hash')) === `#terminal/${wc}`, 5_000);
  await byId('terminal-wc-state').waitFor();
}

async function complete(name: string, value: string) {
  await byId(`terminal-measure-${name.replace(/ /g, '-')}`).fill(value);
  await byId(`terminal-measure-${name.replace(/ /g, '-')}-judgement`)
    .and(page.locator('[data-judgement=pass]'))
    .waitFor();
  await byId('terminal-complete').click();
  await byId('terminal-result').and(page.locator('[data-result=pass]')).waitFor();
}

async function signIn(user: string) {
  await byId('login-user').fill(user);
  await byId('login-password').fill(user);
  await byId('login-submit').click();
  await byId('current-user').waitFor();
}

test(
  'an operator builds a unit through four terminals: lots checked against the BOM, routing enforced, measurements judged, as-built record',
  { timeout: 90_000 },
  async () => {
    const sup = api(ctx.url);
    await sup.login('supervisor');
    for (const [path, body] of [
      ['/orders', { number: 'PO-TERM-1', product: 'VLV-100', revision: 'B', quantity: 2, dueDate: '2026-12-01' }],
      ['/orders/PO-TERM-1/release', {}],
      ['/orders/PO-TERM-1/dispatch', {}],
    ] as const) {
      const r = await sup.request('POST', path, body);
      assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    }

    await page.goto(`${ctx.url}/`);
    await signIn('operator');
    await byId('tab-terminal').click();
    await byId('terminal-choose').waitFor();
    await atWorkCenter('WC10');

    // WC10, the first work center: start the next unit of the dispatch list.
    await byId('terminal-next-unit').click();
    await expectMessage('info', /PO-TERM-1-0001 started at operation 10 on WC10/);
    const serial = (await byId('terminal-current-serial').textContent())?.trim() ?? '';
    assert.equal(serial, 'PO-TERM-1-0001');
    assert.match((await byId('terminal-instruction').textContent()) ?? '', /seat ring chamfer down/);
    assert.equal(await byId('terminal-complete').isDisabled(), true, 'Complete waits for the components and the measurement');

    await wedge('BODY-25|C|BD-77');
    await expectMessage('info', /Lot BD-77 of BODY-25 rev C recorded into PO-TERM-1-0001/);
    await byId('terminal-component-BODY-25').and(page.locator('[data-scanned="1"]')).waitFor();
    await wedge('BONNET-25|B|BN-1');
    await expectMessage('error', /expected BODY-25 rev C, SEAT-25 rev A/);
    await wedge('SEAT-25|B|ST-1');
    await expectMessage('error', /Wrong revision: .*the BOM asks for rev A/);
    await wedge('hello');
    await expectMessage('error', /Not understood: “hello”\. Scan a unit serial or a component label MATERIAL\|REVISION\|LOT/);
    await wedge('SEAT-25|A|ST-12');
    await expectMessage('info', /Lot ST-12 of SEAT-25 rev A recorded/);
    await byId('terminal-component-SEAT-25').and(page.locator('[data-complete=true]')).waitFor();
    await complete('Press force', '12.1');
    assert.match((await byId('terminal-result').textContent()) ?? '', /PASS.*Next: operation 20 \(Fit bonnet\) on WC20/);

    // WC30 before WC20: the routing is enforced and the station says where the unit is due.
    await atWorkCenter('WC30');
    await byId('terminal-idle').waitFor();
    await wedge(serial);
    await expectMessage('error', /due at operation 20 \(Fit bonnet\) on WC20, not on WC30/);

    // WC20: start by scanning the serial; Enter in the measurement field returns to the scan field.
    await atWorkCenter('WC20');
    await byId(`terminal-waiting-${serial}`).waitFor();
    await wedge(serial);
    await expectMessage('info', /started at operation 20 on WC20/);
    await wedge('BONNET-25|B|BN-5');
    await expectMessage('info', /Lot BN-5/);
    await wedge('SCR-M8|A|SC-9');
    await expectMessage('info', /Lot SC-9/);
    await byId('terminal-component-SCR-M8').and(page.locator('[data-scanned="4"][data-required="4"]')).waitFor();
    await byId('terminal-measure-Torque').fill('8.0');
    await page.screenshot({ path: join(shots, 'terminal-unit.png'), fullPage: true });
    await byId('terminal-measure-Torque').press('Enter');
    await scanReady();
    await byId('terminal-complete').click();
    await byId('terminal-result')
      .and(page.locator('[data-result=pass]'))
      .filter({ hasText: /on WC30/ })
      .waitFor();

    // WC30 by touch: tap the waiting unit.
    await atWorkCenter('WC30');
    await byId(`terminal-waiting-${serial}`).click();
    await expectMessage('info', /started at operation 30 on WC30/);
    await complete('Leak rate', '0.3');

    // WC40 opened from its address, as a terminal PC's start page would (the session survives the reload).
    await page.goto('about:blank');
    await page.goto(`${ctx.url}/#terminal/WC40`);
    await byId('terminal-wc-state').filter({ hasText: 'Final inspection' }).waitFor();
    assert.equal(await byId('terminal-wc-select').inputValue(), 'WC40');
    await wedge(serial);
    await expectMessage('info', /started at operation 40 on WC40/);
    // A tap on the instruction takes the focus from the scan field; the scanner's keys still land there.
    await byId('terminal-instruction').click();
    assert.equal(await page.locator('[data-testid=terminal-scan]:focus').count(), 0);
    await page.keyboard.type('LBL-ID|A|LB-1');
    await page.keyboard.press('Enter');
    await expectMessage('info', /Lot LB-1/);
    await complete('Weight', '250.2');
    await byId('terminal-result').and(page.locator('[data-unit-status=completed]')).waitFor();
    assert.equal(await page.evaluate("localStorage.getItem('mes.terminal.workCenter')"), 'WC40');

    // The as-built record: every operation with its operator, every lot.
    await byId('terminal-asbuilt-open').click();
    const record = byId('asbuilt-record');
    await record.and(page.locator(`[data-serial="${serial}"]`)).waitFor();
    await record.getByTestId('asbuilt-status').filter({ hasText: 'completed' }).waitFor();
    for (const [seq, wc] of [
      [10, 'WC10'],
      [20, 'WC20'],
      [30, 'WC30'],
      [40, 'WC40'],
    ] as const) {
      const row = record.getByTestId(`asbuilt-op-${seq}`);
      assert.equal(await row.getAttribute('data-result'), 'pass');
      assert.match((await row.textContent()) ?? '', new RegExp(wc));
      assert.equal((await row.getByTestId('asbuilt-op-by').textContent())?.trim(), 'Demo operator');
    }
    assert.match((await record.getByTestId('asbuilt-op-10').textContent()) ?? '', /Press force 12\.1 kN/);
    for (const lot of ['BD-77', 'ST-12', 'BN-5', 'SC-9', 'LB-1']) await record.getByTestId(`asbuilt-lot-${lot}`).waitFor();
    assert.equal(await record.locator('[data-testid^=asbuilt-lot-]').count(), 5);
    await page.screenshot({ path: join(shots, 'terminal-asbuilt.png'), fullPage: true });

    // Second unit at WC10: a scrap needs a reason; a bare lot number goes to the tapped component; out of limits scraps.
    await atWorkCenter('WC10');
    await byId('terminal-next-unit').click();
    await expectMessage('info', /PO-TERM-1-0002 started/);
    await byId('terminal-scrap').click();
    await byId('terminal-scrap-confirm').click();
    await byId('terminal-scrap-error')
      .filter({ hasText: /reason is required/ })
      .waitFor();
    await byId('terminal-scrap-cancel').click();
    await byId('terminal-scrap-dialog').waitFor({ state: 'detached' });
    await byId('terminal-component-BODY-25').click();
    assert.equal(await byId('terminal-component-BODY-25').getAttribute('aria-pressed'), 'true');
    await wedge('BD-78');
    await expectMessage('info', /Lot BD-78 of BODY-25 rev C recorded into PO-TERM-1-0002/);
    await wedge('SEAT-25|A|ST-13');
    await expectMessage('info', /Lot ST-13/);
    await byId('terminal-measure-Press-force').fill('15.2');
    await byId('terminal-measure-Press-force-judgement').and(page.locator('[data-judgement=fail]')).waitFor();
    // The unit's lots come back on the live stream a moment after the scan's answer: wait for the screen to say so.
    await byId('terminal-complete-why').filter({ hasText: /Press force out of limits: completing scraps the unit/ }).waitFor();
    await byId('terminal-complete').click();
    const banner = byId('terminal-result').and(page.locator('[data-result=fail][data-unit-status=scrapped]'));
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /scrapped.*Press force 15\.2 kN outside 10…14/);
    await page.screenshot({ path: join(shots, 'terminal-scrapped.png'), fullPage: true });
    await byId('terminal-idle').waitFor();

    // Any unit's record by its serial.
    await byId('terminal-lookup').fill('PO-TERM-1-0002');
    await byId('terminal-lookup-open').click();
    const other = byId('asbuilt-record').and(page.locator('[data-serial="PO-TERM-1-0002"]'));
    await other.getByTestId('asbuilt-status').filter({ hasText: 'scrapped' }).waitFor();
    assert.equal(await other.getByTestId('asbuilt-op-10').getAttribute('data-result'), 'fail');
    assert.match((await other.getByTestId('asbuilt-op-10').textContent()) ?? '', /Press force 15\.2 kN .*out of limits/);
  },
);

test(
  'lot orders: good and scrapped quantities reported per operation; the good part passes on, no more than is there',
  { timeout: 60_000 },
  async () => {
    const sup = api(ctx.url);
    await sup.login('supervisor');
    for (const [path, body] of [
      ['/orders', { number: 'LOT-1', product: 'GSK-10', revision: 'A', quantity: 10, dueDate: '2026-12-01' }],
      ['/orders/LOT-1/release', {}],
      ['/orders/LOT-1/dispatch', {}],
    ] as const) {
      const r = await sup.request('POST', path, body);
      assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    }
    await page.goto('about:blank');
    await page.goto(`${ctx.url}/#terminal/WC10`);
    const row = byId('terminal-lot-LOT-1-10');
    await row.getByTestId('terminal-lot-available').filter({ hasText: /^10$/ }).waitFor();
    await row.getByTestId('terminal-lot-good').fill('6');
    await row.getByTestId('terminal-lot-scrapped').fill('1');
    await row.getByTestId('terminal-lot-report').click();
    await expectMessage('error', /a reason is required/);
    await row.getByTestId('terminal-lot-reason').fill('torn at the edge');
    await row.getByTestId('terminal-lot-report').click();
    await expectMessage('info', /Reported at operation 10 of LOT-1: 6 good, 1 scrapped/);
    await row.getByTestId('terminal-lot-available').filter({ hasText: /^3$/ }).waitFor();

    await atWorkCenter('WC20');
    const next = byId('terminal-lot-LOT-1-20');
    await next.getByTestId('terminal-lot-input').filter({ hasText: /^6$/ }).waitFor();
    await next.getByTestId('terminal-lot-good').fill('7');
    await next.getByTestId('terminal-lot-report').click();
    await expectMessage('error', /Operation 20 has 6 to do/);
    await next.getByTestId('terminal-lot-good').fill('6');
    await next.getByTestId('terminal-lot-report').click();
    await expectMessage('info', /Reported at operation 20 of LOT-1: 6 good/);
    await next.getByTestId('terminal-lot-available').filter({ hasText: /^0$/ }).waitFor();
  },
);

test('the database this flow produced: every read model rebuilt from the log answers every query as before (mes rebuild)', async () => {
  await browser.close();
  let replayed = 0;
  await ctx.dispose((dataDir) => {
    replayed = assertRebuildIsFaithful(dataDir);
  });
  assert.ok(replayed >= 20, `the flow's whole log was replayed (${replayed} events)`);
});
