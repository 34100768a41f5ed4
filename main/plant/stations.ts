import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { STATION_ID } from '../../core';
import { UnknownStationError } from './unknown-station';

/**
 * Registers a station at the plant under a PostgreSQL role of its own: it may log in, read and append its own rows
 * and move its own head, nothing else (migration 2's policies). The password is made here unless given.
 */
export async function addStation(pool: pg.Pool, stationId: string, o: { role?: string; password?: string } = {}): Promise<{ role: string; password: string }> {
  if (!STATION_ID.test(stationId)) throw new Error(`"${stationId}" is not a station id (letters, digits, . _ -)`);
  const role = o.role ?? `station_${stationId.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
  const password = o.password ?? randomBytes(18).toString('base64url');
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const exists = (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount ?? 0;
    // Identifiers and the password cannot be bound parameters in CREATE ROLE: quoted by the driver's own escapes.
    const name = c.escapeIdentifier(role);
    await c.query(`${exists > 0 ? 'ALTER' : 'CREATE'} ROLE ${name} LOGIN PASSWORD ${c.escapeLiteral(password)}`);
    await c.query(`GRANT mes_station TO ${name}`);
    await c.query('INSERT INTO stations (id, role_name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET role_name = excluded.role_name', [stationId, role]);
    // Its part of the log, with the months to come.
    await c.query('SELECT mes_event_partitions($1)', [stationId]);
    await c.query('COMMIT');
    return { role, password };
  } catch (error) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}

/** An engineer's decision on a station whose log the plant refused: recorded on its open refusals; its log goes on. */
export async function resumeStation(pool: pg.Pool, stationId: string, decision: string, decidedBy: string): Promise<{ decided: number }> {
  const known = await pool.query<{ stop_reason: string | null }>('SELECT stop_reason FROM stations WHERE id = $1', [stationId]);
  if (known.rowCount === 0) throw new UnknownStationError(`The plant has no station ${stationId}.`);
  const r = await pool.query<{ n: number }>('SELECT mes_resume($1, $2, $3) AS n', [stationId, decision, decidedBy]);
  return { decided: r.rows[0]?.n ?? 0 };
}
