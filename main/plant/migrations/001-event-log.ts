import type { PlantMigration } from './migration';

/**
 * Every station's event log as it shipped it, exactly once by (station, sequence), each row as the station recorded
 * it (its data and signatures as the same text, so the chain's hashes verify here); each station's replication
 * head; and the batches refused (a gap, a sequence reused with other content, a broken hash), kept apart with why.
 */
export const plantMigration001: PlantMigration = {
  version: 1,
  name: 'event log of every station',
  sql: `
    CREATE TABLE stations (
      id text PRIMARY KEY,
      first_seen timestamptz NOT NULL DEFAULT now(),
      last_seq bigint NOT NULL DEFAULT 0,
      last_hash text,
      last_received timestamptz,
      -- A refused batch stops the station's log here until an engineer decides.
      stopped_at bigint,
      stop_reason text
    );
    CREATE TABLE events (
      station_id text NOT NULL REFERENCES stations (id),
      seq bigint NOT NULL,
      stream text NOT NULL,
      stream_version integer NOT NULL,
      at text NOT NULL,
      actor text NOT NULL,
      type text NOT NULL,
      data text NOT NULL,
      correlation_id text,
      signatures text,
      previous_hash text,
      hash text,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (station_id, seq)
    );
    CREATE INDEX events_stream ON events (station_id, stream, stream_version);
    CREATE TABLE refused_batches (
      id bigserial PRIMARY KEY,
      station_id text NOT NULL,
      first_seq bigint NOT NULL,
      last_seq bigint NOT NULL,
      reason text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};
