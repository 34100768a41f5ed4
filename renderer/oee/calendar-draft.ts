import type { ShiftCalendar, ShiftCalendarInput } from '../../core';

/** The calendar as the form holds it: text as typed, turned into the station's shape on save (which checks it). */
export interface CalendarDraft {
  timeZone: string;
  shifts: ShiftDraft[];
  stops: { from: string; to: string; reason: string }[];
  nonWorkingDays: string;
}
export interface ShiftDraft {
  name: string;
  start: string;
  end: string;
  days: number[];
  /** "08:00-08:15 Break; 10:00-10:30 Meal" */
  breaks: string;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A datetime-local value (the screen's own time) from an instant, and back. */
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : v);

export function toCalendarDraft(c: ShiftCalendar | null): CalendarDraft {
  if (!c) {
    return {
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      shifts: [{ name: 'A', start: '06:00', end: '14:00', days: [1, 2, 3, 4, 5], breaks: '09:00-09:15 Break; 11:30-12:00 Meal' }],
      stops: [],
      nonWorkingDays: '',
    };
  }
  return {
    timeZone: c.timeZone,
    shifts: c.shifts.map((s) => ({ name: s.name, start: s.start, end: s.end, days: [...s.days], breaks: s.breaks.map((b) => `${b.start}-${b.end} ${b.name}`).join('; ') })),
    stops: c.plannedDowntime.map((p) => ({ from: toLocalInput(p.from), to: toLocalInput(p.to), reason: p.reason })),
    nonWorkingDays: c.nonWorkingDays.join(', '),
  };
}

/** The draft as the station takes it; a break not written as HH:MM-HH:MM name is passed on as it is, for the station to refuse with its reason. */
export function fromCalendarDraft(d: CalendarDraft): ShiftCalendarInput {
  return {
    timeZone: d.timeZone.trim(),
    shifts: d.shifts.map((s) => ({
      name: s.name.trim(), start: s.start.trim(), end: s.end.trim(), days: [...s.days].sort(),
      breaks: s.breaks.split(';').map((b) => b.trim()).filter(Boolean).map((b) => {
        const m = /^(\S+)\s*[-–]\s*(\S+)\s*(.*)$/.exec(b);
        return m ? { start: m[1]!, end: m[2]!, name: m[3]!.trim() || 'Break' } : { start: b, end: b, name: 'Break' };
      }),
    })),
    plannedDowntime: d.stops.map((p) => ({ from: fromLocalInput(p.from), to: fromLocalInput(p.to), reason: p.reason.trim() })),
    nonWorkingDays: d.nonWorkingDays.split(/[,\s]+/).map((x) => x.trim()).filter(Boolean),
  };
}
