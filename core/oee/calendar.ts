import { z } from 'zod';
import type { PlannedShift, Span } from './time-model';

// A line's shift calendar: the shifts of each weekday with their breaks, dated planned downtime and the days the
// plant does not work, in the plant's own time zone (a shift at 06:00 stays at 06:00 across a change of summer time).

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is HH:MM on the 24-hour clock');
const Day = z.iso.date();

/** Whether the runtime knows the IANA time zone (Europe/Berlin, America/Chicago, UTC…). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const ShiftBreak = z.object({ name: z.string().trim().min(1).max(40).default('Break'), start: HHMM, end: HHMM });
export type ShiftBreak = z.infer<typeof ShiftBreak>;

/** A shift as it repeats: when it starts and ends (an end at or before the start is the next day), on which weekdays (1 Monday … 7 Sunday, the day it starts), its breaks. */
export const ShiftPattern = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, 'a shift name is 1 to 16 letters, digits, _ or -'),
  start: HHMM,
  end: HHMM,
  days: z.array(z.number().int().min(1).max(7)).min(1, 'a shift runs on at least one weekday').default([1, 2, 3, 4, 5]),
  breaks: z.array(ShiftBreak).max(12).default([]),
});
export type ShiftPattern = z.infer<typeof ShiftPattern>;

/** Downtime planned for a time (a changeover, planned maintenance, a trial): not counted against availability. */
export const PlannedStop = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), reason: z.string().trim().min(1).max(200) });
export type PlannedStop = z.infer<typeof PlannedStop>;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** A shift's length in minutes of the clock (an end at or before the start is the next day). */
const shiftMinutes = (s: { start: string; end: string }) => ((minutes(s.end) - minutes(s.start) + 1440 - 1) % 1440) + 1;
/** Where a time of day falls in a shift, in minutes from its start. */
const offsetIn = (s: { start: string }, hhmm: string) => (minutes(hhmm) - minutes(s.start) + 1440) % 1440;

export const ShiftCalendar = z
  .object({
    timeZone: z.string().refine(isTimeZone, 'not a time zone this station knows (an IANA name such as Europe/Berlin)'),
    shifts: z.array(ShiftPattern).min(1, 'a calendar has at least one shift').max(12),
    plannedDowntime: z.array(PlannedStop).max(2000).default([]),
    nonWorkingDays: z.array(Day).max(2000).default([]),
  })
  .superRefine((c, ctx) => {
    const names = new Set<string>();
    c.shifts.forEach((s, i) => {
      if (names.has(s.name)) ctx.addIssue({ code: 'custom', path: ['shifts', i, 'name'], message: `shift ${s.name} is in the calendar twice` });
      names.add(s.name);
      s.breaks.forEach((b, j) => {
        const from = offsetIn(s, b.start);
        const length = (minutes(b.end) - minutes(b.start) + 1440) % 1440;
        if (length === 0 || from + length > shiftMinutes(s)) {
          ctx.addIssue({ code: 'custom', path: ['shifts', i, 'breaks', j], message: `break ${b.start}–${b.end} is not within shift ${s.name} (${s.start}–${s.end})` });
        }
      });
    });
    // Two shifts may not overlap: laid on a fortnight of minutes, each starting on each of its weekdays.
    const laid = c.shifts.flatMap((s) => s.days.map((d) => ({ name: s.name, from: (d - 1) * 1440 + minutes(s.start), to: (d - 1) * 1440 + minutes(s.start) + shiftMinutes(s) })));
    const week = 7 * 1440;
    for (let i = 0; i < laid.length; i++) {
      for (let j = i + 1; j < laid.length; j++) {
        const a = laid[i]!;
        const b = laid[j]!;
        const overlaps = [0, week, -week].some((k) => a.from < b.to + k && b.from + k < a.to);
        if (overlaps) ctx.addIssue({ code: 'custom', path: ['shifts'], message: `shifts ${a.name} and ${b.name} overlap` });
      }
    }
    c.plannedDowntime.forEach((p, i) => {
      if (Date.parse(p.to) <= Date.parse(p.from)) ctx.addIssue({ code: 'custom', path: ['plannedDowntime', i], message: 'planned downtime ends after it begins' });
    });
  });
export type ShiftCalendar = z.infer<typeof ShiftCalendar>;
export type ShiftCalendarInput = z.input<typeof ShiftCalendar>;

