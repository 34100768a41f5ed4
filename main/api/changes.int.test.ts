import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeView, ProductDefinition } from '../../core';
import { api, until, withStation } from '../../tests/support/station-harness';

// Engineering changes come in: refused whole, saying what and where, or submitted whole with the structured
// difference from the revision they replace; a revision is never edited in place; one change at a time per product.

let ctx: Awaited<ReturnType<typeof withStation>>;
let engineer: ReturnType<typeof api>;
let revB: ProductDefinition;

/** VLV-100 rev C: the leak limit at operation 30 tightened, and a gasket added at operation 20. */
const revC = (): ProductDefinition => ({
  ...revB,
  revision: 'C',
  bom: [...revB.bom, { material: 'GSK-10', revision: 'A', quantity: 1 }],
  routing: revB.routing.map((o) =>
    o.seq === 20
      ? { ...o, components: [...o.components, { material: 'GSK-10', quantity: 1 }], instruction: `${o.instruction} Lay the gasket first.` }
      : o.seq === 30
        ? { ...o, measurements: o.measurements.map((m) => ({ ...m, high: 0.5 })) }
        : o,
  ),
});
const ecn = (number: string, definition: ProductDefinition, more: object = {}) => ({ number, reason: 'Field returns: seal leaks', definition, ...more });

before(async () => {
  ctx = await withStation();
  engineer = api(ctx.url);
  await engineer.login('engineer');
  revB = ((await engineer.request('GET', '/products')).body as unknown as ProductDefinition[]).find((p) => p.product === 'VLV-100' && p.revision === 'B')!;
});
after(async () => ctx.dispose());

test('a change naming a material that is not defined is refused whole, saying which; defined, it is submitted with its difference', async () => {
  const refused = await engineer.request('POST', '/changes', ecn('ECN-1', revC()));
  assert.equal(refused.status, 400);
  assert.match(refused.body.message ?? '', /materials that are not defined: GSK-10 rev A\. Nothing of ECN-1 \(VLV-100 rev C\) was applied/);
  assert.equal((await engineer.request('GET', '/changes')).body.length, 0, 'nothing of it was recorded');

  assert.equal((await engineer.request('POST', '/master-data', { materials: [{ id: 'GSK-10', revision: 'A', description: 'Gasket' }] })).status, 200);
  const r = await engineer.request('POST', '/changes', ecn('ECN-1', revC()));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const change = r.body as unknown as ChangeView;
  assert.deepEqual([change.status, change.fromRevision, change.toRevision, change.submittedBy], ['pending', 'B', 'C', 'engineer']);
  assert.deepEqual(change.diff.bom.map((l) => [l.material, l.kind]), [['GSK-10', 'added']]);
  assert.deepEqual(
    change.diff.operations.map((o) => [o.operation, o.fields]),
    [
      ['Fit bonnet', ['components', 'instruction']],
      ['Leak test', ['measurements']],
    ],
  );
  // Nothing is applied before approval: the product has no rev C yet.
  const products = (await engineer.request('GET', '/products')).body as unknown as ProductDefinition[];
  assert.equal(products.some((p) => p.product === 'VLV-100' && p.revision === 'C'), false);
  // The same change again changes nothing.
  assert.equal((await engineer.request('POST', '/changes', ecn('ECN-1', revC()))).status, 200);
  assert.equal(((await engineer.request('GET', '/changes?status=pending')).body as unknown as ChangeView[]).length, 1);
  assert.equal(((await engineer.request('GET', '/changes/ECN-1')).body as unknown as ChangeView).diff.to, 'C');
});

