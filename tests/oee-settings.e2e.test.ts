import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { api, withStation } from './support/station-harness';
import { demoLineWithHandBench } from './support/demo-orders';

// An engineer sets the line's calendar and reasons on the OEE screen; a shift lead reports the hand bench's shift,
// is told why an impossible report is refused, and finds the report in OEE.
let ctx: Awaited<ReturnType<typeof withStation>>;
let browser: Browser;

before(async () => {
  ctx = await withStation();
  const line = demoLineWithHandBench();
  const eng = api(ctx.url);
  await eng.login('engineer');
  assert.equal((await eng.request('POST', '/line/setup', line)).status, 200);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await ctx?.dispose();
});

async function signIn(user: string, hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${ctx.url}/#${hash}`);
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(user);
  await page.getByTestId('login-submit').click();
  return page;
}

test('calendar and reasons by an engineer, a shift reported by hand by a shift lead', { timeout: 90_000 }, async () => {
  const eng = await signIn('engineer', 'oee');
  await eng.getByTestId('tab-oee-calendar').click();
  await eng.getByTestId('calendar-tz').fill('UTC');
  const shift = eng.getByTestId('calendar-shift').first();
  await shift.getByTestId('shift-name').fill('D');
  await shift.getByTestId('shift-start').fill('00:00');
  await shift.getByTestId('shift-end').fill('00:00');
  for (const day of ['Sat', 'Sun']) await shift.getByLabel(day).check();
  await shift.getByTestId('shift-breaks').fill('12:00-12:30 Meal');
  await eng.getByTestId('calendar-save').click();
  await eng.getByTestId('calendar-message').and(eng.locator('[data-kind=info]')).waitFor();
  // A break outside its shift: the station's reason is shown as it says it.
  await shift.getByTestId('shift-breaks').fill('12:00-12:30 Meal; 23:50-00:10 Late');
  await eng.getByTestId('calendar-save').click();
  await eng.getByTestId('calendar-message').filter({ hasText: /break 23:50–00:10 is not within shift D/ }).waitFor();

  await eng.getByTestId('tab-oee-reasons').click();
  const text = eng.getByTestId('reason-tree-text');
  await text.fill(`${await text.inputValue()}GLUE Glue dried [setup]\n`);
  await eng.getByTestId('reason-tree-save').click();
  await eng.getByTestId('reason-tree-message').and(eng.locator('[data-kind=info]')).waitFor();
  await eng.close();

  const lead = await signIn('lead', 'oee');
  await lead.getByTestId('tab-oee-report').click();
  await lead.getByTestId('report-wc').selectOption('WC90');
  const today = new Date().toISOString().slice(0, 10);
  await lead.getByTestId('report-shift').selectOption(`${today}/D`);
  await lead.getByTestId('report-produced').fill('10');
  await lead.getByTestId('report-scrap').fill('11');
  await lead.getByTestId('report-submit').click();
  await lead.getByTestId('report-message').filter({ hasText: /11 scrapped and 0 reworked is more than the 10 pieces produced/ }).waitFor();
  await lead.getByTestId('report-produced').fill('240');
  await lead.getByTestId('report-scrap').fill('4');
  await lead.getByTestId('report-downtime').fill('35');
  await lead.getByTestId('report-stops').fill('2');
  await lead.getByTestId('report-submit').click();
  await lead.getByTestId('report-message').filter({ hasText: `Shift ${today}/D at WC90 reported: 240 made, 236 good, 35 min down.` }).waitFor();
  await lead.getByTestId('report-row').filter({ hasText: 'WC90' }).waitFor();

  await lead.getByTestId('tab-oee-now').click();
  const row = lead.getByTestId('oee-current').getByTestId('oee-row').and(lead.locator('[data-wc=WC90]'));
  await row.and(lead.locator('[data-source=report]')).waitFor({ timeout: 10_000 });
  assert.ok(Number(await row.getAttribute('data-oee')) >= 0);
  assert.match((await row.textContent()) ?? '', /Reported/);
  await lead.close();
});
