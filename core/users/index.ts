import type { AccessEvent } from './access';
import type { AccountPolicyEvent } from './policy';
import type { UserEvent } from './user';

export * from './roles';
export * from './user';
export * from './access';
export * from './policy';

/** Everything recorded about accounts: their life, who came and went, the policy. */
export type AccountEvent = UserEvent | AccessEvent | AccountPolicyEvent;

/**
 * The account records: sign-ins and their failures (with the names tried and the addresses), lockouts, users, the
 * policy. In the event log they are for administrators, quality and auditors only (see can(role, 'audit.view')).
 */
const ACCOUNT_RECORDS: Record<AccountEvent['type'], true> = {
  UserCreated: true, UserDisabled: true, UserEnabled: true, UserRoleChanged: true, PasswordReset: true, PasswordChanged: true,
  SignedIn: true, SignInFailed: true, SignatureFailed: true, AccountLocked: true, AccountUnlocked: true, SignedOut: true, SignInThrottled: true,
  AccountPolicyChanged: true,
};
export const ACCOUNT_EVENT_TYPES = Object.keys(ACCOUNT_RECORDS) as readonly AccountEvent['type'][];
