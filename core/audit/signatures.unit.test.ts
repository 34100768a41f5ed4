import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { specFor } from '../../tests/support/given-when-then';
import { accessDecider, type AccessEvent } from '../users/access';
import { DEFAULT_ACCOUNT_POLICY } from '../users/policy';
import { DEFAULT_SIGNATURE_POLICY, manifestation, signaturePolicyDecider, type SignaturePolicy } from './signatures';

// The test context's time is 2026-11-21T06:00:00.000Z.
const NOW = '2026-11-21T06:00:00.000Z';
const policy = specFor(signaturePolicyDecider);
const access = specFor(accessDecider);
const lockout = DEFAULT_ACCOUNT_POLICY.lockout;

describe('the signature policy', () => {
  const releaseUnsigned: SignaturePolicy = { ...DEFAULT_SIGNATURE_POLICY, 'order.release': { ...DEFAULT_SIGNATURE_POLICY['order.release'], required: false } };
  test('a change is recorded with before and after', () =>
    policy([]).when({ type: 'SetSignaturePolicy', policy: releaseUnsigned }).then([{ type: 'SignaturePolicyChanged', data: { before: DEFAULT_SIGNATURE_POLICY, after: releaseUnsigned } }]));
  test('the same policy again records nothing', () => policy([]).when({ type: 'SetSignaturePolicy', policy: DEFAULT_SIGNATURE_POLICY }).then([]));
  test('the policy change itself can never go unsigned', () =>
    policy([])
      .when({ type: 'SetSignaturePolicy', policy: { ...DEFAULT_SIGNATURE_POLICY, 'signature.policy': { required: false, meaning: 'approved', second: null } } })
      .thenRefused('validation_failed', 'always signed'));
  test('a two-person rule names who may give the second signature', () =>
    policy([])
      .when({ type: 'SetSignaturePolicy', policy: { ...DEFAULT_SIGNATURE_POLICY, 'order.cancel': { required: true, meaning: 'approved', second: { meaning: 'verified', roles: [] } } } })
      .thenRefused('validation_failed', 'at least one role'));
});

describe('signing and the lockout', () => {
  const failed = (at: string, reason: 'wrong-password' | 'locked' = 'wrong-password'): AccessEvent => ({
    type: 'SignatureFailed',
    data: { username: 'ada', address: 'desktop', action: 'order.release', reason, at },
  });
  const sign = (outcome: 'ok' | 'wrong-password' | 'disabled') => ({ type: 'Sign' as const, username: 'ada', address: 'desktop', action: 'order.release', outcome, lockout });
  test('a right password records nothing here (the signed events carry the signature)', () => access([]).when(sign('ok')).then([]));
  test('a wrong password is a failure that counts toward the lockout', () => access([]).when(sign('wrong-password')).then([failed(NOW)]));
  test('the fifth failure, sign-ins and signatures together, locks the account', () =>
    access([
      failed('2026-11-21T05:59:00.000Z'),
      { type: 'SignInFailed', data: { username: 'ada', address: '10.0.0.7', reason: 'wrong-password', at: '2026-11-21T05:58:00.000Z' } },
      failed('2026-11-21T05:57:00.000Z'),
      failed('2026-11-21T05:56:00.000Z'),
    ])
      .when(sign('wrong-password'))
      .then([failed(NOW), { type: 'AccountLocked', data: { username: 'ada', until: '2026-11-21T06:15:00.000Z', failures: 5 } }]));
  test('a locked account cannot sign, with the right password either', () =>
    access([{ type: 'AccountLocked', data: { username: 'ada', until: '2026-11-21T06:10:00.000Z', failures: 5 } }])
      .when(sign('ok'))
      .then([failed(NOW, 'locked')]));
});

test('the manifestation names the signer, the meaning, UTC and local time', () => {
  assert.equal(
    manifestation({ username: 'ada', name: 'Ada Lovelace', role: 'shift_lead', meaning: 'approved', at: '2026-12-06T14:03:12.345Z', local: '2026-12-06 15:03:12 CET', action: 'order.release' }),
    'Approved by Ada Lovelace (ada, shift lead) 2026-12-06 14:03:12 UTC (2026-12-06 15:03:12 CET)',
  );
});
