import { randomBytes } from 'node:crypto';
import { ErrorCode, fail, ok, streams, userDecider, type CommandContext, type Result, type Role, type UserView } from '../../core';
import type { EventStore } from '../store';
import type { Clock } from './clock';
import { newContext } from './context';
import { exec } from './exec';
import { HasherBusyError, PasswordHasher, SCRYPT_LEGACY, SCRYPT_STRONG, type ScryptScheme } from './password-hasher';

const SESSION_HOURS = 12;

export interface SignedIn {
  readonly token: string;
  readonly user: UserView;
  readonly expiresAt: string;
}

/** Users (UserCreated events), their password hashes (kept out of the log), and bearer sessions. */
export class Accounts {
  private readonly sessions = new Map<string, { user: UserView; expires: number }>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly hasher = new PasswordHasher(),
  ) {}

  /** A context for what the station does to accounts by itself (start-up seeding). */
  context(actor: string, extra: { source?: string } = {}): CommandContext {
    return newContext(this.clock, actor, extra);
  }

  exists(username: string): boolean {
    return this.store.db.prepare('SELECT 1 FROM users WHERE username = ?').get(username) !== undefined;
  }

  count(): number {
    return this.store.db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  }

  /**
   * A new user with a password. `scheme` is the hash cost: the strong one unless said (demo accounts, whose
   * passwords are their names, use the cheaper legacy cost so that a demo station starts quickly).
   */
  async create(username: string, displayName: string, role: Role, password: string, ctx: CommandContext, scheme: ScryptScheme = SCRYPT_STRONG): Promise<Result<UserView>> {
    const credential = await this.hasher.hash(password, scheme);
    return this.store.runNow((tx): Result<UserView> => {
      const created = exec(tx, streams.user(username), userDecider, { type: 'CreateUser', username, displayName, role }, ctx);
      if (!created.ok) return created;
      tx.db
        .prepare('INSERT INTO credentials (username, scheme, salt, hash, changed_at) VALUES (?, ?, ?, ?, ?)')
        .run(username, credential.scheme, credential.salt, credential.hash, ctx.at);
      return ok({ username, displayName: displayName.trim(), role });
    });
  }

  /** Checks the password off the station's loop (see PasswordHasher); a storm of sign-ins is turned away, not queued without end. */
  async signIn(username: string, password: string): Promise<Result<SignedIn>> {
    const row = this.store.db
      .prepare('SELECT u.username, u.display_name, u.role, c.scheme, c.salt, c.hash FROM users u JOIN credentials c USING (username) WHERE u.username = ?')
      .get(username) as { username: string; display_name: string; role: Role; scheme: string; salt: string; hash: string } | undefined;
    let matches: boolean;
    try {
      // Hash even for an unknown user so that timing does not tell which user names exist.
      matches = row ? await this.hasher.verify(password, row) : (await this.hasher.decoy(password), false);
    } catch (error) {
      if (error instanceof HasherBusyError) return fail(ErrorCode.busy, error.message);
      throw error;
    }
    if (!row || !matches) {
      return fail(ErrorCode.unauthenticated, 'User name or password is wrong. Check both and try again.');
    }
    if (row.scheme === SCRYPT_LEGACY.name) await this.upgrade(row.username, password);
    const user: UserView = { username: row.username, displayName: row.display_name, role: row.role };
    const token = randomBytes(32).toString('base64url');
    const expires = this.clock.now().getTime() + SESSION_HOURS * 3_600_000;
    this.sessions.set(token, { user, expires });
    return ok({ token, user, expiresAt: new Date(expires).toISOString() });
  }

  /** A hash of an older cost is replaced by today's, now that the password is at hand. */
  private async upgrade(username: string, password: string): Promise<void> {
    const c = await this.hasher.hash(password, SCRYPT_STRONG);
    this.store.db.prepare('UPDATE credentials SET scheme = ?, salt = ?, hash = ? WHERE username = ?').run(c.scheme, c.salt, c.hash, username);
  }

  /** The user behind a bearer token, or why there is none. */
  authenticate(token: string | null | undefined): Result<UserView> {
    if (!token) return fail(ErrorCode.unauthenticated, 'Sign in first: this needs a session token (Authorization: Bearer <token>).');
    const session = this.sessions.get(token);
    if (!session) return fail(ErrorCode.unauthenticated, 'Your session is not known to this station (signed out, or the station restarted). Sign in again.');
    if (session.expires < this.clock.now().getTime()) {
      this.sessions.delete(token);
      return fail(ErrorCode.unauthenticated, 'Your session has expired. Sign in again.');
    }
    return ok(session.user);
  }

  signOut(token: string | null | undefined): boolean {
    return token ? this.sessions.delete(token) : false;
  }
}
