import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { ErrorCode, fail, ok, streams, type Result, type Role, type UserView } from '../../core';
import type { EventStore } from '../store';
import type { Clock } from './clock';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;
const SESSION_HOURS = 12;

function hash(password: string, salt: Buffer): Buffer {
  return scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
}

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
  ) {}

  count(): number {
    return this.store.db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  }

  create(username: string, displayName: string, role: Role, password: string, actor: string): Result<UserView> {
    const salt = randomBytes(16);
    const digest = hash(password, salt).toString('base64');
    const at = this.clock.now().toISOString();
    return this.store.runNow((tx) => {
      const stream = streams.user(username);
      const { version } = tx.load(stream, { initialState: () => null, evolve: () => null });
      if (version > 0) return fail(ErrorCode.duplicate, `User ${username} already exists.`);
      tx.append(stream, 0, [{ type: 'UserCreated', data: { username, displayName, role } }], { at, actor });
      tx.db
        .prepare("INSERT INTO credentials (username, scheme, salt, hash, changed_at) VALUES (?, 'scrypt-16384-8-1', ?, ?, ?)")
        .run(username, salt.toString('base64'), digest, at);
      return ok({ username, displayName, role });
    });
  }

  signIn(username: string, password: string): Result<SignedIn> {
    const row = this.store.db
      .prepare('SELECT u.username, u.display_name, u.role, c.salt, c.hash FROM users u JOIN credentials c USING (username) WHERE u.username = ?')
      .get(username) as { username: string; display_name: string; role: Role; salt: string; hash: string } | undefined;
    // Hash even for an unknown user so that timing does not tell which user names exist.
    const digest = hash(password, row ? Buffer.from(row.salt, 'base64') : Buffer.alloc(16));
    if (!row || !timingSafeEqual(digest, Buffer.from(row.hash, 'base64'))) {
      return fail(ErrorCode.unauthenticated, 'User name or password is wrong. Check both and try again.');
    }
    const user: UserView = { username: row.username, displayName: row.display_name, role: row.role };
    const token = randomBytes(32).toString('base64url');
    const expires = this.clock.now().getTime() + SESSION_HOURS * 3_600_000;
    this.sessions.set(token, { user, expires });
    return ok({ token, user, expiresAt: new Date(expires).toISOString() });
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
