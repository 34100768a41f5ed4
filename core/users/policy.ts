import { z } from 'zod';
import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import { sameParsed } from '../shared/same-parsed';
import type { Role } from './roles';

const minutes = (what: string, min: number, max: number) =>
  z
    .number()
    .int(`${what} is a whole number of minutes.`)
    .min(min, `${what} is at least ${min} minute(s).`)
    .max(max, `${what} is at most ${max} minutes.`);

/** A session lasts at most this long, however active (the idle timeouts are shorter). */
export const SESSION_HOURS = 12;
/** The most passwords a user's history may be checked against: each check is a slow hash. */
export const MAX_PASSWORD_HISTORY = 10;
const idle = () => minutes('An idle timeout', 1, SESSION_HOURS * 60);

/**
 * What an administrator sets for every account: passwords, lockout, how long a session may sit idle (per role: an
 * operator terminal on the floor stays signed in through a shift, an administrator's desk does not).
 */
/** The most failures a lockout may wait for (the access record keeps that many). */
export const MAX_LOCKOUT_THRESHOLD = 20;

export const AccountPolicy = z.object({
  password: z.object({
    /** For every new password, temporary ones too; passwords set before a change keep working. */
    minLength: z.number().int().min(8, 'A password policy asks at least 8 characters.').max(128, 'A minimum of more than 128 characters helps nobody.'),
    /** A new password may not be any of the user's last N (the current one counts; it is always refused). */
    history: z.number().int().min(0).max(MAX_PASSWORD_HISTORY, `A new password is checked against at most the last ${MAX_PASSWORD_HISTORY}.`),
  }),
  lockout: z.object({
    /** Failed sign-ins (wrong password) within the window that lock the account. */
    threshold: z.number().int().min(3, 'Lock after at least 3 failures: people mistype.').max(MAX_LOCKOUT_THRESHOLD),
    windowMinutes: minutes('The lockout window', 1, 1440),
    /** How long a locked account stays locked (an administrator can unlock it sooner). */
    durationMinutes: minutes('The lockout', 1, 1440),
  }),
  /** A session unused this long ends; per role. */
  // Roles added later have defaults: a policy recorded before them still reads.
  idleMinutes: z.object({
    operator: idle(),
    shift_lead: idle(),
    supervisor: idle(),
    engineer: idle(),
    quality: idle().default(60),
    auditor: idle().default(30),
    admin: idle(),
  } satisfies Record<Role, z.ZodType<number>>),
});
export type AccountPolicy = z.infer<typeof AccountPolicy>;

/**
 * Defaults: 12 characters (NIST SP 800-63B asks 8 at least and long passphrases rather than composition rules; 12 is
 * typeable on a plant keyboard and well past 8), not one of the last 5; 5 failures in 15 minutes lock an account for
 * 15 minutes; idle timeouts from a shift for operators down to 15 minutes for administrators.
 */
export const DEFAULT_ACCOUNT_POLICY: AccountPolicy = {
  password: { minLength: 12, history: 5 },
  lockout: { threshold: 5, windowMinutes: 15, durationMinutes: 15 },
  idleMinutes: { operator: 480, shift_lead: 120, supervisor: 60, engineer: 30, quality: 60, auditor: 30, admin: 15 },
};

export type AccountPolicyEvent = { readonly type: 'AccountPolicyChanged'; readonly data: { readonly before: AccountPolicy; readonly after: AccountPolicy } };
export type AccountPolicyCommand = { readonly type: 'SetAccountPolicy'; readonly policy: AccountPolicy };

export const ACCOUNT_POLICY_STREAM = 'policy:accounts';


/** The station's account policy: one, the defaults until an administrator changes it; each change records before and after. */
export const accountPolicyDecider: Decider<AccountPolicy, AccountPolicyCommand, AccountPolicyEvent> = {
  initialState: () => DEFAULT_ACCOUNT_POLICY,
  decide(c, state) {
    const parsed = AccountPolicy.safeParse(c.policy);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse(ErrorCode.validation, `${issue?.message ?? 'The policy is not valid.'} (${issue?.path.join('.') ?? 'policy'})`);
    }
    if (sameParsed(AccountPolicy, state, parsed.data)) return refuse(ErrorCode.invalidTransition, 'The policy is already so: nothing to change.');
    return accept({ type: 'AccountPolicyChanged', data: { before: state, after: parsed.data } });
  },
  evolve: (_state, e) => e.data.after,
};

/**
 * What the station knows of a new password without keeping it: how long it is, and whether it is one of the user's
 * kept passwords (0: the current one, 1: the one before, …; null: none of them, or not checked).
 */
export interface PasswordFacts {
  readonly length: number;
  readonly reuses: number | null;
}

/** Why a new password is refused under the policy, or null. A temporary one (set by an administrator) is checked for length only. */
export function passwordRefusal(p: PasswordFacts, policy: AccountPolicy['password'], temporary: boolean): { code: string; message: string; details: Record<string, unknown> } | null {
  if (p.length < policy.minLength) {
    return {
      code: ErrorCode.validation,
      message: `The password is too short: at least ${policy.minLength} characters. A few words make a long password that is easy to type.`,
      details: { rule: 'min_length', minLength: policy.minLength },
    };
  }
  if (!temporary && p.reuses === 0) {
    return { code: ErrorCode.validation, message: 'The new password is the current one: choose a different password.', details: { rule: 'history', history: policy.history } };
  }
  if (!temporary && p.reuses !== null && p.reuses < policy.history) {
    return {
      code: ErrorCode.validation,
      message: `That password was used before: choose one that is not among your last ${policy.history}.`,
      details: { rule: 'history', history: policy.history },
    };
  }
  return null;
}
