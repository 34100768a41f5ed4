import type { PlantMigration } from './migration';

/**
 * Who may read the plant's record: plant accounts (quality, auditors, planners, engineers), made by plant IT with
 * mes plant add-user; the password as a scrypt hash only. Stations' roles may not read them.
 */
export const plantMigration006: PlantMigration = {
  version: 6,
  name: 'plant accounts',
  sql: `
    CREATE TABLE plant_users (
      username text PRIMARY KEY,
      display_name text NOT NULL,
      role text NOT NULL,
      password_scheme text NOT NULL,
      password_salt text NOT NULL,
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled boolean NOT NULL DEFAULT false
    );
  `,
};
