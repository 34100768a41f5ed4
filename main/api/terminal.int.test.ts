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
  const scans: Record<string, [string, string, string][]> = {
    WC20: [['BONNET-25', 'B', 'BN-5'], ['SCR-M8', 'A', 'SC-9']],
    WC40: [['LBL-ID', 'A', 'LB-1']],
  };
  for (const [wc, name, value] of ops) {
    if (wc !== 'WC10') assert.equal((await op.request('POST', `/units/${serial}/start`, { workCenter: wc })).status, 200);
    const view = (await op.request('GET', `/terminal/${wc}`)).body as unknown as { current: { serial: string; components: { material: string; scanned: number }[] } };
    assert.equal(view.current.serial, serial);
    if (scans[wc]) {
      // BOM compliance: the operation does not complete before its components are scanned.
      const early = await op.request('POST', `/units/${serial}/complete`, { workCenter: wc, readings: [{ name, value }] });
      assert.equal(early.body.code, 'bom_incomplete');
      for (const [material, revision, lot] of scans[wc] ?? []) {
        assert.equal((await op.request('POST', `/units/${serial}/lots`, { workCenter: wc, material, revision, lot })).status, 200);
      }
      const again = await op.request('POST', `/units/${serial}/lots`, { workCenter: wc, material: scans[wc]?.[0]?.[0], revision: scans[wc]?.[0]?.[1], lot: 'X-2' });
      assert.match(again.body.message ?? '', /complete for operation/);
    }
    const done = await op.request('POST', `/units/${serial}/complete`, { workCenter: wc, readings: [{ name, value }] });
    assert.equal(done.body.result, 'pass', JSON.stringify(done.body));
  }
  const record = (await op.request('GET', `/units/${serial}`)).body as unknown as {
    status: string; operations: { operation: number; by: string; result: string }[]; lots: { lot: string }[];
  };
  assert.equal(record.status, 'completed');
  assert.deepEqual(record.operations.map((o) => [o.operation, o.result, o.by]), [[10, 'pass', 'operator'], [20, 'pass', 'operator'], [30, 'pass', 'operator'], [40, 'pass', 'operator']]);
  assert.deepEqual(record.lots.map((l) => l.lot), ['BD-77', 'ST-12', 'BN-5', 'SC-9', 'LB-1']);
  const forward = (await op.request('GET', '/genealogy/lots/ST-12')).body as unknown as { serial: string }[];
  assert.deepEqual(forward.map((f) => f.serial), [serial]);
  // ERP hears which lots were consumed.
  const perf = (await op.request('GET', '/orders/PO-T1/performance?format=v0600')).body as unknown as { xml: string };
  assert.match(perf.xml, /<MaterialDefinitionID>SEAT-25<\/MaterialDefinitionID>\s*<MaterialLotID>ST-12<\/MaterialLotID>/);
});

