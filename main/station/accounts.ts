import {
  ACCOUNT_POLICY_STREAM,
  AccountPolicy,
  DEFAULT_ACCOUNT_POLICY,
  ErrorCode,
  accessDecider,
  accessStreams,
  accountPolicyDecider,
  fail,
  findEvent,
  ok,
  streams,
  userDecider,
  type AccessCommand,
  type CommandContext,
  type FirstAdmin,
  type Result,
  type Role,
  type Session,
  type SessionEnd,
  type SessionInfo,
  type SessionView,
  type UserAdminView,
  type UserCommand,
  type UserView,
} from '../../core';
import type { EventStore, Tx } from '../store';
import { AddressBackoff, type AddressBackoffOptions } from './address-backoff';
import type { Clock } from './clock';
import { newContext } from './context';
import { Credentials, checkPasswords, type StoredCredential } from './credentials';
import { exec } from './exec';
import { silentLog, type Log } from './log';
import { PasswordHasher, SCRYPT_STRONG, unlessBusy, type ScryptScheme } from './password-hasher';
import { SessionBook, type OpenSession } from './sessions';
import { SignIn } from './sign-in';
import { Signer } from './signer';
import { UserViews } from './user-views';

export interface AccountsOptions {
  readonly log?: Log;
  readonly hasher?: PasswordHasher;
  readonly backoff?: AddressBackoffOptions;
  /** How often sessions past their time are looked for, so that an abandoned one is recorded as ended. */
  readonly sweepMs?: number;
}

/** The signed-in user of a call, and what the session allows. */
export interface SessionUser extends UserView {
  readonly session: string;
  readonly mustChangePassword: boolean;
}

/**
 * Accounts: users (event-sourced; administrators create, disable, enable, change roles, set temporary passwords),
 * their password hashes (kept out of the log), sign-in with lockout and per-address backoff, and bearer sessions.
 * Every change and every sign-in, failure, lockout and sign-out is an event with who did it; none carries a password.
 */
