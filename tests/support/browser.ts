import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

let unprivileged: string | null = null;

/**
 * The browser as a plant's user runs it. Run as root (this machine's tests), Chromium raises its browser and GPU
 * processes above everything else (nice -8), which a user's browser cannot do: a station measured beside it would
 * lose the CPU to a priority no workstation gives the HMI. As root, it starts without the right to raise priorities
 * (CAP_SYS_NICE dropped with setpriv), like any user's browser.
 */
function executable(): string {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (process.getuid?.() !== 0) return chromiumPath;
  if (unprivileged === null) {
    const dir = mkdtempSync(join(tmpdir(), 'mes-chromium-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'chromium');
    writeFileSync(file, `#!/bin/sh\nexec setpriv --bounding-set=-sys_nice --inh-caps=-sys_nice -- '${chromiumPath.replace(/'/g, `'\\''`)}' "$@"\n`);
    chmodSync(file, 0o755);
    unprivileged = file;
  }
  return unprivileged;
}

/**
 * Debian's Chromium, headless, with the flags this closed network needs (no background calls home). Every page it
 * opens is watched for uncaught errors and errors logged by the HMI's code (a chart that cannot draw, a render that
 * throws): closing the browser prints them and fails the test file, so a test that passed on what it looked at still
 * fails on what broke beside it.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: executable(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const errors: string[] = [];
  const watched = new WeakSet<Page>();
  const watch = (page: Page) => {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('pageerror', (error) => {
      // Chromium's note that a resize handler did not settle in one frame is not the HMI's fault.
      if (!/ResizeObserver loop/.test(error.message)) errors.push(`${page.url()}: ${error.stack ?? error.message}`);
    });
    // What the code says is wrong (ECharts naming a chart kind it was not given, say); what the network does (a 401 on a
    // sign-in tried with a wrong password, a live channel to a station that was stopped) is the test's business.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/^(Failed to load resource|WebSocket connection to)/.test(m.text())) errors.push(`${page.url()}: console: ${m.text()}`);
    });
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    watch(page);
    return page;
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.on('page', watch);
    return context;
  };
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    await close(options);
    // Said and failed at the end of the file's run, not thrown here: the test's other clean-up (stations, PostgreSQL)
    // still runs.
    if (errors.length > 0) {
      process.stderr.write(`Uncaught errors in the HMI's pages:\n${errors.join('\n')}\n`);
      process.exitCode = 1;
    }
  };
  return browser;
}
