import type { Migration } from './migration';

/** A command on a stream first asks whether retention took it (a new stream's first load): by stream, indexed. */
export const migration024: Migration = {
  version: 24,
  name: 'pruned streams',
  sql: `CREATE INDEX pruned_events_stream ON pruned_events (stream);`,
};
