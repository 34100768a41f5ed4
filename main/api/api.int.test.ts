import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openStream, until, withStation } from '../../tests/support/station-harness';

describe('station API over HTTP and WebSocket', () => {
  let ctx: Awaited<ReturnType<typeof withStation>>;
  before(async () => {
    ctx = await withStation();
  });
  after(async () => ctx.dispose());

  const order = { number: 'PO-7001', product: 'VLV-100', revision: 'B', quantity: 2, dueDate: '2026-12-01', priority: 3 };

  test('health answers without a session', async () => {
    const r = await api(ctx.url).request('GET', '/health');
    assert.equal(r.status, 200);
    assert.equal(r.body.stationId, ctx.station.stationId);
    assert.equal((r.body.plc as { connected: boolean }).connected, false);
  });

  test('the OpenAPI document describes every operation', async () => {
    const r = await api(ctx.url).request('GET', '/openapi.json');
    assert.equal(r.status, 200);
    const paths = r.body.paths as Record<string, Record<string, { operationId: string }>>;
    assert.equal(paths['/api/v1/orders']?.post?.operationId, 'createOrder');
    assert.equal(paths['/api/v1/orders/{number}/{action}']?.post?.operationId, 'orderAction');
    for (const p of ['/api/v1/health', '/api/v1/session', '/api/v1/line', '/api/v1/wip']) assert.ok(paths[p], p);
  });

  test('a wrong password is 401 with a message a person can act on', async () => {
    const r = await api(ctx.url).request('POST', '/session', { username: 'supervisor', password: 'nope' });
    assert.equal(r.status, 401);
    assert.match(r.body.message ?? '', /User name or password is wrong/);
  });

  test('no token is 401 and says to sign in', async () => {
    const r = await api(ctx.url).request('GET', '/orders');
    assert.equal(r.status, 401);
    assert.match(r.body.message ?? '', /Sign in/);
  });

  test('an operator may not create orders: 403 naming the role', async () => {
    const c = api(ctx.url);
    await c.login('operator');
    const r = await c.request('POST', '/orders', order);
    assert.equal(r.status, 403);
    assert.match(r.body.message ?? '', /operator/);
  });

  test('a malformed order is 400 and names the field', async () => {
    const c = api(ctx.url);
    await c.login('supervisor');
    const r = await c.request('POST', '/orders', { ...order, quantity: -4 });
    assert.equal(r.status, 400);
    assert.match(r.body.message ?? '', /quantity: Quantity must be at least 1/);
    const bad = await c.request('POST', '/orders', '{"number": "PO-1", ');
    assert.equal(bad.status, 400);
    assert.match(bad.body.message ?? '', /not valid JSON/);
  });

  test('an order for an unknown product revision is refused with the known ones', async () => {
    const c = api(ctx.url);
    await c.login('supervisor');
    const r = await c.request('POST', '/orders', { ...order, number: 'PO-X', revision: 'Z' });
    assert.equal(r.status, 400);
    assert.match(r.body.message ?? '', /VLV-100 revision Z is not defined.*VLV-100 rev B/);
  });

  test('create, release, dispatch, hold, resume; wrong transitions are 409; every change is streamed', async () => {
    const c = api(ctx.url);
    await c.login('supervisor');
    const stream = await openStream(ctx.url, c.token ?? '');
    try {
      assert.equal((await c.request('POST', '/orders', order)).status, 200);
      const dup = await c.request('POST', '/orders', order);
      assert.equal(dup.status, 409);
      assert.match(dup.body.message ?? '', /already exists/);
      const early = await c.request('POST', `/orders/${order.number}/dispatch`, {});
      assert.equal(early.status, 409);
      assert.match(early.body.message ?? '', /only an order that is released can be dispatched/);
      assert.equal((await c.request('POST', `/orders/${order.number}/release`, {})).body.status, 'released');
      const dispatched = await c.request('POST', `/orders/${order.number}/dispatch`, {});
      assert.equal(dispatched.body.status, 'dispatched');
      assert.equal(dispatched.body.sequence, 1);
      const noReason = await c.request('POST', `/orders/${order.number}/hold`, {});
      assert.equal(noReason.status, 400);
      assert.equal((await c.request('POST', `/orders/${order.number}/hold`, { reason: 'waiting for seat rings' })).body.status, 'held');
      assert.equal((await c.request('POST', `/orders/${order.number}/resume`, {})).body.status, 'dispatched');
      await until('the stream to carry the order changes', () =>
        stream.messages.some((m) => m.kind === 'changed' && m.events.some((e) => e.type === 'OrderResumed')) || undefined,
      );
      assert.equal(stream.messages[0]?.kind, 'hello');
      const types = stream.messages.flatMap((m) => (m.kind === 'changed' ? m.events.map((e) => e.type) : []));
      for (const t of ['OrderReceived', 'OrderReleased', 'OrderDispatched', 'OrderQueued', 'OrderHeld', 'OrderResumed']) assert.ok(types.includes(t), t);
    } finally {
      stream.close();
    }
  });

  test('a shift lead resequences; an operator may not', async () => {
    const lead = api(ctx.url);
    await lead.login('lead');
    const sup = api(ctx.url);
    await sup.login('supervisor');
    for (const n of ['PO-8001', 'PO-8002']) {
      await sup.request('POST', '/orders', { ...order, number: n });
      await sup.request('POST', `/orders/${n}/release`, {});
      await sup.request('POST', `/orders/${n}/dispatch`, {});
    }
    const moved = await lead.request('POST', '/orders/PO-8002/move', { direction: 'up' });
    assert.equal(moved.status, 200);
    const seq = ((await lead.request('GET', '/orders')).body as unknown as { number: string; sequence: number | null }[])
      .filter((o) => o.sequence !== null)
      .map((o) => o.number);
    assert.deepEqual(seq.slice(-2), ['PO-8002', 'PO-8001']);
    const op = api(ctx.url);
    await op.login('operator');
    const refused = await op.request('POST', '/orders/PO-8001/move', { direction: 'up' });
    assert.equal(refused.status, 403);
    assert.match(refused.body.message ?? '', /may not move orders/);
  });

  test('the WebSocket stream refuses a connection without a valid token', async () => {
    await assert.rejects(openStream(ctx.url, 'forged'), /401/);
  });

  test('the event log is readable and records who did what', async () => {
    const c = api(ctx.url);
    await c.login('engineer');
    const r = await c.request('GET', '/events?stream=order:PO-7001');
    const events = r.body as unknown as { type: string; actor: string }[];
    assert.deepEqual(events.map((e) => e.type).slice(0, 3), ['OrderReceived', 'OrderReleased', 'OrderDispatched']);
    assert.ok(events.every((e) => e.actor === 'supervisor'));
  });
});
