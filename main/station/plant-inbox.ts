import pg from 'pg';
import type { Result } from '../../core';
import { Pause } from '../replication';
import type { Db } from '../store';

/** One release from the plant, as the station takes it. */
export interface PlantRelease {
  readonly seq: number;
  readonly kind: 'material' | 'product' | 'change';
  readonly subject: string;
  readonly body: unknown;
  readonly releasedBy: string;
}

/** The correlation id a release's events carry: how the station knows it took it already (after a crash, say). */
export const releaseCorrelation = (seq: number) => `plant-release:${seq}`;

/**
 * Master data and engineering changes released at the plant, taken by this station in order, each once: applied
 * through the station's own commands (a change is proposed here, and this line's engineer and supervisor decide on
 * it with its impact on this line's work), its events carrying the release's correlation id; the plant told of each
 * (applied, or refused and why). While the plant cannot be reached the releases wait there.
 */
export class PlantInbox {
  private readonly pool: pg.Pool;
  private readonly taken;
  private stopped = false;
  private readonly pause = new Pause();
  private readonly loop: Promise<void>;

  constructor(
    url: string,
    private readonly stationId: string,
    db: Db,
    private readonly apply: (release: PlantRelease) => Promise<Result<unknown>>,
    private readonly o: { readonly intervalMs?: number; readonly log?: (line: string) => void } = {},
  ) {
    // A silent link gives up within a minute (the query's own timeout), so a stop never waits on it.
    this.pool = new pg.Pool({ connectionString: url, max: 1, application_name: `mes station ${stationId} releases`, connectionTimeoutMillis: 5_000, keepAlive: true, query_timeout: 60_000 });
    this.pool.on('error', () => undefined);
    this.taken = db.prepare('SELECT 1 FROM events WHERE correlation_id = ? LIMIT 1').pluck();
    this.loop = this.run();
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    this.pause.stop();
    await this.loop;
    await this.pool.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let failing: string | null = null;
    while (!this.stopped) {
      try {
        await this.takeWaiting();
        failing = null;
      } catch (error) {
        const message = (error as Error).message;
        if (message !== failing) this.o.log?.(`releases from the plant wait: ${message}`);
        failing = message;
      }
      await this.pause.for(this.o.intervalMs ?? 5_000);
    }
  }

  private async takeWaiting(): Promise<void> {
    for (;;) {
      const rows = await this.pool.query<{ seq: string; kind: PlantRelease['kind']; subject: string; body: string; released_by: string }>(
        // Those without this station's receipt, not those past a cursor: two releases made at once may become visible
        // out of the order of their numbers, and a cursor would skip the one seen late.
        'SELECT seq, kind, subject, body, released_by FROM plant_releases r WHERE NOT EXISTS (SELECT 1 FROM release_receipts x WHERE x.station_id = $1 AND x.seq = r.seq) ORDER BY seq LIMIT 20',
        [this.stationId],
      );
      if (rows.rowCount === 0) return;
      for (const r of rows.rows) {
        if (this.stopped) return;
        const seq = Number(r.seq);
        const release: PlantRelease = { seq, kind: r.kind, subject: r.subject, body: JSON.parse(r.body) as unknown, releasedBy: r.released_by };
        // Taken before (its events are here): the plant is told again, nothing is applied twice.
        const outcome = this.taken.get(releaseCorrelation(seq)) ? { ok: true as const, value: null } : await this.apply(release);
        await this.pool.query('INSERT INTO release_receipts (station_id, seq, outcome, message) VALUES ($1, $2, $3, $4) ON CONFLICT (station_id, seq) DO NOTHING', [
          this.stationId,
          seq,
          outcome.ok ? 'applied' : 'refused',
          outcome.ok ? null : outcome.error.message,
        ]);
        if (!outcome.ok) this.o.log?.(`the plant's release ${seq} (${release.kind} ${release.subject}) was refused here: ${outcome.error.message}`);
      }
    }
  }
}
