import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { API_PREFIX, ErrorCode, can, plantContract, type PlantOperationName } from '../../core';
import { BodyRefused, bearer, bodyRule, describeIssues, httpStatusOf, matchRoute, openApiPaths, readJson, refuseUnread, routesOf, send, serveStatic } from '../api';
import { PasswordHasher } from '../station';
import { PLANT_SCHEMA_VERSION } from './migrations';
import { PlantSessions } from './plant-accounts';
import { createPlantHandlers } from './plant-handlers';
import { PlantProjector } from './plant-projector';
import { PlantReads } from './plant-reads';
import { PlantReleases } from './releases';

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

/** The plant API's OpenAPI document, from its contract. */
export function plantOpenApi(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Control-room MES plant server API', version, description: 'Every line\'s record, read-only, and what spans lines (plant-wide genealogy and recall). GET /api/v1/health needs no session.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: openApiPaths(plantContract),
  };
}

export interface PlantServerOptions {
  readonly pool: pg.Pool;
  /** Where the plant keeps its replicas of the stations (a cache of PostgreSQL). */
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** The HMI's built files, served in plant mode; none: the API alone. */
  readonly staticRoot?: string;
  readonly version?: string;
  readonly log?: (line: string) => void;
}

/**
 * The plant server: the projector building the plant's read models from the replicated log, and over HTTP its health,
 * its API (OpenAPI at /api/v1/openapi.json; a session before any body is read, the role checked for each operation)
 * and the HMI in plant mode.
 */
export async function startPlantServer(o: PlantServerOptions): Promise<{ url: string; server: Server; projector: PlantProjector; close: () => Promise<void> }> {
  const projector = new PlantProjector(o.pool, o.dataDir, o.log ? { log: o.log } : {}).start();
  // Every station's part of the log kept two months ahead (a month without its table still takes rows, unpruned).
  // One station at a time, each in its own statement: one station's trouble holds up no other's months.
  const keepAhead = () =>
    void (async () => {
      for (const { id } of (await o.pool.query<{ id: string }>('SELECT id FROM stations')).rows) {
        await o.pool.query('SELECT mes_event_partitions($1)', [id]).catch((error: Error) => o.log?.(`partitions of ${id}'s log: ${error.message}`));
      }
    })().catch((error: Error) => o.log?.(`partitions of the log: ${error.message}`));
  keepAhead();
  const ahead = setInterval(keepAhead, 6 * 3_600_000);
  const hasher = new PasswordHasher();
  const sessions = new PlantSessions(o.pool, hasher);
  // Accounts change from the command line (another process): sessions of a changed account end within seconds.
  const recheck = setInterval(() => void sessions.recheck().catch((error: Error) => o.log?.(`plant accounts: ${error.message}`)), 3_000);
  const handlers = createPlantHandlers(o.pool, new PlantReads(o.pool, projector), new PlantReleases(o.pool, projector), sessions) as unknown as Record<PlantOperationName, (i: unknown, c: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>>;
  const table = routesOf(plantContract);
  const openapi = JSON.stringify(plantOpenApi(o.version ?? '0.0.0'));

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://plant');
      if (req.method === 'GET' && url.pathname === `${API_PREFIX}/health`) {
        const h = await plantHealth(o.pool);
        return send(res, h.database === 'up' ? 200 : 503, h);
      }
      if (req.method === 'GET' && url.pathname === `${API_PREFIX}/openapi.json`) {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        return res.end(openapi);
      }
      if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
        if (o.staticRoot && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(o.staticRoot, url.pathname, res);
        return send(res, 404, { code: ErrorCode.notFound, message: `There is no ${req.method ?? 'GET'} ${url.pathname} on the plant server.` });
      }
      const found = matchRoute(table, req.method ?? 'GET', url.pathname);
      if (!found.ok) return refuseUnread(res, found.status, { code: found.code, message: found.message });
      const name = found.route.operation as PlantOperationName;
      const spec = plantContract[name];
      // Who is asking comes before what: nothing is read for a caller the operation turns away.
      const token = bearer(req);
      const user = sessions.authenticate(token);
      if (spec.permission !== null) {
        if (!user) return refuseUnread(res, 401, { code: ErrorCode.unauthenticated, message: 'Sign in to the plant server first (POST /api/v1/session).' });
        if (!can(user.role, spec.permission)) return refuseUnread(res, 403, { code: ErrorCode.forbidden, message: `The role ${user.role} may not do this (${spec.summary}).` });
      }
      let body: unknown = Object.fromEntries(url.searchParams);
      if (req.method === 'POST') {
        try {
          body = await readJson(req, bodyRule(req, spec));
        } catch (error) {
          if (!(error instanceof BodyRefused)) throw error;
          return refuseUnread(res, error.status, { code: error.code, message: error.message });
        }
      }
      const parsed = spec.input.safeParse(typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ...found.params } : body);
      if (!parsed.success) {
        const { message, fields } = describeIssues(parsed.error.issues);
        return send(res, 400, { code: ErrorCode.validation, message, details: { fields } });
      }
      const result = await handlers[name](parsed.data, { user, token });
      if (result.ok) return send(res, 200, result.value);
      return send(res, httpStatusOf(result.error!.code), result.error);
    })().catch((error: unknown) => {
      o.log?.(`plant API: ${(error as Error).message}`);
      if (!res.headersSent) send(res, 500, { code: ErrorCode.internal, message: 'The plant server failed to answer.' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${o.host}:${port}/`,
    server,
    projector,
    close: async () => {
      clearInterval(ahead);
      clearInterval(recheck);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await projector.dispose();
      await hasher.dispose();
    },
  };
}
