import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRebuildIsFaithful } from '../../tests/support/rebuild-check';
import { fixedClock } from '../../tests/support/station-fixtures';
import { api, withStation } from '../../tests/support/station-harness';

// Accounts and sessions over HTTP, as an administrator, a user and an attacker meet them. The station's clock is
// fixed and moved by the tests (idle timeouts, 12-hour expiry, lockout windows).
const MIN = 60_000;
const clock = fixedClock('2026-11-21T06:00:00.000Z');
let ctx: Awaited<ReturnType<typeof withStation>>;
const admin = () => api(ctx.url);
const events = async (stream: string) => {
  const c = admin();
  await c.login('admin');
  const r = await c.request('GET', `/events?stream=${encodeURIComponent(stream)}&limit=1000`);
  return r.body as unknown as { type: string; actor: string; data: Record<string, unknown> }[];
};
/** A user created by the administrator with a temporary password, and a client of theirs not yet signed in. */
const newUser = async (username: string, role = 'operator', password = `temporary-${username}-1`) => {
  const c = admin();
  await c.login('admin');
  const r = await c.request('POST', '/users', { username, displayName: `User ${username}`, role, password });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return { password, client: api(ctx.url) };
};

before(async () => {
  ctx = await withStation({ clock });
});
// The read models the flows below produced are what replaying their events gives (users, access, policy).
after(async () => ctx.dispose((dir) => void assertRebuildIsFaithful(dir)));

describe('user administration', () => {
  test('an administrator lists users with role, state and last sign-in; nobody else may', async () => {
    const c = admin();
    await c.login('admin');
    const r = await c.request('GET', '/users');
    assert.equal(r.status, 200);
    const users = r.body as unknown as { username: string; role: string; state: string; lastSignInAt: string | null }[];
    assert.deepEqual(
      users.map((u) => [u.username, u.role, u.state]),
      [
        ['admin', 'admin', 'active'],
        ['auditor', 'auditor', 'active'],
        ['engineer', 'engineer', 'active'],
        ['lead', 'shift_lead', 'active'],
        ['operator', 'operator', 'active'],
        ['quality', 'quality', 'active'],
        ['supervisor', 'supervisor', 'active'],
      ],
    );
    assert.equal(users.find((u) => u.username === 'admin')?.lastSignInAt, clock.now().toISOString());
    const lead = api(ctx.url);
    await lead.login('lead');
    const refused = await lead.request('GET', '/users');
    assert.equal(refused.status, 403);
    assert.equal((await lead.request('POST', '/users', { username: 'x1', displayName: 'X', role: 'admin', password: 'long-enough-password' })).status, 403);
  });

  test('a user name is never used twice, even after the user was disabled', async () => {
    await newUser('gus');
    const c = admin();
    await c.login('admin');
    assert.equal((await c.request('POST', '/users/gus/disable', {})).status, 200);
    const again = await c.request('POST', '/users', { username: 'gus', displayName: 'Gus again', role: 'operator', password: 'another-long-password' });
    assert.equal(again.status, 409);
    assert.match(again.body.message ?? '', /never used twice/);
  });

  test('a role change applies to the open session at once; every change names who did it', async () => {
    const { password, client } = await newUser('hal');
    const c = admin();
    await c.login('admin');
    await c.request('POST', '/users/hal/password', { password: 'hal-temporary-two' });
    await client.login('hal', 'hal-temporary-two');
    await client.request('POST', '/session/password', { currentPassword: 'hal-temporary-two', newPassword: 'hal chose this one' });
    assert.equal((await client.request('POST', '/orders/PO-NONE/release', {})).status, 403, 'an operator may not release');
    assert.equal((await c.request('POST', '/users/hal/role', { role: 'shift_lead' })).status, 200);
    assert.equal((await client.request('POST', '/orders/PO-NONE/release', {})).status, 404, 'a shift lead may, and is told the order does not exist');
    const log = await events('user:hal');
    assert.deepEqual(
      log.map((e) => [e.type, e.actor]),
      [
        ['UserCreated', 'admin'],
        ['PasswordReset', 'admin'],
        ['PasswordChanged', 'hal'],
        ['UserRoleChanged', 'admin'],
      ],
    );
    const text = JSON.stringify(log);
    for (const secret of [password, 'hal-temporary-two', 'hal chose this one']) assert.ok(!text.includes(secret), 'no password in the log');
    assert.ok(!/hash|salt/.test(text), 'no hash in the log');
  });
});

