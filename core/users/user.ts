import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import { ROLES, type Role } from './roles';

export type UserEvent = { readonly type: 'UserCreated'; readonly data: { readonly username: string; readonly displayName: string; readonly role: Role } };
export type UserState = { readonly exists: boolean };
export type UserCommand = { readonly type: 'CreateUser'; readonly username: string; readonly displayName: string; readonly role: Role };

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** A user account. A user name is never reused: once created, it stays taken. */
export const userDecider: Decider<UserState, UserCommand, UserEvent> = {
  initialState: () => ({ exists: false }),
  decide(c, state) {
    if (state.exists) return refuse(ErrorCode.duplicate, `User ${c.username} already exists; a user name is never used twice.`, { username: c.username });
    if (!USERNAME.test(c.username)) {
      return refuse(ErrorCode.validation, `"${c.username}" is not a user name: 2 to 40 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit.`);
    }
    if (c.displayName.trim() === '') return refuse(ErrorCode.validation, 'Give the name people know the user by.');
    if (!ROLES.includes(c.role)) return refuse(ErrorCode.validation, `There is no role "${c.role}"; roles are ${ROLES.join(', ')}.`);
    return accept({ type: 'UserCreated', data: { username: c.username, displayName: c.displayName.trim(), role: c.role } });
  },
  evolve: () => ({ exists: true }),
};