test('refused whole: a second change on top of a pending one, an existing revision, an unknown work center, an effectivity that does not exist', async () => {
  const second = await engineer.request('POST', '/changes', ecn('ECN-2', { ...revC(), revision: 'D' }));
  assert.equal(second.status, 409);
  assert.match(second.body.message ?? '', /Change ECN-1 of VLV-100 is still waiting for approval/);

  const other = ((await engineer.request('GET', '/products')).body as unknown as ProductDefinition[]).find((p) => p.product === 'VLV-200')!;
  const inPlace = await engineer.request('POST', '/changes', ecn('ECN-3', { ...other, description: 'edited' }));
  assert.equal(inPlace.status, 409);
  assert.match(inPlace.body.message ?? '', /VLV-200 rev A exists already: a change always makes a new revision/);

  const elsewhere = { ...other, revision: 'B', routing: other.routing.map((o, i) => (i === 0 ? { ...o, workCenter: 'WC99' } : o)) };
  const wc = await engineer.request('POST', '/changes', ecn('ECN-4', elsewhere));
  assert.equal(wc.status, 400);
  assert.match(wc.body.message ?? '', /names work centers this line does not have: operation \d+ on WC99/);

  const fromOrder = await engineer.request('POST', '/changes', ecn('ECN-5', { ...other, revision: 'B', description: 'x', routing: other.routing.map((o) => ({ ...o, standardCycleSeconds: o.standardCycleSeconds + 1 })) }, { effectivity: { kind: 'from-order', order: 'PO-NOPE' } }));
  assert.equal(fromOrder.status, 404);
  assert.match(fromOrder.body.message ?? '', /effectivity names order PO-NOPE, which does not exist here/);

  const op = api(ctx.url);
  await op.login('operator');
  assert.equal((await op.request('POST', '/changes', ecn('ECN-6', { ...other, revision: 'C' }))).status, 403, 'operators do not release changes');
  assert.equal(((await engineer.request('GET', '/changes')).body as unknown as ChangeView[]).length, 1, 'none of them was recorded');
});

test('a change dropped as a JSON file is taken like one posted; a refused one is moved aside with the reason', async () => {
  const folder = join(ctx.dataDir, 'import');
  const other = ((await engineer.request('GET', '/products')).body as unknown as ProductDefinition[]).find((p) => p.product === 'VLV-200')!;
  const slower = { ...other, revision: 'B', routing: other.routing.map((o) => ({ ...o, standardCycleSeconds: o.standardCycleSeconds * 2 })) };
  writeFileSync(join(folder, 'ecn-7.json'), JSON.stringify({ engineeringChange: ecn('ECN-7', slower) }));
  const change = await until('the dropped change', async () => {
    const r = await engineer.request('GET', '/changes/ECN-7');
    return r.status === 200 ? (r.body as unknown as ChangeView) : undefined;
  });
  assert.match(change.submittedBy, /^import file ecn-7\.json \(owner [\w-]+\)$/);
  assert.ok(change.diff.operations.length > 0 && change.diff.operations.every((o) => o.fields.includes('standardTime')));

  writeFileSync(join(folder, 'ecn-8.json'), JSON.stringify({ engineeringChange: ecn('ECN-8', { ...other, revision: 'C' }) }));
  const reason = await until('the refused change moved aside', () => readdirSync(join(folder, 'failed')).find((f) => f.endsWith('ecn-8.json.reason.txt')));
  assert.match(readFileSync(join(folder, 'failed', reason), 'utf8'), /Change ECN-7 of VLV-200 is still waiting for approval/);
});

