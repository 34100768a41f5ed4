import type { PlantMigration } from './migration';

/**
 * Down to the lines: master data and engineering changes released once at the plant, in order, for every station to
 * take (each reads them all, as its own role); and each station's receipt of each release (applied, or refused and
 * why), a station writing and reading its own receipts only.
 */
export const plantMigration007: PlantMigration = {
  version: 7,
  name: 'releases to the lines',
  sql: `
    CREATE TABLE plant_releases (
      seq bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('material', 'product', 'change')),
      subject text NOT NULL,
      body text NOT NULL,
      released_at timestamptz NOT NULL DEFAULT now(),
      released_by text NOT NULL
    );
    CREATE TABLE release_receipts (
      station_id text NOT NULL,
      seq bigint NOT NULL REFERENCES plant_releases (seq),
      outcome text NOT NULL CHECK (outcome IN ('applied', 'refused')),
      message text,
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (station_id, seq)
    );
    ALTER TABLE release_receipts ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own_receipts ON release_receipts FOR ALL USING (station_id = mes_station_of_role()) WITH CHECK (station_id = mes_station_of_role());
    GRANT SELECT ON plant_releases TO mes_station;
    GRANT SELECT, INSERT ON release_receipts TO mes_station;
  `,
};
