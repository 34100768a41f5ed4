import {
  addDays,
  clipSpans,
  kpisOf,
  plannedSpans,
  shiftFrom,
  shiftsBetween,
  shiftAt,
  sumMeasured,
  timesOf,
  zonedInstant,
  type Measured,
  type OeePeriod,
  type OeeRow,
  type PackMLState,
  type ShiftInstance,
  type Span,
  type TimeClass,
} from '../../core';
import type { Db } from '../store';
import { outputReader, type Output } from './output';
import type { CalendarVersion, SettingsVersions } from './settings-versions';
import { stateTotalsReader } from './state-totals';

/** The line as OEE sees it: its work centers, and which report by hand (no PLC). */
export interface OeeLine {
  readonly id: string;
  readonly workCenters: readonly { readonly id: string; readonly handReported: boolean }[];
}

type Source = OeeRow['source'];
interface Part extends Measured {
  readonly source: Source;
}

const iso = (ms: number) => new Date(ms).toISOString();
const length = (spans: readonly Span[]) => spans.reduce((n, s) => n + (s.end - s.start), 0);

/**
 * OEE per work center and line by shift, day and order (ISO 22400-2), from the read models: state times and output as
 * the projector summed them, hand reports where a work center has no PLC, each shift judged by its calendar version.
 */