export class Accounts {
  private readonly credentials: Credentials;
  private readonly views: UserViews;
  private readonly sessions: SessionBook;
  private readonly signIns: SignIn;
  private readonly signer: Signer;
  private readonly backoff: AddressBackoff;
  private readonly hasher: PasswordHasher;
  private readonly ownsHasher: boolean;
  private readonly log: Log;
  private readonly revoked = new Set<(token: string, reason: SessionEnd) => void>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly sweeper: ReturnType<typeof setInterval>;
  private policyNow: AccountPolicy;
  private firstAdmin: { username: string; password: string } | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    o: AccountsOptions = {},
  ) {
    this.credentials = new Credentials(store.db);
    this.views = new UserViews(store.db, clock);
    this.hasher = o.hasher ?? new PasswordHasher();
    this.ownsHasher = !o.hasher;
    this.log = o.log ?? silentLog;
    this.backoff = new AddressBackoff(o.backoff);
    const row = store.db.prepare('SELECT policy FROM account_policy WHERE id = 1').pluck().get() as string | undefined;
    const stored = row ? AccountPolicy.safeParse(JSON.parse(row)) : null;
    this.policyNow = stored?.success ? stored.data : DEFAULT_ACCOUNT_POLICY;
    this.sessions = new SessionBook(clock, (role) => this.policyNow.idleMinutes[role] ?? DEFAULT_ACCOUNT_POLICY.idleMinutes[role], (s, reason, actor) => this.ended(s, reason, actor));
    // The shared streams' state is always the initial one (no lockout there): never fold them.
    store.snapshotFrom(accessStreams.unknown(), () => accessDecider.initialState());
    store.snapshotFrom(accessStreams.addresses(), () => accessDecider.initialState());
    this.signIns = new SignIn({
      store,
      clock,
      hasher: this.hasher,
      credentials: this.credentials,
      sessions: this.sessions,
      backoff: this.backoff,
      policy: () => this.policyNow,
      record: (stream, command, ctx) => this.record(stream, command, ctx),
      later: (work) => this.later(work),
    });
    this.signer = new Signer({ store, hasher: this.hasher, credentials: this.credentials, policy: () => this.policyNow });
    this.sweeper = setInterval(() => this.sessions.sweep(), o.sweepMs ?? 60_000);
    this.sweeper.unref();
  }

  /** A context for what the station does to accounts by itself (start-up seeding). */
  context(actor: string, extra: { source?: string } = {}): CommandContext {
    return newContext(this.clock, actor, extra);
  }

  exists(username: string): boolean {
    return this.views.one(username) !== null;
  }

  count(): number {
    return this.views.count();
  }

  policy(): AccountPolicy {
    return this.policyNow;
  }

  /** Every session end: signed out, timed out, revoked, disabled. The live stream closes the session's sockets with it. */
  onRevoked(listener: (token: string, reason: SessionEnd) => void): () => void {
    this.revoked.add(listener);
    return () => this.revoked.delete(listener);
  }

  // ── Users ────────────────────────────────────────────────────────────────────────────────────────────────────

  users(): UserAdminView[] {
    return this.views.all();
  }

  /**
   * A new user. The password is temporary (the user must choose one at the first sign-in) unless said; it must meet
   * the policy, except for demo accounts (password = user name), which are also hashed at a cheaper cost (`scheme`).
   */
  async create(
    username: string,
    displayName: string,
    role: Role,
    password: string,
    ctx: CommandContext,
    o: { scheme?: ScryptScheme; mustChangePassword?: boolean; demo?: boolean } = {},
  ): Promise<Result<UserAdminView>> {
    const credential = await this.hash(password, o.scheme);
    if (!credential.ok) return credential;
    const command: UserCommand = {
      type: 'CreateUser',
      username,
      displayName,
      role,
      password: o.demo ? null : { length: [...password].length, reuses: null },
      policy: this.policyNow.password,
      mustChangePassword: o.mustChangePassword ?? true,
    };
    return this.changeUser(username, command, ctx, () => this.credentials.add(username, credential.value, ctx.at));
  }

  async resetPassword(username: string, password: string, ctx: CommandContext): Promise<Result<UserAdminView>> {
    const credential = await this.hash(password);
    if (!credential.ok) return credential;
    const command: UserCommand = { type: 'ResetPassword', username, password: { length: [...password].length, reuses: null }, policy: this.policyNow.password };
    const r = await this.changeUser(username, command, ctx, () => this.credentials.replace(username, credential.value, ctx.at));
    if (r.ok) this.sessions.endWhere((s) => s.user.username === username, 'password-reset', ctx.actor);
    return r;
  }

  async disable(username: string, ctx: CommandContext): Promise<Result<UserAdminView>> {
    const r = await this.changeUser(username, { type: 'DisableUser', username }, ctx);
    if (r.ok) this.sessions.endWhere((s) => s.user.username === username, 'disabled', ctx.actor);
    return r;
  }

  enable(username: string, ctx: CommandContext): Promise<Result<UserAdminView>> {
    return this.changeUser(username, { type: 'EnableUser', username }, ctx);
  }

  async changeRole(username: string, role: Role, ctx: CommandContext): Promise<Result<UserAdminView>> {
    const r = await this.changeUser(username, { type: 'ChangeRole', username, role }, ctx);
    // Open sessions carry on under the new role (and its idle timeout) from their next call.
    if (r.ok) for (const s of this.sessions.forUser(username)) s.user = { ...s.user, role };
    return r;
  }

  async unlock(username: string, ctx: CommandContext): Promise<Result<UserAdminView>> {
    if (!this.exists(username)) return fail(ErrorCode.notFound, `There is no user ${username}.`);
    const r = await this.store.submit((tx) => exec(tx, accessStreams.user(username), accessDecider, { type: 'Unlock', username }, ctx));
    return r.ok ? this.views.result(username) : r;
  }

  async setPolicy(policy: AccountPolicy, ctx: CommandContext): Promise<Result<AccountPolicy>> {
    const r = await this.store.submit((tx) => exec(tx, ACCOUNT_POLICY_STREAM, accountPolicyDecider, { type: 'SetAccountPolicy', policy }, ctx));
    if (!r.ok) return r;
    const changed = findEvent(r.value, 'AccountPolicyChanged');
    if (changed) this.policyNow = changed.data.after;
    return ok(this.policyNow);
  }

  // ── First administrator ──────────────────────────────────────────────────────────────────────────────────────

  /** The first start's administrator and one-time password, kept in memory until the desktop app has shown it once. */
  holdFirstAdmin(admin: { username: string; password: string }): void {
    this.firstAdmin = admin;
  }

  /** Once: the desktop app shows it; afterwards (and once it was changed) nothing. */
  takeFirstAdmin(): FirstAdmin {
    const admin = this.firstAdmin;
    this.firstAdmin = null;
    return admin;
  }

  // ── Electronic signatures ──────────────────────────────────────────────────────────────────────────────────────

  /** A signer's password for an electronic signature (see Signer): it counts toward the lockout as a sign-in does. */
  checkSigner(username: string, password: string, address: string, action: string, ctx: CommandContext): Promise<Result<UserView>> {
    return this.signer.check(username, password, address, action, ctx);
  }

  /** Whether the session behind the token has given its first signature (then the password alone signs). */
  hasSigned(token: string | null): boolean {
    const r = this.sessions.find(token, false);
    return r.ok && r.value.signed === true;
  }

  markSigned(token: string | null): void {
    const r = this.sessions.find(token, false);
    if (r.ok) r.value.signed = true;
  }

  // ── Sign-in and sessions ─────────────────────────────────────────────────────────────────────────────────────

  /** Signs in (see SignIn): a session, or why not, in words. */
  async signIn(typed: string, password: string, address: string, ctx: CommandContext): Promise<Result<Session>> {
    const r = await this.signIns.run(typed, password, address, ctx);
    return r.ok ? ok(this.sessionOf(r.value)) : r;
  }

  /**
   * The signed-in user behind a bearer token, or why there is none. `activity`: the call is the user at work (a
   * command), not a screen refreshing itself. A session that must change its password is still a session: what it
   * may do is the dispatcher's to check (mustChangePassword).
   */
  authenticate(token: string | null | undefined, o: { activity?: boolean } = {}): Result<SessionUser> {
    const r = this.sessions.find(token, o.activity === true);
    return r.ok ? ok({ ...r.value.user, session: r.value.id, mustChangePassword: r.value.mustChangePassword }) : r;
  }

  sessionInfo(token: string | null): Result<SessionInfo> {
    const r = this.sessions.find(token, false);
    return r.ok ? ok(this.sessions.info(r.value)) : r;
  }

  signOut(token: string | null | undefined): boolean {
    const r = this.sessions.find(token, false);
    return r.ok && this.sessions.end(r.value, 'signed-out', r.value.user.username);
  }

  /** The user changes their own password: the current one, then a new one the policy accepts. Their other sessions end. */
  async changePassword(token: string | null, current: string, next: string, ctx: CommandContext): Promise<Result<Session>> {
    const found = this.sessions.find(token, true);
    if (!found.ok) return found;
    const s = found.value;
    const username = s.user.username;
    const kept = this.credentials.recent(username, Math.max(1, this.policyNow.password.history));
    const checks = await checkPasswords(this.hasher, kept, current, next, [...next].length >= this.policyNow.password.minLength);
    if (!checks.ok) return checks;
    if (!checks.value.current) return fail(ErrorCode.validation, 'Your current password is not right. Type it again.', { field: 'currentPassword' });
    const credential = await this.hash(next);
    if (!credential.ok) return credential;
    const command: UserCommand = { type: 'ChangePassword', username, password: { length: [...next].length, reuses: checks.value.reuses }, policy: this.policyNow.password };
    const r = await this.changeUser(username, command, ctx, () => this.credentials.replace(username, credential.value, ctx.at));
    if (!r.ok) return r;
    s.mustChangePassword = false;
    if (this.firstAdmin?.username === username) this.firstAdmin = null;
    this.sessions.endWhere((o) => o.user.username === username && o !== s, 'password-changed', ctx.actor);
    return ok(this.sessionOf(s));
  }

  sessionList(currentToken: string | null): SessionView[] {
    return this.sessions.list(currentToken);
  }

  /** Ends a session at once: its token is refused from now on, and onRevoked hears it. */
  revoke(id: string, ctx: CommandContext): Result<{ ended: boolean }> {
    const s = this.sessions.byId(id);
    if (!s) return fail(ErrorCode.notFound, 'That session is not open any more (it ended, or the station restarted).');
    return ok({ ended: this.sessions.end(s, 'revoked', ctx.actor) });
  }

  /** Stops looking for timed-out sessions and waits for the sign-outs still being recorded. */
  async dispose(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.pending]);
    this.sessions.clear();
    if (this.ownsHasher) await this.hasher.dispose();
  }

  // ── Inside ───────────────────────────────────────────────────────────────────────────────────────────────────

  /** One command on a user, and what goes with it in the same transaction (the password hash). */
  private async changeUser(username: string, command: UserCommand, ctx: CommandContext, withIt?: (tx: Tx) => void): Promise<Result<UserAdminView>> {
    const r = await this.store.submit((tx) => {
      const decided = exec(tx, streams.user(username), userDecider, command, ctx);
      if (decided.ok) withIt?.(tx);
      return decided;
    });
    return r.ok ? this.views.result(username) : r;
  }

  private sessionOf(s: OpenSession): Session {
    return { token: s.token, user: s.user, expiresAt: new Date(s.expiresAt).toISOString(), mustChangePassword: s.mustChangePassword };
  }

  private hash(password: string, scheme: ScryptScheme = SCRYPT_STRONG): Promise<Result<StoredCredential>> {
    return unlessBusy(() => this.hasher.hash(password, scheme));
  }

  private ended(s: OpenSession, reason: SessionEnd, actor: string): void {
    this.record(accessStreams.user(s.user.username), { type: 'SignOut', username: s.user.username, session: s.id, reason }, newContext(this.clock, actor));
    for (const l of this.revoked) {
      try {
        l(s.token, reason);
      } catch (error) {
        this.log.error('a listener of ended sessions failed', error);
      }
    }
  }

  /** Records an access event without holding up the caller (sign-outs, throttling); dispose() waits for them. */
  private record(stream: string, command: AccessCommand, ctx: CommandContext): void {
    this.later(
      this.store.submit((tx) => exec(tx, stream, accessDecider, command, ctx)).then(
        (r) => (r.ok ? undefined : this.log.warn(`not recorded: ${command.type} (${r.error.message})`)),
        (error: unknown) => this.log.error(`recording ${command.type}`, error),
      ),
    );
  }

  /** Work that need not hold up its caller; dispose() waits for it. */
  private later(work: Promise<unknown>): void {
    const p = work.catch((error: unknown) => this.log.error('account work', error)).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }
}
