import pg from 'pg';
import { PLANT_MIGRATIONS, type PlantMigration } from './migrations';

/** A PostgreSQL URL fit for a log: the password replaced. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(an address that is not a URL)';
  }
}

export class NewerPlantSchemaError extends Error {
  readonly code = 'database_newer';
}

// Every plant server migrating the same database takes this lock first: one applies, the others then find it done.
const MIGRATION_LOCK = 0x6d_65_73_01;

/**
 * Creates the schema's version table and applies the pending migrations under one lock, in one transaction (each in
 * a savepoint recording its version): all of them or none; a database from a newer plant server is refused with what
 * to do.
 */
export async function migratePlant(pool: pg.Pool, migrations: readonly PlantMigration[] = PLANT_MIGRATIONS): Promise<{ from: number; to: number }> {
  const client = await pool.connect();
  try {
    let from = -1;
    for (const m of migrations) {
      if (m.version !== migrations.indexOf(m) + 1) throw new Error(`plant migration ${m.name} is numbered ${m.version} out of order`);
    }
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      // Under the lock: two servers creating it at once would collide in PostgreSQL's catalog.
      await client.query('CREATE TABLE IF NOT EXISTS plant_schema (version integer NOT NULL)');
      const row = await client.query<{ version: number }>('SELECT version FROM plant_schema');
      if (row.rowCount === 0) await client.query('INSERT INTO plant_schema (version) VALUES (0)');
      from = row.rows[0]?.version ?? 0;
      if (from > migrations.length) {
        throw new NewerPlantSchemaError(
          `This plant database was written by a newer plant server (schema ${from}; this version knows up to ${migrations.length}). Install the newer version, or point it at another database.`,
        );
      }
      for (const m of migrations.slice(from)) {
        await client.query(`SAVEPOINT m${m.version}`);
        await client.query(m.sql);
        await client.query('UPDATE plant_schema SET version = $1', [m.version]);
        await client.query(`RELEASE SAVEPOINT m${m.version}`);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    return { from, to: migrations.length };
  } finally {
    client.release();
  }
}

/** The plant's PostgreSQL: a pool, its schema migrated. */
export async function openPlantDatabase(url: string): Promise<pg.Pool> {
  // Short indexed reads: compiling them (JIT, for the large tables' cost estimates) costs more than running them.
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'mes plant server', options: '-c jit=off' });
  // An idle client's error (the server restarted) is the pool's to recover from, not the process's to die of.
  pool.on('error', () => undefined);
  try {
    await migratePlant(pool);
    return pool;
  } catch (error) {
    await pool.end();
    throw error;
  }
}
