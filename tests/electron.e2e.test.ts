import { test } from 'node:test';
import assert from 'node:assert/strict';
import { _electron as electron } from 'playwright-core';
import { electronBinary } from '../scripts/electron-binary.mjs';
import type { ClientMessage, MesBridge } from '../core';
import { projectRoot, tempDir } from './support/station-fixtures';

// The desktop shell, driven by Playwright's Electron support. Where the Electron binary cannot be had (it is
// downloaded from a host this machine cannot reach), the test reports itself skipped and says why.
test('desktop app: hardened window, station in a utility process, HMI over IPC', { timeout: 120_000 }, async (t) => {
  const binary = electronBinary();
  if (binary.path === null) {
    const reason = `Electron binary not available: ${binary.reason}`;
    console.log(`# SKIP electron: ${reason}`);
    t.skip(reason);
    return;
  }
  const data = tempDir('mes-electron-');
  const app = await electron.launch({
    executablePath: binary.path,
    args: [projectRoot, '--simulate', '--no-sandbox'],
    env: { ...process.env, MES_DATA_DIR: data.path, MES_PORT: '0' },
  });
  try {
    const page = await app.firstWindow();
    // Sandboxed and isolated: the page sees neither Node nor Electron, only the bridge's three functions.
    assert.equal(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process), 'undefined');
    assert.equal(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require), 'undefined');
    assert.deepEqual(await page.evaluate(() => Object.keys((globalThis as unknown as { mes: object }).mes).sort()), ['call', 'send', 'subscribe']);
    // The live channel over IPC refuses a malformed message (the main process) and a watch without a session (the station).
    const refusals = await page.evaluate(async () => {
      const mes = (globalThis as unknown as { mes: MesBridge }).mes;
      const heard: string[] = [];
      const off = mes.subscribe((m) => {
        if (m.kind === 'refused') heard.push(m.error.code);
      });
      mes.send({ kind: 'watch', tags: 'WC10' } as unknown as ClientMessage, null);
      mes.send({ kind: 'watch', tags: [{ connection: 'line-plc', address: 'x' }] }, null);
      for (let i = 0; i < 50 && heard.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      off();
      return heard.sort();
    });
    assert.deepEqual(refusals, ['unauthenticated', 'validation_failed']);
    await page.getByTestId('login-user').fill('supervisor');
    await page.getByTestId('login-password').fill('supervisor');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    await page.getByTestId('mimic').waitFor();
    assert.match((await page.getByTestId('wc-WC10-state').textContent()) ?? '', /Idle|Execute|Suspended|Held/);
    // Navigation away from the HMI is refused.
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.match(page.url(), /^app:\/\/mes\/index\.html(#.*)?$/);
    // Served as app://, not file://; its CSP lets it connect nowhere (it talks IPC) and no window opens.
    const violated = await page.evaluate(async () => {
      type Violation = { effectiveDirective: string };
      const doc = (globalThis as unknown as { document: { addEventListener(type: string, l: (e: Violation) => void): void } }).document;
      const seen: string[] = [];
      doc.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
      await fetch('http://127.0.0.1:9/').catch(() => undefined);
      for (let i = 0; i < 20 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      return seen;
    });
    assert.deepEqual(violated, ['connect-src']);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/') === null), true);
  } finally {
    await app.close();
    data.dispose();
  }
});
