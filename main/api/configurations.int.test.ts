import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImpactView, OrderView, ProductDefinition, TerminalView } from '../../core';
import { api, withStation } from '../../tests/support/station-harness';

// A configurable product (the demo's VLV-250: seal material, actuator): orders name their option values, each unit is
// built to its configuration at the terminals, and an engineering change is worked out and carried per configuration.

let ctx: Awaited<ReturnType<typeof withStation>>;
let sup: ReturnType<typeof api>;
let op: ReturnType<typeof api>;
let engineer: ReturnType<typeof api>;

before(async () => {
  ctx = await withStation();
  sup = api(ctx.url);
  await sup.login('supervisor');
  op = api(ctx.url);
  await op.login('operator');
  engineer = api(ctx.url);
  await engineer.login('engineer');
});
after(async () => ctx.dispose());

const order = (number: string, options?: Record<string, string>) =>
  sup.request('POST', '/orders', { number, product: 'VLV-250', revision: 'A', quantity: 1, dueDate: '2026-12-24', ...(options ? { options } : {}) });

test('an order names a value of every option; one it lacks or a value the product does not have is refused, saying which', async () => {
  const none = await order('CF-0');
  assert.equal(none.status, 400);
  assert.match(none.body.message ?? '', /Order CF-0: The order names no Seal material: VLV-250 rev A comes with Seal material EPDM or FKM/);
  const wrong = await order('CF-0', { 'Seal material': 'PTFE', Actuator: 'manual' });
  assert.match(wrong.body.message ?? '', /names Seal material PTFE, which it does not have/);
  const plain = await sup.request('POST', '/orders', { number: 'CF-00', product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-24', options: { Colour: 'red' } });
  assert.match(plain.body.message ?? '', /VLV-100 rev B has no option Colour: it has no options/);

  assert.equal((await order('CF-1', { 'Seal material': 'FKM', Actuator: 'pneumatic' })).status, 200);
  assert.equal((await order('CF-2', { 'Seal material': 'EPDM', Actuator: 'manual' })).status, 200);
  const orders = (await sup.request('GET', '/orders')).body as unknown as OrderView[];
  assert.deepEqual(orders.find((o) => o.number === 'CF-1')?.options, { 'Seal material': 'FKM', Actuator: 'pneumatic' });
});

test('each unit is built to its configuration: its components, checks and instructions at the terminal', async () => {
  for (const n of ['CF-1', 'CF-2']) {
    await sup.request('POST', `/orders/${n}/release`, {});
    await sup.request('POST', `/orders/${n}/dispatch`, {});
  }
  const fkm = ((await op.request('POST', '/line/next-unit', {})).body as { serial: string }).serial;
  assert.match(fkm, /^CF-1-/);
  await op.request('POST', `/units/${fkm}/start`, { workCenter: 'WC10' });
  const wc10 = ((await op.request('GET', '/terminal/WC10')).body as unknown as TerminalView).current!;
  assert.deepEqual(wc10.components.map((c) => c.material), ['BODY-25', 'SEAT-25F']);
  assert.match(wc10.operation.instruction, /Seal material FKM: Use the FKM seat ring \(green dot\)/);
  const epdm = ((await op.request('POST', '/line/next-unit', {})).body as { serial: string }).serial;
  assert.match(epdm, /^CF-2-/);
});

test('a change to one option reaches the units of that configuration only; one that drops a value in use is refused', async () => {
  const revA = ((await engineer.request('GET', '/products')).body as unknown as ProductDefinition[]).find((p) => p.product === 'VLV-250' && p.revision === 'A')!;
  // FKM seals: leak limit 0.8 → 0.6 ml/min. EPDM units are built exactly as before.
  const revB: ProductDefinition = {
    ...revA,
    revision: 'B',
    options: revA.options!.map((o) =>
      o.name !== 'Seal material'
        ? o
        : { ...o, values: o.values.map((v) => (v.value !== 'FKM' ? v : { ...v, operations: v.operations.map((x) => (x.seq === 30 ? { ...x, measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 0.6 }] } : x)) })) },
    ),
  };
  const dropped: ProductDefinition = { ...revA, revision: 'C', options: revA.options!.map((o) => (o.name === 'Seal material' ? { ...o, values: o.values.filter((v) => v.value !== 'FKM') } : o)) };
  const refused = await engineer.request('POST', '/changes', { number: 'ECN-C1', reason: 'No more FKM', definition: dropped });
  assert.equal(refused.status, 400);
  assert.match(refused.body.message ?? '', /VLV-250 rev C cannot build order CF-1 as it is configured \(Seal material FKM, Actuator pneumatic\).*Nothing of ECN-C1 was applied/);

  const posted = await engineer.request('POST', '/changes', { number: 'ECN-C2', reason: 'FKM seals weep at 0.7', definition: revB });
  assert.equal(posted.status, 200, JSON.stringify(posted.body));
  const impact = (await engineer.request('GET', '/changes/ECN-C2/impact')).body as unknown as ImpactView;
  const [fkm, epdm] = ['CF-1', 'CF-2'].map((n) => impact.units.find((u) => u.order === n)!);
  assert.deepEqual(fkm?.outcome, { kind: 'continue-on-new', changedAhead: [30] });
  assert.equal(epdm?.outcome.kind, 'unaffected', 'an EPDM unit is built exactly as before');
  assert.equal((await engineer.request('POST', '/changes/ECN-C2/approve', {})).status, 200);

  // The FKM unit meets the new limit at 30, what changed said there; the EPDM unit keeps its revision.
  const serial = fkm!.serial;
  for (const [wc, lots, reading] of [
    ['WC10', [['BODY-25', 'C'], ['SEAT-25F', 'A']], ['Press force', 12]],
    ['WC20', [['BONNET-25', 'B'], ['SCR-M8', 'A']], ['Torque', 8]],
  ] as const) {
    await op.request('POST', `/units/${serial}/start`, { workCenter: wc });
    for (const [material, revision] of lots) assert.equal((await op.request('POST', `/units/${serial}/lots`, { workCenter: wc, material, revision, lot: `${material}-1` })).status, 200);
    assert.equal((await op.request('POST', `/units/${serial}/complete`, { workCenter: wc, readings: [{ name: reading[0], value: reading[1] }] })).body.result, 'pass');
  }
  await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC30' });
  const wc30 = ((await op.request('GET', '/terminal/WC30')).body as unknown as TerminalView).current!;
  assert.deepEqual(wc30.measurements, [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 0.6 }]);
  assert.deepEqual(wc30.operation.changed?.what, ['check changed: Leak rate 0…0.8 ml/min → Leak rate 0…0.6 ml/min']);
  assert.equal(((await op.request('GET', `/units/${epdm!.serial}`)).body as unknown as { revision: string }).revision, 'A');
});
