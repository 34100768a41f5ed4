import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import { MAX_LOCKOUT_THRESHOLD, type AccountPolicy } from './policy';

/** Why a sign-in was refused, as auditors read it (the person is told less: see Accounts.signIn). */
export type SignInFailure = 'wrong-password' | 'unknown-user' | 'locked' | 'disabled';
/** Why a session ended. */
export type SessionEnd = 'signed-out' | 'idle' | 'expired' | 'revoked' | 'disabled' | 'password-reset' | 'password-changed';

/**
 * Who came and went: every sign-in, failure, lockout and sign-out, with the user name as typed and the client's
 * address. Known users have a stream each (access:<user>); names nobody has share one, so that what people type
 * into the user name field is not spread across stream names.
 */
export type AccessEvent =
  | {
      readonly type: 'SignedIn';
      readonly data: { readonly username: string; readonly session: string; readonly address: string; readonly mustChangePassword: boolean };
    }
  | {
      readonly type: 'SignInFailed';
      /** `at` is kept in the data too: the lockout counts failures within a window, and the fold sees only the data. */
      readonly data: { readonly username: string; readonly address: string; readonly reason: SignInFailure; readonly at: string };
    }
  | { readonly type: 'AccountLocked'; readonly data: { readonly username: string; readonly until: string; readonly failures: number } }
  | { readonly type: 'AccountUnlocked'; readonly data: { readonly username: string } }
  | { readonly type: 'SignedOut'; readonly data: { readonly username: string; readonly session: string; readonly reason: SessionEnd } }
  /** A signature refused: the password was wrong (it counts toward the lockout as a sign-in does), or the account locked or disabled. */
  | {
      readonly type: 'SignatureFailed';
      readonly data: { readonly username: string; readonly address: string; readonly action: string; readonly reason: SignInFailure; readonly at: string };
    }
  /** One address failed so often that its sign-ins are turned away for a while (429). */
  | { readonly type: 'SignInThrottled'; readonly data: { readonly address: string; readonly until: string; readonly failures: number } };

export interface AccessState {
  /** Times of wrong passwords since the last sign-in, unlock or lock (at most the policy's highest threshold). */
  readonly failures: readonly string[];
  readonly lockedUntil: string | null;
}

export type AccessCommand =
  | {
      readonly type: 'SignIn';
      /** As typed. */
      readonly username: string;
      readonly address: string;
      /** The session it opens if it succeeds (its id, not its token). */
      readonly session: string;
      /** What checking the password found: the station hashes, the decider decides. */
      readonly outcome: 'ok' | 'wrong-password' | 'unknown-user' | 'disabled';
      readonly mustChangePassword: boolean;
      readonly lockout: AccountPolicy['lockout'];
    }
  /** A signature given with a password that did not check out (a right one records nothing here: the signed events carry it). */
  | {
      readonly type: 'Sign';
      readonly username: string;
      readonly address: string;
      readonly action: string;
      readonly outcome: 'ok' | 'wrong-password' | 'disabled';
      readonly lockout: AccountPolicy['lockout'];
    }
  | { readonly type: 'Unlock'; readonly username: string }
  | { readonly type: 'SignOut'; readonly username: string; readonly session: string; readonly reason: SessionEnd }
  | { readonly type: 'Throttle'; readonly address: string; readonly until: string; readonly failures: number };

export const accessStreams = {
  user: (username: string) => `access:${username}`,
  /** Names that are no user: one stream, so that what was typed stays in the data. */
  unknown: () => 'access:?unknown',
  addresses: () => 'access:?addresses',
};

const MAX_KEPT = MAX_LOCKOUT_THRESHOLD;
const plusMinutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

/** A wrong password (at sign-in or in a signature): its failure, and the lock when it is the threshold's within the window. */
function wrongPassword(failure: AccessEvent, username: string, lockout: AccountPolicy['lockout'], state: AccessState, at: string): AccessEvent[] {
  const since = Date.parse(at) - lockout.windowMinutes * 60_000;
  const recent = state.failures.filter((t) => Date.parse(t) > since).length + 1;
  if (recent < lockout.threshold) return [failure];
  return [failure, { type: 'AccountLocked', data: { username, until: plusMinutes(at, lockout.durationMinutes), failures: recent } }];
}

export const isLocked = (state: AccessState, at: string): boolean => state.lockedUntil !== null && Date.parse(state.lockedUntil) > Date.parse(at);

/**
 * Sign-ins of one user name. Wrong passwords within the policy's window lock the account until a time (an
 * administrator may unlock it sooner); while locked, even the right password is refused. A refused sign-in is an
 * event too (SignInFailed), not a refusal of the command: the record keeps every attempt.
 */
export const accessDecider: Decider<AccessState, AccessCommand, AccessEvent> = {
  initialState: () => ({ failures: [], lockedUntil: null }),
  decide(c, state, ctx) {
    const at = ctx.at;
    switch (c.type) {
      case 'SignIn': {
        const failed = (reason: SignInFailure): AccessEvent => ({ type: 'SignInFailed', data: { username: c.username, address: c.address, reason, at } });
        if (isLocked(state, at)) return accept(failed('locked'));
        if (c.outcome === 'ok') return accept({ type: 'SignedIn', data: { username: c.username, session: c.session, address: c.address, mustChangePassword: c.mustChangePassword } });
        if (c.outcome !== 'wrong-password') return accept(failed(c.outcome));
        return accept(...wrongPassword(failed('wrong-password'), c.username, c.lockout, state, at));
      }
      case 'Sign': {
        const failed = (reason: SignInFailure): AccessEvent => ({ type: 'SignatureFailed', data: { username: c.username, address: c.address, action: c.action, reason, at } });
        if (isLocked(state, at)) return accept(failed('locked'));
        if (c.outcome === 'ok') return accept();
        if (c.outcome === 'disabled') return accept(failed('disabled'));
        return accept(...wrongPassword(failed('wrong-password'), c.username, c.lockout, state, at));
      }
      case 'Unlock':
        if (!isLocked(state, at)) return refuse(ErrorCode.invalidTransition, `${c.username} is not locked.`);
        return accept({ type: 'AccountUnlocked', data: { username: c.username } });
      case 'SignOut':
        return accept({ type: 'SignedOut', data: { username: c.username, session: c.session, reason: c.reason } });
      case 'Throttle':
        return accept({ type: 'SignInThrottled', data: { address: c.address, until: c.until, failures: c.failures } });
    }
  },
  evolve(state, e) {
    switch (e.type) {
      case 'SignInFailed':
      case 'SignatureFailed':
        return e.data.reason === 'wrong-password' ? { ...state, failures: [...state.failures, e.data.at].slice(-MAX_KEPT) } : state;
      case 'AccountLocked':
        return { failures: [], lockedUntil: e.data.until };
      case 'SignedIn':
      case 'AccountUnlocked':
        return { failures: [], lockedUntil: null };
      default:
        return state;
    }
  },
};
