import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { join } from 'node:path';
import type { AsBuiltView, ChangeDispositionView, EventView, OrderView, ProductDefinition, WipItem } from '../../core';
import { loadSimulatorProfile, startSimulator, type RunningSimulator } from '../../drivers/simulator';
import { resourcesDir, tempDir } from '../../tests/support/station-fixtures';
import { api, until, withStation } from '../../tests/support/station-harness';

// Station ↔ simulated line PLC over a real OPC UA session (opc.tcp on loopback), the simulator running 20× fast.
describe('station drives the line over OPC UA', () => {
  const pki = tempDir('mes-pki-');
  let sim: RunningSimulator;
  let ctx: Awaited<ReturnType<typeof withStation>>;

  before(async () => {
    const profile = loadSimulatorProfile(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'simulator.json'), 'utf8')));
    assert.ok(profile.ok);
    // No short stops: the test asserts on throughput within a time limit.
    sim = await startSimulator({ profile: { ...profile.value, shortStopProbability: 0 }, pkiFolder: join(pki.path, 'sim'), port: 0, speed: 20, seed: 7 });
    ctx = await withStation({
      simulatorEndpoint: sim.endpoint,
    });
  });
  after(async () => {
    await ctx?.dispose();
    await sim?.dispose();
    pki.dispose();
  });

  test('the PLC connection and the machine states show on the line', async () => {
    const c = api(ctx.url);
    await c.login('operator');
    const line = await until('states from the PLC', async () => {
      const r = (await c.request('GET', '/line')).body as unknown as { plc: { connected: boolean }; workCenters: { state: string }[] };
      return r.workCenters.every((w) => w.state !== 'Unknown') ? r : undefined;
    });
    assert.equal(line.plc.connected, true);
    assert.deepEqual(line.workCenters.map((w) => w.state), ['Idle', 'Idle', 'Idle', 'Idle']);
  });

  test('a dispatched order is built: units fed by serial, through every operation, measured, the order completed', { timeout: 90_000 }, async () => {
    const c = api(ctx.url);
    await c.login('supervisor');
    await c.request('POST', '/orders', { number: 'PO-9001', product: 'VLV-100', revision: 'B', quantity: 4, dueDate: '2026-12-01' });
    // The warehouse counts the bodies; the line scans nothing, so what it uses is backflushed as operations complete.
    assert.equal((await c.request('POST', '/stock', { material: 'BODY-25', revision: 'C', onHand: 100 })).status, 200);
    await c.request('POST', '/orders/PO-9001/release', {});
    await c.request('POST', '/orders/PO-9001/dispatch', {});
    // A reject at the leak test scraps one unit; the station starts one more to make the quantity.
    sim.forceReject('WC30');

    const wip = await until('a unit in WIP', async () => {
      const items = (await c.request('GET', '/wip')).body as unknown as WipItem[];
      return items.length > 0 ? items : undefined;
    });
    assert.match(wip[0]?.serial ?? '', /^PO-9001-\d{4}$/);

    const done = await until(
      'the order to complete',
      async () => {
        const orders = (await c.request('GET', '/orders?status=all')).body as unknown as OrderView[];
        const o = orders.find((x) => x.number === 'PO-9001');
        return o?.status === 'completed' ? o : undefined;
      },
      75_000,
      250,
    );
    assert.equal(done.unitsGood, 4);
    // The forced reject, and any the simulated process spread made: each replaced by one more unit.
    assert.ok(done.unitsScrapped >= 1);
    assert.equal(done.unitsStarted, done.unitsGood + done.unitsScrapped);
    assert.equal(done.sequence, null, 'a completed order leaves the dispatch list');

    type Ev = { seq: number; type: string; stream: string; data: Record<string, unknown> };
    const events: Ev[] = [];
    for (let page: Ev[] = []; events.length === 0 || page.length === 1000; ) {
      page = (await c.request('GET', `/events?limit=1000&after=${events[events.length - 1]?.seq ?? 0}`)).body as unknown as Ev[];
      events.push(...page);
    }
    const completed = events.filter((e) => e.type === 'OperationCompleted');
    const serials = new Set(completed.map((e) => e.data.serial));
    assert.equal(serials.size, done.unitsStarted);
    // Every good unit went through 10, 20, 30, 40 in order, each with its measurement judged against the routing.
    for (const s of serials) {
      const ops = completed.filter((e) => e.data.serial === s);
      const scrapped = events.some((e) => e.type === 'UnitScrapped' && e.data.serial === s);
      if (!scrapped) assert.deepEqual(ops.map((e) => e.data.operation), [10, 20, 30, 40], String(s));
      for (const e of ops) assert.equal((e.data.measurements as unknown[]).length, 1);
    }
    assert.ok(events.some((e) => e.type === 'UnitScrapped' && e.data.operation === 30), 'the forced reject at WC30 scrapped its unit');
    assert.ok(events.some((e) => e.type === 'UnitArrived' && e.data.workCenter === 'WC40'));
    assert.ok(events.some((e) => e.type === 'OrderCompleted'));
    const pressed = new Set(completed.filter((e) => e.data.operation === 10).map((e) => e.data.serial)).size;
    const stock = (await c.request('GET', '/stock')).body as unknown as { material: string; onHand: number }[];
    assert.equal(stock.find((x) => x.material === 'BODY-25')?.onHand, 100 - pressed);
    assert.deepEqual((await c.request('GET', '/wip')).body, []);

    // The as-built record of a good unit: every operation, where, when, result and measurement.
    const goodSerial = [...serials].find((s) => !events.some((e) => e.type === 'UnitScrapped' && e.data.serial === s));
    const built = (await c.request('GET', `/units/${goodSerial}`)).body as unknown as { operations: { operation: number; workCenter: string; startedAt: string; endedAt: string; result: string }[] };
    assert.deepEqual(built.operations.map((o) => [o.operation, o.workCenter, o.result]), [[10, 'WC10', 'pass'], [20, 'WC20', 'pass'], [30, 'WC30', 'pass'], [40, 'WC40', 'pass']]);
    assert.ok(built.operations.every((o) => o.endedAt && (!o.startedAt || o.startedAt <= o.endedAt)));

    // What goes back to ERP, from the API and as files in <data-dir>/export.
    for (const format of ['v0600', 'v7']) {
      const report = (await c.request('GET', `/orders/PO-9001/performance?format=${format}`)).body as unknown as { fileName: string; xml: string };
      const parser = new SaxesParser({ xmlns: true });
      const names: string[] = [];
      parser.on('opentag', (t) => names.push(t.local));
      parser.write(report.xml).close();
      assert.ok(names.includes(format === 'v7' ? 'OperationsResponse' : 'ProductionResponse'));
      assert.match(report.xml, /<QuantityString>4<\/QuantityString>\s*<DataType>integer<\/DataType>\s*<UnitOfMeasure>ea<\/UnitOfMeasure>\s*<Key>Good<\/Key>/);
      assert.match(report.xml, /<MaterialDefinitionID>SEAT-25<\/MaterialDefinitionID>/);
      assert.equal(readFileSync(join(ctx.dataDir, 'export', report.fileName), 'utf8').length > 0, true);
    }
  });

  test('an engineering change approved while the line runs: units in work carry on, each operation built to the revision it says', { timeout: 90_000 }, async () => {
    const c = api(ctx.url);
    await c.login('supervisor');
    const eng = api(ctx.url);
    await eng.login('engineer');
    await c.request('POST', '/orders', { number: 'PO-9101', product: 'VLV-100', revision: 'B', quantity: 6, dueDate: '2026-12-01' });
    await c.request('POST', '/orders/PO-9101/release', {});
    await c.request('POST', '/orders/PO-9101/dispatch', {});
    await until('units of the order in work', async () => {
      const items = (await c.request('GET', '/wip')).body as unknown as WipItem[];
      return items.filter((i) => i.order === 'PO-9101').length >= 2 ? items : undefined;
    });
    const revB = ((await eng.request('GET', '/products')).body as unknown as ProductDefinition[]).find((p) => p.product === 'VLV-100' && p.revision === 'B')!;
    const revC = { ...revB, revision: 'C', routing: revB.routing.map((o) => (o.seq === 40 ? { ...o, instruction: `${o.instruction} Check the label is square.` } : o)) };
    assert.equal((await eng.request('POST', '/changes', { number: 'ECN-LIVE', reason: 'Labels askew', definition: revC })).status, 200);
    const approved = await eng.request('POST', '/changes/ECN-LIVE/approve', {});
    assert.equal(approved.status, 200, JSON.stringify(approved.body));

    await until(
      'the order to complete',
      async () => {
        const o = ((await c.request('GET', '/orders?status=all')).body as unknown as OrderView[]).find((x) => x.number === 'PO-9101');
        return o?.status === 'completed' ? o : undefined;
      },
      75_000,
      250,
    );
    // Every operation 40 was built to C unless the unit was in it when the change came (finished as started, on B).
    const dispositions = new Map(((await c.request('GET', '/changes/ECN-LIVE/dispositions')).body as unknown as ChangeDispositionView[]).map((d) => [d.serial, d.applied]));
    const serials: string[] = [];
    for (let after = 0, page: EventView[] = []; after === 0 || page.length === 1000; after = page[page.length - 1]?.seq ?? after) {
      page = (await c.request('GET', `/events?limit=1000&after=${after}`)).body as unknown as EventView[];
      for (const e of page) if (e.type === 'UnitStarted' && (e.data as { order: string }).order === 'PO-9101') serials.push((e.data as { serial: string }).serial);
      if (page.length === 0) break;
    }
    assert.ok(serials.length >= 6);
    assert.ok(dispositions.size >= 1, 'the units in work when it was approved were reached');
    let reachedChecked = 0;
    for (const serial of serials) {
      const record = (await c.request('GET', `/units/${serial}`)).body as unknown as AsBuiltView;
      const op40 = record.operations.filter((o) => o.operation === 40).pop();
      // A unit scrapped before operation 40 has none: the order completed, so every good unit has one.
      if (!op40) {
        assert.notEqual(record.status, 'completed', `${serial} completed without operation 40`);
        continue;
      }
      if (dispositions.has(serial)) reachedChecked += 1;
      // Reached in work: C, unless it was in operation 40 then (finished as started, on B); not reached (done before
      // the change, or started after it): the unit's own revision.
      const reached = dispositions.get(serial);
      const expected = reached === undefined ? record.revision : reached === 'finish-as-started' ? 'B' : 'C';
      assert.equal(op40.revision, expected, `${serial} (${reached ?? 'not reached'}): ${JSON.stringify(record.operations)}`);
    }
    assert.ok(reachedChecked >= 1, 'a unit the change reached was built through operation 40 and checked');
  });

  test('when the PLC goes away, the line shows bad quality instead of stale states', async () => {
    const c = api(ctx.url);
    await c.login('operator');
    await sim.dispose();
    const line = await until('the station to notice', async () => {
      const r = (await c.request('GET', '/line')).body as unknown as { plc: { connected: boolean; message: string }; workCenters: { quality: string }[] };
      return r.plc.connected ? undefined : r;
    });
    assert.ok(line.workCenters.every((w) => w.quality === 'bad'));
    const health = (await c.request('GET', '/health')).body as { status: string };
    assert.equal(health.status, 'degraded');
  });
});
