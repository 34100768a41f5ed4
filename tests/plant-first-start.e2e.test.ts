import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WORK_CENTER_SIGNALS, WORK_CENTER_TAGS, plcNodeId } from '../core';
import { spawnSimulator, type Log, type SimulatorProcess } from '../main/station';
import { launchChromium } from './support/browser';
import { boardRow } from './support/board';
import { projectRoot, tempDir } from './support/station-fixtures';
import { api, until } from './support/station-harness';
import { startStationProcess, type StationProcess } from './support/station-process';
import { signInDialog } from './support/signing';

// A plant's first day, end to end (the flow): a plant station (no --simulate, no demo data) and the line's PLC
// (the simulator, a process of its own, as a PLC is a box of its own). The first administrator signs in with the
// one-time password the station printed and creates an engineer and a supervisor with temporary passwords; the
// engineer connects the PLC and sets up a line of two work centers mapped onto the PLC's tags; ERP drops the product
// and an order; the supervisor releases and dispatches it, and the line builds it by itself.
const dir = tempDir('mes-e2e-plant-');
const stationDir = join(dir.path, 'station');
const plcDir = join(dir.path, 'plc');
const simLog: string[] = [];
const collect: Log = {
  info: (m) => simLog.push(m),
  warn: (m) => simLog.push(`warn: ${m}`),
  error: (m, e) => simLog.push(`error: ${m} ${e instanceof Error ? e.message : String(e ?? '')}`),
};
let simulator: SimulatorProcess | undefined;
let station: StationProcess | undefined;
let browser: Browser | undefined;

before(async () => {
  mkdirSync(stationDir, { recursive: true });
  mkdirSync(plcDir, { recursive: true });
  // The built simulator, listening on loopback only (its default), five times faster than life; a fixed seed.
  simulator = await spawnSimulator(
    process.execPath,
    [join(projectRoot, 'out', 'main', 'cli.js'), 'simulate', '--port', '0', '--host', '127.0.0.1', '--speed', '5', '--seed', '7', '--data-dir', plcDir],
    collect,
  );
  station = await startStationProcess(stationDir, [], { plant: true });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await station?.stop();
  await simulator?.dispose();
  dir.dispose();
});

const CONNECTION = 'line-plc';
const LINE = 'L1'; // the simulator's line folder
const ORDER = 'PO-1001';
const PEOPLE = {
  engineer: { username: 'erin', displayName: 'Erin Engineer', role: 'engineer', temporary: 'erin-temporary-1', own: 'erin maps the line tags' },
  supervisor: { username: 'sam', displayName: 'Sam Supervisor', role: 'supervisor', temporary: 'sam-temporary-1', own: 'sam keeps the line running' },
} as const;

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  if (!browser || !station) throw new Error('not started');
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${station.url}/`);
  return { context, page };
}

/** Signs in with a temporary password, which the station makes the person replace before anything else. */
async function firstSignIn(page: Page, username: string, temporary: string, own: string, displayName: RegExp): Promise<void> {
  await page.getByTestId('login-user').fill(username);
  await page.getByTestId('login-password').fill(temporary);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('choose-password').waitFor();
  await page.getByTestId('password-new').fill(own);
  await page.getByTestId('password-repeat').fill(own);
  await page.getByTestId('password-submit').click();
  await page.getByTestId('current-user').filter({ hasText: displayName }).waitFor();
}

/** ERP's export, as it drops it: written beside, then renamed into the folder, so the station never reads half a file. */
async function dropForErp(name: string, content: unknown): Promise<void> {
  const folder = join(stationDir, 'import');
  const part = join(folder, `${name}.part`);
  writeFileSync(part, JSON.stringify(content, null, 2));
  renameSync(part, join(folder, name));
  const outcome = await until(
    `the station to take ${name} from its drop folder`,
    () => {
      const done = readdirSync(join(folder, 'done')).find((f) => f.endsWith(name));
      if (done) return { ok: true, reason: '' };
      const failed = readdirSync(join(folder, 'failed')).find((f) => f.endsWith(name));
      if (failed) return { ok: false, reason: readFileSync(join(folder, 'failed', `${failed}.reason.txt`), 'utf8') };
      return undefined;
    },
    30_000,
  );
  assert.ok(outcome.ok, `ERP's ${name} was refused: ${outcome.reason}`);
}

