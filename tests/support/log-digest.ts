import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Db } from '../../main/store';

/** A log's count and a checksum of its chain's hashes in order: alike on both sides means nothing lost, nothing twice. */
export interface LogDigest {
  readonly count: number;
  readonly sum: string;
}

export function stationLogDigest(db: Db): LogDigest {
  const hash = createHash('sha256');
  let count = 0;
  // Events that left under retention keep their places (and hashes) in the chain.
  const chain = db.prepare('SELECT lower(hex(hash)) FROM (SELECT seq, hash FROM events UNION ALL SELECT seq, hash FROM pruned_events) ORDER BY seq').pluck();
  for (const h of chain.iterate() as IterableIterator<string>) {
    hash.update(h);
    count++;
  }
  return { count, sum: hash.digest('hex') };
}

export async function plantLogDigest(pool: pg.Pool, stationId: string): Promise<LogDigest> {
  const rows = await pool.query<{ hash: string }>('SELECT hash FROM events WHERE station_id = $1 ORDER BY seq', [stationId]);
  const hash = createHash('sha256');
  for (const r of rows.rows) hash.update(r.hash);
  return { count: rows.rowCount ?? 0, sum: hash.digest('hex') };
}
