import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { ShiftCalendar, clipSpans, plannedSpans, shiftsBetween, type PackMLState, type RecordedEvent, type Span } from '../core';
import { oeeReads, settingsVersions, stateTotalsReader } from '../main/oee';
import { openDatabase, readModels, type Db } from '../main/store';
import { tempDir } from '../tests/support/station-fixtures';
import { quantile } from './quantile';

export interface OeeYearResult {
  readonly name: string;
  readonly days: number;
  readonly stateChanges: number;
  readonly seedSeconds: number;
  /** The generator's rows for the first day against the projector's, row for row. */
  readonly generatorMatchesProjector: boolean;
  readonly busySpans: number;
  /** Our state totals over every shift's planned busy time of the period (hour and minute sums). */
  readonly oursMs: number;
  /** The same totals by a bare SQL aggregate over the state history, interval by interval. */
  readonly bareMs: number;
  readonly ratio: number;
  readonly totalsEqual: boolean;
  /** The OEE query by day over the whole period (one row per day, the line's and the work center's). */
  readonly byDayMs: number;
  /** One shift's OEE (the live case), over random shifts. */
  readonly shift: { readonly p50Ms: number; readonly p99Ms: number };
  readonly pass: boolean;
}

const STATES: readonly PackMLState[] = ['Execute', 'Execute', 'Execute', 'Held', 'Suspended', 'Stopped', 'Idle', 'Starting'];
const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * OEE for one work center over a year of one-second state changes. The read models are written as the projector
 * writes them (state history, state sums by the hour and by the minute); the generator is checked against the
 * projector itself on the first day. Our query (sums) and a bare SQL aggregate over the state history answer the
 * same question, over the same intervals; both must agree to the millisecond.
 */
export async function benchOeeYear(log: (line: string) => void, days = 365): Promise<OeeYearResult> {
  const dir = tempDir('mes-oee-bench-');
  const db = openDatabase(join(dir.path, 'station.db'));
  try {
    const t0 = Date.parse('2026-01-05T00:00:00.000Z');
    const end = t0 + days * 86_400_000;
    const seeded = performance.now();
    const changes = seed(db, t0, end);
    const seedSeconds = Math.round((performance.now() - seeded) / 100) / 10;
    log(`  ${changes.toLocaleString('en')} one-second state changes over ${days} days written in ${seedSeconds} s`);
    const generatorMatchesProjector = sameAsProjector(db, t0);
    log(`  the generator's first day, row for row as the projector writes it: ${generatorMatchesProjector ? 'yes' : 'NO'}`);

    // Three shifts on weekdays, each with two breaks and a meal (the breaks cut hours, as real ones do).
    const calendar = ShiftCalendar.parse({
      timeZone: 'UTC',
      shifts: [
        { name: 'A', start: '06:00', end: '14:00', breaks: [{ start: '08:00', end: '08:15' }, { name: 'Meal', start: '10:00', end: '10:30' }, { start: '12:00', end: '12:15' }] },
        { name: 'B', start: '14:00', end: '22:00', breaks: [{ start: '16:00', end: '16:15' }, { name: 'Meal', start: '18:00', end: '18:30' }, { start: '20:00', end: '20:15' }] },
        { name: 'C', start: '22:00', end: '06:00', breaks: [{ start: '00:00', end: '00:15' }, { name: 'Meal', start: '02:00', end: '02:30' }, { start: '04:00', end: '04:15' }] },
      ],
    });
    db.prepare('INSERT INTO shift_calendars (line, seq, set_at, set_by, calendar) VALUES (?, 1, ?, ?, ?)').run('L1', new Date(t0 - 1).toISOString(), 'bench', JSON.stringify(calendar));
    const shifts = shiftsBetween(calendar, t0, end).filter((s) => s.start >= t0 && s.end <= end);
    const busy: Span[] = shifts.flatMap((s) => clipSpans(plannedSpans(s).busy, end));

    const totals = stateTotalsReader(db);
    const timed = <T>(f: () => T) => {
      const a = performance.now();
      const value = f();
      return { value, ms: performance.now() - a };
    };
    const ours = timed(() => totals('WC10', busy, end));
    // The raw limit: the state history aggregated interval by interval, reading only each interval's rows (those
    // that begin in it, on the index, and the one running into it), as a query without our sums would.
    const overlap = `sum((unixepoch(min(to_at, ?), 'subsec') - unixepoch(max(from_at, ?), 'subsec')) * 1000)`;
    const inside = db.prepare(`SELECT state, ${overlap} AS ms FROM state_history WHERE work_center = 'WC10' AND from_at >= ? AND from_at < ? GROUP BY state`);
    const runningInto = db.prepare(
      `SELECT state, (unixepoch(min(to_at, ?), 'subsec') - unixepoch(?, 'subsec')) * 1000 AS ms FROM
         (SELECT state, to_at FROM state_history WHERE work_center = 'WC10' AND from_at < ? ORDER BY from_at DESC LIMIT 1) WHERE to_at > ?`,
    );
    const bare = timed(() => {
      const out: Partial<Record<PackMLState, number>> = {};
      const add = (rows: { state: PackMLState; ms: number }[]) => rows.forEach((r) => (out[r.state] = (out[r.state] ?? 0) + Math.round(r.ms)));
      for (const sp of busy) {
        const a = new Date(sp.start).toISOString();
        const b = new Date(sp.end).toISOString();
        add(inside.all(b, a, a, b) as { state: PackMLState; ms: number }[]);
        add(runningInto.all(b, a, a, a) as { state: PackMLState; ms: number }[]);
      }
      return out;
    });
    const totalsEqual = JSON.stringify(Object.entries(ours.value).sort()) === JSON.stringify(Object.entries(bare.value).sort());
    const ratio = Math.round((bare.ms / ours.ms) * 10) / 10;
    log(`  ${busy.length.toLocaleString('en')} planned busy intervals of ${shifts.length.toLocaleString('en')} shifts: ours ${ours.ms.toFixed(1)} ms, bare SQL aggregate ${Math.round(bare.ms).toLocaleString('en')} ms (${ratio}× faster); totals equal: ${totalsEqual ? 'yes' : 'NO'}`);

    const reads = oeeReads(db, settingsVersions(db), () => end);
    const line = { id: 'L1', workCenters: [{ id: 'WC10', handReported: false }] };
    const byDay = timed(() => reads.byDay(line, t0, end));
    log(`  OEE by day over the period (${byDay.value.length} rows): ${byDay.ms.toFixed(0)} ms`);
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = shifts[Math.floor((i * 7919) % shifts.length)]!;
      samples.push(timed(() => reads.byShift(line, s.start, s.start + 1, 'WC10')).ms);
    }
    const shift = { p50Ms: Math.round(quantile(samples, 0.5) * 100) / 100, p99Ms: Math.round(quantile(samples, 0.99) * 100) / 100 };
    log(`  one shift's OEE: p50 ${shift.p50Ms} ms, p99 ${shift.p99Ms} ms`);
    return {
      name: 'oee-year', days, stateChanges: changes, seedSeconds, generatorMatchesProjector, busySpans: busy.length,
      oursMs: Math.round(ours.ms * 10) / 10, bareMs: Math.round(bare.ms), ratio, totalsEqual, byDayMs: Math.round(byDay.ms), shift,
      pass: generatorMatchesProjector && totalsEqual && ratio >= 10,
    };
  } finally {
    db.close();
    dir.dispose();
  }
}

