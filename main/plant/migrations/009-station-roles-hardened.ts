import type { PlantMigration } from './migration';

/**
 * A station's role hardened. Its checks resolve names in the plant's schema only, never in a temporary table the
 * session made (pg_temp last; temporary tables refused to everyone on the plant's database), so a station cannot
 * pass for another. It no longer moves its own head or lifts a refusal: the head moves through
 * mes_advance_head (only forward, only over the rows just appended, contiguous and each once), a refusal is filed
 * through mes_refuse (set, never cleared); and what it appends must lie beyond its head.
 */
export const plantMigration009: PlantMigration = {
  version: 9,
  name: 'station roles hardened',
  sql: `
    DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$;
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    ALTER FUNCTION mes_station_of_role() SET search_path = pg_catalog, public, pg_temp;
    ALTER FUNCTION mes_is_station(name) SET search_path = pg_catalog, public, pg_temp;
    ALTER FUNCTION mes_stored_hashes(text, bigint[]) SET search_path = pg_catalog, public, pg_temp;
    ALTER FUNCTION mes_events_append_only() SET search_path = pg_catalog, public, pg_temp;

    CREATE OR REPLACE FUNCTION mes_events_own_rows() RETURNS trigger LANGUAGE plpgsql
      SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE mine text := mes_station_of_role();
      BEGIN
        IF NOT mes_is_station(current_user) THEN RETURN NULL; END IF;
        IF mine IS NULL OR EXISTS (SELECT 1 FROM appended WHERE station_id IS DISTINCT FROM mine) THEN
          RAISE EXCEPTION 'a station appends its own events only (role %, station %)', current_user, coalesce(mine, 'not registered') USING ERRCODE = '42501';
        END IF;
        IF EXISTS (SELECT 1 FROM appended WHERE seq <= (SELECT last_seq FROM public.stations WHERE id = mine)) THEN
          RAISE EXCEPTION 'station % appends beyond its head only', mine USING ERRCODE = '42501';
        END IF;
        RETURN NULL;
      END $$;

    REVOKE UPDATE (last_seq, last_hash, last_received, stopped_at, stop_reason) ON stations FROM mes_station;
    -- Locking its own row (SELECT … FOR UPDATE) asks for an update right on some column: the harmless one.
    GRANT UPDATE (last_received) ON stations TO mes_station;
    CREATE FUNCTION mes_advance_head(station text, from_seq bigint, to_seq bigint, to_hash text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE n bigint; lo bigint; hi bigint;
      BEGIN
        IF mes_is_station(session_user) AND station IS DISTINCT FROM (SELECT id FROM public.stations WHERE role_name = session_user) THEN
          RAISE EXCEPTION 'a station moves its own head only' USING ERRCODE = '42501';
        END IF;
        IF (SELECT last_seq FROM public.stations WHERE id = station) IS DISTINCT FROM from_seq THEN
          RAISE EXCEPTION 'station %''s head is not at %', station, from_seq USING ERRCODE = '40001';
        END IF;
        SELECT count(*), min(seq), max(seq) INTO n, lo, hi FROM public.events WHERE station_id = station AND seq > from_seq;
        IF n <> to_seq - from_seq OR lo <> from_seq + 1 OR hi <> to_seq THEN
          RAISE EXCEPTION 'station %''s events after % are not exactly % to %, once each', station, from_seq, from_seq + 1, to_seq USING ERRCODE = '23505';
        END IF;
        UPDATE public.stations SET last_seq = to_seq, last_hash = to_hash, last_received = now() WHERE id = station;
      END $$;
    CREATE FUNCTION mes_refuse(station text, first_seq bigint, last_seq bigint, reason text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      BEGIN
        IF mes_is_station(session_user) AND station IS DISTINCT FROM (SELECT id FROM public.stations WHERE role_name = session_user) THEN
          RAISE EXCEPTION 'a station files its own refusals only' USING ERRCODE = '42501';
        END IF;
        INSERT INTO public.refused_batches (station_id, first_seq, last_seq, reason) VALUES (station, first_seq, last_seq, reason);
        UPDATE public.stations SET stopped_at = first_seq, stop_reason = reason WHERE id = station AND stop_reason IS NULL;
      END $$;
    REVOKE ALL ON FUNCTION mes_advance_head(text, bigint, bigint, text) FROM PUBLIC;
    REVOKE ALL ON FUNCTION mes_refuse(text, bigint, bigint, text) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION mes_advance_head(text, bigint, bigint, text) TO mes_station;
    GRANT EXECUTE ON FUNCTION mes_refuse(text, bigint, bigint, text) TO mes_station;
    REVOKE INSERT ON refused_batches FROM mes_station;
  `,
};
