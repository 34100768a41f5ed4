import type { Reason, Span, StopLoss } from '../../core';
import type { Db } from '../store';

/** One stop as the station recorded it, with its reason once given. */
export interface StopRecord {
  readonly workCenter: string;
  readonly start: number;
  /** null: still stopped. */
  readonly end: number | null;
  readonly state: string;
  readonly kind: 'down' | 'delay';
  readonly micro: boolean;
  readonly reason: (Reason & { readonly by: string; readonly at: string; readonly comment: string }) | null;
}

/** A row of the downtime table. */
export interface DowntimeRow {
  work_center: string;
  start_ms: number;
  end_ms: number | null;
  state: string;
  kind: 'down' | 'delay';
  micro: number;
  reason: string | null;
  reason_path: string | null;
  loss: StopLoss | null;
  reason_by: string | null;
  reason_at: string | null;
  comment: string | null;
}

export const stopRecordOf = (r: DowntimeRow): StopRecord => ({
  workCenter: r.work_center, start: r.start_ms, end: r.end_ms, state: r.state, kind: r.kind, micro: r.micro === 1,
  reason: r.reason ? { code: r.reason, path: JSON.parse(r.reason_path ?? '[]') as string[], loss: r.loss ?? 'breakdown', by: r.reason_by ?? '', at: r.reason_at ?? '', comment: r.comment ?? '' } : null,
});

/** The stops of a work center that overlap a time (a work center's stops never overlap one another). */
export function downtimeReader(db: Db) {
  const starting = db.prepare('SELECT * FROM downtime WHERE work_center = ? AND start_ms >= ? AND start_ms < ? ORDER BY start_ms');
  const before = db.prepare('SELECT * FROM downtime WHERE work_center = ? AND start_ms < ? ORDER BY start_ms DESC LIMIT 1');
  const one = db.prepare('SELECT * FROM downtime WHERE work_center = ? AND start_ms = ?');
  const unreasoned = db.prepare('SELECT * FROM downtime WHERE reason IS NULL AND micro = 0 AND start_ms >= ? ORDER BY start_ms');
  return {
    overlapping(workCenter: string, from: number, to: number): StopRecord[] {
      const first = before.get(workCenter, from) as DowntimeRow | undefined;
      const rows = starting.all(workCenter, from, to) as DowntimeRow[];
      return [...(first && (first.end_ms === null || first.end_ms > from) ? [first] : []), ...rows].map(stopRecordOf);
    },
    at(workCenter: string, start: number): StopRecord | null {
      const r = one.get(workCenter, start) as DowntimeRow | undefined;
      return r ? stopRecordOf(r) : null;
    },
    /** Stops still without a reason since a time (micro-stops need none). */
    unreasoned(since: number): StopRecord[] {
      return (unreasoned.all(since) as DowntimeRow[]).map(stopRecordOf);
    },
  };
}
export type DowntimeReader = ReturnType<typeof downtimeReader>;

/** How much of a stop falls within spans (an open stop runs until now). */
export const stopWithin = (s: StopRecord, spans: readonly Span[], now: number): number =>
  spans.reduce((n, sp) => n + Math.max(0, Math.min(sp.end, s.end ?? now) - Math.max(sp.start, s.start)), 0);

/** A stop is a micro-stop when it ended short, or, still running, has not yet lasted the threshold. */
export const isMicro = (s: StopRecord, now: number, microMs: number): boolean => s.micro || (s.end === null && now - s.start < microMs);
