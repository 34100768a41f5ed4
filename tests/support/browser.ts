import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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

/** Debian's Chromium, headless, with the flags this closed network needs (no background calls home). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}