test('a measurement out of its limits scraps the unit and says why; a scrap needs a reason', async () => {
  const op = api(ctx.url);
  await op.login('operator');
  const { serial } = (await op.request('POST', '/line/next-unit', {})).body as { serial: string };
  await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC10' });
  for (const [material, revision, lot] of [['BODY-25', 'C', 'BD-78'], ['SEAT-25', 'A', 'ST-13']]) {
    await op.request('POST', `/units/${serial}/lots`, { workCenter: 'WC10', material, revision, lot });
  }
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

const engineering = {
  materials: [
    { id: 'PMP-10', revision: 'A', description: 'Pump' },
    { id: 'GSK-1', revision: 'A', description: 'Gasket, cut' },
    { id: 'SHEET-3', revision: 'A', description: 'Gasket sheet 3 mm' },
  ],
  products: [
    {
      product: 'PMP-10', revision: 'A', bom: [],
      routing: [
        { seq: 10, name: 'Assemble', workCenter: 'WC10', standardCycleSeconds: 5 },
        { seq: 20, name: 'Pressure test', workCenter: 'WC20', standardCycleSeconds: 5, onFail: 'rework', reworkTo: 10,
          measurements: [{ name: 'Pressure', unit: 'bar', low: 5, high: 6 }] },
      ],
    },
    {
      product: 'GSK-1', revision: 'A', tracking: 'lot', bom: [{ material: 'SHEET-3', revision: 'A', quantity: 1 }],
      routing: [
        { seq: 10, name: 'Cut', workCenter: 'WC10', standardCycleSeconds: 2, components: [{ material: 'SHEET-3', quantity: 1 }] },
        { seq: 20, name: 'Inspect', workCenter: 'WC20', standardCycleSeconds: 1 },
      ],
    },
  ],
};

test('master data over REST: refused whole when wrong, the same message twice changes nothing, a used revision is not redefined', async () => {
  const eng = api(ctx.url);
  await eng.login('engineer');
  const broken = { ...engineering, products: [{ ...engineering.products[0], bom: [{ material: 'NOPE-1', revision: 'A', quantity: 1 }] }] };
  const refused = await eng.request('POST', '/master-data', broken);
  assert.equal(refused.status, 400);
  assert.match(refused.body.message ?? '', /NOPE-1 rev A/);
  assert.equal(((await eng.request('GET', '/products')).body as unknown as { product: string }[]).some((p) => p.product === 'PMP-10'), false, 'nothing half-applied');
  const first = await eng.request('POST', '/master-data', engineering);
  assert.deepEqual(first.body, { materials: 3, products: 2, received: [], unchanged: [] });
  assert.deepEqual((await eng.request('POST', '/master-data', engineering)).body, { materials: 0, products: 0, received: [], unchanged: [] });
  // A routing on a work center this line does not have is refused; so is a key the message does not know.
  const nowhere = structuredClone(engineering.products[0]!);
  nowhere.revision = 'Z';
  nowhere.routing[1]!.workCenter = 'WC99';
  assert.match((await eng.request('POST', '/master-data', { products: [nowhere] })).body.message ?? '', /operation 20 on WC99.*This line has WC10, WC20, WC30, WC40/);
  assert.equal((await eng.request('POST', '/master-data', { routings: [] })).status, 400);
  // Defining products does not make an engineer a planner: orders in the message need the right to create orders.
  const order = { number: 'PO-ENG-1', product: 'PMP-10', revision: 'A', quantity: 1, dueDate: '2026-12-01' };
  const planned = await eng.request('POST', '/master-data', { orders: [order] });
  assert.equal(planned.status, 403, JSON.stringify(planned.body));
  const orders = (await eng.request('GET', '/orders?status=all')).body as unknown as { number: string }[];
  assert.ok(Array.isArray(orders) && !orders.some((o) => o.number === 'PO-ENG-1'), 'nothing of it recorded');
  const sup = api(ctx.url);
  await sup.login('supervisor');
  await sup.request('POST', '/orders', { number: 'PO-P1', product: 'PMP-10', revision: 'A', quantity: 1, dueDate: '2026-12-01' });
  const changed = structuredClone(engineering);
  changed.products[0]!.routing[0]!.standardCycleSeconds = 6;
  // The same definition with its defaults written out (as a database from before a field was added holds it) is unchanged.
  const explicit = { ...engineering.products[0], tracking: 'serial', description: '' };
  assert.deepEqual((await eng.request('POST', '/master-data', { products: [explicit] })).body.products, 0);
  const redefined = await eng.request('POST', '/master-data', { products: [changed.products[0]] });
  assert.equal(redefined.status, 409);
  assert.match(redefined.body.message ?? '', /orders use it \(PO-P1\).*new revision/);
});

test('a failed check sends the unit to rework as the routing says, and the as-built record keeps both attempts', async () => {
  const sup = api(ctx.url);
  await sup.login('supervisor');
  await sup.request('POST', '/orders/PO-P1/release', {});
  // The order of the earlier tests is done with.
  assert.equal((await sup.request('POST', '/orders/PO-T1/cancel', { reason: 'tests of the terminal done' })).status, 200);
  assert.equal((await sup.request('POST', '/orders/PO-P1/dispatch', {})).status, 200);
  const op = api(ctx.url);
  await op.login('operator');
  const { serial } = (await op.request('POST', '/line/next-unit', {})).body as { serial: string };
  assert.equal(serial, 'PO-P1-0001');
  await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC10' });
  await op.request('POST', `/units/${serial}/complete`, { workCenter: 'WC10' });
  await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC20' });
  const failed = await op.request('POST', `/units/${serial}/complete`, { workCenter: 'WC20', readings: [{ name: 'Pressure', value: 4.1 }] });
  assert.deepEqual([failed.body.result, failed.body.unitStatus, failed.body.reworkTo], ['fail', 'queued', 10]);
  assert.match(String(failed.body.reason), /Pressure 4.1 bar outside 5…6/);
  const back = (await op.request('GET', '/terminal/WC10')).body as unknown as { waiting: { serial: string }[] };
  assert.ok(back.waiting.some((w) => w.serial === serial), 'the unit waits at operation 10 again');
  for (const [wc, readings] of [['WC10', []], ['WC20', [{ name: 'Pressure', value: 5.5 }]]] as const) {
    assert.equal((await op.request('POST', `/units/${serial}/start`, { workCenter: wc })).status, 200);
    const view = (await op.request('GET', `/terminal/${wc}`)).body as unknown as { current: { operation: { attempt: number } } };
    assert.equal(view.current.operation.attempt, 2);
    assert.equal((await op.request('POST', `/units/${serial}/complete`, { workCenter: wc, readings })).body.result, 'pass');
  }
  const record = (await op.request('GET', `/units/${serial}`)).body as unknown as { status: string; operations: { operation: number; result: string }[] };
  assert.equal(record.status, 'completed');
  assert.deepEqual(record.operations.map((o) => [o.operation, o.result]), [[10, 'pass'], [20, 'fail'], [10, 'pass'], [20, 'pass']]);
});

test('a lot-based order passes partial quantities on; material short refuses a dispatch and says what is missing', async () => {
  const sup = api(ctx.url);
  await sup.login('supervisor');
  assert.equal((await sup.request('POST', '/stock', { material: 'SHEET-3', revision: 'A', onHand: 30 })).status, 200);
  await sup.request('POST', '/orders', { number: 'PO-G1', product: 'GSK-1', revision: 'A', quantity: 50, dueDate: '2026-12-01' });
  await sup.request('POST', '/orders/PO-G1/release', {});
  const short = await sup.request('POST', '/orders/PO-G1/dispatch', {});
  assert.equal(short.body.code, 'material_short');
  assert.match(short.body.message ?? '', /SHEET-3 rev A: needs 50, 30 on hand/);
  await sup.request('POST', '/stock', { material: 'SHEET-3', revision: 'A', onHand: 80 });
  const dispatched = await sup.request('POST', '/orders/PO-G1/dispatch', {});
  assert.equal(dispatched.body.tracking, 'lot');

  const op = api(ctx.url);
  await op.login('operator');
  const report = (operation: number, workCenter: string, good: number, scrapped = 0, reason?: string) =>
    op.request('POST', `/orders/PO-G1/operations/${operation}/report`, { workCenter, good, scrapped, ...(reason ? { reason } : {}) });
  assert.match((await report(20, 'WC20', 1)).body.message ?? '', /Operation 20 has 0 to do/);
  assert.equal((await report(10, 'WC10', 20)).status, 200);
  // A split of a lot order takes only what has not started, and is a lot order itself.
  assert.match((await sup.request('POST', '/orders/PO-G1/split', { quantity: 31 })).body.message ?? '', /at most 30/);
  const split = await sup.request('POST', '/orders/PO-G1/split', { quantity: 2 });
  assert.equal(split.body.quantity, 48, JSON.stringify(split.body));
  const child = ((await sup.request('GET', '/orders')).body as unknown as { number: string; tracking: string }[]).find((o) => o.number === 'PO-G1.1');
  assert.equal(child?.tracking, 'lot');
  assert.equal((await report(20, 'WC20', 15, 2, 'torn')).status, 200);
  assert.match((await report(20, 'WC20', 4)).body.message ?? '', /Operation 20 has 3 to do/);
  assert.match((await report(10, 'WC10', 1, 1)).body.message ?? '', /reason/);
  const wc20 = (await op.request('GET', '/terminal/WC20')).body as unknown as { lots: { order: string; input: number; good: number; scrapped: number; available: number }[] };
  assert.deepEqual(wc20.lots.find((l) => l.order === 'PO-G1'), { ...wc20.lots.find((l) => l.order === 'PO-G1'), input: 20, good: 15, scrapped: 2, available: 3 });
  await report(10, 'WC10', 26, 2, 'bad cut');
  const last = await report(20, 'WC20', 29);
  assert.equal(last.body.status, 'completed');
  assert.deepEqual([last.body.unitsGood, last.body.unitsScrapped], [44, 4]);
  // The sheets cut at operation 10 (48 of them, scrap included) were taken off the 80 on hand.
  const stock = (await sup.request('GET', '/stock')).body as unknown as { material: string; onHand: number }[];
  assert.equal(stock.find((x) => x.material === 'SHEET-3')?.onHand, 32);
  const perf = (await op.request('GET', '/orders/PO-G1/performance?format=v7')).body as unknown as { xml: string };
  assert.match(perf.xml, /<QuantityString>44<\/QuantityString>/);
});

// Last in this file: it leaves units of its order on the line.
test('a terminal that sends next unit again under the same Idempotency-Key gets the unit it started, not another', async () => {
  const sup = api(ctx.url);
  await sup.login('supervisor');
  await sup.request('POST', '/orders', { number: 'PO-IK', product: 'VLV-100', revision: 'B', quantity: 3, dueDate: '2026-12-01', priority: 1 });
  await sup.request('POST', '/orders/PO-IK/release', {});
  await sup.request('POST', '/orders/PO-IK/dispatch', {});
  const op = api(ctx.url);
  await op.login('operator');
  const send = async (key: string) => {
    const res = await fetch(`${ctx.url}/api/v1/line/next-unit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${op.token ?? ''}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: '{}',
    });
    assert.equal(res.status, 200);
    return ((await res.json()) as { serial: string | null }).serial;
  };
  const first = await send('WC10-retry-1');
  assert.ok(first);
  assert.equal(await send('WC10-retry-1'), first, 'the retry names the same unit');
  const second = await send('WC10-retry-2');
  assert.ok(second && second !== first, 'another key starts another unit');
  const events = (await op.request('GET', '/events?limit=1000')).body as unknown as { type: string; correlationId: string | null }[];
  assert.equal(events.filter((e) => e.type === 'UnitStarted' && e.correlationId === 'WC10-retry-1').length, 1);
});
