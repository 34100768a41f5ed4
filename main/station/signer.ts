import { ErrorCode, accessDecider, accessStreams, fail, findEvent, ok, streams, userDecider, type AccountPolicy, type CommandContext, type Result, type Role, type UserView } from '../../core';
import type { EventStore } from '../store';
import type { Credentials } from './credentials';
import { exec } from './exec';
import { unlessBusy, type PasswordHasher } from './password-hasher';

export interface SignerParts {
  readonly store: EventStore;
  readonly hasher: PasswordHasher;
  readonly credentials: Credentials;
  readonly policy: () => AccountPolicy;
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * One signer's password for an electronic signature, checked as a sign-in is: off the loop, against the lockout. A
 * wrong password counts toward the account's lockout (SignatureFailed); a locked or disabled account cannot sign.
 */
export class Signer {
  constructor(private readonly p: SignerParts) {}

  async check(username: string, password: string, address: string, action: string, ctx: CommandContext): Promise<Result<UserView>> {
    const { store, credentials } = this.p;
    const known = store.db.prepare('SELECT username, display_name, role FROM users WHERE username = ?').get(username) as
      | { username: string; display_name: string; role: Role }
      | undefined;
    const stored = known ? credentials.current(username) : null;
    if (!known || !stored) return fail(ErrorCode.signatureInvalid, `There is no user "${username}" who can sign. Check the user name.`, { field: 'username' });
    const checked = await unlessBusy(() => this.p.hasher.verify(password, stored));
    if (!checked.ok) return checked;
    const decided = await store.submit((tx) => {
      const user = tx.load(streams.user(username), userDecider).state;
      const still = credentials.current(username)?.hash === stored.hash;
      const outcome = user.disabled ? 'disabled' : checked.value && still ? 'ok' : 'wrong-password';
      return exec(tx, accessStreams.user(username), accessDecider, { type: 'Sign', username, address, action, outcome, lockout: this.p.policy().lockout }, ctx);
    });
    if (!decided.ok) return decided;
    const failed = findEvent(decided.value, 'SignatureFailed')?.data;
    if (!failed) return ok({ username: known.username, displayName: known.display_name, role: known.role });
    const locked = findEvent(decided.value, 'AccountLocked')?.data;
    if (failed.reason === 'locked' || locked) {
      const until = locked?.until ?? (store.db.prepare('SELECT locked_until FROM access WHERE username = ?').pluck().get(username) as string | null) ?? ctx.at;
      const what = locked ? `The password is wrong, and after ${locked.failures} failures the account of ${username} is locked` : `The account of ${username} is locked`;
      return fail(ErrorCode.accountLocked, `${what} until ${utc(until)}: it cannot sign. Ask an administrator to unlock it.`, { lockedUntil: until, username });
    }
    if (failed.reason === 'disabled') return fail(ErrorCode.signatureInvalid, `The account of ${username} is disabled: it cannot sign.`, { username });
    return fail(ErrorCode.signatureInvalid, `The password of ${username} is wrong. Type it again (wrong passwords count toward the account's lockout).`, { field: 'password', username });
  }
}
