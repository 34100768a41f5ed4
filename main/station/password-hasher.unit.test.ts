import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HasherBusyError, PasswordHasher, SCRYPT_LEGACY, SCRYPT_STRONG } from './password-hasher';

test('a password verifies against its own hash only; an unknown scheme never matches', async () => {
  const hasher = new PasswordHasher();
  const stored = await hasher.hash('correct horse battery staple');
  assert.equal(stored.scheme, SCRYPT_STRONG.name);
  assert.equal(await hasher.verify('correct horse battery staple', stored), true);
  assert.equal(await hasher.verify('correct horse battery stapler', stored), false);
  assert.equal(await hasher.verify('correct horse battery staple', { ...stored, scheme: 'md5' }), false);
  const legacy = await hasher.hash('pw', SCRYPT_LEGACY);
  assert.equal(await hasher.verify('pw', legacy), true);
});

test('a storm of sign-ins is hashed a few at a time off the event loop, and past the queue turned away', async () => {
  const hasher = new PasswordHasher(2, 8);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => hasher.decoy(`wrong-${i}`)));
  loop.disable();
  const refused = results.filter((r) => r.status === 'rejected');
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 10, 'two running and eight waiting were served');
  assert.equal(refused.length, 10);
  assert.ok(refused.every((r) => r.status === 'rejected' && r.reason instanceof HasherBusyError));
  // The loop kept turning while 10 strong hashes (128 MiB each) ran: no stall near a hash's own duration.
  assert.ok(loop.max / 1e6 < 100, `event loop stalled ${(loop.max / 1e6).toFixed(0)} ms`);
});
