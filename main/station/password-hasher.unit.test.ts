import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HasherBusyError, PasswordHasher, SCRYPT_LEGACY, SCRYPT_STRONG } from './password-hasher';
import { niceOf, niceOfThreads } from '../../tests/support/threads';

test('a password verifies against its own hash only; an unknown scheme never matches', async (t) => {
  const hasher = new PasswordHasher();
  t.after(() => hasher.dispose());
  const stored = await hasher.hash('correct horse battery staple');
  assert.equal(stored.scheme, SCRYPT_STRONG.name);
  assert.equal(await hasher.verify('correct horse battery staple', stored), true);
  assert.equal(await hasher.verify('correct horse battery stapler', stored), false);
  assert.equal(await hasher.verify('correct horse battery staple', { ...stored, scheme: 'md5' }), false);
  const legacy = await hasher.hash('pw', SCRYPT_LEGACY);
  assert.equal(await hasher.verify('pw', legacy), true);
});

test('a storm of sign-ins is hashed a few at a time off the event loop, and past the queue turned away', async (t) => {
  // The queue, not the cost, is under test: a cheaper scheme keeps a shared CI machine's cores for the other tests.
  const hasher = new PasswordHasher(2, 3, SCRYPT_LEGACY);
  t.after(() => hasher.dispose());
  // The loop keeps turning while the hashes run: a timer ticks meanwhile (a synchronous hash would let it tick
  // only after all of them). Counted, not timed, so a busy machine does not make it fail.
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 5);
  const started = performance.now();
  const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => hasher.decoy(`wrong-${i}`)));
  clearInterval(timer);
  const took = performance.now() - started;
  const refused = results.filter((r) => r.status === 'rejected');
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 5, 'two running and three waiting were served');
  assert.equal(refused.length, 3);
  assert.ok(refused.every((r) => r.status === 'rejected' && r.reason instanceof HasherBusyError));
  assert.ok(ticks >= 10, `the event loop turned only ${ticks} times in ${took.toFixed(0)} ms of hashing`);
});


test('hashing runs on threads below the loop, so that a storm gives way to the station', { skip: process.platform !== 'linux' && 'thread priorities are read from Linux /proc' }, async () => {
  const before = niceOfThreads().filter((n) => n === 10).length;
  const hasher = new PasswordHasher(2, 8, SCRYPT_LEGACY);
  await Promise.all([hasher.decoy('a'), hasher.decoy('b')]);
  assert.equal(niceOfThreads().filter((n) => n === 10).length - before, 2, 'two hash threads at nice 10');
  assert.equal(niceOf(process.pid), 0, "the station's loop keeps its priority");
  await hasher.dispose();
  await assert.rejects(hasher.decoy('c'), /stopped/);
  // A worker's exit is reported as its thread ends; the thread leaves /proc a moment later (longer on a busy machine).
  const gone = Date.now() + 5_000;
  while (niceOfThreads().filter((n) => n === 10).length !== before && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(niceOfThreads().filter((n) => n === 10).length, before, 'disposed, the hash threads are gone');
});

test('a real account is checked before a storm of made-up names, and each queue is bounded on its own', async (t) => {
  const hasher = new PasswordHasher(1, 3, SCRYPT_LEGACY);
  t.after(() => hasher.dispose());
  const stored = await hasher.hash('the password', SCRYPT_LEGACY);
  const done: string[] = [];
  const decoys = Array.from({ length: 5 }, (_, i) => hasher.decoy(`guess-${i}`).then(() => void done.push(`decoy-${i}`)));
  // Sent after the storm: it waits only for the hash already running.
  const real = hasher.verify('the password', stored).then((ok) => void done.push(`real ${ok}`));
  const settled = await Promise.allSettled([...decoys, real]);
  assert.equal(done[1], 'real true', `checked right after the running decoy: ${done.join(', ')}`);
  assert.equal(settled.filter((r) => r.status === 'rejected').length, 1, 'one running, three decoys waiting, the fifth turned away');
});
