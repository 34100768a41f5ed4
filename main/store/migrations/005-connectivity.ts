import type { Migration } from './migration';

/** Station configuration (connections, mapping, alarms, historian), alarm and state-history read models, the historian. */
export const migration005: Migration = {
  version: 5,
  name: 'connectivity: configuration, alarms, state history, historian',
  sql: `
    CREATE TABLE config (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL CHECK (json_valid(body)), changed_at TEXT NOT NULL, changed_by TEXT NOT NULL);
    CREATE TABLE alarms (
      id TEXT PRIMARY KEY, priority TEXT NOT NULL, message TEXT NOT NULL, active INTEGER NOT NULL, acknowledged INTEGER NOT NULL,
      shelved_until TEXT, shelve_reason TEXT, last_value TEXT, raised_at TEXT, changed_at TEXT NOT NULL
    );
    CREATE TABLE alarm_log (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL);
    CREATE INDEX alarm_log_at ON alarm_log (at);
    CREATE TABLE state_history (work_center TEXT NOT NULL, state TEXT NOT NULL, from_at TEXT NOT NULL, to_at TEXT);
    CREATE INDEX state_history_wc ON state_history (work_center, from_at);
    CREATE TABLE history (tag TEXT NOT NULL, t INTEGER NOT NULL, value REAL, text TEXT, quality INTEGER NOT NULL);
    CREATE INDEX history_tag_t ON history (tag, t);
    CREATE INDEX history_t ON history (t);
  `,
};
