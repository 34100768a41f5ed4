import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import mqtt from 'mqtt';
import { launchChromium } from './support/browser';
import { startMosquitto } from './support/mosquitto';
import { tempDir } from './support/station-fixtures';
import { api, until } from './support/station-harness';
import { startStationProcess } from './support/station-process';

// The engineer's and the shift lead's screens in Chromium against the built station and its simulated PLC.
const data = tempDir('mes-e2e-conn-');
let station: Awaited<ReturnType<typeof startStationProcess>>;
let browser: Browser;

before(async () => {
  station = await startStationProcess(data.path, ['--speed', '5']);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await station?.stop();
  data.dispose();
});

async function signIn(user: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${station.url}/`);
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(user);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

test('engineer browses the PLC address space and watches a live tag with its quality and source time, pushed by the station', { timeout: 90_000 }, async () => {
  const page = await signIn('engineer');
  // The values are pushed on the live stream: the page never polls for them.
  let reads = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/tags/read') reads += 1;
  });
  await page.getByTestId('tab-connections').click();
  await page.getByTestId('conn-row-line-plc').click();
  await page.getByTestId('tab-conn-tags').click();
  const tree = page.getByTestId('browse-tree');
  const item = (name: string) =>
    tree.locator('[role=treeitem]').filter({ has: page.locator('.tree-folder, .tree-tag', { hasText: new RegExp(`^${name}$`) }) }).first();
  await item('L1').click();
  await item('WC10').click();
  await item('State').dblclick();
  const row = page.getByTestId('watch-row').first();
  await row.waitFor();
  // A locator, not waitForFunction: polling by eval is forbidden by the HMI's CSP and fails whenever it has to wait.
  await page.locator('[data-testid=watch-row][data-quality=good]').first().waitFor({ timeout: 10_000 });
  assert.match((await row.textContent()) ?? '', /Idle|Execute|Suspended|Held/);
  const before = await row.locator('td').nth(3).textContent();

  // A shift lead stops WC10 at the PLC: its state changes on the engineer's screen by itself, with a new source time.
  const lead = api(station.url);
  await lead.login('lead');
  const command = async (name: string) => {
    const r = await lead.request('POST', '/line/work-centers/WC10/command', { command: name });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  };
  await command('Stop');
  await page.locator('[data-testid=watch-row][data-quality=good]', { hasText: /Stopped/ }).first().waitFor({ timeout: 10_000 });
  assert.notEqual(await row.locator('td').nth(3).textContent(), before);
  await command('Reset');
  await page.locator('[data-testid=watch-row][data-quality=good]', { hasText: /Idle/ }).first().waitFor({ timeout: 10_000 });
  assert.equal(reads, 0, 'the watch list read tags by request instead of hearing them pushed');
  await page.close();
});

test('an engineer adds an alarm; a shift lead sees it in the banner and acknowledges it in the alarm list', { timeout: 90_000 }, async () => {
  // An engineer adds an alarm whose condition holds now: WC20 is idle (no order on the line).
  const eng = api(station.url);
  await eng.login('engineer');
  const config = (await eng.request('GET', '/config')).body as unknown as { alarms: unknown[]; mapping: { workCenters: { workCenter: string; signals: { state: unknown } }[] } };
  const wc20State = config.mapping.workCenters.find((w) => w.workCenter === 'WC20')?.signals.state;
  const alarm = { id: 'E2E.idle', kind: 'discrete', activeWhen: 'Idle', tag: wc20State, priority: 'high', message: 'WC20 Screwdriving idle', workCenter: 'WC20' };
  const saved = await eng.request('POST', '/config/alarms', { alarms: [...config.alarms, alarm] });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const lead = api(station.url);
  await lead.login('lead');
  const page = await signIn('lead');
  await page.getByTestId('alarm-banner').filter({ hasText: /WC20 Screwdriving idle/ }).waitFor({ timeout: 20_000 });
  await page.getByTestId('tab-alarms').click();
  const row = page.getByTestId('alarm-row-E2E.idle');
  await row.click();
  await page.getByTestId('alarm-ack').click();
  await page.getByTestId('alarm-ack-comment').fill('Tool change, back in 5 min');
  await page.getByTestId('alarm-ack-confirm').click();
  await page.locator('[data-testid="alarm-row-E2E.idle"][data-state=ack-active]').waitFor({ timeout: 10_000 });
  const events = (await lead.request('GET', '/events?stream=alarm:E2E.idle')).body as unknown as { type: string; data: { by?: string; comment?: string } }[];
  const ack = events.find((e) => e.type === 'AlarmAcknowledged');
  assert.equal(ack?.data.by, 'lead');
  assert.equal(ack?.data.comment, 'Tool change, back in 5 min');
  await page.close();
});

test('the trend screen opens on the line\'s key tags and charts another on request', { timeout: 60_000 }, async () => {
  const page = await signIn('supervisor');
  await page.getByTestId('tab-trends').click();
  const chips = page.getByTestId('trend-tags').locator('li');
  await chips.nth(3).waitFor({ timeout: 20_000 });
  assert.equal(await chips.count(), 4, 'the first four historized tags, without picking any');
  await page.getByTestId('trend-add-tag').click();
  await chips.nth(4).waitFor();
  await page.getByTestId('trend-chart').locator('canvas').first().waitFor({ timeout: 20_000 });
  await page.close();
});

test('an engineer publishes the line to the plant\'s Unified Namespace from Connections; a consumer reads it there', { timeout: 90_000 }, async () => {
  const broker = await startMosquitto({ users: { 'st-line1': 'uns-Pa55', mes: 'reader-pw' } });
  const consumer = mqtt.connect(broker.url, { username: 'mes', password: 'reader-pw' });
  const states = new Map<string, string>();
  consumer.on('message', (topic, payload) => {
    if (topic.endsWith('/state')) states.set(topic, (JSON.parse(payload.toString()) as { state: string }).state);
  });
  try {
    await new Promise<void>((resolve) => consumer.once('connect', () => consumer.subscribe('plant-e2e/#', { qos: 1 }, () => resolve())));
    const page = await signIn('engineer');
    await page.getByTestId('tab-connections').click();
    const panel = page.getByTestId('uns-panel');
    await panel.getByTestId('uns-url').fill(broker.url);
    await panel.getByTestId('uns-root').fill('plant-e2e');
    await panel.getByTestId('uns-user').fill('st-line1');
    await panel.getByTestId('uns-password').fill('uns-Pa55');
    await panel.getByTestId('uns-save').click();
    await panel.getByTestId('uns-message').filter({ hasText: `Publishing to ${broker.url} under plant-e2e.` }).waitFor();
    await panel.getByTestId('uns-status').and(page.locator('[data-connected="true"]')).waitFor({ timeout: 20_000 });
    await panel.getByTestId('uns-password').and(page.locator('[placeholder="stored (leave blank to keep)"]')).waitFor();
    // The simulated line's work centers, under the demo plant's site, area and line.
    await until('WC10\'s state in the namespace', () => (states.get('plant-e2e/P1/ASSY/L1/WC10/state') ? true : undefined), 20_000, 100);
    // A shift lead reads it, and cannot change it.
    const lead = await signIn('lead');
    await lead.getByTestId('tab-connections').click();
    await lead.getByTestId('uns-status').filter({ hasText: `Connected to ${broker.url}` }).waitFor();
    assert.equal(await lead.getByTestId('uns-save').count(), 0);
    await page.close();
    await lead.close();
  } finally {
    await consumer.endAsync();
    await broker.dispose();
  }
});
