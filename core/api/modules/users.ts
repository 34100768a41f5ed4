import { z } from 'zod';
import { AccountPolicy } from '../../users/policy';
import { ROLES } from '../../users/roles';
import { none, op } from '../operation';
import { isoDateTime } from '../schemas';
import { NewPassword } from './session';

// User administration (administrators): accounts, their sessions, the account policy.

export const UserAdminView = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  state: z.enum(['active', 'disabled']),
  /** A temporary password is set: the user must choose a new one at the next sign-in. */
  mustChangePassword: z.boolean(),
  /** Locked after failed sign-ins until then (null: not locked). */
  lockedUntil: isoDateTime.nullable(),
  lastSignInAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type UserAdminView = z.infer<typeof UserAdminView>;

const Username = z.string().trim().min(1, 'Name the user.').max(64);

export const CreateUserRequest = z.object({
  username: Username,
  displayName: z.string().trim().min(1, 'Give the name people know the user by.').max(80),
  role: z.enum(ROLES),
  /** Temporary: the user must choose a new one at the first sign-in. */
  password: NewPassword,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const SessionView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  address: z.string(),
  startedAt: isoDateTime,
  lastSeenAt: isoDateTime,
  idleExpiresAt: isoDateTime,
  expiresAt: isoDateTime,
  mustChangePassword: z.boolean(),
  /** The session asking. */
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

const user = z.object({ username: Username });

export const usersApi = {
  listUsers: op({ method: 'GET', path: '/users', summary: 'List users', input: none, output: z.array(UserAdminView), permission: 'users.manage' }),
  createUser: op({ method: 'POST', path: '/users', summary: 'Create a user with a temporary password', input: CreateUserRequest, output: UserAdminView, permission: 'users.manage', signature: () => 'user.administer' }),
  disableUser: op({ method: 'POST', path: '/users/{username}/disable', summary: 'Disable a user (ends their sessions)', input: user, output: UserAdminView, permission: 'users.manage', signature: () => 'user.administer' }),
  enableUser: op({ method: 'POST', path: '/users/{username}/enable', summary: 'Enable a disabled user', input: user, output: UserAdminView, permission: 'users.manage', signature: () => 'user.administer' }),
  unlockUser: op({ method: 'POST', path: '/users/{username}/unlock', summary: 'Unlock a user locked after failed sign-ins', input: user, output: UserAdminView, permission: 'users.manage', signature: () => 'user.administer' }),
  changeRole: op({
    method: 'POST',
    path: '/users/{username}/role',
    summary: "Change a user's role",
    input: user.extend({ role: z.enum(ROLES) }),
    output: UserAdminView,
    permission: 'users.manage', signature: () => 'user.administer',
  }),
  resetPassword: op({
    method: 'POST',
    path: '/users/{username}/password',
    summary: "Set a temporary password (the user must choose a new one at the next sign-in; ends the user's sessions)",
    input: user.extend({ password: NewPassword }),
    output: UserAdminView,
    permission: 'users.manage', signature: () => 'user.administer',
  }),
  listSessions: op({ method: 'GET', path: '/sessions', summary: 'List open sessions', input: none, output: z.array(SessionView), permission: 'users.manage' }),
  revokeSession: op({
    method: 'POST',
    path: '/sessions/{id}/revoke',
    summary: 'End a session at once',
    input: z.object({ id: z.string().min(1).max(64) }),
    output: z.object({ ended: z.boolean() }),
    permission: 'users.manage',
  }),
  getAccountPolicy: op({ method: 'GET', path: '/account-policy', summary: 'The account policy (passwords, lockout, idle timeouts)', input: none, output: AccountPolicy, permission: 'users.manage' }),
  setAccountPolicy: op({ method: 'POST', path: '/account-policy', summary: 'Change the account policy', input: AccountPolicy, output: AccountPolicy, permission: 'users.manage', signature: () => 'user.administer' }),
} as const;
