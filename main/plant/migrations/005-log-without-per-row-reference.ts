import type { PlantMigration } from './migration';

/**
 * The log's reference to its station, checked row by row, cost half of every batch's COPY; it guarded nothing the
 * shipping protocol does not: a batch is appended under its station's row, locked, and the statement trigger refuses
 * a station's role any row but its own. Gone, the log takes a backlog at the speed of a bare COPY.
 */
export const plantMigration005: PlantMigration = {
  version: 5,
  name: 'the log without its per-row station reference',
  sql: `
    ALTER TABLE events DROP CONSTRAINT events_station_id_fkey;
  `,
};
