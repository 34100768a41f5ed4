import { ShiftCalendar, TimeClassSettings, timeClassesOf, type PackMLState, type TimeClass } from '../../core';
import type { Db } from '../store';

/** One version of a line's calendar, in force from when it was set. */
export interface CalendarVersion {
  readonly seq: number;
  readonly setAt: number;
  readonly setBy: string;
  readonly calendar: ShiftCalendar;
}

/**
 * A line's shift calendars and time classes as they were over time. A shift is judged by the version in force when
 * it ended (a planned stop entered during the shift counts; a shift already over keeps its figures), and a shift
 * from before any version by the first one (a calendar set up today also reads yesterday).
 */
export function settingsVersions(db: Db) {
  const calendars = db.prepare('SELECT seq, set_at AS setAt, set_by AS setBy, calendar FROM shift_calendars WHERE line = ? ORDER BY seq');
  const classes = db.prepare('SELECT set_at AS setAt, settings FROM time_classes WHERE line = ? ORDER BY seq');
  let cache: { key: string; versions: CalendarVersion[]; classes: { setAt: number; settings: TimeClassSettings }[] } | null = null;
  const countVersions = db.prepare('SELECT (SELECT count(*) FROM shift_calendars WHERE line = ?) || \'/\' || (SELECT count(*) FROM time_classes WHERE line = ?)').pluck();

  const load = (line: string) => {
    const key = `${line}:${countVersions.get(line, line) as string}`;
    if (cache?.key !== key) {
      cache = {
        key,
        versions: (calendars.all(line) as { seq: number; setAt: string; setBy: string; calendar: string }[]).map((r) => ({
          seq: r.seq, setAt: Date.parse(r.setAt), setBy: r.setBy, calendar: ShiftCalendar.parse(JSON.parse(r.calendar)),
        })),
        classes: (classes.all(line) as { setAt: string; settings: string }[]).map((r) => ({ setAt: Date.parse(r.setAt), settings: TimeClassSettings.parse(JSON.parse(r.settings)) })),
      };
    }
    return cache;
  };
  const inForce = <T extends { setAt: number }>(list: readonly T[], at: number): T | null => {
    let found: T | null = list[0] ?? null;
    for (const v of list) if (v.setAt <= at) found = v;
    return found;
  };

  return {
    /** Every version of the line's calendar, oldest first. */
    calendars: (line: string): readonly CalendarVersion[] => load(line).versions,
    /** The calendar a shift ending at `at` is judged by. */
    calendarAt: (line: string, at: number): CalendarVersion | null => inForce(load(line).versions, at),
    /** The time-class settings in force at `at` (null: none set, the default applies). */
    timeClassSettingsAt: (line: string, at: number): TimeClassSettings | null => inForce(load(line).classes, at)?.settings ?? null,
    timeClassesAt: (line: string, at: number): Readonly<Record<PackMLState, TimeClass>> => timeClassesOf(inForce(load(line).classes, at)?.settings ?? null),
  };
}
export type SettingsVersions = ReturnType<typeof settingsVersions>;
