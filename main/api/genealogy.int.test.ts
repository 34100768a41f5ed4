import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GenealogyGraph, RecallList } from '../../core';
import { api, withStation } from '../../tests/support/station-harness';

// The genealogy explorer and the recall list: a lot traced forward through a sub-assembly into another order's unit,
// a unit traced backward through its sub-assembly to the lots in it, a recall from a lot and from a work center's window.

let ctx: Awaited<ReturnType<typeof withStation>>;
const serials: string[] = [];
let startedAt = '';

before(async () => {
  ctx = await withStation();
  const sup = api(ctx.url);
  await sup.login('supervisor');
  // A sub-assembly made here: the valve body BODY-25 rev C as a product of its own, from a raw lot of SCR-M8.
  const engineer = api(ctx.url);
  await engineer.login('engineer');
  const body = {
    product: 'BODY-25',
    revision: 'C',
    description: 'Valve body DN25, machined here',
    bom: [{ material: 'SCR-M8', revision: 'A', quantity: 1 }],
    routing: [{ seq: 10, name: 'Machine body', workCenter: 'WC10', standardCycleSeconds: 2, components: [{ material: 'SCR-M8', quantity: 1 }], measurements: [], instruction: 'Machine.' }],
  };
  const defined = await engineer.request('POST', '/master-data', { products: [body] });
  assert.equal(defined.status, 200, JSON.stringify(defined.body));
  for (const [number, product, revision, quantity] of [['GS', 'BODY-25', 'C', 1], ['GA', 'VLV-100', 'B', 2], ['GB', 'VLV-100', 'B', 1]] as const) {
    await sup.request('POST', '/orders', { number, product, revision, quantity, dueDate: '2026-12-24' });
    await sup.request('POST', `/orders/${number}/release`, {});
    await sup.request('POST', `/orders/${number}/dispatch`, {});
  }
  const op = api(ctx.url);
  await op.login('operator');
  startedAt = new Date(Date.now() - 60_000).toISOString();
  const build = async (scans: [string, string, string][], readings: { name: string; value: number }[]) => {
    const { serial } = (await op.request('POST', '/line/next-unit', {})).body as { serial: string };
    serials.push(serial);
    const started = await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC10' });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    for (const [material, revision, lot] of scans) {
      const r = await op.request('POST', `/units/${serial}/lots`, { workCenter: 'WC10', material, revision, lot });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const done = await op.request('POST', `/units/${serial}/complete`, { workCenter: 'WC10', readings });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    return serial;
  };
  const press = [{ name: 'Press force', value: 12.1 }];
  await build([['SCR-M8', 'A', 'SC-RAW-9']], []);
  for (const body of ['BD-77', 'BD-77']) await build([['BODY-25', 'C', body], ['SEAT-25', 'A', `ST-${serials.length}`]], press);
  const { serial: gb } = (await op.request('POST', '/line/next-unit', {})).body as { serial: string };
  serials.push(gb);
  await op.request('POST', `/units/${gb}/start`, { workCenter: 'WC10' });
  // A unit that is not a valve body is no body lot.
  const notBody = await op.request('POST', `/units/${gb}/lots`, { workCenter: 'WC10', material: 'BODY-25', revision: 'C', lot: 'GA-0001' });
  assert.match(notBody.body.message ?? '', /GA-0001 is the serial number of a unit, not a lot of BODY-25/);
  for (const [material, revision, lot] of [['BODY-25', 'C', 'GS-0001'], ['SEAT-25', 'A', 'ST-GB']]) {
    const r = await op.request('POST', `/units/${gb}/lots`, { workCenter: 'WC10', material, revision, lot });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  assert.deepEqual(serials, ['GS-0001', 'GA-0001', 'GA-0002', 'GB-0001']);
});
after(async () => ctx.dispose());

test('a lot traced forward reaches its units and, through a sub-assembly, the unit that was built from one', async () => {
  const q = api(ctx.url);
  await q.login('quality');
  const g = (await q.request('GET', '/genealogy/graph?kind=lot&id=SC-RAW-9&direction=forward')).body as unknown as GenealogyGraph;
  assert.deepEqual(g.nodes.map((n) => n.id).sort(), ['lot:SC-RAW-9', 'unit:GB-0001', 'unit:GS-0001']);
  assert.deepEqual(g.edges.map((e) => `${e.from}>${e.to}`).sort(), ['lot:SC-RAW-9>unit:GS-0001', 'unit:GS-0001>unit:GB-0001']);
  assert.equal(g.nodes.find((n) => n.id === 'unit:GB-0001')?.order, 'GB');
  const bd = (await q.request('GET', '/genealogy/graph?kind=lot&id=BD-77&direction=forward')).body as unknown as GenealogyGraph;
  assert.deepEqual(bd.nodes.map((n) => n.id).sort(), ['lot:BD-77', 'unit:GA-0001', 'unit:GA-0002']);
});

test('a unit traced backward reaches the lots in it and, through its sub-assembly, the lots in that', async () => {
  const q = api(ctx.url);
  await q.login('quality');
  const g = (await q.request('GET', '/genealogy/graph?kind=serial&id=GB-0001&direction=backward')).body as unknown as GenealogyGraph;
  assert.deepEqual(g.nodes.map((n) => n.id).sort(), ['lot:SC-RAW-9', 'lot:ST-GB', 'unit:GB-0001', 'unit:GS-0001']);
  const unknown = (await q.request('GET', '/genealogy/graph?kind=serial&id=NOPE-1')).body as unknown as GenealogyGraph;
  assert.equal(unknown.nodes.length, 0);
  const bad = await q.request('GET', '/genealogy/graph?kind=serial&id=');
  assert.equal(bad.status, 400);
});

test('the recall of a lot lists every affected unit and order, sub-assemblies included; a work center window too; exported as CSV', async () => {
  const q = api(ctx.url);
  await q.login('quality');
  const list = (await q.request('GET', '/genealogy/recall?lot=SC-RAW-9')).body as unknown as RecallList;
  assert.deepEqual(
    list.units.map((u) => [u.serial, u.order, u.via, u.depth]),
    [
      ['GB-0001', 'GB', 'GS-0001', 1],
      ['GS-0001', 'GS', 'SC-RAW-9', 0],
    ],
  );
  assert.deepEqual(list.orders.map((o) => [o.number, o.units]), [['GB', 1], ['GS', 1]]);

  const window = (await q.request('GET', `/genealogy/recall?workCenter=WC10&from=${encodeURIComponent(startedAt)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`))
    .body as unknown as RecallList;
  assert.deepEqual(window.units.map((u) => u.serial), ['GA-0001', 'GA-0002', 'GB-0001', 'GS-0001']);
  const before = (await q.request('GET', `/genealogy/recall?workCenter=WC10&from=2020-01-01T00:00:00.000Z&to=2020-01-02T00:00:00.000Z`)).body as unknown as RecallList;
  assert.equal(before.units.length, 0);

  const csv = (await q.request('GET', '/genealogy/recall/export?lot=SC-RAW-9')).body as { fileName: string; base64: string; units: number; orders: number };
  assert.match(csv.fileName, /^recall-SC-RAW-9-.*\.csv$/);
  assert.deepEqual([csv.units, csv.orders], [2, 2]);
  const lines = Buffer.from(csv.base64, 'base64').toString('utf8').trim().split('\r\n');
  assert.match(lines[0] ?? '', /^# Recall: lot SC-RAW-9; made .* by Demo quality engineer \(quality\); 2 units in 2 orders$/);
  assert.equal(lines[1], 'serial,order,product,revision,status,completed_at,reached_through,depth');
  assert.match(lines[2] ?? '', /^GB-0001,GB,VLV-100,B,[a-z_]+,,GS-0001,1$/);
});