test('the impact of a change on the open work: orders not started move, each unit by where it stands', async () => {
  const sup = api(ctx.url);
  await sup.login('supervisor');
  for (const [number, quantity] of [['IMP-A', 3], ['IMP-N', 2]] as const) {
    await sup.request('POST', '/orders', { number, product: 'VLV-100', revision: 'B', quantity, dueDate: '2026-12-24' });
    await sup.request('POST', `/orders/${number}/release`, {});
  }
  await sup.request('POST', '/orders/IMP-A/dispatch', {});
  const op = api(ctx.url);
  await op.login('operator');
  const scans: Record<string, [string, string, string][]> = { WC10: [['BODY-25', 'C', 'BD-1'], ['SEAT-25', 'A', 'ST-1']], WC20: [['BONNET-25', 'B', 'BN-1'], ['SCR-M8', 'A', 'SC-1']] };
  const readings: Record<string, { name: string; value: number }[]> = { WC10: [{ name: 'Press force', value: 12 }], WC20: [{ name: 'Torque', value: 8 }], WC30: [{ name: 'Leak rate', value: 0.3 }] };
  const run = async (serial: string, through: string[], startAt?: string) => {
    for (const wc of through) {
      assert.equal((await op.request('POST', `/units/${serial}/start`, { workCenter: wc })).status, 200);
      for (const [material, revision, lot] of scans[wc] ?? []) await op.request('POST', `/units/${serial}/lots`, { workCenter: wc, material, revision, lot });
      const done = await op.request('POST', `/units/${serial}/complete`, { workCenter: wc, readings: readings[wc] });
      assert.equal(done.status, 200, JSON.stringify(done.body));
    }
    if (startAt) assert.equal((await op.request('POST', `/units/${serial}/start`, { workCenter: startAt })).status, 200);
  };
  const next = async () => ((await op.request('POST', '/line/next-unit', {})).body as { serial: string }).serial;
  const past = await next();
  await run(past, ['WC10', 'WC20', 'WC30']);
  const at20 = await next();
  await run(at20, ['WC10'], 'WC20');
  const at10 = await next();
  await run(at10, [], 'WC10');

  const impact = (await engineer.request('GET', '/changes/ECN-1/impact')).body as unknown as {
    orders: { number: string; outcome: string }[];
    units: { serial: string; outcome: { kind: string; changedDone?: number[]; reworkFrom?: number; operation?: number; changedAhead?: number[] } }[];
    summary: { orders: Record<string, number>; units: Record<string, number> };
  };
  assert.deepEqual(impact.orders.map((o) => [o.number, o.outcome]), [['IMP-A', 'units-only'], ['IMP-N', 'move-to-new-revision']]);
  const bySerial = Object.fromEntries(impact.units.map((u) => [u.serial, u.outcome]));
  assert.deepEqual(bySerial[past], { kind: 'needs-disposition', changedDone: [20, 30], proposal: 'rework', reworkFrom: 20, options: ['rework', 'accept-with-deviation', 'scrap'] });
  assert.deepEqual(bySerial[at20], { kind: 'at-changed-operation', operation: 20, options: ['finish-as-started', 'restart-on-new'] });
  assert.deepEqual(bySerial[at10], { kind: 'continue-on-new', changedAhead: [20, 30] });
  assert.deepEqual(impact.summary.units, { 'continue-on-new': 1, 'needs-disposition': 1, 'at-changed-operation': 1, unaffected: 0, 'outside-effectivity': 0 });
  assert.equal((await engineer.request('GET', '/changes/NOPE/impact')).status, 404);
});

test('time and material: ETAs that move with new standard times, orders that would run short of what the new revision needs', async () => {
  const sup = api(ctx.url);
  await sup.login('supervisor');
  // IMP-N (VLV-100, not started) joins the line after IMP-A; IMP-V (VLV-200) after it.
  await sup.request('POST', '/orders/IMP-N/dispatch', {});
  await sup.request('POST', '/orders', { number: 'IMP-V', product: 'VLV-200', revision: 'A', quantity: 2, dueDate: '2026-12-24' });
  await sup.request('POST', '/orders/IMP-V/release', {});
  await sup.request('POST', '/orders/IMP-V/dispatch', {});
  // The warehouse has no gasket GSK-10, which rev C of VLV-100 adds at operation 20.
  assert.equal((await sup.request('POST', '/stock', { material: 'GSK-10', revision: 'A', onHand: 0 })).status, 200);

  type Impact = {
    time: { orders: { number: string; deltaSeconds: number; lateBefore: boolean; lateAfter: boolean }[]; becomeLate: string[] };
    material: { short: { order: string; text: string; at: string | null }[]; unused: unknown[] };
  };
  const list = (await sup.request('GET', '/orders')).body as unknown as { number: string; eta: string | null }[];
  const gasket = (await engineer.request('GET', '/changes/ECN-1/impact')).body as unknown as Impact;
  assert.deepEqual(gasket.material.short.map(({ order, text }) => ({ order, text })), [{ order: 'IMP-N', text: 'GSK-10 rev A: needs 2, 0 left after the orders ahead.' }]);
  // When: IMP-N starts as IMP-A, ahead of it, ends.
  const ahead = list.find((o) => o.number === 'IMP-A')?.eta;
  assert.ok(ahead && gasket.material.short[0]?.at && Math.abs(Date.parse(gasket.material.short[0].at) - Date.parse(ahead)) < 5_000, `${gasket.material.short[0]?.at} vs ${ahead}`);
  assert.deepEqual(gasket.time.orders, [], 'rev C keeps the standard times');

  // ECN-7 doubles every standard time of VLV-200: IMP-V's ETA moves later.
  const slower = (await engineer.request('GET', '/changes/ECN-7/impact')).body as unknown as Impact;
  const v = slower.time.orders.find((o) => o.number === 'IMP-V');
  assert.ok(v && v.deltaSeconds > 0, JSON.stringify(slower.time));
  assert.deepEqual(slower.material.short, []);
});
