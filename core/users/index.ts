import type { AccessEvent } from './access';
import type { AccountPolicyEvent } from './policy';
import type { UserEvent } from './user';

export * from './roles';
export * from './user';
export * from './access';
export * from './policy';

/** Everything recorded about accounts: their life, who came and went, the policy. */
export type AccountEvent = UserEvent | AccessEvent | AccountPolicyEvent;

// A record, not a list: adding an account event without naming it here is a type error.
const ACCOUNT_EVENT_TYPES: Record<AccountEvent['type'], true> = {
  UserCreated: true,
  UserDisabled: true,
  UserEnabled: true,
  UserRoleChanged: true,
  PasswordReset: true,
  PasswordChanged: true,
  SignedIn: true,
  SignInFailed: true,
  AccountLocked: true,
  AccountUnlocked: true,
  SignedOut: true,
  SignInThrottled: true,
  AccountPolicyChanged: true,
};

export const isAccountEventType = (type: string): boolean => Object.hasOwn(ACCOUNT_EVENT_TYPES, type);
