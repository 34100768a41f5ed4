import { plcNodeId } from '../core';
import { tempDir } from '../tests/support/station-fixtures';
import { api, withStation } from '../tests/support/station-harness';
import { spawnLinePlc } from './line-plc';

export interface SoakResult {
  readonly name: string;
  readonly seconds: number;
  readonly tags: number;
  readonly updatesPerSecond: number;
  readonly heapStartMiB: number;
  readonly heapEndMiB: number;
  readonly heapSlopeMiBPerMinute: number;
  readonly rssStartMiB: number;
  readonly rssEndMiB: number;
  readonly samples: readonly { readonly t: number; readonly heapMiB: number; readonly rssMiB: number }[];
  readonly target: { readonly heapSlopeMiBPerMinute: number };
  readonly pass: boolean;
}

const MiB = 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc;

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/**
 * The station at full rate for a long while: 10,000 PLC tags changing every 100 ms (the simulator in its own
 * process), all subscribed through the station's connection manager into the live model and the historian
 * (with a deadband, as a plant would set it), the line running an order. Memory must stay flat.
 */
export async function benchSoak(log: (line: string) => void, seconds = 600, tags = 10_000): Promise<SoakResult> {
  const dir = tempDir('mes-soak-');
  const sim = await spawnLinePlc(dir.path, { tags, speed: 2, seed: 5 });
  const ctx = await withStation({ simulatorEndpoint: sim.endpoint });
  try {
    const eng = api(ctx.url);
    await eng.login('engineer');
    const historian = {
      tags: Array.from({ length: tags }, (_, i) => ({ connection: 'line-plc', address: plcNodeId('L1', 'Plant', `T${String(i).padStart(5, '0')}`), deadband: 2 })),
      retentionDays: 1,
    };
    const saved = await eng.request('POST', '/config/historian', historian);
    if (saved.status !== 200) throw new Error(`historian config refused: ${JSON.stringify(saved.body)}`);
    const sup = api(ctx.url);
    await sup.login('supervisor');
    await sup.request('POST', '/orders', { number: 'PO-SOAK', product: 'VLV-100', revision: 'B', quantity: 100_000, dueDate: '2026-12-31' });
    await sup.request('POST', '/orders/PO-SOAK/release', {});
    await sup.request('POST', '/orders/PO-SOAK/dispatch', {});

    log(`  warming up for 30 s, then sampling memory every 10 s for ${seconds} s…`);
    await new Promise((r) => setTimeout(r, 30_000));
    const startUpdates = ctx.station.tags.updates;
    const started = Date.now();
    const samples: { t: number; heapMiB: number; rssMiB: number }[] = [];
    while (Date.now() - started < seconds * 1000) {
      gc?.();
      const m = process.memoryUsage();
      samples.push({ t: Math.round((Date.now() - started) / 1000), heapMiB: Number((m.heapUsed / MiB).toFixed(1)), rssMiB: Number((m.rss / MiB).toFixed(1)) });
      const last = samples[samples.length - 1];
      if (samples.length % 6 === 1 && last) log(`    ${last.t} s: heap ${last.heapMiB} MiB, rss ${last.rssMiB} MiB`);
      await new Promise((r) => setTimeout(r, 10_000));
    }
    const elapsed = (Date.now() - started) / 1000;
    const updatesPerSecond = Math.round((ctx.station.tags.updates - startUpdates) / elapsed);
    const first = samples[0];
    const last = samples[samples.length - 1];
    const heapSlope = slope(samples.map((s) => ({ x: s.t / 60, y: s.heapMiB })));
    const target = { heapSlopeMiBPerMinute: 1 };
    return {
      name: 'soak',
      seconds: Math.round(elapsed),
      tags,
      updatesPerSecond,
      heapStartMiB: first?.heapMiB ?? 0,
      heapEndMiB: last?.heapMiB ?? 0,
      heapSlopeMiBPerMinute: Number(heapSlope.toFixed(3)),
      rssStartMiB: first?.rssMiB ?? 0,
      rssEndMiB: last?.rssMiB ?? 0,
      samples,
      target,
      pass: heapSlope < target.heapSlopeMiBPerMinute && updatesPerSecond > 0,
    };
  } finally {
    await ctx.dispose();
    await sim.dispose();
    dir.dispose();
  }
}
