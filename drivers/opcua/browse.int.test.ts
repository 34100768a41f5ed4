import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { LINE_PLC_NAMESPACE, plcNodeId, type TagValue } from '../../core';
import { startSimulator } from '../simulator';
import { createOpcUaDriver } from './index';
import { demoProfile, sleep, tempFolder, waitFor } from './int-test-support';

// The engineer's tag browser and the deadband, against the line simulator with a small "plant" of extra tags.

const PLANT_TAGS = 50;
/** Values the deadband test received, for the stats test. */
let received = 0;

test('browsing the line PLC and filtering small changes', { timeout: 60_000 }, async (t) => {
  const tmp = await tempFolder('mes-opcua-browse-');
  const simulator = await startSimulator({
    profile: await demoProfile(),
    pkiFolder: path.join(tmp.path, 'pki', 'simulator'),
    extraTags: PLANT_TAGS,
    extraTagPeriodMs: 50,
  });
  const driver = createOpcUaDriver({ endpoint: simulator.endpoint, pkiFolder: path.join(tmp.path, 'pki', 'client') });
  t.after(async () => {
    await driver.dispose();
    await simulator.dispose();
    await tmp.dispose();
  });
  await driver.connect();

  await t.test('browse from the root finds the line folder beside the server object', async () => {
    const root = await driver.browse(null);
    const line = root.find((n) => n.name === 'L1');
    assert.deepEqual(line, { address: `nsu=${LINE_PLC_NAMESPACE};s=L1`, name: 'L1', kind: 'folder', hasChildren: true });
    const server = root.find((n) => n.name === 'Server');
    assert.equal(server?.address, 'nsu=http://opcfoundation.org/UA/;i=2253');
    assert.equal(server?.kind, 'folder');
  });

  await t.test('the line folder holds the work center folders, the plant folder and NextSerial', async () => {
    const line = await driver.browse(plcNodeId('L1'));
    const folders = line.filter((n) => n.kind === 'folder').map((n) => n.name);
    assert.deepEqual(folders, ['WC10', 'WC20', 'WC30', 'WC40', 'Plant']);
    assert.ok(line.filter((n) => n.kind === 'folder').every((n) => n.hasChildren));
    const nextSerial = line.find((n) => n.name === 'NextSerial');
    assert.deepEqual(nextSerial, { address: plcNodeId('L1', 'NextSerial'), name: 'NextSerial', kind: 'tag', dataType: 'String', hasChildren: false });
  });

  await t.test('a work center folder holds its tags with their data types, at addresses subscribe takes', async () => {
    const wc10 = await driver.browse(plcNodeId('L1', 'WC10'));
    const byName = new Map(wc10.map((n) => [n.name, n]));
    assert.deepEqual(byName.get('State'), { address: plcNodeId('L1', 'WC10', 'State'), name: 'State', kind: 'tag', dataType: 'String', hasChildren: false });
    assert.equal(byName.get('CycleCount')?.dataType, 'UInt32');
    assert.equal(byName.get('PartPresent')?.dataType, 'Boolean');
    assert.equal(byName.get('LastMeasurement')?.dataType, 'Double');
    const seen: TagValue[] = [];
    const subscription = await driver.subscribe([byName.get('State')!.address], (_tag, value) => seen.push(value));
    await waitFor('the browsed State tag has its value', () => seen.some((v) => v.quality === 'good' && v.value === 'Idle'));
    await subscription.dispose();
  });

  await t.test('the plant folder lists every extra tag', async () => {
    const plant = await driver.browse(plcNodeId('L1', 'Plant'));
    assert.equal(plant.length, PLANT_TAGS);
    assert.equal(plant[0]?.name, 'T00000');
    assert.equal(plant.at(-1)?.name, 'T00049');
    assert.ok(plant.every((n) => n.kind === 'tag' && n.dataType === 'Double' && !n.hasChildren));
  });

  await t.test('an address that is not a node says so', async () => {
    await assert.rejects(driver.browse('L1.WC10'), { code: 'opcua_bad_address', message: /not an OPC UA node address/ });
    await assert.rejects(driver.browse(plcNodeId('L9')), { code: 'opcua_bad_address', message: /BadNodeIdUnknown/ });
  });

  await t.test('a deadband keeps changes smaller than itself away; text tags in the same subscription still update', async () => {
    const walker = plcNodeId('L1', 'Plant', 'T00007');
    const state = plcNodeId('L1', 'WC20', 'State');
    const every: number[] = [];
    const filtered: number[] = [];
    const states: TagValue[] = [];
    const all = await driver.subscribe([walker], (_tag, v) => v.quality === 'good' && every.push(v.value as number), { samplingIntervalMs: 50 });
    const deadband = 3;
    const big = await driver.subscribe(
      [walker, state],
      (tag, v) => (tag === walker ? v.quality === 'good' && filtered.push(v.value as number) : states.push(v)),
      { samplingIntervalMs: 50, deadband },
    );
    await sleep(3_000);
    await all.dispose();
    await big.dispose();
    // The walk moves by one standard deviation per 50 ms step: about 60 changes, few of them larger than 3 in total.
    assert.ok(every.length >= 30, `every change is reported without a deadband (${every.length})`);
    assert.ok(filtered.length >= 2, `large moves still come through (${filtered.length})`);
    assert.ok(filtered.length < every.length / 2, `the deadband filters (${filtered.length} of ${every.length})`);
    for (let i = 1; i < filtered.length; i += 1) {
      assert.ok(Math.abs(filtered[i]! - filtered[i - 1]!) > deadband, `step ${i}: ${filtered[i - 1]} → ${filtered[i]}`);
    }
    assert.deepEqual(states.map((s) => [s.value, s.quality]), [['Idle', 'good']], 'a String tag is monitored without the filter');
    received = every.length + filtered.length + states.length;
  });

  await t.test('stats count the values received and the tags refused', async () => {
    const before = driver.stats();
    await driver.subscribe(['nsu=urn:nowhere;s=x', plcNodeId('L1', 'WC10', 'Nope')], () => undefined);
    const after = driver.stats();
    assert.ok(before.updates >= received, `updates counted (${before.updates} ≥ ${received})`);
    assert.equal(after.rejected - before.rejected, 2);
    assert.match(after.lastRejection ?? '', /Nope: the server refused to monitor it \(BadNodeIdUnknown\)/);
    assert.equal(after.reconnects, 0);
  });
});
