import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeView, ProductDefinition } from '../../core';
import { projectRoot } from '../../tests/support/station-fixtures';
import { api, withStation } from '../../tests/support/station-harness';

// Product definitions from B2MML (V0600 ProductDefinition, V7 OperationsDefinition): a product new here is defined, a
// new revision of a product here becomes an engineering change; one the station cannot build from is refused, saying why.

let ctx: Awaited<ReturnType<typeof withStation>>;
const token: Record<string, string> = {};

const post = async (who: string, xml: string) => {
  const r = await fetch(`${ctx.url}/api/v1/b2mml`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${token[who]}` }, body: xml });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & { message?: string; code?: string } };
};

const V0600 = `<?xml version="1.0"?>
<ProductDefinition xmlns="http://www.mesa.org/xml/B2MML-V0600">
  <ID>PUMP-1</ID>
  <Description>Dosing pump</Description>
  <ProductSegment>
    <ID>P10</ID><Description>Press housing</Description><Duration>PT4S</Duration>
    <EquipmentSpecification><EquipmentID>WC10</EquipmentID></EquipmentSpecification>
    <MaterialSpecification><MaterialDefinitionID>BODY-25</MaterialDefinitionID><MaterialUse>Consumed</MaterialUse><Quantity><QuantityString>1</QuantityString></Quantity></MaterialSpecification>
  </ProductSegment>
  <ProductSegment>
    <ID>P20</ID><Description>Test</Description><Duration>PT1M30S</Duration><ProcessSegmentID>WC30</ProcessSegmentID>
    <Parameter><ID>Leak rate</ID><Value><ValueString>1</ValueString></Value></Parameter>
  </ProductSegment>
</ProductDefinition>`;

before(async () => {
  ctx = await withStation();
  for (const who of ['engineer', 'supervisor', 'lead', 'operator']) token[who] = (await api(ctx.url).login(who)).body.token as string;
});
after(async () => ctx.dispose());

test('a V0600 ProductDefinition of a product new here is defined: segments as operations, materials at the station\'s revisions', async () => {
  const r = await post('engineer', V0600);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.kind, r.body.products, r.body.changes], ['ProductDefinition', 1, []]);
  assert.ok((r.body.warnings as string[]).some((w) => /no Version for PUMP-1; revision "A" assumed/.test(w)));
  assert.ok((r.body.warnings as string[]).some((w) => /parameters are not read as checks/.test(w)));
  const engineer = api(ctx.url);
  await engineer.login('engineer');
  const pump = ((await engineer.request('GET', '/products')).body as unknown as ProductDefinition[]).find((p) => p.product === 'PUMP-1');
  assert.deepEqual(pump?.bom, [{ material: 'BODY-25', revision: 'C', quantity: 1 }], "BODY-25 at the station's revision C");
  assert.deepEqual(pump?.routing.map((o) => [o.seq, o.name, o.workCenter, o.standardCycleSeconds]), [[10, 'Press housing', 'WC10', 4], [20, 'Test', 'WC30', 90]]);
});

test('a V7 OperationsDefinition of a new revision of a product here becomes an engineering change, pending approval', async () => {
  const xml = `<OperationsDefinition xmlns="http://www.mesa.org/xml/B2MML">
    <ID>PUMP-1</ID><Version>B</Version><Description>Dosing pump, slower test</Description>
    <OperationsSegment><ID>P10</ID><Description>Press housing</Description><Duration>PT4S</Duration>
      <EquipmentSpecification><EquipmentID>WC10</EquipmentID></EquipmentSpecification>
      <MaterialSpecification><MaterialDefinitionID>BODY-25</MaterialDefinitionID><MaterialUse>Consumed</MaterialUse></MaterialSpecification>
    </OperationsSegment>
    <OperationsSegment><ID>P20</ID><Description>Test</Description><Duration>PT2M</Duration><ProcessSegmentID>WC30</ProcessSegmentID></OperationsSegment>
  </OperationsDefinition>`;
  const r = await post('engineer', xml);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.kind, r.body.version, r.body.products, r.body.changes], ['OperationsDefinition', 'V7', 0, ['B2MML-PUMP-1-B']]);
  const engineer = api(ctx.url);
  await engineer.login('engineer');
  const change = (await engineer.request('GET', '/changes/B2MML-PUMP-1-B')).body as unknown as ChangeView;
  assert.deepEqual([change.status, change.fromRevision, change.toRevision], ['pending', 'A', 'B']);
  assert.deepEqual(change.diff.operations.map((o) => [o.operation, o.fields]), [['Test', ['standardTime']]]);
});

test('the MTConnect-style Definition.xml is read as far as it goes and refused with the reason; who may send what is checked', async () => {
  const definition = readFileSync(join(projectRoot, 'tests', 'fixtures', 'standards', 'b2mml', 'examples-v0600-mtconnect-style', 'Definition.xml'), 'utf8');
  const refused = await post('engineer', definition);
  assert.equal(refused.status, 400);
  assert.match(refused.body.message ?? '', /segment BRKT-0420 of BRKT-0420 names no work center/);
  const again = await post('supervisor', V0600);
  assert.equal(again.status, 409, 'PUMP-1 is here now: a definition of it is a change, refused whole while another one waits');
  assert.match(again.body.message ?? '', /Change B2MML-PUMP-1-B of PUMP-1 is still waiting for approval/);
  assert.equal((await post('lead', V0600)).status, 403, 'a shift lead sends no B2MML');
  assert.equal((await post('operator', V0600)).status, 403, 'an operator sends no B2MML');
  const schedule = readFileSync(join(projectRoot, 'tests', 'fixtures', 'b2mml', 'v0600-valve-schedule.xml'), 'utf8');
  assert.equal((await post('engineer', schedule)).status, 403, 'an engineer creates no orders');
});

test('a message with several definitions is taken whole: one refused, none of its changes is submitted', async () => {
  const def = (id: string, version: string, wc: string) => `<ProductDefinition><ID>${id}</ID><Version>${version}</Version>
      <ProductSegment><ID>P10</ID><Description>Press</Description><Duration>PT3S</Duration>
        <EquipmentSpecification><EquipmentID>${wc}</EquipmentID></EquipmentSpecification>
        <MaterialSpecification><MaterialDefinitionID>BODY-25</MaterialDefinitionID><MaterialUse>Consumed</MaterialUse><Quantity><QuantityString>1</QuantityString></Quantity></MaterialSpecification>
      </ProductSegment></ProductDefinition>`;
  const bod = `<SyncProductDefinition xmlns="http://www.mesa.org/xml/B2MML-V0600" releaseID="1"><ApplicationArea/><DataArea><Sync/>
    ${def('VLV-100', 'X', 'WC10')}${def('VLV-200', 'X', 'WC99')}</DataArea></SyncProductDefinition>`;
  const r = await post('engineer', bod);
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.match(r.body.message ?? '', /operation 10 on WC99/);
  const engineer = api(ctx.url);
  await engineer.login('engineer');
  const changes = (await engineer.request('GET', '/changes')).body as unknown as ChangeView[];
  assert.equal(changes.some((c) => c.number === 'B2MML-VLV-100-X'), false, 'the valid one was not submitted either');
});
