import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  accessDecider,
  accessStreams,
  fail,
  findEvent,
  ok,
  streams,
  userDecider,
  type AccessCommand,
  type AccountPolicy,
  type CommandContext,
  type Result,
  type Role,
  type UserView,
} from '../../core';
import type { EventStore } from '../store';
import type { AddressBackoff } from './address-backoff';
import type { Clock } from './clock';
import type { Credentials, StoredCredential } from './credentials';
import { exec } from './exec';
import { SCRYPT_LEGACY, SCRYPT_STRONG, unlessBusy, type PasswordHasher } from './password-hasher';
import type { OpenSession, SessionBook } from './sessions';

export interface SignInParts {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly hasher: PasswordHasher;
  readonly credentials: Credentials;
  readonly sessions: SessionBook;
  readonly backoff: AddressBackoff;
  readonly policy: () => AccountPolicy;
  /** Records an access event without waiting for it. */
  readonly record: (stream: string, command: AccessCommand, ctx: CommandContext) => void;
  /** Work that need not hold up the caller (a hash upgrade); the station waits for it when it stops. */
  readonly later: (work: Promise<unknown>) => void;
}

const WRONG = 'User name or password is wrong. Check both and try again.';
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * Signing in: the address's backoff first (no hash spent on an address that must wait), then the password checked
 * off the station's loop, then the access decider decides (locked, disabled, wrong, fine) and the attempt is
 * recorded, in one transaction of the store's next group.
 */
export class SignIn {
  constructor(private readonly p: SignInParts) {}

  async run(typed: string, password: string, address: string, ctx: CommandContext): Promise<Result<OpenSession>> {
    const { store, clock, credentials, backoff } = this.p;
    const wait = backoff.waitSeconds(address, clock.now().getTime());
    if (wait > 0) return fail(ErrorCode.busy, `Too many failed sign-ins from this computer. Wait ${wait} s and try again.`, { retryAfterSeconds: wait });
    const known = store.db.prepare('SELECT username, display_name, role FROM users WHERE username = ?').get(typed) as
      | { username: string; display_name: string; role: Role }
      | undefined;
    const stored = known ? credentials.current(typed) : null;
    // Hash even for an unknown user so that timing does not tell which user names exist.
    const checked = await unlessBusy(() => (stored ? this.p.hasher.verify(password, stored) : this.p.hasher.decoy(password).then(() => false)));
    if (!checked.ok) return checked;
    const session = randomUUID();
    const decided = await store.submit((tx) => {
      const user = known ? tx.load(streams.user(typed), userDecider).state : null;
      // A password reset since the hash was read: what was checked is no longer the password.
      const still = stored !== null && credentials.current(typed)?.hash === stored.hash;
      const outcome = !user?.exists ? 'unknown-user' : !checked.value || !still ? 'wrong-password' : user.disabled ? 'disabled' : 'ok';
      const command: AccessCommand = {
        type: 'SignIn',
        username: typed,
        address,
        session,
        outcome,
        mustChangePassword: user?.mustChangePassword ?? false,
        lockout: this.p.policy().lockout,
      };
      return exec(tx, known ? accessStreams.user(typed) : accessStreams.unknown(), accessDecider, command, outcome === 'ok' ? { ...ctx, actor: typed } : ctx);
    });
    if (!decided.ok) return decided;
    const signedIn = findEvent(decided.value, 'SignedIn');
    if (signedIn && known && stored) {
      backoff.success(address);
      // The upgrade takes a strong hash: the user does not wait for it.
      if (stored.scheme === SCRYPT_LEGACY.name) this.p.later(this.upgrade(typed, password, stored));
      const user: UserView = { username: known.username, displayName: known.display_name, role: known.role };
      return ok(this.p.sessions.open(user, address, signedIn.data.mustChangePassword, session));
    }
    const throttle = backoff.failure(address, clock.now().getTime());
    if (throttle) {
      this.p.record(accessStreams.addresses(), { type: 'Throttle', address, until: new Date(throttle.until).toISOString(), failures: throttle.failures }, ctx);
    }
    const lockedNow = findEvent(decided.value, 'AccountLocked')?.data;
    const reason = findEvent(decided.value, 'SignInFailed')?.data.reason;
    if (reason === 'locked' || lockedNow) {
      const until = lockedNow?.until ?? this.lockedUntil(typed) ?? ctx.at;
      const what = lockedNow
        ? `User name or password is wrong, and after ${lockedNow.failures} failed sign-ins the account is locked`
        : 'This account is locked after too many failed sign-ins, even with the right password,';
      return fail(ErrorCode.accountLocked, `${what} until ${utc(until)}. Wait until then, or ask an administrator to unlock it.`, { lockedUntil: until });
    }
    if (reason === 'disabled') return fail(ErrorCode.forbidden, 'This account is disabled. Ask an administrator if you need it again.');
    return fail(ErrorCode.unauthenticated, WRONG);
  }

  private lockedUntil(username: string): string | null {
    return (this.p.store.db.prepare('SELECT locked_until FROM access WHERE username = ?').pluck().get(username) as string | null | undefined) ?? null;
  }

  /** A hash of an older cost is replaced by today's, now that the password is at hand. */
  private async upgrade(username: string, password: string, from: StoredCredential): Promise<void> {
    const to = await unlessBusy(() => this.p.hasher.hash(password, SCRYPT_STRONG));
    if (to.ok) this.p.credentials.upgrade(username, from, to.value);
  }
}
