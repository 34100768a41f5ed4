import { randomBytes, randomUUID } from 'node:crypto';
import { ErrorCode, SESSION_HOURS, fail, ok, type Result, type Role, type SessionEnd, type SessionInfo, type SessionView, type UserView } from '../../core';
import type { Clock } from './clock';

/** A session open on this station. Its token is the bearer secret; its id names it to administrators. */
export interface OpenSession {
  readonly id: string;
  readonly token: string;
  user: UserView;
  readonly address: string;
  readonly startedAt: number;
  lastSeenAt: number;
  readonly expiresAt: number;
  /** The password was temporary: the session may only change it. */
  mustChangePassword: boolean;
  /** The session's first electronic signature was given (with user name and password): later ones need the password alone (11.200(a)(1)). */
  signed?: boolean;
}

/** Hears every session that ends, whatever ended it; `actor` is who did (the station itself for timeouts). */
export type SessionEnded = (session: OpenSession, reason: SessionEnd, actor: string) => void;

const WHY: Record<SessionEnd, string> = {
  'signed-out': 'You signed out.',
  idle: 'Your session ended after a time without activity.',
  expired: `Your session reached its ${SESSION_HOURS} hours.`,
  revoked: 'An administrator ended your session.',
  disabled: 'Your account was disabled.',
  'password-reset': 'An administrator set a new password for you.',
  'password-changed': 'Your password was changed.',
};
/** Tokens of sessions ended lately, so that a client is told why rather than "not known". */
const REMEMBER_ENDED = 1000;

/**
 * Bearer sessions, in memory (a restart signs everyone out): an absolute limit of 12 hours, and an idle timeout
 * per role from the account policy; "idle" means no command and no activity the HMI reported, not that no screen
 * was refreshed.
 */
export class SessionBook {
  private readonly byToken = new Map<string, OpenSession>();
  private readonly ended = new Map<string, SessionEnd>();

  constructor(
    private readonly clock: Clock,
    private readonly idleMinutes: (role: Role) => number,
    private readonly onEnded: SessionEnded,
  ) {}

  open(user: UserView, address: string, mustChangePassword: boolean, id: string = randomUUID()): OpenSession {
    const now = this.clock.now().getTime();
    const s: OpenSession = {
      id,
      token: randomBytes(32).toString('base64url'),
      user,
      address,
      startedAt: now,
      lastSeenAt: now,
      expiresAt: now + SESSION_HOURS * 3_600_000,
      mustChangePassword,
    };
    this.byToken.set(s.token, s);
    return s;
  }

  /** The open session behind a token; one past its idle timeout or its 12 hours ends here. `activity`: it is used now. */
  find(token: string | null | undefined, activity: boolean): Result<OpenSession> {
    if (!token) return fail(ErrorCode.unauthenticated, 'Sign in first: this needs a session token (Authorization: Bearer <token>).');
    const s = this.byToken.get(token);
    if (!s) {
      const why = this.ended.get(token);
      return fail(ErrorCode.unauthenticated, `${why ? WHY[why] : 'Your session is not known to this station (signed out, or the station restarted).'} Sign in again.`);
    }
    const over = this.over(s, this.clock.now().getTime());
    if (over) {
      this.end(s, over, 'system');
      return fail(ErrorCode.unauthenticated, `${WHY[over]} Sign in again.`);
    }
    if (activity) s.lastSeenAt = this.clock.now().getTime();
    return ok(s);
  }

  /** Ends one session at once; false if it was not open. */
  end(s: OpenSession, reason: SessionEnd, actor: string): boolean {
    if (!this.byToken.delete(s.token)) return false;
    this.ended.set(s.token, reason);
    if (this.ended.size > REMEMBER_ENDED) this.ended.delete(this.ended.keys().next().value as string);
    this.onEnded(s, reason, actor);
    return true;
  }

  /** Ends every session that matches; returns how many. */
  endWhere(match: (s: OpenSession) => boolean, reason: SessionEnd, actor: string): number {
    let n = 0;
    for (const s of [...this.byToken.values()]) if (match(s) && this.end(s, reason, actor)) n += 1;
    return n;
  }

  byId(id: string): OpenSession | null {
    for (const s of this.byToken.values()) if (s.id === id) return s;
    return null;
  }

  forUser(username: string): OpenSession[] {
    return [...this.byToken.values()].filter((s) => s.user.username === username);
  }

  /** Ends the sessions past their time (a timer calls this, so that an abandoned session is recorded as ended). */
  sweep(): void {
    const now = this.clock.now().getTime();
    for (const s of [...this.byToken.values()]) {
      const over = this.over(s, now);
      if (over) this.end(s, over, 'system');
    }
  }

  list(currentToken: string | null): SessionView[] {
    this.sweep();
    return [...this.byToken.values()]
      .sort((a, b) => a.startedAt - b.startedAt)
      .map((s) => ({
        id: s.id,
        username: s.user.username,
        displayName: s.user.displayName,
        role: s.user.role,
        address: s.address,
        startedAt: iso(s.startedAt),
        lastSeenAt: iso(s.lastSeenAt),
        idleExpiresAt: iso(this.idleEnd(s)),
        expiresAt: iso(s.expiresAt),
        mustChangePassword: s.mustChangePassword,
        current: s.token === currentToken,
      }));
  }

  info(s: OpenSession): SessionInfo {
    return {
      ...s.user,
      session: s.id,
      startedAt: iso(s.startedAt),
      expiresAt: iso(s.expiresAt),
      idleExpiresAt: iso(this.idleEnd(s)),
      mustChangePassword: s.mustChangePassword,
    };
  }

  /** Ends every session without recording (the station stops). */
  clear(): void {
    this.byToken.clear();
  }

  private idleEnd(s: OpenSession): number {
    return Math.min(s.expiresAt, s.lastSeenAt + this.idleMinutes(s.user.role) * 60_000);
  }

  private over(s: OpenSession, now: number): SessionEnd | null {
    if (now >= s.expiresAt) return 'expired';
    if (now >= this.idleEnd(s)) return 'idle';
    return null;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
