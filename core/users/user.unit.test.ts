import { describe, test } from 'node:test';
import { specFor } from '../../tests/support/given-when-then';
import { DEFAULT_ACCOUNT_POLICY, type PasswordFacts } from './policy';
import type { Role } from './roles';
import { userDecider, type UserEvent } from './user';

const given = specFor(userDecider);
const policy = DEFAULT_ACCOUNT_POLICY.password;
const strong: PasswordFacts = { length: 16, reuses: null };
const create = (username: string, role: Role = 'operator', password: PasswordFacts | null = strong) =>
  ({ type: 'CreateUser', username, displayName: ' Ada Lovelace ', role, password, policy, mustChangePassword: true }) as const;
const ada: UserEvent = { type: 'UserCreated', data: { username: 'ada', displayName: 'Ada', role: 'operator', mustChangePassword: true } };
const changed: UserEvent = { type: 'PasswordChanged', data: { username: 'ada' } };
// The test context's actor is "test": an administrator acting on someone else.

describe('user accounts', () => {
  test('a user is created with the name people know them by, and must choose a password at the first sign-in', () =>
    given([]).when(create('ada')).then([{ type: 'UserCreated', data: { username: 'ada', displayName: 'Ada Lovelace', role: 'operator', mustChangePassword: true } }]));
  test('a user name is never used twice, even once disabled', () =>
    given([ada, { type: 'UserDisabled', data: { username: 'ada' } }]).when(create('ada')).thenRefused('duplicate', 'never used twice'));
  test('a user name is lower-case letters, digits, dots, dashes or underscores', () => given([]).when(create('Ada Lovelace')).thenRefused('validation_failed'));
  test('a role that does not exist is refused', () => given([]).when(create('bob', 'root' as never)).thenRefused('validation_failed', 'roles are operator'));
  test('a first password shorter than the policy asks is refused; demo accounts are not checked', () => {
    given([]).when(create('bob', 'operator', { length: 11, reuses: null })).thenRefused('validation_failed', 'at least 12 characters');
    given([]).when({ ...create('bob', 'operator', null), mustChangePassword: false }).thenEventTypes(['UserCreated']);
  });
});

describe('disabling, enabling and roles', () => {
  test('a user is disabled and enabled again, never deleted', () => {
    given([ada]).when({ type: 'DisableUser', username: 'ada' }).then([{ type: 'UserDisabled', data: { username: 'ada' } }]);
    given([ada, { type: 'UserDisabled', data: { username: 'ada' } }]).when({ type: 'EnableUser', username: 'ada' }).then([{ type: 'UserEnabled', data: { username: 'ada' } }]);
  });
  test('disabling twice, or enabling an active user, is refused', () => {
    given([ada, { type: 'UserDisabled', data: { username: 'ada' } }]).when({ type: 'DisableUser', username: 'ada' }).thenRefused('invalid_transition', 'already disabled');
    given([ada]).when({ type: 'EnableUser', username: 'ada' }).thenRefused('invalid_transition', 'not disabled');
  });
  test('an administrator cannot disable themselves or change their own role', () => {
    const self: UserEvent = { type: 'UserCreated', data: { username: 'test', displayName: 'T', role: 'admin' } };
    given([self]).when({ type: 'DisableUser', username: 'test' }).thenRefused('invalid_transition', 'your own account');
    given([self]).when({ type: 'ChangeRole', username: 'test', role: 'operator' }).thenRefused('invalid_transition', 'your own role');
  });
  test('a role change records from and to; the same role is refused', () => {
    given([ada]).when({ type: 'ChangeRole', username: 'ada', role: 'shift_lead' }).then([{ type: 'UserRoleChanged', data: { username: 'ada', from: 'operator', to: 'shift_lead' } }]);
    given([ada]).when({ type: 'ChangeRole', username: 'ada', role: 'operator' }).thenRefused('invalid_transition', 'already has the role Operator');
  });
  test('a user that does not exist cannot be changed', () => given([]).when({ type: 'DisableUser', username: 'nobody' }).thenRefused('not_found'));
});

describe('passwords', () => {
  test('an administrator sets a temporary password: the user must change it', () => {
    const s = given([ada, changed]).when({ type: 'ResetPassword', username: 'ada', password: strong, policy });
    s.then([{ type: 'PasswordReset', data: { username: 'ada' } }]);
    if (!s.state().mustChangePassword) throw new Error('a reset password must be changed');
  });
  test('a temporary password must be long enough too', () =>
    given([ada]).when({ type: 'ResetPassword', username: 'ada', password: { length: 5, reuses: null }, policy }).thenRefused('validation_failed', 'too short'));
  test('the user chooses a new password: no longer must change it', () => {
    const s = given([ada]).when({ type: 'ChangePassword', username: 'ada', password: strong, policy });
    s.then([changed]);
    if (s.state().mustChangePassword) throw new Error('a chosen password need not change');
  });
  test('a new password shorter than the policy asks is refused', () =>
    given([ada]).when({ type: 'ChangePassword', username: 'ada', password: { length: 8, reuses: null }, policy }).thenRefused('validation_failed', 'at least 12'));
  test('the current password, or one of the last five, is refused; the sixth back is fine', () => {
    given([ada]).when({ type: 'ChangePassword', username: 'ada', password: { length: 16, reuses: 0 }, policy }).thenRefused('validation_failed', 'the current one');
    given([ada]).when({ type: 'ChangePassword', username: 'ada', password: { length: 16, reuses: 4 }, policy }).thenRefused('validation_failed', 'last 5');
    given([ada]).when({ type: 'ChangePassword', username: 'ada', password: { length: 16, reuses: 5 }, policy }).then([changed]);
  });
  test('with no history kept, only the current password is refused', () => {
    const none = { ...policy, history: 0 };
    given([ada]).when({ type: 'ChangePassword', username: 'ada', password: { length: 16, reuses: 0 }, policy: none }).thenRefused('validation_failed', 'the current one');
    given([ada]).when({ type: 'ChangePassword', username: 'ada', password: { length: 16, reuses: 1 }, policy: none }).then([changed]);
  });
});
