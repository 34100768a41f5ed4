import type pg from 'pg';

/**
 * One transaction on a client of the pool: begun (read-only, with session settings local to it, if asked), the work's
 * result committed, anything thrown rolled back. A client whose connection broke (the server killed, the link cut)
 * says so as an event too, which the pool hears only while the client is idle: heard here, and the client is not
 * given back to be reused. With a timeout, a link that goes silent (a cable pulled: no reset ever comes) is dropped
 * once the transaction has taken that long, and the work fails instead of waiting forever.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  o: { readonly readOnly?: boolean; readonly settings?: readonly string[]; readonly timeoutMs?: number } = {},
): Promise<T> {
  const c = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => (broken ??= error);
  c.on('error', onError);
  const watchdog =
    o.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          (c as unknown as { connection: { stream: { destroy(e: Error): void } } }).connection.stream.destroy(new Error(`no answer from PostgreSQL within ${o.timeoutMs} ms`));
        }, o.timeoutMs);
  try {
    await c.query(o.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    for (const s of o.settings ?? []) await c.query(`SET LOCAL ${s}`);
    const value = await work(c);
    await c.query('COMMIT');
    return value;
  } catch (error) {
    broken ??= error as Error;
    await c.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(watchdog);
    c.removeListener('error', onError);
    c.release(broken);
  }
}