export function oeeReads(db: Db, versions: SettingsVersions, now: () => number) {
  const totals = stateTotalsReader(db);
  const output = outputReader(db);
  const report = db.prepare(
    `SELECT produced, good, scrap, rework, downtime_s AS downtime, stops, ideal_cycle_s AS idealCycle FROM production_reports WHERE work_center = ? AND shift = ?`,
  );
  const orderWindow = db.prepare(
    'SELECT o.started, o.completed, (SELECT min(minute) FROM oee_output WHERE order_number = o.number) AS firstMinute FROM oee_orders o WHERE o.number = ?',
  );
  // Failures (ISO 22400: FE): stops that put the unit down, not micro-stops, begun in the planned busy time.
  const failuresIn = db.prepare("SELECT count(*) FROM downtime WHERE work_center = ? AND start_ms >= ? AND start_ms < ? AND kind = 'down' AND micro = 0").pluck();
  const orderCenters = db.prepare('SELECT DISTINCT work_center FROM oee_output WHERE order_number = ? ORDER BY work_center').pluck();

  const failuresOf = (wc: string, busy: readonly Span[]) => busy.reduce((n, sp) => n + (failuresIn.get(wc, sp.start, sp.end) as number), 0);

  /** A work center over spans of planned operation and planned busy time, from its PLC's states and counts. */
  const machine = (wc: string, operating: readonly Span[], busy: readonly Span[], classes: Readonly<Record<PackMLState, TimeClass>>, out: Output, calendarSeconds: number): Part => {
    const times = timesOf(operating, busy, totals(wc, busy, now()), classes);
    return {
      source: 'machine', times, calendarSeconds, idealSeconds: out.idealSeconds, failures: failuresOf(wc, busy),
      quantities: { produced: out.produced, good: out.good, scrap: out.scrap, rework: out.rework, firstPass: out.firstPass },
    };
  };

  /** A work center in one shift: its PLC, or the shift lead's report (nothing known without one). */
  const shiftPart = (line: string, wc: { id: string; handReported: boolean }, s: ShiftInstance): Part => {
    const t = Math.min(now(), s.end);
    const { operating: op, busy: b } = plannedSpans(s);
    const operating = clipSpans(op, t);
    const busy = clipSpans(b, t);
    const calendarSeconds = (t - s.start) / 1000;
    if (!wc.handReported) return machine(wc.id, operating, busy, versions.timeClassesAt(line, s.end), output(wc.id, s.start, s.end), calendarSeconds);
    const r = report.get(wc.id, s.id) as { produced: number; good: number; scrap: number; rework: number; downtime: number; stops: number | null; idealCycle: number | null } | undefined;
    const plan = timesOf(operating, busy, {});
    if (!r) return { source: 'none', times: plan, calendarSeconds, idealSeconds: 0, failures: null, quantities: { produced: 0, good: 0, scrap: 0, rework: 0, firstPass: 0 } };
    const full = timesOf(op, b, {});
    const adot = Math.min(r.downtime, full.pbt);
    return {
      source: 'report', calendarSeconds: (s.end - s.start) / 1000, failures: r.stops,
      times: { ...full, apt: full.pbt - adot, adot, adet: 0, unknown: 0 },
      idealSeconds: (r.idealCycle ?? 0) * r.produced,
      quantities: { produced: r.produced, good: r.good, scrap: r.scrap, rework: r.rework, firstPass: r.good },
    };
  };

  const row = (period: OeePeriod, workCenter: string | null, m: Part): OeeRow => {
    const k = kpisOf(m);
    const none = m.source === 'none';
    return {
      period, workCenter, source: m.source,
      times: { ...m.times, aubt: m.times.apt + m.times.adet },
      quantities: m.quantities, idealSeconds: m.idealSeconds, failures: m.failures,
      kpis: none ? { ...Object.fromEntries(Object.keys(k).map((key) => [key, null])) } as OeeRow['kpis'] : k,
    };
  };
  /** The line's row: its work centers with something recorded, summed. */
  const lineOf = (parts: readonly Part[], calendarSeconds?: number): Part => {
    const known = parts.filter((p) => p.source !== 'none');
    const sources = new Set(known.map((p) => p.source));
    return { ...sumMeasured(known, calendarSeconds), source: known.length === 0 ? 'none' : sources.size > 1 ? 'mixed' : [...sources][0]! };
  };
  const shiftPeriod = (s: ShiftInstance): OeePeriod => ({ kind: 'shift', id: s.id, start: iso(s.start), end: iso(s.end), running: now() < s.end });

  /** A version's shifts overlapping [from, to) that it judges (they ended while it was in force). */
  const judgedBy = (line: string, v: CalendarVersion, from: number, to: number): ShiftInstance[] =>
    shiftsBetween(v.calendar, from, to).filter((s) => versions.calendarAt(line, s.end)?.seq === v.seq);

  /**
   * A shift as its calendar judges it. The calendar changed during it: it begins where the last shift an older
   * calendar judged ended, so that no time is counted in two shifts.
   */
  const judged = (line: string, s: ShiftInstance): ShiftInstance | null => {
    const v = versions.calendarAt(line, s.end);
    if (!v || s.start >= v.setAt) return s;
    let begin = s.start;
    for (const older of versions.calendars(line)) {
      if (older.seq >= v.seq) break;
      // The same shift by an older calendar (lengthened after it ended, say) is replaced by this one, not cut from it.
      for (const e of judgedBy(line, older, s.start, v.setAt)) if (e.id !== s.id) begin = Math.max(begin, e.end);
    }
    return shiftFrom(s, begin);
  };

  /** The shifts of [from, to), each by the calendar version in force when it ended. */
  const shifts = (line: string, from: number, to: number): ShiftInstance[] => {
    const out = new Map<string, ShiftInstance>();
    for (const v of versions.calendars(line)) for (const s of judgedBy(line, v, from, to)) out.set(s.id, s);
    return [...out.values()]
      .flatMap((s) => judged(line, s) ?? [])
      .filter((s) => s.end > from && s.start < to)
      .sort((a, b) => a.start - b.start);
  };

  const pick = (l: OeeLine, workCenter?: string) => l.workCenters.filter((w) => workCenter === undefined || w.id === workCenter);

  /** One shift's rows: each work center's (or the one asked for), then the line's. */
  const shiftRows = (l: OeeLine, s: ShiftInstance, workCenter?: string): OeeRow[] => {
    const parts = pick(l, workCenter).map((wc) => ({ wc: wc.id, part: shiftPart(l.id, wc, s) }));
    const p = shiftPeriod(s);
    return [...parts.map((x) => row(p, x.wc, x.part)), ...(workCenter ? [] : [row(p, null, lineOf(parts.map((x) => x.part)))])];
  };

  return {
    shifts,
    judged,
    shiftPart,
    byShift(l: OeeLine, from: number, to: number, workCenter?: string): OeeRow[] {
      return shifts(l.id, from, to).flatMap((s) => shiftRows(l, s, workCenter));
    },

    byDay(l: OeeLine, from: number, to: number, workCenter?: string): OeeRow[] {
      const tz = versions.calendarAt(l.id, to)?.calendar.timeZone ?? 'UTC';
      const days = new Map<string, ShiftInstance[]>();
      for (const s of shifts(l.id, from, to)) days.set(s.day, [...(days.get(s.day) ?? []), s]);
      return [...days.entries()].flatMap(([day, list]) => {
        const start = zonedInstant(day, 0, tz);
        const end = zonedInstant(addDays(day, 1), 0, tz);
        const seconds = (Math.min(end, now()) - start) / 1000;
        const period: OeePeriod = { kind: 'day', id: day, start: iso(start), end: iso(end), running: now() < end };
        const perWc = pick(l, workCenter).map((wc) => {
          const parts = list.map((s) => shiftPart(l.id, wc, s)).filter((p) => p.source !== 'none');
          return { wc: wc.id, part: parts.length === 0 ? { ...lineOf([], seconds) } : { ...sumMeasured(parts, seconds), source: parts[0]!.source } };
        });
        return [...perWc.map((x) => row(period, x.wc, x.part)), ...(workCenter ? [] : [row(period, null, lineOf(perWc.map((x) => x.part), seconds))])];
      });
    },

    /** The shift running now, up to now (null between shifts). */
    current(l: OeeLine): { shift: string | null; rows: OeeRow[] } {
      const t = now();
      const v = versions.calendarAt(l.id, t);
      const at = v ? shiftAt(v.calendar, t) : null;
      // That shift alone, from where the shift an older calendar judged ended (the calendar changed during it).
      const s = at ? judged(l.id, at) : null;
      return s ? { shift: s.id, rows: shiftRows(l, s) } : { shift: null, rows: [] };
    },

    /**
     * An order at each work center it was made at: from its start (or first piece) to its end (or now), the planned
     * busy time of the shifts in that window (the whole window where the line has no calendar), its own pieces.
     */
    byOrder(l: OeeLine, number: string): OeeRow[] {
      const w = orderWindow.get(number) as { started: number | null; completed: number | null; firstMinute: number | null } | undefined;
      const start = w?.started ?? (w?.firstMinute != null ? w.firstMinute * 60_000 : null);
      if (start === null) return [];
      const end = Math.max(start, Math.min(w?.completed ?? now(), now()));
      const period: OeePeriod = { kind: 'order', id: number, start: iso(start), end: iso(end), running: w?.completed == null };
      const inWindow = shifts(l.id, start, end);
      const planned = inWindow.length > 0 ? inWindow.map((s) => plannedSpans(s)) : [{ operating: [{ start, end }], busy: [{ start, end }] }];
      const clip = (spans: readonly Span[]) => spans.flatMap((sp) => (sp.end <= start || sp.start >= end ? [] : [{ start: Math.max(start, sp.start), end: Math.min(end, sp.end) }]));
      const operating = planned.flatMap((p) => clip(p.operating));
      const busy = planned.flatMap((p) => clip(p.busy));
      const centers = orderCenters.all(number) as string[];
      const parts = centers.map((wc) => ({
        wc,
        part: machine(wc, operating, busy, versions.timeClassesAt(l.id, end), output(wc, start, end + 60_000, number), (end - start) / 1000),
      }));
      return [...parts.map((x) => row(period, x.wc, x.part)), row(period, null, lineOf(parts.map((x) => x.part), length(operating) / 1000))];
    },
  };
}
export type OeeReads = ReturnType<typeof oeeReads>;