test('first start of a plant station: admin, users, PLC connection, a two-work-center line, ERP master data, an order built by the line', { timeout: 180_000 }, async () => {
  assert.ok(station && simulator);
  const admin = station.firstAdmin;
  assert.ok(admin, `the plant station printed no first administrator:\n${station.output.join('\n')}`);
  assert.equal(admin.username, 'admin');

  // --- The administrator: one-time password, then their own; then the two people who run the line.
  const a = await newPage();
  await firstSignIn(a.page, admin.username, admin.password, 'the plant admin keeps this safe', /Administrator/);
  await a.page.getByTestId('tab-users').click();
  await a.page.getByTestId('users-screen').waitFor();
  for (const p of Object.values(PEOPLE)) {
    await a.page.getByTestId('user-new').click();
    await a.page.getByTestId('new-user-name').fill(p.username);
    await a.page.getByTestId('new-user-display').fill(p.displayName);
    await a.page.getByTestId('new-user-role').selectOption(p.role);
    await a.page.getByTestId('new-user-password').fill(p.temporary);
    await a.page.getByTestId('new-user-submit').click();
    // User administration is signed.
    await signInDialog(a.page, { username: admin.username, password: 'the plant admin keeps this safe' });
    await a.page.getByTestId('users-message').filter({ hasText: `${p.displayName} (${p.username}) created` }).waitFor();
    await a.page.getByTestId(`user-state-${p.username}`).filter({ hasText: /temporary password/ }).waitFor();
  }
  await a.page.getByTestId('sign-out').click();
  await a.context.close();

  // --- The engineer: the station has no line yet, and says so.
  const e = await newPage();
  const eng = e.page;
  await firstSignIn(eng, PEOPLE.engineer.username, PEOPLE.engineer.temporary, PEOPLE.engineer.own, /Erin Engineer/);
  await eng.getByTestId('tab-line').click();
  await eng.getByTestId('no-line').filter({ hasText: /No line is set up on this station yet/ }).waitFor();

  // The PLC: an OPC UA connection to the simulator's endpoint, tried first, then saved; it connects.
  await eng.getByTestId('tab-connections').click();
  await eng.getByTestId('conn-empty').waitFor();
  await eng.getByTestId('conn-add-opcua').click();
  await eng.getByTestId('conn-id').fill(CONNECTION);
  await eng.getByTestId('conn-name').fill('Line 1 PLC');
  await eng.getByTestId('conn-endpoint').fill(simulator.endpoint);
  await eng.getByTestId('conn-publishing').fill('50');
  await eng.getByTestId('conn-test').click();
  await eng.getByTestId('conn-message').filter({ hasText: /Test passed/ }).waitFor({ timeout: 30_000 });
  await eng.getByTestId('conn-save').click();
  await eng.getByTestId('conn-message').filter({ hasText: `Connection ${CONNECTION} saved and applied` }).waitFor({ timeout: 30_000 });
  await eng.locator(`[data-testid=conn-row-${CONNECTION}] [data-health=connected]`).waitFor({ timeout: 30_000 });

  // The line: its place in the plant and two work centers, in line order, on the PLC's WC10 and WC20.
  await eng.getByTestId('tab-line-setup').click();
  await eng.getByTestId('line-setup').filter({ hasText: /No line yet/ }).waitFor();
  await eng.getByTestId('setup-site-id').fill('P1');
  await eng.getByTestId('setup-site-name').fill('Plant 1');
  await eng.getByTestId('setup-area-id').fill('ASSY');
  await eng.getByTestId('setup-area-name').fill('Final assembly');
  await eng.getByTestId('setup-line-id').fill(LINE);
  await eng.getByTestId('setup-line-name').fill('Line 1 – Bracket assembly');
  const workCenters = [
    { id: 'WC10', name: 'Press-fit', description: 'Presses the bushing into the plate' },
    { id: 'WC20', name: 'Screwdriving', description: 'Screws the plate to the bracket' },
  ];
  for (const [i, wc] of workCenters.entries()) {
    if (i > 0) await eng.getByTestId('setup-add-wc').click();
    await eng.getByTestId(`setup-wc-${i}-id`).fill(wc.id);
    await eng.getByTestId(`setup-wc-${i}-name`).fill(wc.name);
    await eng.getByTestId(`setup-wc-${i}-description`).fill(wc.description);
    await eng.getByTestId(`setup-wc-${i}-plcFolder`).fill(wc.id);
  }
  await eng.getByTestId('setup-save').click();
  await eng.getByTestId('setup-message').filter({ hasText: `Line ${LINE} saved with 2 work center(s)` }).waitFor();

  // The mimic has the line now, without PLC data: no signal is mapped yet.
  await eng.getByTestId('tab-line').click();
  await eng.getByTestId('wc-WC20').waitFor();
  await eng.getByTestId('line-disconnected').filter({ hasText: /map the line under Connections/ }).waitFor();

  // The mapping: every signal of both work centers onto the PLC's tags, and where the next serial goes. WC10's state is
  // picked in the browsed address space, each PackML command tag typed (commands are mapped by hand only), and the
  // rest filled from the work centers' PLC folders.
  await eng.getByTestId('tab-connections').click();
  await eng.getByTestId(`conn-row-${CONNECTION}`).click();
  await eng.getByTestId('tab-conn-mapping').click();
  const editor = eng.getByTestId('mapping-editor');
  await editor.waitFor();
  const tag = (...path: string[]) => plcNodeId(LINE, ...path);
  await eng.getByTestId(`browse-node-${tag()}`).click();
  await eng.getByTestId(`browse-node-${tag('WC10')}`).click();
  await eng.getByTestId(`browse-node-${tag('WC10', WORK_CENTER_TAGS.state)}`).click();
  await editor.locator('.mapping-picked').filter({ hasText: /WC10\.State/ }).waitFor();
  await eng.getByTestId('mapping-work-center').selectOption('WC10');
  await eng.getByTestId('mapping-WC10-state').getByRole('button', { name: 'Use picked' }).click();
  for (const wc of workCenters) {
    await eng.getByTestId('mapping-work-center').selectOption(wc.id);
    const row = eng.getByTestId(`mapping-${wc.id}-command`);
    await row.getByRole('combobox').selectOption(CONNECTION);
    await row.getByRole('textbox').fill(tag(wc.id, WORK_CENTER_TAGS.command));
  }
  await eng.getByTestId('mapping-fill').click();
  await eng.getByTestId('mapping-message').filter({ hasText: 'filled from their PLC folders' }).waitFor();
  for (const wc of workCenters) {
    await eng.getByTestId('mapping-work-center').selectOption(wc.id);
    for (const signal of WORK_CENTER_SIGNALS) {
      assert.equal(await eng.getByTestId(`mapping-${wc.id}-${signal}`).getByRole('textbox').inputValue(), tag(wc.id, WORK_CENTER_TAGS[signal]), `${wc.id} ${signal}`);
    }
  }
  assert.equal(await eng.getByTestId('mapping-next-serial').getByRole('textbox').inputValue(), tag('NextSerial'));
  await eng.getByTestId('mapping-save').click();
  await eng.getByTestId('mapping-message').filter({ hasText: 'Mapping saved and applied.' }).waitFor({ timeout: 30_000 });

  // Now the mimic shows the PLC's states: connected, both machines with good data.
  await eng.getByTestId('tab-line').click();
  for (const wc of workCenters) await eng.locator(`[data-testid=wc-${wc.id}][data-quality=good]`).waitFor({ timeout: 30_000 });
  assert.equal(await eng.getByTestId('line-disconnected').count(), 0, 'the line PLC shows as not connected after mapping');
  await eng.getByTestId('sign-out').click();
  await e.context.close();

  // --- ERP: the product revision routed over both work centers, its materials, and an order, dropped as its export.
  const due = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await dropForErp('erp-master-and-orders.json', {
    materials: [
      { id: 'BRK-10', revision: 'A', description: 'Bracket assembly', unitOfMeasure: 'ea' },
      { id: 'PLATE-10', revision: 'A', description: 'Mounting plate', unitOfMeasure: 'ea' },
      { id: 'BUSH-8', revision: 'A', description: 'Bushing 8 mm', unitOfMeasure: 'ea' },
      { id: 'SCR-M6', revision: 'A', description: 'Cap screw M6x16', unitOfMeasure: 'ea' },
    ],
    products: [
      {
        product: 'BRK-10',
        revision: 'A',
        description: 'Bracket assembly',
        bom: [
          { material: 'PLATE-10', revision: 'A', quantity: 1 },
          { material: 'BUSH-8', revision: 'A', quantity: 1 },
          { material: 'SCR-M6', revision: 'A', quantity: 2 },
        ],
        // The line's PLC reports each cycle with its measurement; the components are backflushed as each operation
        // completes (no scans at a terminal: the line runs by itself).
        routing: [
          {
            seq: 10, name: 'Press bushing into plate', workCenter: 'WC10', standardCycleSeconds: 3,
            components: [{ material: 'PLATE-10', quantity: 1 }, { material: 'BUSH-8', quantity: 1 }],
            measurements: [{ name: 'Press force', unit: 'kN', low: 10, high: 14 }],
          },
          {
            seq: 20, name: 'Screw plate to bracket', workCenter: 'WC20', standardCycleSeconds: 3.5,
            components: [{ material: 'SCR-M6', quantity: 2 }],
            measurements: [{ name: 'Torque', unit: 'N·m', low: 7.2, high: 8.8 }],
          },
        ],
      },
    ],
    orders: [{ number: ORDER, product: 'BRK-10', revision: 'A', quantity: 2, dueDate: due }],
  });

  // --- The supervisor: own password first, then the order board: release, dispatch, and the line builds it.
  const s = await newPage();
  const sup = s.page;
  await firstSignIn(sup, PEOPLE.supervisor.username, PEOPLE.supervisor.temporary, PEOPLE.supervisor.own, /Sam Supervisor/);
  await sup.getByTestId('tab-orders').click();
  const row = boardRow(sup, ORDER);
  await row.locator('[col-id=status]').filter({ hasText: 'Received' }).waitFor({ timeout: 20_000 });
  await row.locator('[col-id=number]').click();
  await sup.getByTestId('order-release').click();
  await signInDialog(sup, { username: PEOPLE.supervisor.username, password: PEOPLE.supervisor.own });
  await sup.getByTestId('order-message').filter({ hasText: `Order ${ORDER} released` }).waitFor();
  await sup.getByTestId('order-dispatch').click();
  await sup.getByTestId('order-message').filter({ hasText: `Order ${ORDER} dispatched` }).waitFor();
  // A completed order leaves the open list: show it all, and wait for it there.
  await sup.getByTestId('orders-show-all').check();
  await row.locator('[col-id=status]').filter({ hasText: 'Completed' }).waitFor({ timeout: 90_000 });
  assert.match((await row.locator('[col-id=progress]').textContent()) ?? '', /2\/2/);

  // The record behind the board, as ERP and audits read it: each good unit built on WC10 then WC20 as the PLC reported
  // it, with the PLC's measurement. (A unit the machine rejects is scrapped and replaced: rare, and allowed for.)
  const client = api(station.url);
  await client.login(PEOPLE.supervisor.username, PEOPLE.supervisor.own);
  const orders = (await client.request('GET', '/orders?status=all')).body as unknown as { number: string; status: string; unitsStarted: number; unitsGood: number }[];
  const order = orders.find((o) => o.number === ORDER);
  assert.equal(order?.status, 'completed');
  assert.equal(order.unitsGood, 2);
  type AsBuilt = {
    status: string;
    operations: { operation: number; workCenter: string; result: string; by: string | null; measurements: { name: string; value: number | null }[] }[];
  };
  const units: AsBuilt[] = [];
  for (let n = 1; n <= order.unitsStarted; n += 1) {
    units.push((await client.request('GET', `/units/${ORDER}-${String(n).padStart(4, '0')}`)).body as unknown as AsBuilt);
  }
  const good = units.filter((u) => u.status === 'completed');
  assert.equal(good.length, 2, JSON.stringify(units));
  for (const unit of good) {
    assert.deepEqual(unit.operations.map((o) => `${o.operation}@${o.workCenter}:${o.result} by ${o.by}`), ['10@WC10:pass by line-plc', '20@WC20:pass by line-plc']);
    assert.deepEqual(unit.operations.map((o) => o.measurements.map((m) => `${m.name}=${typeof m.value}`).join()), ['Press force=number', 'Torque=number']);
  }
  // And the performance for ERP, written on completion.
  await until('the order performance export', () => existsSync(join(stationDir, 'export')) && readdirSync(join(stationDir, 'export')).some((f) => f.includes(ORDER)), 20_000);
  await s.context.close();
});
