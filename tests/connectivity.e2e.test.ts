import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { tempDir } from './support/station-fixtures';
import { api } from './support/station-harness';
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

test('engineer browses the PLC address space and watches a live tag with its quality and source time', { timeout: 90_000 }, async () => {
  const page = await signIn('engineer');
  await page.getByTestId('tab-connections').click();
  await page.getByTestId('conn-row-line-plc').click();
  await page.getByTestId('tab-conn-tags').click();
  const tree = page.getByTestId('browse-tree');
  const item = (name: string) => tree.locator('[role=treeitem]').filter({ hasText: new RegExp(`^\\s*${name}\\b`) }).first();
  await item('L1').click();
  await item('WC10').click();
  await item('State').dblclick();
  const row = page.getByTestId('watch-row').first();
  await row.waitFor();
  await page.waitForFunction(`document.querySelector('[data-testid=watch-row]')?.getAttribute('data-quality') === 'good'`, undefined, { timeout: 10_000 });
  assert.match((await row.textContent()) ?? '', /Idle|Execute|Suspended|Held/);
  await page.close();
});

test('a shift lead sees a raised alarm in the banner and acknowledges it in the alarm list', { timeout: 90_000 }, async () => {
  const lead = api(station.url);
  await lead.login('lead');
  // Hold WC20 from the station: its "Held" alarm must come up.
  const held = await lead.request('POST', '/line/work-centers/WC20/command', { command: 'Hold' });
  assert.equal(held.status, 200, JSON.stringify(held.body));
  const page = await signIn('lead');
  await page.getByTestId('alarm-banner').filter({ hasText: /WC20.*Held/ }).waitFor({ timeout: 20_000 });
  await page.getByTestId('tab-alarms').click();
  const row = page.getByTestId('alarm-row-WC20.held');
  await row.click();
  await page.getByTestId('alarm-ack').click();
  await page.getByTestId('alarm-ack-comment').fill('Tool change, back in 5 min');
  await page.getByTestId('alarm-ack-confirm').click();
  await page.waitForFunction(`document.querySelector('[data-testid="alarm-row-WC20.held"]')?.getAttribute('data-state') === 'ack-active'`, undefined, { timeout: 10_000 });
  const events = (await lead.request('GET', '/events?stream=alarm:WC20.held')).body as unknown as { type: string; data: { by?: string; comment?: string } }[];
  const ack = events.find((e) => e.type === 'AlarmAcknowledged');
  assert.equal(ack?.data.by, 'lead');
  assert.equal(ack?.data.comment, 'Tool change, back in 5 min');
  await lead.request('POST', '/line/work-centers/WC20/command', { command: 'Unhold' });
  await page.close();
});

test('the trend screen charts a historized tag', { timeout: 60_000 }, async () => {
  const page = await signIn('supervisor');
  await page.getByTestId('tab-trends').click();
  await page.getByTestId('trend-add-tag').click();
  await page.getByTestId('trend-chart').locator('canvas').first().waitFor({ timeout: 20_000 });
  await page.close();
});
