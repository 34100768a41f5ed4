import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { openPlantDatabase } from '../main/plant';
import { Replicator } from '../main/replication';
import { openDatabase } from '../main/store';
import { writeChainedBacklog } from '../tests/support/backlog';
import { startPostgres } from '../tests/support/postgres';
import { tempDir } from '../tests/support/station-fixtures';

export interface DrainResult {
  readonly name: string;
  readonly events: number;
  /** The station's shipper draining its whole backlog into the plant's PostgreSQL (batches, checks, cursor). */
  readonly drainEventsPerSecond: number;
  /** The raw limit: the same rows by a bare COPY into the same table shape, in the same run. */
  readonly bareCopyEventsPerSecond: number;
  readonly ratio: number;
  readonly bytesPerEvent: number;
  readonly target: { readonly eventsPerSecond: number; readonly ratio: number };
  readonly pass: boolean;
}

const COLUMNS = 'station_id, seq, stream, stream_version, at, actor, type, data, correlation_id, signatures, previous_hash, hash';

/**
 * A backlog of `events` (a station offline for a long shift: unit and order events of a realistic size, chained as
 * the store chains them) drained into a PostgreSQL of its own; then the same rows COPYed bare into a twin table.
 */
export async function benchReplicationDrain(log: (line: string) => void, events = 1_000_000): Promise<DrainResult> {
  const dir = tempDir('mes-drain-');
  const postgres = await startPostgres();
  const db = openDatabase(join(dir.path, 'station.sqlite'), { synchronous: 'NORMAL' });
  const plant = await openPlantDatabase(postgres.url);
  try {
    const started = Date.now();
    writeChainedBacklog(db, 'ST-bench', events);
    log(`  ${events.toLocaleString('en')} events chained into the station's log in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const t = process.hrtime.bigint();
    const shipper = new Replicator(db, 'ST-bench', postgres.url, () => events, { batch: 5_000 });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (shipper.status().state === 'live') {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    const drainSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    await shipper.dispose();
    const stored = Number((await plant.query('SELECT count(*) AS n FROM events')).rows[0].n);
    // What an event costs the plant on disk: the log's partitions with their indexes.
    const bytes = Number((await plant.query<{ b: string }>("SELECT sum(pg_total_relation_size(c.oid))::bigint AS b FROM pg_class c WHERE c.relkind = 'r' AND c.relname LIKE 'events%'")).rows[0]?.b ?? 0);
    log(`  the plant's log: ${Math.round(bytes / stored)} bytes per event on disk, indexes included`);
    if (stored !== events) throw new Error(`the plant holds ${stored} events, not ${events}`);

    // Bare: the same rows, as text, by COPY into a twin table with the same key.
    await plant.query('CREATE TABLE events_bare (LIKE events INCLUDING ALL)');
    const rows = db.prepare(`SELECT ${COLUMNS} FROM events ORDER BY seq`).raw(true).iterate() as IterableIterator<unknown[]>;
    const esc = (v: unknown) => (v === null ? '\\N' : Buffer.isBuffer(v) ? v.toString('hex') : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
    const lines = (function* () {
      for (const r of rows) yield `${r.map(esc).join('\t')}\n`;
    })();
    const client = await plant.connect();
    const tb = process.hrtime.bigint();
    try {
      await pipeline(Readable.from(lines), client.query(copyFrom(`COPY events_bare (${COLUMNS}) FROM STDIN`)));
    } finally {
      client.release();
    }
    const bareSeconds = Number(process.hrtime.bigint() - tb) / 1e9;
    const bytesPerEvent = Math.round(bytes / stored);
    const drain = Math.round(events / drainSeconds);
    const bare = Math.round(events / bareSeconds);
    const ratio = Number((drain / bare).toFixed(2));
    return { name: 'replication-drain', events, drainEventsPerSecond: drain, bareCopyEventsPerSecond: bare, ratio, bytesPerEvent, target: { eventsPerSecond: 50_000, ratio: 0.5 }, pass: drain >= 50_000 && ratio >= 0.5 };
  } finally {
    await plant.end();
    db.close();
    await postgres.dispose();
    dir.dispose();
  }
}
