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
  for (const h of db.prepare('SELECT lower(hex(hash)) FROM events ORDER BY seq').pluck().iterate() as IterableIterator<string>) {
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
