import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Each line's shift calendars, time classes and downtime reason trees, every version with when and by whom; hand production reports by shift. */
export function productionSettingsReadModel(db: Db): ReadModel {
  const calendar = statement(db, 'INSERT INTO shift_calendars (line, seq, set_at, set_by, calendar) VALUES (?, ?, ?, ?, ?)');
  const classes = statement(db, 'INSERT INTO time_classes (line, seq, set_at, set_by, settings) VALUES (?, ?, ?, ?, ?)');
  const reasons = statement(db, 'INSERT INTO downtime_reasons (line, seq, set_at, set_by, tree) VALUES (?, ?, ?, ?, ?)');
  const report = statement(
    db,
    `INSERT OR REPLACE INTO production_reports (work_center, shift, line, start_ms, end_ms, produced, good, scrap, rework, downtime_s, stops, note, order_number, ideal_cycle_s, reported_by, reported_at, replaced)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    name: 'production settings and reports',
    tables: ['shift_calendars', 'time_classes', 'downtime_reasons', 'production_reports'],
    project(e) {
      if (e.type === 'ShiftCalendarSet') calendar(e.data.line, e.seq, e.at, e.actor, JSON.stringify(e.data.calendar));
      else if (e.type === 'TimeClassesSet') classes(e.data.line, e.seq, e.at, e.actor, JSON.stringify(e.data.settings));
      else if (e.type === 'DowntimeReasonsSet') reasons(e.data.line, e.seq, e.at, e.actor, JSON.stringify(e.data.tree));
      else if (e.type === 'ProductionReported') {
        const d = e.data;
        report(d.workCenter, d.shift, d.line, Date.parse(d.start), Date.parse(d.end), d.produced, d.good, d.scrap, d.rework, d.downtimeSeconds, d.stops, d.note, d.order, d.idealCycleSeconds, e.actor, e.at, d.replaced ? 1 : 0);
      }
    },
  };
}
