import { join } from 'node:path';
import pg from 'pg';
import { openPlantDatabase } from '../main/plant';
import { startPostgres } from '../tests/support/postgres';
import { tempDir } from '../tests/support/station-fixtures';
import { api, withStation } from '../tests/support/station-harness';
import { quantile } from './quantile';
import { spawnLinePlc } from './line-plc';

export interface LagResult {
  readonly name: string;
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** The raw limit: a bare one-row INSERT's round trip to the same PostgreSQL, committed, in the same run. */
  readonly bareInsertP99Ms: number;
  readonly target: { readonly p99Ms: number };
  readonly pass: boolean;
}


/**
 * Replication lag at steady state: the simulated line at 4× speed feeding a station that ships to the plant's
 * PostgreSQL; each event's lag is from the moment the station recorded it (its time) to the moment the plant's
 * transaction holding it began (received_at), both this machine's clock. The first seconds are left out.
 */
export async function benchReplicationLag(log: (line: string) => void, seconds = 60): Promise<LagResult> {
  const dir = tempDir('mes-lag-');
  const postgres = await startPostgres();
  const plant = await openPlantDatabase(postgres.url);
  const sim = await spawnLinePlc(join(dir.path, 'plc'), { speed: 4, seed: 11 });
  const ctx = await withStation({ simulatorEndpoint: sim.endpoint, plantUrl: postgres.url });
  try {
    const c = api(ctx.url);
    await c.login('supervisor');
    await c.request('POST', '/orders', { number: 'PO-LAG', product: 'VLV-100', revision: 'B', quantity: 10_000, dueDate: '2026-12-31' });
    await c.request('POST', '/orders/PO-LAG/release', {});
    await c.request('POST', '/orders/PO-LAG/dispatch', {});
    const from = new Date(Date.now() + 5_000).toISOString();
    log(`  line running at 4× speed, its station shipping to the plant; ${seconds} s…`);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const until = new Date().toISOString();
    // Everything recorded in the window has reached the plant (live again) before it is read.
    for (let i = 0; i < 100; i++) {
      const h = (await (await fetch(`${ctx.url}/api/v1/health`)).json()) as { replication?: { left: number } };
      if (h.replication?.left === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const lags = (
      await plant.query<{ ms: number }>(
        "SELECT extract(epoch FROM received_at - at::timestamptz) * 1000 AS ms FROM events WHERE station_id = $1 AND at >= $2 AND at < $3",
        [ctx.station.stationId, from, until],
      )
    ).rows.map((r) => Number(r.ms));
    // The floor: one row inserted and committed, the round trip, to the same server.
    const client = new pg.Client(postgres.url);
    await client.connect();
    await client.query('CREATE TABLE bare_lag (at timestamptz DEFAULT now(), x text)');
    const bare: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t = process.hrtime.bigint();
      await client.query('INSERT INTO bare_lag (x) VALUES ($1)', ['x'.repeat(400)]);
      bare.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    await client.end();
    const windowSeconds = (Date.parse(until) - Date.parse(from)) / 1000;
    const p99 = Math.round(quantile(lags, 0.99));
    return {
      name: 'replication-lag',
      events: lags.length,
      eventsPerSecond: Math.round(lags.length / windowSeconds),
      p50Ms: Math.round(quantile(lags, 0.5)),
      p99Ms: p99,
      maxMs: Math.round(Math.max(...lags)),
      bareInsertP99Ms: Number(quantile(bare, 0.99).toFixed(1)),
      target: { p99Ms: 1_000 },
      pass: lags.length >= 100 && p99 < 1_000,
    };
  } finally {
    await ctx.dispose();
    await sim.dispose();
    await plant.end();
    await postgres.dispose();
    dir.dispose();
  }
}
