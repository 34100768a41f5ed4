import { parseB2mml } from '../core';
import { scheduleOf } from '../tests/support/b2mml-schedule';
import { api, withStation } from '../tests/support/station-harness';

export { scheduleOf };

export interface ImportResult {
  readonly name: string;
  readonly orders: number;
  readonly bytes: number;
  readonly parseMs: number;
  readonly importMs: number;
  readonly ordersPerSecond: number;
  readonly pass: boolean;
}

/** B2MML import of 10,000 orders through the station's API: read on its reader thread, decided whole, written durably in parts. */
export async function benchB2mmlImport(log: (line: string) => void, n = 10_000): Promise<ImportResult> {
  const xml = scheduleOf(n);
  const t0 = process.hrtime.bigint();
  const parsed = parseB2mml(xml);
  const parseMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!parsed.ok) throw new Error(parsed.error.message);
  const ctx = await withStation();
  try {
    const c = api(ctx.url);
    await c.login('supervisor');
    const t1 = process.hrtime.bigint();
    const res = await fetch(`${ctx.url}/api/v1/b2mml`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${c.token}` }, body: xml });
    const body = (await res.json()) as { received?: string[]; message?: string };
    const importMs = Number(process.hrtime.bigint() - t1) / 1e6;
    if (res.status !== 200 || body.received?.length !== n) throw new Error(`import failed: ${res.status} ${body.message ?? ''}`);
    log(`  ${n.toLocaleString('en')} orders, ${(xml.length / 2 ** 20).toFixed(1)} MiB: parsed alone in ${parseMs.toFixed(0)} ms; over the API (read on the reader thread, decided whole, written durably in parts) ${importMs.toFixed(0)} ms`);
    return { name: 'b2mml-import', orders: n, bytes: xml.length, parseMs: Math.round(parseMs), importMs: Math.round(importMs), ordersPerSecond: Math.round(n / (importMs / 1000)), pass: true };
  } finally {
    await ctx.dispose();
  }
}
