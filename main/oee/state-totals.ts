import type { PackMLState, Span } from '../../core';
import type { Db } from '../store';

const HOUR = 3_600_000;

/** A work center's time in each state and its state transitions over some spans. */
export interface StateTotals {
  readonly ms: Partial<Record<PackMLState, number>>;
  /** Transitions into a state within the spans, by from → to. */
  readonly transitions: readonly { readonly from: PackMLState; readonly to: PackMLState; readonly n: number }[];
}

/**
 * Sums a work center's state times over spans without reading its whole history: whole hours come from the hourly
 * sums (oee_state_hours), the parts of an hour at a span's ends from the state history around them, and the state
 * running now from its start. A year of one-second changes costs a year's hours, not thirty million rows.
 */
export function stateTotalsReader(db: Db) {
  const hours = db.prepare('SELECT state, sum(ms) AS ms FROM oee_state_hours WHERE work_center = ? AND hour >= ? AND hour < ? GROUP BY state');
  const hourTransitions = db.prepare(
    'SELECT from_state AS "from", to_state AS "to", sum(n) AS n FROM oee_transitions WHERE work_center = ? AND hour >= ? AND hour < ? GROUP BY from_state, to_state',
  );
  // Newest first from the end of a stretch: its rows, then the one before it (for the first transition's from-state).
  const back = db.prepare('SELECT state, from_at AS fromAt, to_at AS toAt FROM state_history WHERE work_center = ? AND from_at < ? ORDER BY from_at DESC');
  const open = db.prepare('SELECT state, since FROM oee_open_states WHERE work_center = ?');

  return (workCenter: string, spans: readonly Span[], now: number): StateTotals => {
    const ms: Partial<Record<PackMLState, number>> = {};
    const pairs = new Map<string, { from: PackMLState; to: PackMLState; n: number }>();
    const addMs = (state: PackMLState, n: number) => n > 0 && (ms[state] = (ms[state] ?? 0) + n);
    const addPair = (from: PackMLState, to: PackMLState, n: number) => {
      const key = `${from}>${to}`;
      const p = pairs.get(key) ?? { from, to, n: 0 };
      p.n += n;
      pairs.set(key, p);
    };
    // A stretch inside an hour: the closed states that overlap it, and the transitions in it.
    const edge = (start: number, end: number) => {
      if (end <= start) return;
      let later: PackMLState | null = null;
      let laterFrom = 0;
      for (const row of back.iterate(workCenter, new Date(end).toISOString()) as IterableIterator<{ state: PackMLState; fromAt: string; toAt: string | null }>) {
        const from = Date.parse(row.fromAt);
        const to = row.toAt === null ? null : Date.parse(row.toAt);
        if (later !== null && laterFrom >= start) addPair(row.state, later, 1);
        if (to !== null && to <= start) break;
        if (to !== null) addMs(row.state, Math.min(end, to) - Math.max(start, from));
        later = row.state;
        laterFrom = from;
      }
    };
    for (const raw of spans) {
      const s = raw.start;
      const e = Math.min(raw.end, now);
      if (e <= s) continue;
      const h0 = Math.ceil(s / HOUR);
      const h1 = Math.floor(e / HOUR);
      if (h0 < h1) {
        for (const r of hours.all(workCenter, h0, h1) as { state: PackMLState; ms: number }[]) addMs(r.state, r.ms);
        for (const r of hourTransitions.all(workCenter, h0, h1) as { from: PackMLState; to: PackMLState; n: number }[]) addPair(r.from, r.to, r.n);
        edge(s, h0 * HOUR);
        edge(h1 * HOUR, e);
      } else {
        edge(s, e);
      }
    }
    // The state running now: counted from its start, in every span (the sums above hold only states that ended).
    const o = open.get(workCenter) as { state: PackMLState; since: number } | undefined;
    if (o) for (const sp of spans) addMs(o.state, Math.min(sp.end, now) - Math.max(sp.start, o.since));
    return { ms, transitions: [...pairs.values()] };
  };
}
