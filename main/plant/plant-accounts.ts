import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { ErrorCode, ROLES, fail, ok, type Result, type Role } from '../../core';
import { unlessBusy, type PasswordHasher } from '../station';

export interface PlantUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

interface Session {
  readonly user: PlantUser;
  /** The account's password hash when the session began: a reset password ends the session. */
  readonly passwordHash: string;
  readonly expiresAt: number;
  idleUntil: number;
}

const SESSION_MS = 12 * 3_600_000;
const IDLE_MS = 30 * 60_000;
/** Failed sign-ins in a row after which an account waits before the next try. */
const FAILURES_BEFORE_WAIT = 5;
const WAIT_MS = 60_000;

/** Makes (or resets) a plant account; the password is made here unless given, and returned once. */
export async function addPlantUser(
  pool: pg.Pool,
  hasher: PasswordHasher,
  o: { readonly username: string; readonly role: string; readonly displayName?: string; readonly password?: string },
): Promise<{ readonly username: string; readonly password: string }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(o.username)) throw new Error(`"${o.username}" is not a user name (letters, digits, . _ -)`);
  if (!(ROLES as readonly string[]).includes(o.role)) throw new Error(`"${o.role}" is not a role: ${ROLES.join(', ')}`);
  const password = o.password ?? randomBytes(12).toString('base64url');
  const h = await hasher.hash(password);
  await pool.query(
    `INSERT INTO plant_users (username, display_name, role, password_scheme, password_salt, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, role = excluded.role, password_scheme = excluded.password_scheme,
       password_salt = excluded.password_salt, password_hash = excluded.password_hash, disabled = false`,
    [o.username, o.displayName ?? o.username, o.role, h.scheme, h.salt, h.hash],
  );
  return { username: o.username, password };
}

/** Disables a plant account: it can no longer sign in, and the plant server ends its sessions. */
export async function disablePlantUser(pool: pg.Pool, username: string): Promise<boolean> {
  const r = await pool.query('UPDATE plant_users SET disabled = true WHERE username = $1', [username]);
  return (r.rowCount ?? 0) > 0;
}

/**
 * Sign-in to the plant server: plant accounts checked against their scrypt hashes (an unknown name costs the same
 * time), sessions as random bearer tokens held in memory (12 h at most, 30 min idle), five failures in a row make an
 * account wait a minute. Accounts are managed from the command line, in another process: `recheck` (every few seconds)
 * ends the sessions of an account disabled, removed, given another role or a new password since it signed in.
 */
export class PlantSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly failures = new Map<string, { count: number; until: number }>();
  private checking = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly hasher: PasswordHasher,
    private readonly now: () => number = Date.now,
  ) {}

  async signIn(username: string, password: string): Promise<Result<{ token: string; user: PlantUser; expiresAt: string }>> {
    // Every attempt counts as it starts (as a failure until it succeeds): guesses sent at once cannot all slip under the limit.
    const f = this.failures.get(username) ?? { count: 0, until: 0 };
    if (f.until > this.now()) {
      return fail(ErrorCode.busy, `Too many failed sign-ins for ${username}: wait a minute and try again.`, { retryAfterSeconds: Math.ceil((f.until - this.now()) / 1000) });
    }
    f.count += 1;
    if (f.count >= FAILURES_BEFORE_WAIT) f.until = this.now() + WAIT_MS;
    this.failures.set(username, f);
    const row = (
      await this.pool.query<{ username: string; display_name: string; role: Role; password_scheme: string; password_salt: string; password_hash: string; disabled: boolean }>(
        'SELECT * FROM plant_users WHERE username = $1',
        [username],
      )
    ).rows[0];
    const checked = await unlessBusy(async () => {
      if (!row || row.disabled) {
        await this.hasher.decoy(password);
        return false;
      }
      return this.hasher.verify(password, { scheme: row.password_scheme, salt: row.password_salt, hash: row.password_hash });
    });
    if (!checked.ok) return checked;
    if (!checked.value || !row) return fail(ErrorCode.unauthenticated, 'The user name or password is not right.');
    this.failures.delete(username);
    const token = randomBytes(32).toString('base64url');
    const user = { username: row.username, displayName: row.display_name, role: row.role };
    const expiresAt = this.now() + SESSION_MS;
    this.sessions.set(token, { user, passwordHash: row.password_hash, expiresAt, idleUntil: this.now() + IDLE_MS });
    return ok({ token, user, expiresAt: new Date(expiresAt).toISOString() });
  }

  /** The session's user, its idle time moved on; null when there is none (or it ended). */
  authenticate(token: string | null): PlantUser | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    const now = this.now();
    if (s.expiresAt <= now || s.idleUntil <= now) {
      this.sessions.delete(token);
      return null;
    }
    s.idleUntil = now + IDLE_MS;
    return s.user;
  }

  /**
   * Ends every session whose account changed since it began (disabled, removed, another role, a new password). Only
   * the sessions there when the accounts were asked for are judged (one begun meanwhile is not in the answer), and
   * one re-check runs at a time.
   */
  async recheck(): Promise<number> {
    if (this.checking) return 0;
    this.checking = true;
    try {
      const judged = [...this.sessions.entries()];
      const names = [...new Set(judged.map(([, s]) => s.user.username))];
      if (names.length === 0) return 0;
      const rows = await this.pool.query<{ username: string; role: Role; password_hash: string; disabled: boolean }>(
        'SELECT username, role, password_hash, disabled FROM plant_users WHERE username = ANY($1)',
        [names],
      );
      const now = new Map(rows.rows.map((r) => [r.username, r]));
      let ended = 0;
      for (const [token, s] of judged) {
        const account = now.get(s.user.username);
        if (!account || account.disabled || account.role !== s.user.role || account.password_hash !== s.passwordHash) {
          if (this.sessions.delete(token)) ended += 1;
        }
      }
      return ended;
    } finally {
      this.checking = false;
    }
  }

  end(token: string | null): boolean {
    return token ? this.sessions.delete(token) : false;
  }
}
