import type { PlantMigration } from './migration';

/**
 * Least privilege: each station connects as its own PostgreSQL role (mes plant add-station), registered here, and
 * may only read and append its own rows, move its own head, and file its own refused batches (row-level security);
 * nobody may change or delete an event once stored.
 */
export const plantMigration002: PlantMigration = {
  version: 2,
  name: 'station roles and row-level security',
  sql: `
    ALTER TABLE stations ADD COLUMN role_name text UNIQUE;
    -- Run as the caller (a definer's function would see its owner as current_user): a station sees its own row only.
    CREATE FUNCTION mes_station_of_role() RETURNS text LANGUAGE sql STABLE SET search_path = public
      AS $$ SELECT id FROM stations WHERE role_name = current_user $$;
    CREATE FUNCTION mes_events_append_only() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN RAISE EXCEPTION 'the plant''s event log is append-only: events cannot be changed or deleted'; END $$;
    CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION mes_events_append_only();
    ALTER TABLE events ENABLE ROW LEVEL SECURITY;
    ALTER TABLE stations ENABLE ROW LEVEL SECURITY;
    ALTER TABLE refused_batches ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own_events ON events FOR ALL USING (station_id = mes_station_of_role()) WITH CHECK (station_id = mes_station_of_role());
    CREATE POLICY own_station ON stations FOR ALL USING (role_name = current_user) WITH CHECK (role_name = current_user);
    CREATE POLICY own_refusals ON refused_batches FOR ALL USING (station_id = mes_station_of_role()) WITH CHECK (station_id = mes_station_of_role());
    -- Roles are the cluster's, not the database's: another plant database in the same cluster made it already.
    DO $$ BEGIN CREATE ROLE mes_station NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
    GRANT SELECT, INSERT ON events TO mes_station;
    GRANT SELECT, UPDATE (last_seq, last_hash, last_received, stopped_at, stop_reason) ON stations TO mes_station;
    GRANT SELECT, INSERT ON refused_batches TO mes_station;
    GRANT USAGE ON SEQUENCE refused_batches_id_seq TO mes_station;
    GRANT EXECUTE ON FUNCTION mes_station_of_role() TO mes_station;
  `,
};
