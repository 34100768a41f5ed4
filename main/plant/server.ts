import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { PLANT_SCHEMA_VERSION } from './migrations';

export interface PlantHealth {
  readonly status: 'ok' | 'degraded';
  readonly role: 'plant';
  readonly schema: number;
  readonly database: 'up' | 'down';
  readonly stations: readonly { readonly id: string; readonly lastSeq: number; readonly lastReceived: string | null; readonly stopped: string | null }[];
  readonly events: number;
}

/** What the plant knows of its stations, from PostgreSQL; the database down is said, not thrown. */
export async function plantHealth(pool: pg.Pool): Promise<PlantHealth> {
  try {
    const stations = await pool.query<{ id: string; last_seq: string; last_received: Date | null; stop_reason: string | null }>(
      'SELECT id, last_seq, last_received, stop_reason FROM stations ORDER BY id',
    );
    const events = stations.rows.reduce((n, s) => n + Number(s.last_seq), 0);
    return {
      status: stations.rows.some((s) => s.stop_reason) ? 'degraded' : 'ok',
      role: 'plant',
      schema: PLANT_SCHEMA_VERSION,
      database: 'up',
      stations: stations.rows.map((s) => ({ id: s.id, lastSeq: Number(s.last_seq), lastReceived: s.last_received?.toISOString() ?? null, stopped: s.stop_reason })),
      events,
    };
  } catch {
    return { status: 'degraded', role: 'plant', schema: PLANT_SCHEMA_VERSION, database: 'down', stations: [], events: 0 };
  }
}

/** The plant server's HTTP side: so far its health (the plant HMI and API come next). */
export async function startPlantServer(o: { pool: pg.Pool; host: string; port: number }): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/api/v1/health') {
      void plantHealth(o.pool).then((h) => {
        res.writeHead(h.database === 'up' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(h));
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'not_found', message: `There is no ${req.method ?? 'GET'} ${path} on the plant server.` }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://${o.host}:${port}/`, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
