import { accept, refuse, type Decider, type Decision } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import { passwordRefusal, type AccountPolicy, type PasswordFacts } from './policy';
import { ROLES, ROLE_LABEL, type Role } from './roles';

/**
 * A user account's life: created, disabled and enabled again (never deleted: a user name is never reused), its role,
 * its password set by an administrator (temporary) or chosen by the user. Who did each is the event's actor; no
 * event carries a password or a hash.
 */
export type UserEvent =
  | {
      readonly type: 'UserCreated';
      /** mustChangePassword: the password was given by someone else (an administrator, the first start) and is temporary. */
      readonly data: { readonly username: string; readonly displayName: string; readonly role: Role; readonly mustChangePassword?: boolean };
    }
  | { readonly type: 'UserDisabled'; readonly data: { readonly username: string } }
  | { readonly type: 'UserEnabled'; readonly data: { readonly username: string } }
  | { readonly type: 'UserRoleChanged'; readonly data: { readonly username: string; readonly from: Role; readonly to: Role } }
  /** An administrator set a temporary password: the user must choose a new one at the next sign-in. */
  | { readonly type: 'PasswordReset'; readonly data: { readonly username: string } }
  /** The user chose a new password. */
  | { readonly type: 'PasswordChanged'; readonly data: { readonly username: string } };

export interface UserState {
  readonly exists: boolean;
  readonly role: Role | null;
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
}

type PasswordPolicy = AccountPolicy['password'];

export type UserCommand =
  | {
      readonly type: 'CreateUser';
      readonly username: string;
      readonly displayName: string;
      readonly role: Role;
      /** The first password's facts, checked against the policy; null for demo accounts (password = user name). */
      readonly password: PasswordFacts | null;
      readonly policy: PasswordPolicy;
      readonly mustChangePassword: boolean;
    }
  | { readonly type: 'DisableUser'; readonly username: string }
  | { readonly type: 'EnableUser'; readonly username: string }
  | { readonly type: 'ChangeRole'; readonly username: string; readonly role: Role }
  | { readonly type: 'ResetPassword'; readonly username: string; readonly password: PasswordFacts; readonly policy: PasswordPolicy }
  | { readonly type: 'ChangePassword'; readonly username: string; readonly password: PasswordFacts; readonly policy: PasswordPolicy };

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

const refusePassword = (p: PasswordFacts, policy: PasswordPolicy, temporary: boolean): Decision<UserEvent> | null => {
  const r = passwordRefusal(p, policy, temporary);
  return r ? refuse(r.code, r.message, r.details) : null;
};

function create(c: Extract<UserCommand, { type: 'CreateUser' }>, state: UserState): Decision<UserEvent> {
  if (state.exists) return refuse(ErrorCode.duplicate, `User ${c.username} already exists; a user name is never used twice.`, { username: c.username });
  if (!USERNAME.test(c.username)) {
    return refuse(ErrorCode.validation, `"${c.username}" is not a user name: 2 to 40 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit.`);
  }
  if (c.displayName.trim() === '') return refuse(ErrorCode.validation, 'Give the name people know the user by.');
  if (!ROLES.includes(c.role)) return refuse(ErrorCode.validation, `There is no role "${c.role}"; roles are ${ROLES.join(', ')}.`);
  const weak = c.password ? refusePassword(c.password, c.policy, true) : null;
  if (weak) return weak;
  const data = { username: c.username, displayName: c.displayName.trim(), role: c.role };
  return accept({ type: 'UserCreated', data: c.mustChangePassword ? { ...data, mustChangePassword: true } : data });
}

/** A user account. A user name is never reused: once created, it stays taken, and an account is disabled, never deleted. */
export const userDecider: Decider<UserState, UserCommand, UserEvent> = {
  initialState: () => ({ exists: false, role: null, disabled: false, mustChangePassword: false }),
  decide(c, state, ctx) {
    if (c.type === 'CreateUser') return create(c, state);
    if (!state.exists) return refuse(ErrorCode.notFound, `There is no user ${c.username}.`);
    switch (c.type) {
      case 'DisableUser':
        if (state.disabled) return refuse(ErrorCode.invalidTransition, `${c.username} is already disabled.`);
        // An administrator who disables themselves may leave the station with nobody to manage it.
        if (ctx.actor === c.username) return refuse(ErrorCode.invalidTransition, 'You cannot disable your own account: ask another administrator.');
        return accept({ type: 'UserDisabled', data: { username: c.username } });
      case 'EnableUser':
        if (!state.disabled) return refuse(ErrorCode.invalidTransition, `${c.username} is not disabled.`);
        return accept({ type: 'UserEnabled', data: { username: c.username } });
      case 'ChangeRole': {
        if (!ROLES.includes(c.role)) return refuse(ErrorCode.validation, `There is no role "${c.role}"; roles are ${ROLES.join(', ')}.`);
        const from = state.role ?? c.role;
        if (from === c.role) return refuse(ErrorCode.invalidTransition, `${c.username} already has the role ${ROLE_LABEL[c.role]}.`);
        if (ctx.actor === c.username) return refuse(ErrorCode.invalidTransition, 'You cannot change your own role: ask another administrator.');
        return accept({ type: 'UserRoleChanged', data: { username: c.username, from, to: c.role } });
      }
      case 'ResetPassword':
        return refusePassword(c.password, c.policy, true) ?? accept({ type: 'PasswordReset', data: { username: c.username } });
      case 'ChangePassword':
        if (state.disabled) return refuse(ErrorCode.invalidTransition, `${c.username} is disabled.`);
        return refusePassword(c.password, c.policy, false) ?? accept({ type: 'PasswordChanged', data: { username: c.username } });
    }
  },
  evolve(state, e) {
    switch (e.type) {
      case 'UserCreated':
        return { exists: true, role: e.data.role, disabled: false, mustChangePassword: e.data.mustChangePassword === true };
      case 'UserDisabled':
        return { ...state, disabled: true };
      case 'UserEnabled':
        return { ...state, disabled: false };
      case 'UserRoleChanged':
        return { ...state, role: e.data.to };
      case 'PasswordReset':
        return { ...state, mustChangePassword: true };
      case 'PasswordChanged':
        return { ...state, mustChangePassword: false };
    }
  },
};