/** A state each second: the history and its sums by the hour and the minute, as the projector would leave them. */
function seed(db: Db, t0: number, end: number): number {
  const history = db.prepare('INSERT INTO state_history (work_center, state, from_at, to_at) VALUES (?, ?, ?, ?)');
  const hour = db.prepare('INSERT INTO oee_state_hours (work_center, hour, state, ms) VALUES (?, ?, ?, ?)');
  const minute = db.prepare('INSERT INTO oee_state_minutes (work_center, minute, state, ms) VALUES (?, ?, ?, ?)');
  const states = sequence(t0, end);
  let n = 0;
  const chunk = 86_400;
  for (let day = t0; day < end; day += chunk * 1000) {
    db.transaction(() => {
      const byHour = new Map<string, number>();
      const byMinute = new Map<string, number>();
      for (let t = day; t < Math.min(end, day + chunk * 1000); t += 1000) {
        const s = states(t);
        history.run('WC10', s, new Date(t).toISOString(), new Date(t + 1000).toISOString());
        const h = `${Math.floor(t / HOUR)}\u0000${s}`;
        const m = `${Math.floor(t / MINUTE)}\u0000${s}`;
        byHour.set(h, (byHour.get(h) ?? 0) + 1000);
        byMinute.set(m, (byMinute.get(m) ?? 0) + 1000);
        n++;
      }
      for (const [k, ms] of byHour) hour.run('WC10', Number(k.split('\u0000')[0]), k.split('\u0000')[1], ms);
      for (const [k, ms] of byMinute) minute.run('WC10', Number(k.split('\u0000')[0]), k.split('\u0000')[1], ms);
    })();
  }
  return n;
}

/** The state in each second: a fixed pseudo-random walk (the same for the generator and the projector check). */
function sequence(t0: number, _end: number): (t: number) => PackMLState {
  return (t) => {
    const i = (t - t0) / 1000;
    const x = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
    return STATES[(x >>> 13) % STATES.length]!;
  };
}

/**
 * The projector's own rows for the first day (its events through the read models, in a database of their own)
 * against the generator's: the sums by the hour and the minute must be the same row for row. One second a state
 * means a change every second, even to the same state: the projector closes and reopens it, the sums are the same.
 */
function sameAsProjector(seeded: Db, t0: number): boolean {
  const db = openDatabase(':memory:');
  try {
    const models = readModels(db);
    const states = sequence(t0, t0 + 86_400_000);
    db.transaction(() => {
      for (let t = t0, seq = 1; t <= t0 + 86_400_000; t += 1000, seq++) {
        const state = t === t0 + 86_400_000 ? 'Idle' : states(t);
        const e = { seq, stationId: 'ST', stream: 'wc:WC10', streamVersion: seq, at: new Date(t).toISOString(), actor: 'plc', correlationId: null, type: 'WorkCenterStateChanged', data: { workCenter: 'WC10', state, previous: null } } as RecordedEvent;
        for (const m of models) m.project(e);
      }
    })();
    const rows = (d: Db, table: string, key: string, upTo: number) =>
      JSON.stringify(d.prepare(`SELECT ${key}, state, ms FROM ${table} WHERE work_center = 'WC10' AND ${key} < ? ORDER BY ${key}, state`).raw().all(upTo));
    return (
      rows(db, 'oee_state_hours', 'hour', Math.floor((t0 + 86_400_000) / HOUR)) === rows(seeded, 'oee_state_hours', 'hour', Math.floor((t0 + 86_400_000) / HOUR)) &&
      rows(db, 'oee_state_minutes', 'minute', Math.floor((t0 + 86_400_000) / MINUTE)) === rows(seeded, 'oee_state_minutes', 'minute', Math.floor((t0 + 86_400_000) / MINUTE))
    );
  } finally {
    db.close();
  }
}
