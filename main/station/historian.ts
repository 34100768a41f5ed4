import { tagKey, type HistorianConfig, type TagRef, type TagValue } from '../../core';
import type { Db } from '../store';
import type { Clock } from './clock';
import type { Log } from './log';
import type { TagCache } from './tag-cache';

const QUALITY = { good: 2, uncertain: 1, bad: 0 } as const;
type Row = [tag: string, t: number, value: number | null, text: string | null, quality: number];

export interface HistoryPoint {
  /** ms since epoch */
  readonly t: number;
  readonly value: number | null;
  readonly text: string | null;
  readonly quality: 'good' | 'uncertain' | 'bad';
}

/**
 * Tag values over time, in SQLite. Deadband compression: a value is stored when it moved more than the tag's
 * deadband from the last stored one, when its quality changed (so a connection gap shows as a bad point), or
 * when a text value changed. Rows are written in one transaction a second; older than the retention are deleted.
 */
export class Historian {
  private offs: (() => void)[] = [];
  private readonly last = new Map<string, { value: number | null; text: string | null; quality: number }>();
  private buffer: Row[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private retentionDays = 30;
  private readonly insert;
  stored = 0;
  skipped = 0;

  constructor(
    private readonly db: Db,
    private readonly cache: TagCache,
    private readonly clock: Clock,
    private readonly log: Log,
  ) {
    this.insert = db.prepare('INSERT INTO history (tag, t, value, text, quality) VALUES (?, ?, ?, ?, ?)');
  }

  apply(config: HistorianConfig): void {
    for (const off of this.offs.splice(0)) off();
    this.retentionDays = config.retentionDays;
    for (const tag of config.tags) {
      const ref: TagRef = { connection: tag.connection, address: tag.address };
      this.offs.push(this.cache.listen(ref, (r, v) => this.record(r, v, tag.deadband)));
    }
    this.flushTimer ??= setInterval(() => this.flush(), 1_000);
    if (!this.retentionTimer) {
      this.retentionTimer = setInterval(() => this.enforceRetention(), 3_600_000);
      this.enforceRetention();
    }
  }

  record(ref: TagRef, v: TagValue, deadband: number): void {
    const key = tagKey(ref);
    const quality = QUALITY[v.quality];
    const value = typeof v.value === 'number' ? v.value : typeof v.value === 'boolean' ? Number(v.value) : null;
    const text = typeof v.value === 'string' ? v.value : null;
    const prev = this.last.get(key);
    const moved =
      !prev ||
      prev.quality !== quality ||
      prev.text !== text ||
      (value === null) !== (prev.value === null) ||
      (value !== null && prev.value !== null && Math.abs(value - prev.value) > deadband);
    if (!moved) {
      this.skipped += 1;
      return;
    }
    this.last.set(key, { value, text, quality });
    const t = v.quality === 'good' && v.sourceTime ? Date.parse(v.sourceTime) : this.clock.now().getTime();
    this.buffer.push([key, Number.isFinite(t) ? t : this.clock.now().getTime(), value, text, quality]);
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    try {
      this.db.transaction(() => {
        for (const r of rows) this.insert.run(...r);
      })();
      this.stored += rows.length;
    } catch (error) {
      this.log.error(`historian: ${rows.length} values could not be stored`, error);
    }
  }

  /**
   * Points of one tag in [from, to]. Beyond maxPoints the range is cut into buckets and each keeps its first,
   * lowest and highest value, so peaks survive the thinning.
   */
  query(ref: TagRef, from: number, to: number, maxPoints: number): HistoryPoint[] {
    this.flush();
    const key = tagKey(ref);
    const count = this.db.prepare('SELECT count(*) FROM history WHERE tag = ? AND t BETWEEN ? AND ?').pluck().get(key, from, to) as number;
    const toPoint = (r: { t: number; value: number | null; text: string | null; quality: number }): HistoryPoint => ({
      t: r.t,
      value: r.value,
      text: r.text,
      quality: r.quality === 2 ? 'good' : r.quality === 1 ? 'uncertain' : 'bad',
    });
    // The value in force at the start of the range, so a trend does not begin empty.
    const before = this.db.prepare('SELECT t, value, text, quality FROM history WHERE tag = ? AND t < ? ORDER BY t DESC LIMIT 1').get(key, from) as
      | { t: number; value: number | null; text: string | null; quality: number }
      | undefined;
    const head = before ? [toPoint({ ...before, t: from })] : [];
    if (count <= maxPoints) {
      const rows = this.db.prepare('SELECT t, value, text, quality FROM history WHERE tag = ? AND t BETWEEN ? AND ? ORDER BY t').all(key, from, to);
      return [...head, ...(rows as Parameters<typeof toPoint>[0][]).map(toPoint)];
    }
    const bucket = Math.max(1, Math.ceil((to - from) / Math.max(1, Math.floor(maxPoints / 3))));
    const rows = this.db
      .prepare(
        `SELECT (t - ?) / ? AS b, min(t) AS t0, max(t) AS t1, min(value) AS lo, max(value) AS hi, min(quality) AS q
         FROM history WHERE tag = ? AND t BETWEEN ? AND ? GROUP BY b ORDER BY b`,
      )
      .all(from, bucket, key, from, to) as { t0: number; t1: number; lo: number | null; hi: number | null; q: number }[];
    const out: HistoryPoint[] = [...head];
    for (const r of rows) {
      const quality = r.q === 2 ? 'good' : r.q === 1 ? 'uncertain' : 'bad';
      out.push({ t: r.t0, value: r.lo, text: null, quality });
      if (r.t1 !== r.t0) out.push({ t: r.t1, value: r.hi, text: null, quality });
    }
    return out;
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.flushTimer = this.retentionTimer = null;
    this.flush();
  }

  private enforceRetention(): void {
    const cutoff = this.clock.now().getTime() - this.retentionDays * 86_400_000;
    const r = this.db.prepare('DELETE FROM history WHERE t < ?').run(cutoff);
    if (r.changes > 0) this.log.info(`historian: ${r.changes} values older than ${this.retentionDays} days removed`);
  }
}
