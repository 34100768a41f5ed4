import { mkdirSync } from 'node:fs';
import type pg from 'pg';
import { inTransaction, Pause } from '../replication';
import { StationReplica, type PlantEventRow } from './station-replica';

export interface ProjectionStatus {
  readonly stationId: string;
  /** The last event the station shipped to the plant. */
  readonly received: number;
  /** The last event in the plant's replica of the station, projected by the station's own projectors. */
  readonly projected: number;
  /** The last event whose units and genealogy are in the plant-wide tables. */
  readonly published: number;
  /** When the station last shipped. */
  readonly lastReceived: string | null;
  /** Why the plant stopped the station's log (a refused batch), until an engineer decides. */
  readonly stopped: string | null;
}

const EVENT_COLUMNS = 'seq, station_id, stream, stream_version, at, actor, type, data, correlation_id, signatures, previous_hash, hash';

/**
 * Builds the plant's read models from the replicated log: each station's events, in order, into the plant's replica
 * of that station (the station's own projectors), then the units and genealogy they touched into the plant-wide
 * tables, in one PostgreSQL transaction with how far that got (so a crash between the two redoes the second, the
 * same rows again: replaced, not doubled).
 */
export class PlantProjector {
  private readonly replicas = new Map<string, StationReplica>();
  /** Why a station's projection fails, while it does. */
  private readonly failures = new Map<string, string>();
  /** How far each station's units and genealogy are published, as this server last saw it (none: not yet asked). */
  private readonly published = new Map<string, number>();
  private stopped = false;
  private readonly pause = new Pause();
  private loop: Promise<void> | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly dir: string,
    private readonly o: { readonly batch?: number; readonly intervalMs?: number; readonly log?: (line: string) => void } = {},
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Keeps projecting until disposed: a pass over every station, then a pause unless there was more to do. */
  start(): this {
    this.loop ??= (async () => {
      while (!this.stopped) {
        let more = false;
        try {
          more = await this.step();
          this.lastError = null;
        } catch (error) {
          const message = (error as Error).message;
          if (message !== this.lastError) this.o.log?.(`plant projection: ${message}; trying again`);
          this.lastError = message;
        }
        if (!more) await this.pause.for(this.o.intervalMs ?? 500);
      }
    })();
    return this;
  }

