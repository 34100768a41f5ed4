import type { PlantMigration } from './migration';

/**
 * A refused batch waits for an engineer: mes_resume records what was decided, by whom and when, on the station's
 * refused batches still open, and lets its log go on from the plant's head (the refused rows stay kept apart; the
 * station sends again from where the plant stands, and what still does not continue its log is refused again). The
 * plant's owner alone may decide.
 */
export const plantMigration010: PlantMigration = {
  version: 10,
  name: 'an engineer decides on a refused log',
  sql: `
    ALTER TABLE refused_batches ADD COLUMN decision text, ADD COLUMN decided_by text, ADD COLUMN decided_at timestamptz;
    CREATE FUNCTION mes_resume(station text, decision text, decided_by text) RETURNS integer
      LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE n integer;
      BEGIN
        IF coalesce(trim(decision), '') = '' THEN RAISE EXCEPTION 'say what was decided' USING ERRCODE = '22023'; END IF;
        UPDATE public.refused_batches SET decision = mes_resume.decision, decided_by = mes_resume.decided_by, decided_at = now()
          WHERE station_id = station AND decided_at IS NULL;
        GET DIAGNOSTICS n = ROW_COUNT;
        UPDATE public.stations SET stopped_at = NULL, stop_reason = NULL WHERE id = station;
        RETURN n;
      END $$;
    REVOKE ALL ON FUNCTION mes_resume(text, text, text) FROM PUBLIC;
  `,
};
