import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DispatchListView } from '../../core';
import { api, withStation } from '../../tests/support/station-harness';

let ctx: Awaited<ReturnType<typeof withStation>>;
before(async () => {
  ctx = await withStation();
  const sup = api(ctx.url);
  await sup.login('supervisor');
  for (const n of ['PO-R1', 'PO-R2', 'PO-R3', 'PO-R4']) {
    await sup.request('POST', '/orders', { number: n, product: 'VLV-100', revision: 'B', quantity: 2, dueDate: '2026-12-01' });
    await sup.request('POST', `/orders/${n}/release`, {});
    await sup.request('POST', `/orders/${n}/dispatch`, {});
  }
});
after(async () => ctx.dispose());

test('two shift leads resequence from the same view: the second is refused with the current order, never lost silently', async () => {
  const a = api(ctx.url);
  const b = api(ctx.url);
  await a.login('lead');
  await b.login('supervisor');
  const seenByA = (await a.request('GET', '/line/dispatch-list')).body as unknown as DispatchListView;
  const seenByB = (await b.request('GET', '/line/dispatch-list')).body as unknown as DispatchListView;
  assert.deepEqual(seenByA.orders, ['PO-R1', 'PO-R2', 'PO-R3', 'PO-R4']);
  assert.equal(seenByA.version, seenByB.version);

  // A drags PO-R4 to the top.
  const first = await a.request('POST', '/orders/PO-R4/move', { toPosition: 1, listVersion: seenByA.version });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.sequence, 1);
  // B, looking at the old list, moves PO-R3 up one.
  const second = await b.request('POST', '/orders/PO-R3/move', { direction: 'up', listVersion: seenByB.version });
  assert.equal(second.status, 409);
  assert.match(second.body.message ?? '', /changed since your screen showed it.*PO-R4, PO-R1, PO-R2, PO-R3/);
  assert.deepEqual((second.body.details as { current: string[] }).current, ['PO-R4', 'PO-R1', 'PO-R2', 'PO-R3']);
  // With the current version, B's move goes through.
  const retry = await b.request('POST', '/orders/PO-R3/move', { direction: 'up', listVersion: (second.body.details as { version: number }).version });
  assert.equal(retry.status, 200);
  const now = (await a.request('GET', '/line/dispatch-list')).body as unknown as DispatchListView;
  assert.deepEqual(now.orders, ['PO-R4', 'PO-R1', 'PO-R3', 'PO-R2']);
});

test('a shift lead splits an order: the new order takes the quantity and is ready to dispatch', async () => {
  const lead = api(ctx.url);
  await lead.login('lead');
  const sup = api(ctx.url);
  await sup.login('supervisor');
  await sup.request('POST', '/orders', { number: 'PO-S1', product: 'VLV-100', revision: 'B', quantity: 10, dueDate: '2026-12-01', priority: 2 });
  await sup.request('POST', '/orders/PO-S1/release', {});
  const split = await lead.request('POST', '/orders/PO-S1/split', { quantity: 4 });
  assert.equal(split.status, 200, JSON.stringify(split.body));
  assert.equal(split.body.quantity, 6);
  const all = (await lead.request('GET', '/orders')).body as unknown as { number: string; quantity: number; status: string; priority: number }[];
  const child = all.find((o) => o.number === 'PO-S1.1');
  assert.deepEqual(child && [child.quantity, child.status, child.priority], [4, 'released', 2]);
  const tooMuch = await lead.request('POST', '/orders/PO-S1/split', { quantity: 6 });
  assert.equal(tooMuch.status, 400);
  assert.match(tooMuch.body.message ?? '', /at most 5 unit/);
  const op = api(ctx.url);
  await op.login('operator');
  assert.equal((await op.request('POST', '/orders/PO-S1/split', { quantity: 1 })).status, 403);
});
