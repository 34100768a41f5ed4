import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { specFor } from '../../tests/support/given-when-then';
import { accessDecider, type AccessCommand, type AccessEvent } from './access';
import { DEFAULT_ACCOUNT_POLICY } from './policy';

// The test context's time is 2026-11-21T06:00:00.000Z.
const given = specFor(accessDecider);
const NOW = '2026-11-21T06:00:00.000Z';
const minutesBefore = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();
const lockout = DEFAULT_ACCOUNT_POLICY.lockout;
type SignInCommand = Extract<AccessCommand, { type: 'SignIn' }>;
const signIn = (outcome: SignInCommand['outcome']): SignInCommand => ({
  type: 'SignIn',
  username: 'ada',
  address: '10.0.0.7',
  session: 'S1',
  outcome,
  mustChangePassword: false,
  lockout,
});
const failedAt = (at: string): AccessEvent => ({ type: 'SignInFailed', data: { username: 'ada', address: '10.0.0.7', reason: 'wrong-password', at } });
const locked: AccessEvent = { type: 'AccountLocked', data: { username: 'ada', until: '2026-11-21T06:10:00.000Z', failures: 5 } };

describe('sign-in and lockout', () => {
  test('the right password signs in, with the address and the session', () =>
    given([]).when(signIn('ok')).then([{ type: 'SignedIn', data: { username: 'ada', session: 'S1', address: '10.0.0.7', mustChangePassword: false } }]));
  test('a wrong password is recorded with when and from where', () => given([]).when(signIn('wrong-password')).then([failedAt(NOW)]));
  test('the fifth wrong password within 15 minutes locks the account for 15 minutes', () =>
    given([1, 2, 3, 4].map((m) => failedAt(minutesBefore(m))))
      .when(signIn('wrong-password'))
      .then([failedAt(NOW), { type: 'AccountLocked', data: { username: 'ada', until: '2026-11-21T06:15:00.000Z', failures: 5 } }]));
  test('failures older than the window do not count', () =>
    given([20, 19, 3, 2].map((m) => failedAt(minutesBefore(m))))
      .when(signIn('wrong-password'))
      .thenEventTypes(['SignInFailed']));
  test('a sign-in in between starts the count again', () =>
    given([...[4, 3, 2].map((m) => failedAt(minutesBefore(m))), { type: 'SignedIn', data: { username: 'ada', session: 'S0', address: 'x', mustChangePassword: false } }, failedAt(minutesBefore(1))])
      .when(signIn('wrong-password'))
      .thenEventTypes(['SignInFailed']));
  test('while locked, even the right password is refused (recorded as locked)', () =>
    given([locked]).when(signIn('ok')).then([{ type: 'SignInFailed', data: { username: 'ada', address: '10.0.0.7', reason: 'locked', at: NOW } }]));
  test('once the lock has run out, the right password signs in', () =>
    given([{ ...locked, data: { ...locked.data, until: minutesBefore(1) } }]).when(signIn('ok')).thenEventTypes(['SignedIn']));
  test('a disabled account with the right password is refused, and does not count towards a lock', () => {
    const s = given([]).when(signIn('disabled'));
    s.then([{ type: 'SignInFailed', data: { username: 'ada', address: '10.0.0.7', reason: 'disabled', at: NOW } }]);
    assert.deepEqual(s.state().failures, []);
  });
  test('an administrator unlocks a locked account; one not locked cannot be unlocked', () => {
    given([locked]).when({ type: 'Unlock', username: 'ada' }).then([{ type: 'AccountUnlocked', data: { username: 'ada' } }]);
    given([]).when({ type: 'Unlock', username: 'ada' }).thenRefused('invalid_transition', 'not locked');
  });
  test('after an unlock the right password signs in at once', () =>
    given([locked, { type: 'AccountUnlocked', data: { username: 'ada' } }]).when(signIn('ok')).thenEventTypes(['SignedIn']));
  test('a user name nobody has is recorded as such and never locks (however often)', () =>
    given(Array.from({ length: 10 }, () => ({ type: 'SignInFailed', data: { username: 'mallory', address: 'x', reason: 'unknown-user', at: NOW } }) as AccessEvent))
      .when({ ...signIn('unknown-user'), username: 'mallory' })
      .then([{ type: 'SignInFailed', data: { username: 'mallory', address: '10.0.0.7', reason: 'unknown-user', at: NOW } }]));
  test('a sign-out records the session and why it ended', () =>
    given([]).when({ type: 'SignOut', username: 'ada', session: 'S1', reason: 'revoked' }).then([{ type: 'SignedOut', data: { username: 'ada', session: 'S1', reason: 'revoked' } }]));
});
