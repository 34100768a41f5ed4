import type { Migration } from './migration';

/**
 * SPC's read models: every measurement as a point of its characteristic (work center × measurement), numbered in the
 * order measured (subgroups are consecutive numbers), each characteristic with its latest specification and count, and
 * its control limits as last set.
 */
export const migration023: Migration = {
  version: 23,
  name: 'spc',
  sql: `
    CREATE TABLE spc_points (
      work_center TEXT NOT NULL, measurement TEXT NOT NULL, n INTEGER NOT NULL, at_ms INTEGER NOT NULL, value REAL NOT NULL,
      unit TEXT NOT NULL, low REAL NOT NULL, high REAL NOT NULL, serial TEXT NOT NULL,
      PRIMARY KEY (work_center, measurement, n)
    ) WITHOUT ROWID;
    CREATE INDEX spc_points_time ON spc_points (work_center, measurement, at_ms);
    CREATE TABLE spc_characteristics (
      work_center TEXT NOT NULL, measurement TEXT NOT NULL, unit TEXT NOT NULL, low REAL NOT NULL, high REAL NOT NULL,
      points INTEGER NOT NULL, last_ms INTEGER NOT NULL, PRIMARY KEY (work_center, measurement)
    ) WITHOUT ROWID;
    CREATE TABLE spc_limits (
      work_center TEXT NOT NULL, measurement TEXT NOT NULL, settings TEXT NOT NULL CHECK (json_valid(settings)),
      set_at TEXT NOT NULL, set_by TEXT NOT NULL, PRIMARY KEY (work_center, measurement)
    );
  `,
};
