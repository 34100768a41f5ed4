import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Alarms (ISA-18.2 state of each) and the alarm log (every transition, with who). */
export function alarmsReadModel(db: Db): ReadModel {
  const run = (sql: string) => statement(db, sql);
  const upsert = run(
    `INSERT INTO alarms (id, priority, message, active, acknowledged, last_value, raised_at, changed_at) VALUES (?, ?, ?, 1, 0, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET priority = excluded.priority, message = excluded.message, active = 1, acknowledged = 0,
       last_value = excluded.last_value, raised_at = excluded.raised_at, changed_at = excluded.changed_at`,
  );
  const set = (sql: string) => run(`UPDATE alarms SET ${sql}, changed_at = ? WHERE id = ?`);
  const returned = set('active = 0, last_value = ?');
  const acknowledged = set('acknowledged = 1');
  const shelved = set('shelved_until = ?, shelve_reason = ?');
  const unshelved = set('shelved_until = NULL, shelve_reason = NULL');
  const log = run('INSERT INTO alarm_log (id, at, kind, actor) VALUES (?, ?, ?, ?)');
  return {
    name: 'alarms',
    tables: ['alarms', 'alarm_log'],
    project(e) {
      const at = e.at;
      switch (e.type) {
        case 'AlarmRaised': {
          const d = e.data;
          upsert(d.id, d.priority, d.message, JSON.stringify(d.value ?? null), at, at);
          log(d.id, at, 'raised', e.actor);
          return;
        }
        case 'AlarmReturned':
          returned(JSON.stringify(e.data.value ?? null), at, e.data.id);
          log(e.data.id, at, 'returned', e.actor);
          return;
        case 'AlarmAcknowledged':
          acknowledged(at, e.data.id);
          log(e.data.id, at, 'acknowledged', e.data.by);
          return;
        case 'AlarmShelved':
          shelved(e.data.until, e.data.reason, at, e.data.id);
          log(e.data.id, at, 'shelved', e.data.by);
          return;
        case 'AlarmUnshelved':
          unshelved(at, e.data.id);
          log(e.data.id, at, e.data.expired ? 'shelve expired' : 'unshelved', e.data.by);
          return;
      }
    },
  };
}
