import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../tests/support/station-fixtures';
import { api, withStation } from '../../tests/support/station-harness';
import { EventStore, createProjector, openDatabase } from '../store';
import { Accounts } from './accounts';
import { SCRYPT_DEMO } from './password-hasher';

test('onRevoked hears every session that ends (revoked, idle, disabled), with its token, for the live stream to close its sockets', async () => {
  const db = openDatabase(':memory:');
  const clock = fixedClock();
  const accounts = new Accounts(new EventStore(db, 'test', createProjector(db)), clock);
  try {
    const system = accounts.context('system');
    for (const u of ['ada', 'bob']) assert.ok((await accounts.create(u, u, 'operator', u, system, { scheme: SCRYPT_DEMO, mustChangePassword: false, demo: true })).ok);
    const heard: [string, string][] = [];
    const off = accounts.onRevoked((token, reason) => heard.push([token, reason]));
    const signIn = async (u: string) => {
      const r = await accounts.signIn(u, u, '10.0.0.5', accounts.context('anonymous'));
      assert.ok(r.ok);
      return r.value.token;
    };
    const first = await signIn('ada');
    const id = accounts.sessionList(null).find((s) => s.username === 'ada')?.id ?? '';
    assert.deepEqual(accounts.revoke(id, accounts.context('admin')), { ok: true, value: { ended: true } });
    assert.deepEqual(heard, [[first, 'revoked']]);
    assert.equal(accounts.authenticate(first).ok, false, 'a revoked token is refused at once');

    const second = await signIn('ada');
    clock.advance(8 * 3_600_000);
    assert.equal(accounts.authenticate(second).ok, false);
    assert.deepEqual(heard.at(-1), [second, 'idle']);

    const third = await signIn('bob');
    await accounts.disable('bob', accounts.context('admin'));
    assert.deepEqual(heard.at(-1), [third, 'disabled']);
    off();
  } finally {
    await accounts.dispose();
    db.close();
  }
});

test("a plant station's first administrator: a one-time password shown once, on the desktop only, changed at the first sign-in", async () => {
  const ctx = await withStation({ demo: false });
  try {
    const first = ctx.station.firstAdmin;
    assert.ok(first);
    assert.equal(first.username, 'admin');
    assert.ok(first.password.length >= 12);
    const overHttp = await api(ctx.url).request('GET', '/session/first-admin');
    assert.equal(overHttp.status, 403);
    assert.ok(!JSON.stringify(overHttp.body).includes(first.password));
    assert.deepEqual(await ctx.station.dispatch('firstAdmin', {}, null, { local: true }), { ok: true, value: first });
    assert.deepEqual(await ctx.station.dispatch('firstAdmin', {}, null, { local: true }), { ok: true, value: null }, 'shown once');
    const c = api(ctx.url);
    assert.equal((await c.login('admin', first.password)).body.mustChangePassword, true);
    assert.equal((await c.request('GET', '/users')).status, 403);
    assert.equal((await c.request('POST', '/session/password', { currentPassword: first.password, newPassword: 'the admin chose this' })).status, 200);
    assert.equal((await c.request('GET', '/users')).status, 200);
  } finally {
    await ctx.dispose();
  }
});
