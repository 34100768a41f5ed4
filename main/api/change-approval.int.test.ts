import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChangeView, EventView, OrderView, ProductDefinition } from '../../core';
import { api, withStation } from '../../tests/support/station-harness';

// Approving an engineering change: signed by an engineer and a supervisor, applied in one transaction (the new revision
// defined, open orders not started moved to it, their history kept); rejecting or deferring changes nothing. Units in
// work: change-propagation.int.test.ts.

let ctx: Awaited<ReturnType<typeof withStation>>;
let engineer: ReturnType<typeof api>;
let sup: ReturnType<typeof api>;
let revB: ProductDefinition;

const revision = (r: string, leakHigh: number): ProductDefinition => ({
  ...revB,
  revision: r,
  routing: revB.routing.map((o) => (o.seq === 30 ? { ...o, measurements: o.measurements.map((m) => ({ ...m, high: leakHigh })) } : o)),
});

before(async () => {
  ctx = await withStation();
  engineer = api(ctx.url, { sign: false });
  await engineer.login('engineer');
  sup = api(ctx.url);
  await sup.login('supervisor');
  revB = ((await engineer.request('GET', '/products')).body as unknown as ProductDefinition[]).find((p) => p.product === 'VLV-100' && p.revision === 'B')!;
  for (const n of ['AP-1', 'AP-2']) {
    await sup.request('POST', '/orders', { number: n, product: 'VLV-100', revision: 'B', quantity: 2, dueDate: '2026-12-24' });
    await sup.request('POST', `/orders/${n}/release`, {});
  }
  await sup.request('POST', '/orders/AP-2/dispatch', {});
});
after(async () => ctx.dispose());

test('approved with an engineer\'s and a supervisor\'s signatures, the change is applied: the revision defined, the orders not started moved', async () => {
  assert.equal((await engineer.request('POST', '/changes', { number: 'ECN-A', reason: 'Leak limit', definition: revision('C', 0.5) })).status, 200);
  const unsigned = await engineer.request('POST', '/changes/ECN-A/approve', {});
  assert.equal(unsigned.status, 428);
  assert.deepEqual((unsigned.body.details as { second: unknown }).second, { meaning: 'approved', roles: ['supervisor'] });
  const approved = await engineer.request('POST', '/changes/ECN-A/approve', {
    signatures: [{ username: 'engineer', password: 'engineer' }, { username: 'supervisor', password: 'supervisor' }],
  });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal((approved.body as unknown as ChangeView).status, 'approved');

  const products = (await engineer.request('GET', '/products')).body as unknown as ProductDefinition[];
  assert.ok(products.some((p) => p.product === 'VLV-100' && p.revision === 'C'), 'rev C is defined');
  const orders = (await sup.request('GET', '/orders')).body as unknown as OrderView[];
  assert.deepEqual(orders.filter((o) => o.number.startsWith('AP-')).map((o) => [o.number, o.revision]).sort(), [['AP-1', 'C'], ['AP-2', 'C']]);
  const history = (await sup.request('GET', '/events?stream=order:AP-2')).body as unknown as EventView[];
  assert.deepEqual(history.find((e) => e.type === 'OrderRevisionChanged')?.data, { number: 'AP-2', from: 'B', to: 'C', change: 'ECN-A' });
  const decision = ((await sup.request('GET', '/events?stream=change:ECN-A')).body as unknown as EventView[]).find((e) => e.type === 'ChangeApproved');
  assert.deepEqual(decision?.signatures.map((s) => [s.username, s.meaning, s.action]), [['engineer', 'approved', 'change.approve'], ['supervisor', 'approved', 'change.approve']]);
  const twice = await engineer.request('POST', '/changes/ECN-A/approve', { signatures: [{ password: 'engineer' }, { username: 'supervisor', password: 'supervisor' }] });
  assert.equal(twice.status, 409);
  assert.match(twice.body.message ?? '', /ECN-A is approved; only a pending change/);
});

test('rejecting or deferring a change that reaches a unit in progress changes nothing but its status', async () => {
  assert.equal((await engineer.request('POST', '/changes', { number: 'ECN-B', reason: 'Tighter still', definition: revision('D', 0.4) })).status, 200);
  const op = api(ctx.url);
  await op.login('operator');
  const { serial } = (await op.request('POST', '/line/next-unit', {})).body as { serial: string };
  assert.equal((await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC10' })).status, 200);
  assert.equal((await engineer.request('POST', '/changes/ECN-B/reject', { reason: '' })).status, 400, 'a rejection says why');
  const rejected = await engineer.request('POST', '/changes/ECN-B/reject', { reason: 'Supplier cannot hold 0.4' });
  assert.equal((rejected.body as unknown as ChangeView).status, 'rejected');
  assert.equal((await engineer.request('POST', '/changes', { number: 'ECN-C', reason: 'Later', definition: revision('E', 0.45) })).status, 200, 'a rejected change no longer blocks the next');
  const deferred = await engineer.request('POST', '/changes/ECN-C/defer', { reason: 'After the audit' });
  assert.equal((deferred.body as unknown as ChangeView).status, 'deferred');
  const orders = (await sup.request('GET', '/orders')).body as unknown as OrderView[];
  assert.deepEqual(orders.filter((o) => o.number.startsWith('AP-')).map((o) => o.revision), ['C', 'C'], 'nothing moved');
  assert.equal(((await op.request('GET', `/units/${serial}`)).body as unknown as { revision: string }).revision, 'C', 'nor the unit in work');
  assert.equal(((await engineer.request('GET', '/products')).body as unknown as ProductDefinition[]).some((p) => p.product === 'VLV-100' && p.revision === 'D'), false);
});
