// What the HMI latency benchmarks share: the PLC's state changes as a separate OPC UA client sees them (with the PLC's
// source timestamps), the moments the mimic in Chromium showed each state, and matching the two.
import type { Browser } from 'playwright-core';
import { WORK_CENTER_TAGS, plcNodeId } from '../core';
import type { createOpcUaDriver } from '../drivers/opcua';

export const WORK_CENTERS = ['WC10', 'WC20', 'WC30', 'WC40'] as const;

export interface StateChange {
  readonly wc: string;
  readonly state: string;
  /** Epoch ms (this machine's clock). */
  readonly t: number;
}

export const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

/** The PLC's work-center states, with the PLC's own source times, as they change. */
export async function watchPlcStates(watcher: ReturnType<typeof createOpcUaDriver>): Promise<{ changes: StateChange[]; dispose: () => Promise<void> }> {
  const changes: StateChange[] = [];
  await watcher.connect();
  const sub = await watcher.subscribe(
    WORK_CENTERS.map((wc) => plcNodeId('L1', wc, WORK_CENTER_TAGS.state)),
    (tag, v) => {
      const wc = WORK_CENTERS.find((w) => tag.includes(`.${w}.`));
      if (wc && v.quality === 'good' && v.sourceTime) changes.push({ wc, state: String(v.value), t: Date.parse(v.sourceTime) });
    },
    { samplingIntervalMs: 0, publishingIntervalMs: 20 },
  );
  return { changes, dispose: () => sub.dispose() };
}

/** Signs in on the HMI and watches the mimic: every text change of a work center's state, with the page's time of it. */
export async function watchMimic(browser: Browser, url: string): Promise<{ seen: () => Promise<StateChange[]> }> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${url}/`);
  await page.getByTestId('login-user').fill('supervisor');
  await page.getByTestId('login-password').fill('supervisor');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('mimic').waitFor();
  // A string, not a function: the page must not depend on helpers a TypeScript loader adds to functions.
  await page.evaluate(`(() => {
    const ids = ${JSON.stringify(WORK_CENTERS)};
    const seen = [];
    window.__seen = seen;
    const last = new Map();
    const check = () => {
      for (const wc of ids) {
        const text = document.querySelector('[data-testid="wc-' + wc + '-state"]')?.textContent ?? '';
        if (last.get(wc) !== text) {
          last.set(wc, text);
          seen.push({ wc, state: text, t: performance.timeOrigin + performance.now() });
        }
      }
    };
    new MutationObserver(check).observe(document.querySelector('[data-testid="mimic"]'), { subtree: true, childList: true, characterData: true });
    check();
  })()`);
  return { seen: async () => (await page.evaluate('window.__seen')) as StateChange[] };
}

/**
 * For each change the mimic showed: the time since the PLC made it (the PLC's last change of that work center to that
 * state before the mimic showed it). Only changes the PLC made within [from, to) count.
 */
export function latenciesOf(seen: readonly StateChange[], plc: readonly StateChange[], from: number, to = Number.POSITIVE_INFINITY): number[] {
  const latencies: number[] = [];
  for (const s of seen) {
    const cause = plc.filter((p) => p.wc === s.wc && p.state === s.state && p.t <= s.t).pop();
    if (cause && s.t - cause.t < 10_000 && cause.t > from && cause.t < to) latencies.push(s.t - cause.t);
  }
  return latencies;
}