  /** Projects the next batch of every station; true if any station has more waiting. */
  async step(): Promise<boolean> {
    const batch = this.o.batch ?? 5_000;
    const stations = await this.pool.query<{ id: string; last_seq: string }>('SELECT id, last_seq FROM stations ORDER BY id');
    let more = false;
    for (const s of stations.rows) {
      if (this.stopped) break;
      // One station's trouble (an event this plant server cannot project, say) stops that station only.
      try {
        const replica = this.replica(s.id);
        const before = replica.head();
        if (before < Number(s.last_seq)) {
          const rows = await this.pool.query<PlantEventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE station_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [s.id, before, batch]);
          replica.apply(rows.rows);
          if (replica.head() < Number(s.last_seq)) more = true;
        }
        await this.publish(replica, before);
        this.failures.delete(s.id);
      } catch (error) {
        const message = (error as Error).message;
        if (this.failures.get(s.id) !== message) this.o.log?.(`plant projection of ${s.id}: ${message}; trying again`);
        this.failures.set(s.id, message);
      }
    }
    return more;
  }

  /** Every station's projection, as of now. */
  async status(): Promise<ProjectionStatus[]> {
    const rows = await this.pool.query<{ id: string; last_seq: string; published: string | null; last_received: Date | null; stop_reason: string | null }>(
      'SELECT s.id, s.last_seq, p.seq AS published, s.last_received, s.stop_reason FROM stations s LEFT JOIN plant_projection p ON p.station_id = s.id ORDER BY s.id',
    );
    return rows.rows.map((r) => ({
      stationId: r.id, received: Number(r.last_seq), projected: this.replica(r.id).head(), published: Number(r.published ?? 0),
      lastReceived: r.last_received?.toISOString() ?? null, stopped: r.stop_reason,
    }));
  }

  /** The plant's replica of a station (its read models, for the station's own queries). */
  replica(stationId: string): StationReplica {
    let r = this.replicas.get(stationId);
    if (!r) {
      r = new StationReplica(this.dir, stationId);
      this.replicas.set(stationId, r);
    }
    return r;
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    this.pause.stop();
    await this.loop;
    for (const r of this.replicas.values()) r.close();
    this.replicas.clear();
  }

  /** The units and genealogy of what the replica projected since the plant-wide tables last had it, replaced there. */
  private async publish(replica: StationReplica, before: number): Promise<void> {
    const id = replica.stationId;
    const head = replica.head();
    // Nothing projected since this server published: no transaction (an idle plant asks nothing of its database).
    if (head <= (this.published.get(id) ?? -1)) return;
    // The station's partitions of the plant-wide tables, made before its first rows go in.
    if (!this.published.has(id)) await this.pool.query('SELECT mes_station_partitions($1)', [id]);
    const done = await inTransaction(this.pool, async (c) => {
      await c.query('INSERT INTO plant_projection (station_id) VALUES ($1) ON CONFLICT (station_id) DO NOTHING', [id]);
      const published = Number((await c.query<{ seq: string }>('SELECT seq FROM plant_projection WHERE station_id = $1 FOR UPDATE', [id])).rows[0]?.seq ?? 0);
      // A crash after the replica's commit redoes the rest; a replica made again from nothing publishes nothing until
      // it is past what was published (earlier states of units would replace later ones).
      if (head <= published) return published;
      const from = Math.min(published, before);
      const serials = replica.touchedUnits(from, head);
      const units = serials.length === 0 ? [] : (replica.db
        .prepare(`SELECT serial, order_number, product, revision, status, work_center, started_at, ended_at FROM units WHERE serial IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(serials)) as { serial: string; order_number: string; product: string; revision: string; status: string; work_center: string; started_at: string; ended_at: string | null }[]);
      const lots = serials.length === 0 ? [] : (replica.db
        .prepare('SELECT lot, material, revision, serial, order_number, operation, work_center, quantity, at, by FROM genealogy WHERE serial IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(serials)) as { lot: string; material: string; revision: string; serial: string; order_number: string; operation: number; work_center: string; quantity: number; at: string; by: string }[]);
      const col = <T, K extends keyof T>(rows: readonly T[], k: K) => rows.map((r) => r[k]);
      if (units.length > 0) {
        await c.query(
          `INSERT INTO plant_units (station_id, serial, order_number, product, revision, status, work_center, started_at, ended_at)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           ON CONFLICT (station_id, serial) DO UPDATE SET order_number = excluded.order_number, product = excluded.product, revision = excluded.revision,
             status = excluded.status, work_center = excluded.work_center, started_at = excluded.started_at, ended_at = excluded.ended_at`,
          [id, col(units, 'serial'), col(units, 'order_number'), col(units, 'product'), col(units, 'revision'), col(units, 'status'), col(units, 'work_center'), col(units, 'started_at'), col(units, 'ended_at')],
        );
      }
      await c.query('DELETE FROM plant_genealogy WHERE station_id = $1 AND serial = ANY ($2::text[])', [id, serials]);
      if (lots.length > 0) {
        await c.query(
          `INSERT INTO plant_genealogy (station_id, lot, material, revision, serial, order_number, operation, work_center, quantity, at, by)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::float8[], $10::text[], $11::text[])`,
          [id, col(lots, 'lot'), col(lots, 'material'), col(lots, 'revision'), col(lots, 'serial'), col(lots, 'order_number'), col(lots, 'operation'), col(lots, 'work_center'), col(lots, 'quantity'), col(lots, 'at'), col(lots, 'by')],
        );
      }
      await c.query('UPDATE plant_projection SET seq = $2, projected_at = now() WHERE station_id = $1', [id, head]);
      return head;
    });
    this.published.set(id, done);
  }
}