describe('sign-in', () => {
  test('five wrong passwords lock the account: the right one is refused and says until when; an administrator unlocks it', async () => {
    const c = api(ctx.url);
    for (let i = 1; i <= 4; i += 1) assert.equal((await c.request('POST', '/session', { username: 'lead', password: `wrong-${i}` })).status, 401);
    const fifth = await c.request('POST', '/session', { username: 'lead', password: 'wrong-5' });
    assert.equal(fifth.status, 403);
    assert.equal(fifth.body.code, 'account_locked');
    assert.equal((fifth.body.details as { lockedUntil: string }).lockedUntil, new Date(clock.now().getTime() + 15 * MIN).toISOString());
    const right = await c.request('POST', '/session', { username: 'lead', password: 'lead' });
    assert.equal(right.status, 403);
    assert.match(right.body.message ?? '', /locked .*even with the right password.* until 2026-11-21 06:15 UTC/);

    const a = admin();
    await a.login('admin');
    const listed = (await a.request('GET', '/users')).body as unknown as { username: string; lockedUntil: string | null }[];
    assert.ok(listed.find((u) => u.username === 'lead')?.lockedUntil);
    assert.equal((await a.request('POST', '/users/lead/unlock', {})).status, 200);
    assert.equal((await a.request('POST', '/users/lead/unlock', {})).status, 409, 'not locked any more');
    await c.login('lead');

    const all = await events('access:lead');
    // From this test's first failure on (the first test signed lead in).
    const log = all.slice(all.findIndex((e) => e.type === 'SignInFailed'));
    const reasons = log.filter((e) => e.type === 'SignInFailed').map((e) => e.data.reason);
    assert.deepEqual(reasons, ['wrong-password', 'wrong-password', 'wrong-password', 'wrong-password', 'wrong-password', 'locked']);
    assert.ok(log.every((e) => e.type !== 'SignInFailed' || e.data.address === '127.0.0.1'), 'each attempt names the address');
    assert.deepEqual(
      log.filter((e) => ['AccountLocked', 'AccountUnlocked', 'SignedIn'].includes(e.type)).map((e) => [e.type, e.actor]),
      [
        ['AccountLocked', 'anonymous'],
        ['AccountUnlocked', 'admin'],
        ['SignedIn', 'lead'],
      ],
    );
  });

  test('a lock runs out by itself after its time', async () => {
    const c = api(ctx.url);
    for (let i = 1; i <= 5; i += 1) await c.request('POST', '/session', { username: 'engineer', password: `nope-${i}` });
    assert.equal((await c.request('POST', '/session', { username: 'engineer', password: 'engineer' })).status, 403);
    clock.advance(15 * MIN);
    await c.login('engineer');
  });

  test('user names nobody has are recorded as typed, and answered like a wrong password', async () => {
    const r = await api(ctx.url).request('POST', '/session', { username: 'Mallory', password: 'guess' });
    assert.equal(r.status, 401);
    assert.match(r.body.message ?? '', /User name or password is wrong/);
    await api(ctx.url).login('admin');
    const unknown = (await events('access:?unknown')).filter((e) => e.type === 'SignInFailed');
    assert.deepEqual(unknown.at(-1)?.data, { username: 'Mallory', address: '127.0.0.1', reason: 'unknown-user', at: clock.now().toISOString() });
  });

  test('the sign-in records (names tried, addresses) are in the log for administrators only', async () => {
    await api(ctx.url).request('POST', '/session', { username: 'Eve-typed-her-password-here', password: 'x' });
    const seen = async (user: string) => {
      const c = api(ctx.url);
      await c.login(user);
      const all = (await c.request('GET', '/events?limit=1000')).body as unknown as { type: string; data: { username?: string } }[];
      const own = (await c.request('GET', `/events?stream=${encodeURIComponent('access:?unknown')}&limit=1000`)).body as unknown as { type: string }[];
      return { types: new Set(all.map((e) => e.type)), tried: all.some((e) => e.data?.username === 'Eve-typed-her-password-here'), stream: own.length };
    };
    const supervisor = await seen('supervisor');
    assert.ok(!supervisor.tried && !supervisor.types.has('SignInFailed') && !supervisor.types.has('SignedIn') && !supervisor.types.has('UserCreated'));
    assert.equal(supervisor.stream, 0, 'not by asking for the stream either');
    assert.ok(supervisor.types.size > 0, 'the rest of the log is there');
    const administrator = await seen('admin');
    assert.ok(administrator.tried && administrator.types.has('SignInFailed') && administrator.types.has('SignedIn'));
    assert.ok(administrator.stream > 0);
  });

  test('one address that keeps failing waits longer and longer (429 with Retry-After); a success forgets it', async () => {
    const c = api(ctx.url);
    for (let i = 1; i <= 10; i += 1) assert.equal((await c.request('POST', '/session', { username: `nobody-${i}`, password: 'x' })).status, 401, `failure ${i}`);
    const eleventh = await fetch(`${ctx.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody-11', password: 'x' }) });
    assert.equal(eleventh.status, 401, 'the eleventh is checked, and sets the first wait');
    const waiting = await fetch(`${ctx.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin' }) });
    assert.equal(waiting.status, 429, 'even the right password waits');
    assert.equal(waiting.headers.get('retry-after'), '1');
    clock.advance(1000);
    assert.equal((await c.request('POST', '/session', { username: 'nobody-12', password: 'x' })).status, 401);
    const longer = await fetch(`${ctx.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin' }) });
    assert.equal(longer.status, 429);
    assert.equal(longer.headers.get('retry-after'), '2');
    assert.match(((await longer.json()) as { message: string }).message, /Too many failed sign-ins from this computer\. Wait 2 s/);
    clock.advance(2000);
    await c.login('admin');
    assert.equal((await c.request('POST', '/session', { username: 'nobody-13', password: 'x' })).status, 401, 'after a success the address starts afresh');
    await c.login('admin');
    const throttled = (await events('access:?addresses')).filter((e) => e.type === 'SignInThrottled');
    assert.deepEqual(
      throttled.map((e) => [e.data.address, e.data.failures]),
      [
        ['127.0.0.1', 11],
        ['127.0.0.1', 12],
      ],
    );
  });
});

describe('sessions', () => {
  test('GET /session says who, until when, and when it idles out; reading screens is not activity, commands are', async () => {
    const c = api(ctx.url);
    const signedIn = await c.login('admin');
    assert.equal(signedIn.body.mustChangePassword, false);
    const start = clock.now().getTime();
    const me = await c.request('GET', '/session');
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'admin');
    assert.equal(me.body.expiresAt, new Date(start + 12 * 60 * MIN).toISOString());
    assert.equal(me.body.idleExpiresAt, new Date(start + 15 * MIN).toISOString(), 'administrators idle out after 15 minutes');
    clock.advance(10 * MIN);
    assert.equal((await c.request('GET', '/orders')).status, 200);
    assert.equal((await c.request('POST', '/session/activity', {})).status, 200, 'the HMI reports its user at work');
    clock.advance(10 * MIN);
    assert.equal((await c.request('GET', '/orders')).status, 200, 'still open: 10 minutes since the last activity');
    clock.advance(6 * MIN);
    const idle = await c.request('GET', '/orders');
    assert.equal(idle.status, 401);
    assert.match(idle.body.message ?? '', /without activity/);
  });

  test('an operator terminal idles out only after a shift; no session outlives 12 hours', async () => {
    const c = api(ctx.url);
    await c.login('operator');
    clock.advance(7 * 60 * MIN);
    assert.equal((await c.request('POST', '/session/activity', {})).status, 200, 'seven hours without a command is within the 8 hours of an operator');
    clock.advance(5 * 60 * MIN);
    const over = await c.request('POST', '/session/activity', {});
    assert.equal(over.status, 401);
    assert.match(over.body.message ?? '', /12 hours/);
  });

  test('an administrator sees open sessions (user, role, address, started, last seen) and revokes one at once', async () => {
    const op = api(ctx.url);
    await op.login('operator');
    const a = admin();
    await a.login('admin');
    const list = (await a.request('GET', '/sessions')).body as unknown as { id: string; username: string; role: string; address: string; startedAt: string; lastSeenAt: string; current: boolean }[];
    const mine = list.find((s) => s.current);
    assert.equal(mine?.username, 'admin');
    const target = list.filter((s) => s.username === 'operator').at(-1);
    assert.ok(target);
    assert.deepEqual([target.role, target.address], ['operator', '127.0.0.1']);
    assert.ok(!JSON.stringify(list).includes(op.token ?? '?'), 'tokens are not shown');
    assert.deepEqual((await a.request('POST', `/sessions/${target.id}/revoke`, {})).body, { ended: true });
    const refused = await op.request('GET', '/orders');
    assert.equal(refused.status, 401);
    assert.match(refused.body.message ?? '', /An administrator ended your session/);
    assert.equal((await a.request('POST', `/sessions/${target.id}/revoke`, {})).status, 404);
    const ended = (await events('access:operator')).filter((e) => e.type === 'SignedOut').at(-1);
    assert.deepEqual([ended?.data.reason, ended?.actor], ['revoked', 'admin']);
  });

  test('signing out ends the session and is recorded', async () => {
    const c = api(ctx.url);
    await c.login('supervisor');
    assert.deepEqual((await c.request('POST', '/session/end', {})).body, { ended: true });
    assert.equal((await c.request('GET', '/orders')).status, 401);
    const ended = (await events('access:supervisor')).filter((e) => e.type === 'SignedOut').at(-1);
    assert.deepEqual([ended?.data.reason, ended?.actor], ['signed-out', 'supervisor']);
  });
});

describe('temporary passwords and the password policy', () => {
  test('a new user signs in with the temporary password, may only change it, then works', async () => {
    const { password, client } = await newUser('erin', 'supervisor');
    const signedIn = await client.login('erin', password);
    assert.equal(signedIn.body.mustChangePassword, true);
    const blocked = await client.request('GET', '/orders');
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.code, 'password_change_required');
    assert.equal((await client.request('GET', '/session')).body.mustChangePassword, true);
    const wrongCurrent = await client.request('POST', '/session/password', { currentPassword: 'not it', newPassword: 'erin picks a passphrase' });
    assert.equal(wrongCurrent.status, 400);
    assert.match(wrongCurrent.body.message ?? '', /current password is not right/);
    const short = await client.request('POST', '/session/password', { currentPassword: password, newPassword: 'short1' });
    assert.equal(short.status, 400);
    assert.match(short.body.message ?? '', /too short: at least 12 characters/);
    const same = await client.request('POST', '/session/password', { currentPassword: password, newPassword: password });
    assert.equal(same.status, 400);
    assert.match(same.body.message ?? '', /is the current one/);
    const changed = await client.request('POST', '/session/password', { currentPassword: password, newPassword: 'erin picks a passphrase' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.mustChangePassword, false);
    assert.equal((await client.request('GET', '/orders')).status, 200);
    // Signing in again needs no change.
    assert.equal((await api(ctx.url).login('erin', 'erin picks a passphrase')).body.mustChangePassword, false);
  });

  test('a password used lately is refused (the last 5); changing it ends the other sessions', async () => {
    const c = api(ctx.url);
    await c.login('erin', 'erin picks a passphrase');
    const other = api(ctx.url);
    await other.login('erin', 'erin picks a passphrase');
    const second = await c.request('POST', '/session/password', { currentPassword: 'erin picks a passphrase', newPassword: 'a second passphrase' });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal((await other.request('GET', '/orders')).status, 401, 'the other session ended');
    const back = await c.request('POST', '/session/password', { currentPassword: 'a second passphrase', newPassword: 'erin picks a passphrase' });
    assert.equal(back.status, 400);
    assert.match(back.body.message ?? '', /used before: choose one that is not among your last 5/);
  });

  test('an administrator tightens the policy: a temporary password must meet it too', async () => {
    const a = admin();
    await a.login('admin');
    const policy = (await a.request('GET', '/account-policy')).body as unknown as { password: { minLength: number; history: number } };
    assert.deepEqual(policy.password, { minLength: 12, history: 5 });
    const set = await a.request('POST', '/account-policy', { ...policy, password: { minLength: 16, history: 5 } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const refused = await a.request('POST', '/users', { username: 'ivy', displayName: 'Ivy', role: 'operator', password: 'fifteen-chars-x' });
    assert.equal(refused.status, 400);
    assert.match(refused.body.message ?? '', /at least 16 characters/);
    const invalid = await a.request('POST', '/account-policy', { ...policy, password: { minLength: 4, history: 5 } });
    assert.equal(invalid.status, 400);
    const changes = (await events('policy:accounts')).map((e) => [e.type, e.actor]);
    assert.deepEqual(changes, [['AccountPolicyChanged', 'admin']]);
    assert.equal((await a.request('POST', '/account-policy', policy)).status, 200);
  });

  test('a disabled user is refused (the right password too) and their sessions end; enabled again, they sign in', async () => {
    const { password, client } = await newUser('dora');
    await client.login('dora', password);
    await client.request('POST', '/session/password', { currentPassword: password, newPassword: 'dora has a passphrase' });
    const a = admin();
    await a.login('admin');
    assert.equal((await a.request('POST', '/users/dora/disable', {})).body.state, 'disabled');
    const ended = await client.request('GET', '/orders');
    assert.equal(ended.status, 401);
    assert.match(ended.body.message ?? '', /account was disabled/);
    const refused = await api(ctx.url).request('POST', '/session', { username: 'dora', password: 'dora has a passphrase' });
    assert.equal(refused.status, 403);
    assert.match(refused.body.message ?? '', /disabled/);
    assert.equal((await a.request('POST', '/users/dora/enable', {})).body.state, 'active');
    await api(ctx.url).login('dora', 'dora has a passphrase');
  });

  test('an administrator resets a password: the user must choose a new one, and their sessions end', async () => {
    const c = api(ctx.url);
    await c.login('dora', 'dora has a passphrase');
    const a = admin();
    await a.login('admin');
    const reset = await a.request('POST', '/users/dora/password', { password: 'dora-temporary-2' });
    assert.equal(reset.body.mustChangePassword, true);
    assert.equal((await c.request('GET', '/orders')).status, 401);
    assert.equal((await api(ctx.url).login('dora', 'dora-temporary-2')).body.mustChangePassword, true);
  });
});
