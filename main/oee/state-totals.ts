import type { PackMLState, Span } from '../../core';
import type { Db } from '../store';

const MINUTE = 60_000;

/** A work center's time in each state over some spans (ms). */
export type StateTotals = Partial<Record<PackMLState, number>>;

/**
 * Sums a work center's state times over spans without reading its whole history: whole hours from the hourly sums,
 * whole minutes at a span's ends from the minute sums, the seconds at the very ends (a span that starts or ends inside
 * a minute: now, an order's start) from the state history around them, and the state running now from its start. A
 * year of one-second changes costs a year's hours, not thirty million rows.
 */
export function stateTotalsReader(db: Db) {
  const hours = db.prepare('SELECT state, sum(ms) AS ms FROM oee_state_hours WHERE work_center = ? AND hour >= ? AND hour < ? GROUP BY state');
  const minutes = db.prepare('SELECT state, sum(ms) AS ms FROM oee_state_minutes WHERE work_center = ? AND minute >= ? AND minute < ? GROUP BY state');
  // Newest first from the end of a stretch, until a state that ended before it began.
  const back = db.prepare('SELECT state, from_at AS fromAt, to_at AS toAt FROM state_history WHERE work_center = ? AND from_at < ? ORDER BY from_at DESC');
  const open = db.prepare('SELECT state, since FROM oee_open_states WHERE work_center = ?');

  return (workCenter: string, spans: readonly Span[], now: number): StateTotals => {
    const ms: StateTotals = {};
    const add = (state: PackMLState, n: number) => n > 0 && (ms[state] = (ms[state] ?? 0) + n);
    const sums = (stmt: typeof hours, a: number, b: number) => {
      if (b > a) for (const r of stmt.all(workCenter, a, b) as { state: PackMLState; ms: number }[]) add(r.state, r.ms);
    };
    // A stretch inside a minute: the closed states that overlap it.
    const seconds = (start: number, end: number) => {
      if (end <= start) return;
      for (const row of back.iterate(workCenter, new Date(end).toISOString()) as IterableIterator<{ state: PackMLState; fromAt: string; toAt: string | null }>) {
        const to = row.toAt === null ? null : Date.parse(row.toAt);
        if (to !== null && to <= start) break;
        if (to !== null) add(row.state, Math.min(end, to) - Math.max(start, Date.parse(row.fromAt)));
      }
    };
    for (const raw of spans) {
      const s = raw.start;
      const e = Math.min(raw.end, now);
      if (e <= s) continue;
      const m0 = Math.ceil(s / MINUTE);
      const m1 = Math.floor(e / MINUTE);
      if (m0 >= m1) {
        seconds(s, e);
        continue;
      }
      seconds(s, m0 * MINUTE);
      seconds(m1 * MINUTE, e);
      const h0 = Math.ceil(m0 / 60);
      const h1 = Math.floor(m1 / 60);
      if (h0 < h1) {
        sums(hours, h0, h1);
        sums(minutes, m0, h0 * 60);
        sums(minutes, h1 * 60, m1);
      } else {
        sums(minutes, m0, m1);
      }
    }
    // The state running now: counted from its start, in every span (the sums above hold only states that ended).
    const o = open.get(workCenter) as { state: PackMLState; since: number } | undefined;
    if (o) for (const sp of spans) add(o.state, Math.min(sp.end, now) - Math.max(sp.start, o.since));
    return ms;
  };
}
