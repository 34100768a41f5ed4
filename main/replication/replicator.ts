import pg from 'pg';
import type { Db } from '../store';
import { Pause } from './pause';
import { contentRefusalInSlices, shipBatch, type ShippedRow } from './plant-log';
import { nextTurn } from '../process';

export interface ReplicationStatus {
  /** live: caught up; catching-up: a backlog being shipped; offline: the plant's PostgreSQL cannot be reached; stopped: the plant refused a batch. */
  readonly state: 'live' | 'catching-up' | 'offline' | 'stopped';
  readonly shipped: number;
  readonly head: number;
  readonly left: number;
  readonly ratePerSecond: number;
  readonly etaSeconds: number | null;
  readonly message: string;
  /** Since when the oldest event not shipped waits (null: none waits). */
  readonly backlogSince: string | null;
}

const TARGET = 'plant';

/**
 * Ships the station's whole event log, in order, to the plant's PostgreSQL (store and forward): a durable cursor
 * here, batches in one transaction each there, exactly once by (station, sequence). Down for hours, it keeps trying
 * (backing off to 30 s) and then catches up; a batch the plant refuses stops it, saying why, until an engineer
 * decides. Never deletes anything.
 */
export class Replicator {
  private readonly pool: pg.Pool;
  private readonly read;
  private readonly saveCursor;
  private readonly recordedAt;
  private shipped: number;
  private status_: ReplicationStatus;
  private stopped = false;
  /** Cut short by new events while waiting for them, not while backing off (a busy line would hammer a plant that is down). */
  private readonly pause = new Pause();
  private readonly loop: Promise<void>;
  private rate = 0;

  constructor(
    private readonly db: Db,
    private readonly stationId: string,
    url: string,
    private readonly head: () => number,
    private readonly o: {
      readonly batch?: number;
      readonly maxBackoffMs?: number;
      /** How long a batch may take before the link is taken for cut (default 60 s); the plant's side ends by it too. */
      readonly timeoutMs?: number;
      readonly onStatus?: (s: ReplicationStatus) => void;
      readonly log?: (line: string) => void;
    } = {},
  ) {
    const timeout = o.timeoutMs ?? 60_000;
    const application = `mes station ${stationId}`;
    // A link cut without a word (a cable pulled) leaves the plant's end of the session holding the station's row: the
    // server's keepalives find it dead in time, its limits end a session gone idle in a transaction, and a new session
    // of this station's ends any older one of its own at once (one shipper per station: an older one is a remnant).
    this.pool = new pg.Pool({
      connectionString: url, max: 1, application_name: application, connectionTimeoutMillis: Math.min(timeout, 5_000), keepAlive: true,
      lock_timeout: timeout, idle_in_transaction_session_timeout: timeout,
      options: '-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3',
    });
    this.pool.on('connect', (client) => {
      client
        .query('SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = $1 AND usename = current_user AND pid <> pg_backend_pid()', [application])
        .catch(() => undefined);
    });
    this.pool.on('error', () => undefined);
    // Rows as they travel: the hashes made hex by SQLite.
    this.read = db.prepare(
      `SELECT seq, station_id AS stationId, stream, stream_version AS streamVersion, at, actor, type, data, correlation_id AS correlationId, signatures,
         CASE WHEN previous_hash IS NULL THEN NULL ELSE lower(hex(previous_hash)) END AS previousHash, CASE WHEN hash IS NULL THEN NULL ELSE lower(hex(hash)) END AS hash
       FROM events WHERE seq > ? ORDER BY seq LIMIT ?`,
    );
    this.saveCursor = db.prepare('INSERT INTO replication_cursor (target, shipped, updated_at) VALUES (?, ?, ?) ON CONFLICT (target) DO UPDATE SET shipped = excluded.shipped, updated_at = excluded.updated_at');
    this.recordedAt = db.prepare('SELECT at FROM events WHERE seq = ?').pluck();
    this.shipped = (db.prepare('SELECT shipped FROM replication_cursor WHERE target = ?').pluck().get(TARGET) as number | undefined) ?? 0;
    this.status_ = this.make('catching-up', '');
    this.loop = this.run();
  }

