import { TimeClassSettings, timeClassesOf, type PackMLState, type TimeClass } from '../../../core';
import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

const STOPPED: ReadonlySet<TimeClass> = new Set(['down', 'delay']);

/**
 * Every stop as a downtime record: from leaving production for a state that counts as down or delay (by the line's
 * time classes in force then) until production, or planned time, again; a stop shorter than the micro-stop threshold
 * is marked micro when it ends (grouped, no reason asked). Reasons as operators and shift leads give them.
 */
export function downtimeReadModel(db: Db): ReadModel {
  const latestClasses = db.prepare('SELECT settings FROM time_classes ORDER BY seq DESC LIMIT 1').pluck();
  const openStop = db.prepare('SELECT start_ms FROM downtime WHERE work_center = ? AND end_ms IS NULL').pluck();
  const open = statement(db, 'INSERT OR IGNORE INTO downtime (work_center, start_ms, state, kind) VALUES (?, ?, ?, ?)');
  const worsen = statement(db, "UPDATE downtime SET kind = 'down' WHERE work_center = ? AND start_ms = ?");
  const close = statement(db, 'UPDATE downtime SET end_ms = ?, micro = ? WHERE work_center = ? AND start_ms = ?');
  const reason = statement(db, 'UPDATE downtime SET reason = ?, reason_path = ?, loss = ?, reason_by = ?, reason_at = ?, comment = ? WHERE work_center = ? AND start_ms = ?');
  let settings: TimeClassSettings | null | undefined;
  const current = () => {
    if (settings === undefined) {
      const json = latestClasses.get() as string | undefined;
      settings = json ? TimeClassSettings.parse(JSON.parse(json)) : null;
    }
    return settings;
  };
  return {
    name: 'downtime',
    tables: ['downtime'],
    project(e) {
      switch (e.type) {
        case 'TimeClassesSet':
          settings = undefined;
          return;
        case 'WorkCenterStateChanged': {
          const at = Date.parse(e.at);
          const wc = e.data.workCenter;
          const s = current();
          const cls = timeClassesOf(s)[e.data.state as PackMLState];
          const start = openStop.get(wc) as number | undefined;
          if (start === undefined) {
            if (STOPPED.has(cls)) open(wc, at, e.data.state, cls);
          } else if (STOPPED.has(cls)) {
            if (cls === 'down') worsen(wc, start);
          } else {
            const micro = at - start < (s?.microStopSeconds ?? TimeClassSettings.parse({}).microStopSeconds) * 1000 ? 1 : 0;
            close(Math.max(at, start), micro, wc, start);
          }
          return;
        }
        case 'DowntimeReasonGiven': {
          const d = e.data;
          reason(d.reason, JSON.stringify(d.path), d.loss, e.actor, e.at, d.comment, d.workCenter, Date.parse(d.start));
          return;
        }
      }
    },
  };
}