/** One shift as it falls on a day: its id (`2026-12-07/A`, the day it starts), instants and planned time off. */
export interface ShiftInstance extends PlannedShift {
  readonly id: string;
  readonly name: string;
  /** The local day it starts. */
  readonly day: string;
  /** The planned downtime's reasons, with the spans as clipped to the shift. */
  readonly plannedStops: readonly (Span & { readonly reason: string })[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall clock of a time zone at an instant, as if it were UTC (epoch ms). */
function wallClock(ms: number, tz: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/**
 * The instant a wall-clock time of a day is in a time zone. A time that does not exist (skipped when clocks go
 * forward) is the instant after the gap; a time that happens twice is its first.
 */
export function zonedInstant(day: string, minuteOfDay: number, tz: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  // The zone's offset a day before and a day after: around a change of clocks they differ, else they agree.
  const offset = (t: number) => wallClock(t, tz) - t;
  const before = wall - offset(wall - 86_400_000);
  const after = wall - offset(wall + 86_400_000);
  const valid = [before, after].filter((t) => wallClock(t, tz) === wall);
  // Twice (clocks went back): the first. Never (clocks went forward): the time moved on by the gap.
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** The local day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(ms: number, tz: string): string {
  return new Date(wallClock(ms, tz)).toISOString().slice(0, 10);
}

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** A shift of the calendar on a day, as it falls there; null when it does not run that day (weekday, non-working day). */
function instance(c: ShiftCalendar, s: ShiftPattern, day: string): ShiftInstance | null {
  if (!s.days.includes(weekday(day)) || c.nonWorkingDays.includes(day)) return null;
  const startMin = minutes(s.start);
  const at = (offset: number) => zonedInstant(day, startMin + offset, c.timeZone);
  const start = at(0);
  const end = at(shiftMinutes(s));
  const breaks = s.breaks.map((b) => {
    const from = offsetIn(s, b.start);
    return { start: at(from), end: at(from + ((minutes(b.end) - minutes(b.start) + 1440) % 1440)) };
  });
  const plannedStops = c.plannedDowntime
    .map((p) => ({ start: Math.max(start, Date.parse(p.from)), end: Math.min(end, Date.parse(p.to)), reason: p.reason }))
    .filter((p) => p.end > p.start);
  return { id: `${day}/${s.name}`, name: s.name, day, start, end, breaks, plannedDowntime: plannedStops.map(({ start: a, end: b }) => ({ start: a, end: b })), plannedStops };
}

/**
 * The shift from `from` on: its start, breaks and planned downtime before `from` cut off (null when nothing is left).
 * A calendar changed during a shift: the time before belongs to the shift the older calendar judged.
 */
export function shiftFrom(s: ShiftInstance, from: number): ShiftInstance | null {
  if (from <= s.start) return s;
  if (from >= s.end) return null;
  const cut = <T extends Span>(list: readonly T[]): T[] => list.flatMap((x) => (x.end <= from ? [] : [{ ...x, start: Math.max(x.start, from) }]));
  return { ...s, start: from, breaks: cut(s.breaks), plannedDowntime: cut(s.plannedDowntime), plannedStops: cut(s.plannedStops) };
}

/** The shifts that start on a local day, in order. */
export function shiftsOn(c: ShiftCalendar, day: string): ShiftInstance[] {
  return c.shifts.flatMap((s) => instance(c, s, day) ?? []).sort((a, b) => a.start - b.start);
}

/** The shifts that overlap [from, to), in order (a shift started the day before and running into `from` included). */
export function shiftsBetween(c: ShiftCalendar, from: number, to: number): ShiftInstance[] {
  const out: ShiftInstance[] = [];
  const last = localDay(to, c.timeZone);
  for (let day = addDays(localDay(from, c.timeZone), -1); day <= last; day = addDays(day, 1)) {
    for (const s of shiftsOn(c, day)) if (s.end > from && s.start < to) out.push(s);
  }
  return out;
}

/** The shift with an id (`2026-12-07/A`), or null when the calendar has no such shift that day. */
export function findShift(c: ShiftCalendar, id: string): ShiftInstance | null {
  const m = /^(\d{4}-\d{2}-\d{2})\/([A-Za-z0-9_-]{1,16})$/.exec(id);
  if (!m || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`))) return null;
  const pattern = c.shifts.find((s) => s.name === m[2]);
  return pattern ? instance(c, pattern, m[1]!) : null;
}

/** The shift running at an instant, or null between shifts. */
export function shiftAt(c: ShiftCalendar, at: number): ShiftInstance | null {
  return shiftsBetween(c, at, at + 1).find((s) => s.start <= at && at < s.end) ?? null;
}
