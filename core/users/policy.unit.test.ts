import { describe, test } from 'node:test';
import { specFor } from '../../tests/support/given-when-then';
import { DEFAULT_ACCOUNT_POLICY, accountPolicyDecider, type AccountPolicy } from './policy';

const given = specFor(accountPolicyDecider);
const set = (policy: AccountPolicy) => ({ type: 'SetAccountPolicy', policy }) as const;
const longer: AccountPolicy = { ...DEFAULT_ACCOUNT_POLICY, password: { minLength: 15, history: 8 } };

describe('account policy', () => {
  test('an administrator changes the policy: recorded before and after', () =>
    given([]).when(set(longer)).then([{ type: 'AccountPolicyChanged', data: { before: DEFAULT_ACCOUNT_POLICY, after: longer } }]));
  test('the change applies from then on', () =>
    given([{ type: 'AccountPolicyChanged', data: { before: DEFAULT_ACCOUNT_POLICY, after: longer } }])
      .when(set(DEFAULT_ACCOUNT_POLICY))
      .then([{ type: 'AccountPolicyChanged', data: { before: longer, after: DEFAULT_ACCOUNT_POLICY } }]));
  test('a minimum under 8 characters is refused, and says why', () =>
    given([]).when(set({ ...DEFAULT_ACCOUNT_POLICY, password: { minLength: 6, history: 5 } })).thenRefused('validation_failed', 'at least 8 characters'));
  test('a lockout after fewer than 3 failures is refused', () =>
    given([]).when(set({ ...DEFAULT_ACCOUNT_POLICY, lockout: { threshold: 1, windowMinutes: 15, durationMinutes: 15 } })).thenRefused('validation_failed', 'people mistype'));
  test('an idle timeout beyond the 12 hours a session lasts is refused', () =>
    given([]).when(set({ ...DEFAULT_ACCOUNT_POLICY, idleMinutes: { ...DEFAULT_ACCOUNT_POLICY.idleMinutes, operator: 721 } })).thenRefused('validation_failed', 'at most 720'));
  test('setting the policy it already has changes nothing and says so', () => given([]).when(set(DEFAULT_ACCOUNT_POLICY)).thenRefused('invalid_transition', 'already'));
});
