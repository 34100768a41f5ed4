import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createOpcUaDriver } from '../drivers/opcua';
import { launchChromium } from '../tests/support/browser';
import { projectRoot, tempDir } from '../tests/support/station-fixtures';
import { api, withStation } from '../tests/support/station-harness';
import { latenciesOf, quantile, watchMimic, watchPlcStates } from './mimic-watch';
import { spawnLinePlc } from './line-plc';

export interface LatencyResult {
  readonly name: string;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly target: { readonly p99Ms: number };
  readonly pass: boolean;
}

/**
 * From a PLC value change to the new value on the mimic in Chromium. The PLC's own source timestamps (watched by a
 * separate OPC UA client) are matched with the moments the page's DOM showed each new state (MutationObserver);
 * both clocks are this machine's.
 */
export async function benchHmiLatency(log: (line: string) => void, seconds = 60): Promise<LatencyResult> {
  const dir = tempDir('mes-latency-');
  // The simulated PLC in its own process, as a real PLC is its own box.
  const sim = await spawnLinePlc(dir.path, { speed: 4, seed: 11 });
  const ctx = await withStation({ simulatorEndpoint: sim.endpoint, staticRoot: join(projectRoot, 'out', 'renderer') });
  const watcher = createOpcUaDriver({ endpoint: sim.endpoint, pkiFolder: join(dir.path, 'watch') });
  const browser = await launchChromium();
  try {
    const plc = await watchPlcStates(watcher);
    const plcChanges = plc.changes;
    const mimic = await watchMimic(browser, ctx.url);

    const watchFrom = Date.now();
    const c = api(ctx.url);
    await c.login('supervisor');
    await c.request('POST', '/orders', { number: 'PO-LAT', product: 'VLV-100', revision: 'B', quantity: 10_000, dueDate: '2026-12-31' });
    await c.request('POST', '/orders/PO-LAT/release', {});
    await c.request('POST', '/orders/PO-LAT/dispatch', {});
    log(`  line running at 4× speed; watching state changes for ${seconds} s…`);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    loop.disable();
    log(`  station event loop delay: p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`);
    const seen = await mimic.seen();
    await plc.dispose();

    // The station's share: PLC source time → the state change recorded (committed) in the event log.
    const events = (await c.request('GET', '/events?limit=1000&after=0')).body as unknown as { type: string; at: string; data: { workCenter: string; state: string } }[];
    const stationLatencies: number[] = [];
    for (const e of events.filter((x) => x.type === 'WorkCenterStateChanged')) {
      const t = Date.parse(e.at);
      const cause = plcChanges.filter((p) => p.wc === e.data.workCenter && p.state === e.data.state && p.t <= t).pop();
      if (cause && t - cause.t < 10_000 && cause.t > watchFrom) stationLatencies.push(t - cause.t);
    }
    log(`  station share (PLC → event recorded): p50 ${Math.round(quantile(stationLatencies, 0.5))} ms, p99 ${Math.round(quantile(stationLatencies, 0.99))} ms`);
    // Only changes the PLC made after the page was watching count.
    const latencies = latenciesOf(seen, plcChanges, seen[0]?.t ?? 0);
    const result = {
      name: 'hmi-latency',
      samples: latencies.length,
      p50Ms: Math.round(quantile(latencies, 0.5)),
      p95Ms: Math.round(quantile(latencies, 0.95)),
      p99Ms: Math.round(quantile(latencies, 0.99)),
      maxMs: Math.round(Math.max(...latencies)),
      target: { p99Ms: 250 },
      pass: false,
    };
    return { ...result, pass: result.samples >= 50 && result.p99Ms < result.target.p99Ms };
  } finally {
    await browser.close();
    await watcher.dispose();
    await ctx.dispose();
    await sim.dispose();
    dir.dispose();
  }
}
