import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { tempDir } from './support/station-fixtures';
import { startStationProcess } from './support/station-process';
import { signInDialog } from './support/signing';

// End to end as an administrator and a new user see it: the built station, the HMI in Chromium.
const data = tempDir('mes-e2e-users-');
let station: Awaited<ReturnType<typeof startStationProcess>>;
let browser: Browser;
let page: Page;

before(async () => {
  station = await startStationProcess(data.path);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});
after(async () => {
  await browser?.close();
  await station?.stop();
  data.dispose();
});

const signIn = async (username: string, password: string) => {
  await page.getByTestId('login-user').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
};

test('an administrator creates a user with a temporary password; the user signs in, must choose their own, then works', { timeout: 120_000 }, async () => {
  await page.goto(`${station.url}/`);
  await signIn('admin', 'admin');
  await page.getByTestId('current-user').filter({ hasText: /Administrator/ }).waitFor();

  // Users screen (Alt+8): a new supervisor with a temporary password.
  await page.keyboard.press('Alt+8');
  await page.getByTestId('users-screen').waitFor();
  await page.getByTestId('user-row-admin').waitFor();
  await page.getByTestId('user-new').click();
  await page.getByTestId('new-user-name').fill('sam');
  await page.getByTestId('new-user-display').fill('Sam Supervisor');
  await page.getByTestId('new-user-role').selectOption('supervisor');
  await page.getByTestId('new-user-password').fill('short');
  await page.getByTestId('new-user-submit').click();
  // User administration is signed (the first signing in the session: user name and password); the station then judges it.
  await signInDialog(page, { username: 'admin' });
  await page.getByTestId('new-user-error').filter({ hasText: /too short: at least 12 characters/ }).waitFor();
  await page.getByTestId('new-user-password').fill('sam-temporary-1');
  await page.getByTestId('new-user-submit').click();
  await signInDialog(page, { username: 'admin' });
  await page.getByTestId('users-message').filter({ hasText: /Sam Supervisor \(sam\) created/ }).waitFor();
  assert.match((await page.getByTestId('user-state-sam').textContent()) ?? '', /temporary password/);
  await page.getByTestId('sign-out').click();

  // The user signs in with it, and must choose their own before anything else.
  await signIn('sam', 'sam-temporary-1');
  await page.getByTestId('choose-password').waitFor();
  await page.getByTestId('password-new').fill('sam-temporary-1');
  await page.getByTestId('password-repeat').fill('sam-temporary-1');
  await page.getByTestId('password-submit').click();
  await page.getByTestId('password-error').filter({ hasText: /current one/ }).waitFor();
  await page.getByTestId('password-new').fill('sam keeps the line running');
  await page.getByTestId('password-repeat').fill('sam keeps the line running');
  await page.getByTestId('password-submit').click();

  // Then works: the shell opens as Sam, and the order board answers.
  await page.getByTestId('current-user').filter({ hasText: /Sam Supervisor/ }).waitFor();
  await page.getByTestId('tab-orders').click();
  await page.getByTestId('order-board').waitFor();

  // Signing in again needs no change; the temporary password is gone.
  await page.getByTestId('sign-out').click();
  await signIn('sam', 'sam-temporary-1');
  await page.getByTestId('login-error').filter({ hasText: /password is wrong/ }).waitFor();
  await signIn('sam', 'sam keeps the line running');
  await page.getByTestId('current-user').filter({ hasText: /Sam Supervisor/ }).waitFor();
});
