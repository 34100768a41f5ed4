import type { PlantMigration } from './migration';

/**
 * The log partitioned by station, and each station's part by the month the plant received it (the plant's clock:
 * a station's may be off): a month is a table of its own, to archive or move to cheaper storage whole, and a
 * station's partition is its own. Each station gets its partition with the months to come when it is registered (or
 * first ships); the plant server keeps two months ahead. Rows for a month without its table land in the station's
 * default part, still in the log. The key is (station, sequence, received): the shipping protocol (a batch appended
 * under its station's locked row, continuing its head) is what keeps (station, sequence) once.
 */
export const plantMigration008: PlantMigration = {
  version: 8,
  name: 'the log partitioned by station and month',
  sql: `
    ALTER TABLE events RENAME TO events_before_partitioning;
    ALTER INDEX events_stream RENAME TO events_before_partitioning_stream;
    CREATE TABLE events (
      station_id text NOT NULL,
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
      PRIMARY KEY (station_id, seq, received_at)
    ) PARTITION BY LIST (station_id);
    CREATE INDEX events_stream ON events (station_id, stream, stream_version);
    CREATE TABLE events_unassigned PARTITION OF events DEFAULT;

    -- A station's partition (by month received) and the months from the one holding 'since' to 'months' later.
    CREATE FUNCTION mes_event_partitions(station text, since timestamptz DEFAULT now(), months integer DEFAULT 2) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        part text := 'events_' || substr(md5(station), 1, 12);
        first date := date_trunc('month', since)::date;
        m date;
      BEGIN
        IF to_regclass(part) IS NULL THEN
          EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES IN (%L) PARTITION BY RANGE (received_at)', part, station);
          EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', part || '_other', part);
        END IF;
        FOR i IN 0..months LOOP
          m := (first + make_interval(months => i))::date;
          IF to_regclass(part || '_' || to_char(m, 'YYYYMM')) IS NULL THEN
            BEGIN
              EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part || '_' || to_char(m, 'YYYYMM'), part, m, (m + interval '1 month')::date);
            EXCEPTION WHEN check_violation THEN
              -- That month's rows are in the station's default part already (nobody kept ahead): they stay there.
              NULL;
            END;
          END IF;
        END LOOP;
      END $$;
    REVOKE ALL ON FUNCTION mes_event_partitions(text, timestamptz, integer) FROM PUBLIC;

    DO $$
      DECLARE s record;
      BEGIN
        FOR s IN SELECT station_id, min(received_at) AS since, max(received_at) AS until FROM events_before_partitioning GROUP BY station_id LOOP
          PERFORM mes_event_partitions(s.station_id, s.since, (extract(year FROM age(greatest(now(), s.until), s.since)) * 12 + extract(month FROM age(greatest(now(), s.until), s.since)))::integer + 2);
        END LOOP;
        FOR s IN SELECT id FROM stations LOOP
          PERFORM mes_event_partitions(s.id);
        END LOOP;
      END $$;
    INSERT INTO events SELECT * FROM events_before_partitioning;
    DROP TABLE events_before_partitioning;

    CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION mes_events_append_only();
    CREATE TRIGGER events_own_rows AFTER INSERT ON events REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION mes_events_own_rows();
    GRANT INSERT ON events TO mes_station;
  `,
};
