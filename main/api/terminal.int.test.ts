import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, withStation } from '../../tests/support/station-harness';

// The operator terminal's part of the API, on a line without a PLC: units built by hand, operation by operation.
let ctx: Awaited<ReturnType<typeof withStation>>;
before(async () => {
  ctx = await withStation();
});
after(async () => ctx.dispose());

test('an operator builds a unit through every operation: routing enforced, lots checked against the BOM, measurements judged', async () => {
  const sup = api(ctx.url);
  await sup.login('supervisor');
  await sup.request('POST', '/orders', { number: 'PO-T1', product: 'VLV-100', revision: 'B', quantity: 2, dueDate: '2026-12-01' });
  await sup.request('POST', '/orders/PO-T1/release', {});
  await sup.request('POST', '/orders/PO-T1/dispatch', {});
  const op = api(ctx.url);
  await op.login('operator');
  const { serial } = (await op.request('POST', '/line/next-unit', {})).body as { serial: string };
  assert.equal(serial, 'PO-T1-0001');

  const early = await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC30' });
  assert.equal(early.status, 409);
  assert.match(early.body.message ?? '', /due at operation 10 .* on WC10, not on WC30/);

  assert.equal((await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC10' })).status, 200);
  const wrongLot = await op.request('POST', `/units/${serial}/lots`, { workCenter: 'WC10', material: 'BONNET-25', revision: 'B', lot: 'BN-1' });
  assert.equal(wrongLot.status, 409);
  assert.match(wrongLot.body.message ?? '', /expected BODY-25 rev C, SEAT-25 rev A/);
  for (const [material, revision, lot] of [['BODY-25', 'C', 'BD-77'], ['SEAT-25', 'A', 'ST-12']]) {
    assert.equal((await op.request('POST', `/units/${serial}/lots`, { workCenter: 'WC10', material, revision, lot })).status, 200);
  }
  const ops: [string, string, number][] = [['WC10', 'Press force', 12.1], ['WC20', 'Torque', 8.0], ['WC30', 'Leak rate', 0.3], ['WC40', 'Weight', 250.2]];
  for (const [wc, name, value] of ops) {
    if (wc !== 'WC10') assert.equal((await op.request('POST', `/units/${serial}/start`, { workCenter: wc })).status, 200);
    const done = await op.request('POST', `/units/${serial}/complete`, { workCenter: wc, readings: [{ name, value }] });
    assert.equal(done.body.result, 'pass', JSON.stringify(done.body));
  }
  const record = (await op.request('GET', `/units/${serial}`)).body as unknown as {
    status: string; operations: { operation: number; by: string; result: string }[]; lots: { lot: string }[];
  };
  assert.equal(record.status, 'completed');
  assert.deepEqual(record.operations.map((o) => [o.operation, o.result, o.by]), [[10, 'pass', 'operator'], [20, 'pass', 'operator'], [30, 'pass', 'operator'], [40, 'pass', 'operator']]);
  assert.deepEqual(record.lots.map((l) => l.lot), ['BD-77', 'ST-12']);
  const forward = (await op.request('GET', '/genealogy/lots/ST-12')).body as unknown as { serial: string }[];
  assert.deepEqual(forward.map((f) => f.serial), [serial]);
});

test('a measurement out of its limits scraps the unit and says why; a scrap needs a reason', async () => {
  const op = api(ctx.url);
  await op.login('operator');
  const { serial } = (await op.request('POST', '/line/next-unit', {})).body as { serial: string };
  await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC10' });
  const out = await op.request('POST', `/units/${serial}/complete`, { workCenter: 'WC10', readings: [{ name: 'Press force', value: 15.2 }] });
  assert.equal(out.body.result, 'fail');
  assert.equal(out.body.unitStatus, 'scrapped');
  assert.match(String(out.body.reason), /Press force 15.2 kN outside 10…14/);
  const { serial: next } = (await op.request('POST', '/line/next-unit', {})).body as { serial: string };
  assert.equal((await op.request('POST', `/units/${next}/scrap`, { reason: '' })).status, 400);
  assert.equal((await op.request('POST', `/units/${next}/scrap`, { reason: 'dropped on the floor' })).status, 200);
  const engineer = api(ctx.url);
  await engineer.login('engineer');
  assert.equal((await engineer.request('POST', '/line/next-unit', {})).status, 403);
});