  /** New events were committed: ship them now rather than at the next look. */
  nudge(): void {
    this.pause.nudge();
  }

  /** As of now: the head and what is left counted again (commits since the last batch are waiting). */
  status(): ReplicationStatus {
    return this.make(this.status_.state, this.status_.message);
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    this.pause.stop();
    await this.loop;
    await this.pool.end().catch(() => undefined);
  }

  private make(given: ReplicationStatus['state'], message: string): ReplicationStatus {
    const head = this.head();
    const left = Math.max(0, head - this.shipped);
    const state = given === 'live' && left > 0 ? 'catching-up' : given;
    const oldest = left > 0 ? (this.recordedAt.get(this.shipped + 1) as string | undefined) : undefined;
    return {
      state, shipped: this.shipped, head, left, ratePerSecond: Math.round(this.rate), etaSeconds: left > 0 && this.rate > 0 ? Math.ceil(left / this.rate) : left > 0 ? null : 0,
      message, backlogSince: oldest ?? null,
    };
  }

  private set(state: ReplicationStatus['state'], message: string): void {
    this.status_ = this.make(state, message);
    this.o.onStatus?.(this.status_);
  }

  /** The batch after `after`, read and its content checked (needs no plant), in slices of the loop. */
  private async prepare(after: number, batch: number): Promise<Prepared> {
    // Read after a turn of the loop: the batch before has its statements sent first.
    await nextTurn();
    const rows = this.read.all(after, batch) as ShippedRow[];
    return { rows, content: await contentRefusalInSlices(rows) };
  }

  private async run(): Promise<void> {
    let backoff = 1_000;
    const batch = this.o.batch ?? 5_000;
    // The next batch, read and checked while PostgreSQL stores this one.
    let next: Promise<Prepared> | null = null;
    while (!this.stopped) {
      if (this.shipped >= this.head()) {
        next = null;
        if (this.status_.state !== 'live') this.set('live', '');
        await this.pause.for(1_000, true);
        continue;
      }
      const prepared = next ? await next : await this.prepare(this.shipped, batch);
      next = null;
      const { rows, content } = prepared;
      if (rows.length === 0) {
        await this.pause.for(1_000, true);
        continue;
      }
      const end = rows.at(-1)!.seq;
      const started = performance.now();
      const shipping = shipBatch(this.pool, this.stationId, rows, { timeoutMs: this.o.timeoutMs ?? 60_000, content });
      if (end < this.head()) next = this.prepare(end, batch);
      try {
        const result = await shipping;
        if (result.kind !== 'applied') {
          next = null;
          const message = `The plant refused events ${rows[0]?.seq ?? ''}…${end}: ${result.reason}. Nothing more is shipped until an engineer decides at the plant.`;
          // Said once, not at every ask.
          if (this.status_.state !== 'stopped' || this.status_.message !== message) this.o.log?.(message);
          this.set('stopped', message);
          // Asked again every few seconds (a stopped log is answered at once, nothing stored): ships as soon as an engineer decides.
          await this.pause.for(5_000, false);
          continue;
        }
        // Every row of the batch is at the plant now (applied, or found there the same).
        this.shipped = end;
        this.saveCursor.run(TARGET, this.shipped, new Date().toISOString());
        const seconds = Math.max(0.001, (performance.now() - started) / 1000);
        this.rate = this.rate === 0 ? rows.length / seconds : 0.7 * this.rate + 0.3 * (rows.length / seconds);
        backoff = 1_000;
        this.set(this.shipped >= this.head() ? 'live' : 'catching-up', '');
      } catch (error) {
        next = null;
        this.set('offline', `The plant's PostgreSQL cannot be reached (${(error as Error).message}); trying again in ${Math.round(backoff / 1000)} s. Nothing is lost: the station keeps its log.`);
        await this.pause.for(backoff, false);
        backoff = Math.min(this.o.maxBackoffMs ?? 30_000, backoff * 2);
      }
    }
  }
}

interface Prepared {
  readonly rows: readonly ShippedRow[];
  readonly content: string | null;
}
