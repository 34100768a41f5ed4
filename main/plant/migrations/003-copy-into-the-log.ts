import type { PlantMigration } from './migration';

/**
 * Stations load their batches by COPY straight into the log: COPY does not pass row-level security, so the log's
 * rule moves to a statement trigger that reads the rows just appended (one check per batch, not per row), and a
 * station reads its own stored hashes through a function instead of the table (the batch sent again after a crash).
 */
export const plantMigration003: PlantMigration = {
  version: 3,
  name: 'COPY into the log, checked per statement',
  sql: `
    DROP POLICY own_events ON events;
    ALTER TABLE events DISABLE ROW LEVEL SECURITY;
    REVOKE SELECT ON events FROM mes_station;
    CREATE FUNCTION mes_is_station(who name) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT pg_has_role(who, 'mes_station', 'MEMBER') AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = who) $$;
    CREATE FUNCTION mes_events_own_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE mine text := mes_station_of_role();
      BEGIN
        IF NOT mes_is_station(current_user) THEN RETURN NULL; END IF;
        IF mine IS NULL OR EXISTS (SELECT 1 FROM appended WHERE station_id IS DISTINCT FROM mine) THEN
          RAISE EXCEPTION 'a station appends its own events only (role %, station %)', current_user, coalesce(mine, 'not registered') USING ERRCODE = '42501';
        END IF;
        RETURN NULL;
      END $$;
    CREATE TRIGGER events_own_rows AFTER INSERT ON events REFERENCING NEW TABLE AS appended
      FOR EACH STATEMENT EXECUTE FUNCTION mes_events_own_rows();
    CREATE FUNCTION mes_stored_hashes(station text, seqs bigint[]) RETURNS TABLE (seq bigint, hash text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
      AS $$ SELECT e.seq, e.hash FROM events e
            WHERE e.station_id = station AND e.seq = ANY (seqs)
              AND (NOT mes_is_station(session_user) OR station = (SELECT id FROM stations WHERE role_name = session_user)) $$;
    GRANT EXECUTE ON FUNCTION mes_stored_hashes(text, bigint[]) TO mes_station;
  `,
};
