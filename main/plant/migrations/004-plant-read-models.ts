import type { PlantMigration } from './migration';

/**
 * The plant-wide read side of the lines' records, for what spans lines (a lot used on two lines, a unit of one line
 * with a sub-assembly of another): every station's units and genealogy, as the station's own projectors made them in
 * the plant's replica of that station, partitioned by station (a partition each, made when the station is first
 * projected); and how far each station's log is projected.
 */
export const plantMigration004: PlantMigration = {
  version: 4,
  name: 'plant-wide units and genealogy',
  sql: `
    CREATE TABLE plant_projection (
      station_id text PRIMARY KEY REFERENCES stations (id),
      seq bigint NOT NULL DEFAULT 0,
      projected_at timestamptz
    );
    CREATE TABLE plant_units (
      station_id text NOT NULL,
      serial text NOT NULL,
      order_number text NOT NULL,
      product text NOT NULL,
      revision text NOT NULL,
      status text NOT NULL,
      work_center text NOT NULL,
      started_at text NOT NULL,
      ended_at text,
      PRIMARY KEY (station_id, serial)
    ) PARTITION BY LIST (station_id);
    CREATE INDEX plant_units_serial ON plant_units (serial);
    CREATE INDEX plant_units_order ON plant_units (order_number);
    CREATE TABLE plant_genealogy (
      station_id text NOT NULL,
      lot text NOT NULL,
      material text NOT NULL,
      revision text NOT NULL,
      serial text NOT NULL,
      order_number text NOT NULL,
      operation integer NOT NULL,
      work_center text NOT NULL,
      quantity double precision NOT NULL,
      at text NOT NULL,
      by text NOT NULL
    ) PARTITION BY LIST (station_id);
    -- A trace goes forward by lot and back by serial, in every station's partition.
    CREATE INDEX plant_genealogy_lot ON plant_genealogy (lot, material);
    CREATE INDEX plant_genealogy_serial ON plant_genealogy (serial);
    CREATE TABLE plant_units_unassigned PARTITION OF plant_units DEFAULT;
    CREATE TABLE plant_genealogy_unassigned PARTITION OF plant_genealogy DEFAULT;
    -- A station's partitions, named by a digest of its id (any text), made once.
    CREATE FUNCTION mes_station_partitions(station text) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE suffix text := substr(md5(station), 1, 12);
      BEGIN
        IF to_regclass('plant_units_' || suffix) IS NULL THEN
          EXECUTE format('CREATE TABLE %I PARTITION OF plant_units FOR VALUES IN (%L)', 'plant_units_' || suffix, station);
        END IF;
        IF to_regclass('plant_genealogy_' || suffix) IS NULL THEN
          EXECUTE format('CREATE TABLE %I PARTITION OF plant_genealogy FOR VALUES IN (%L)', 'plant_genealogy_' || suffix, station);
        END IF;
      END $$;
    REVOKE ALL ON FUNCTION mes_station_partitions(text) FROM PUBLIC;
  `,
};
