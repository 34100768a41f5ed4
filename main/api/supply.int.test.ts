import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SupplyView } from '../../core';
import { api, until, withStation } from '../../tests/support/station-harness';

// A supplier slips: ERP moves a receipt of valve bodies to tomorrow. The station works out which dispatched order
// runs short and when, proposes a sequence that keeps the line fed, and the shift lead applies it in one action.

let ctx: Awaited<ReturnType<typeof withStation>>;
let sup: ReturnType<typeof api>;
let lead: ReturnType<typeof api>;
// Due a moment ago (not yet counted in): it counts from now.
const dueNow = () => new Date(Date.now() - 1000).toISOString();

before(async () => {
  ctx = await withStation();
  sup = api(ctx.url);
  await sup.login('supervisor');
  lead = api(ctx.url);
  await lead.login('lead');
  for (const [number, product, revision, quantity] of [['S-1', 'VLV-100', 'B', 8], ['S-2', 'VLV-100', 'B', 8], ['S-3', 'VLV-200', 'A', 4]] as const) {
    await sup.request('POST', '/orders', { number, product, revision, quantity, dueDate: '2026-12-31' });
    await sup.request('POST', `/orders/${number}/release`, {});
    assert.equal((await lead.request('POST', `/orders/${number}/dispatch`, {})).status, 200);
  }
  // The warehouse has bodies for the first order and two more; 20 are due from the foundry now.
  assert.equal((await sup.request('POST', '/stock', { material: 'BODY-25', revision: 'C', onHand: 10 })).status, 200);
});
after(async () => ctx.dispose());

test('receipts from ERP: all or nothing, a material not defined here refused, only the supply side may send them', async () => {
  const bad = await sup.request('POST', '/supply', {
    receipts: [
      { id: '4500/10', material: 'BODY-25', revision: 'C', quantity: 20, expectedAt: dueNow(), supplier: 'Foundry' },
      { id: '4500/20', material: 'UNOBTAINIUM', revision: 'A', quantity: 1, expectedAt: '2026-12-09' },
    ],
  });
  assert.equal(bad.status, 400);
  assert.match(bad.body.message ?? '', /Receipt 4500\/20: material UNOBTAINIUM revision A is not defined/);
  assert.equal(((await sup.request('GET', '/supply')).body as unknown as SupplyView).receipts.length, 0, 'nothing of it was recorded');
  assert.equal((await lead.request('POST', '/supply', { receipts: [{ id: 'x', material: 'BODY-25', revision: 'C', quantity: 1, expectedAt: '2026-12-09' }] })).status, 403);

  const ok = await sup.request('POST', '/supply', { receipts: [{ id: '4500/10', material: 'BODY-25', revision: 'C', quantity: 20, expectedAt: dueNow(), supplier: 'Foundry' }] });
  assert.deepEqual(ok.body, { expected: ['4500/10'], revised: [], slipped: [], unchanged: [] });
  const view = (await sup.request('GET', '/supply')).body as unknown as SupplyView;
  assert.deepEqual(view.shortages, [], 'the bodies come before the second order needs them');
  assert.equal(view.proposed, null, 'the line is fed as it is');
});

test('the receipt slips to tomorrow: the second order runs short when it starts; the proposal pulls the DN40 order forward and is applied', async () => {
  const slip = await sup.request('POST', '/supply', { receipts: [{ id: '4500/10', material: 'BODY-25', revision: 'C', quantity: 20, expectedAt: '2099-01-01', supplier: 'Foundry' }] });
  assert.deepEqual(slip.body, { expected: [], revised: [], slipped: ['4500/10'], unchanged: [] });
  const view = (await lead.request('GET', '/supply')).body as unknown as SupplyView;
  assert.equal(view.receipts[0]?.slips, 1);
  assert.deepEqual(view.shortages.map((s) => [s.order, s.material, s.needed, s.available, s.coveredBy]), [['S-2', 'BODY-25', 8, 2, ['4500/10']]]);
  assert.equal(view.shortages[0]?.coveredAt, new Date(2099, 0, 1).toISOString(), 'covered when the receipt comes');
  assert.deepEqual(view.current.filter((r) => r.number.startsWith('S-')).map((r) => [r.number, r.short.length]), [['S-1', 0], ['S-2', 1], ['S-3', 0]]);
  assert.deepEqual(view.proposed?.filter((r) => r.number.startsWith('S-')).map((r) => r.number), ['S-1', 'S-3', 'S-2']);

  // A stale view is refused; the current one is applied in one action, through the dispatch list's own moves.
  const stale = await lead.request('POST', '/line/dispatch-list/sequence', { orders: view.proposed!.map((r) => r.number), listVersion: view.listVersion - 1 });
  assert.equal(stale.status, 409);
  const partial = await lead.request('POST', '/line/dispatch-list/sequence', { orders: ['S-1', 'S-3'], listVersion: view.listVersion });
  assert.match(partial.body.message ?? '', /names every order of the dispatch list once \(it leaves out S-2\)/);
  const applied = await lead.request('POST', '/line/dispatch-list/sequence', { orders: view.proposed!.map((r) => r.number), listVersion: view.listVersion });
  assert.equal(applied.status, 200, JSON.stringify(applied.body));
  assert.deepEqual((applied.body as unknown as { orders: string[] }).orders.filter((n) => n.startsWith('S-')), ['S-1', 'S-3', 'S-2']);
  const moves = (await lead.request('GET', '/events?stream=queue:L1')).body as unknown as { type: string; actor: string }[];
  assert.ok(moves.some((e) => e.type === 'OrderMoved' && e.actor === 'lead'), 'moves recorded as the shift lead\'s');
  const after = (await lead.request('GET', '/supply')).body as unknown as SupplyView;
  assert.equal(after.proposed, null, 'nothing more to propose');
});

test('receipts dropped as a JSON file are taken like posted ones; a refused file is moved aside with the reason', async () => {
  const folder = join(ctx.dataDir, 'import');
  writeFileSync(join(folder, 'asn-1.json'), JSON.stringify({ expectedReceipts: [{ id: '4500/30', material: 'SEAT-25', revision: 'A', quantity: 50, expectedAt: '2099-02-01', supplier: 'Seals Ltd' }] }));
  const taken = await until('the dropped receipt', async () => ((await sup.request('GET', '/supply')).body as unknown as SupplyView).receipts.find((r) => r.id === '4500/30'));
  assert.equal(taken.quantity, 50);
  writeFileSync(join(folder, 'asn-2.json'), JSON.stringify({ expectedReceipts: [{ id: '4500/40', material: 'SEAT-25', revision: 'A', quantity: -1, expectedAt: '2099-02-01' }] }));
  const reason = await until('the refused file moved aside', () => readdirSync(join(folder, 'failed')).find((f) => f.endsWith('asn-2.json.reason.txt')));
  assert.match(readFileSync(join(folder, 'failed', reason), 'utf8'), /expectedReceipts: 0\.quantity: A quantity is 0 or more/);
});
