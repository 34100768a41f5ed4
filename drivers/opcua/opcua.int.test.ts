import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { plcNodeId, type Disposable, type DriverHealth, type TagValue } from '../../core';
import { startSimulator, type RunningSimulator } from '../simulator';
import { createOpcUaDriver } from './index';
import { demoProfile, tempFolder, waitFor } from './int-test-support';

// The driver against the project's own line simulator over a real opc.tcp socket on loopback (STYLE.md §8).

const tag = (...p: string[]) => plcNodeId('L1', ...p);
const NEXT_SERIAL = tag('NextSerial');
const WATCHED = [
  NEXT_SERIAL,
  tag('WC10', 'State'),
  tag('WC10', 'Serial'),
  tag('WC10', 'CycleCount'),
  tag('WC20', 'LastResult'),
  tag('WC20', 'RejectCount'),
  tag('WC40', 'CycleCount'),
  tag('WC40', 'LastSerial'),
  tag('WC40', 'LastMeasurement'),
];

test('the OPC UA driver against the line simulator', { timeout: 60_000 }, async (t) => {
  const folder = await tempFolder('mes-opcua-');
  const tmp = folder.path;
  const serverPki = path.join(tmp, 'pki', 'simulator');
  const profile = await demoProfile();
  const start = (port = 0) => startSimulator({ profile, pkiFolder: serverPki, port, speed: 20, seed: 7 });
  let simulator: RunningSimulator | undefined = await start();
  const driver = createOpcUaDriver({
    endpoint: simulator.endpoint,
    pkiFolder: path.join(tmp, 'pki', 'client'),
    reconnectInitialDelayMs: 200,
    reconnectMaxDelayMs: 1_000,
    keepAliveIntervalMs: 1_000,
  });
  const healths: DriverHealth[] = [];
  const seen: { tag: string; value: TagValue }[] = [];
  const latest = new Map<string, TagValue>();
  const valuesOf = (name: string) => seen.filter((s) => s.tag === name).map((s) => s.value.value);
  // A second subscriber, dropped during the outage, and a third one that subscribes while the server is down.
  const dropped: TagValue[] = [];
  const late: TagValue[] = [];
  let droppedSubscription: Disposable | undefined;
  t.after(async () => {
    await driver.dispose();
    await simulator?.dispose();
    await folder.dispose();
  });

  await t.test('connects and says so in words', async () => {
    driver.onHealth((h) => healths.push(h));
    await driver.connect();
    assert.equal(driver.health().connected, true);
    assert.equal(driver.health().message, `connected to ${simulator!.endpoint}`);
  });

  await t.test('subscribe delivers the current values, good and time-stamped', async () => {
    await driver.subscribe(
      WATCHED,
      (tag, value) => {
        seen.push({ tag, value });
        latest.set(tag, value);
      },
      { samplingIntervalMs: 0, publishingIntervalMs: 50 },
    );
    droppedSubscription = await driver.subscribe([tag('WC30', 'CycleCount')], (_tag, value) => dropped.push(value));
    await waitFor('every tag has a value', () => WATCHED.every((w) => latest.get(w)?.quality === 'good'));
    await waitFor('the second subscriber has its value', () => dropped.length > 0);
    assert.equal(latest.get(tag('WC10', 'State'))?.value, 'Idle');
    assert.equal(latest.get(NEXT_SERIAL)?.value, '');
    assert.match(latest.get(tag('WC10', 'CycleCount'))?.sourceTime ?? '', /^\d{4}-\d\d-\d\dT/);
  });

  await t.test('a serial written to NextSerial is read back, taken by the PLC and comes out of the last station', async () => {
    await driver.write(NEXT_SERIAL, 'SN-0001'); // resolves only once read back
    await waitFor('subscribers see the serial', () => valuesOf(NEXT_SERIAL).includes('SN-0001'));
    await waitFor('the PLC clears NextSerial', () => latest.get(NEXT_SERIAL)?.value === '');
    await waitFor('the part leaves WC40', () => latest.get(tag('WC40', 'LastSerial'))?.value === 'SN-0001');
    assert.ok(valuesOf(tag('WC10', 'Serial')).includes('SN-0001'), 'WC10 showed the part');
    assert.ok(valuesOf(tag('WC10', 'State')).includes('Execute'), 'WC10 ran');
    assert.ok(valuesOf(tag('WC10', 'CycleCount')).includes(1));
    assert.equal(latest.get(tag('WC40', 'CycleCount'))?.value, 1);
    assert.equal(latest.get(tag('WC40', 'LastMeasurement'))?.value, 250);
    assert.equal(simulator!.stats().completed, 1);
  });

  await t.test('a forced reject shows at its station and the part never reaches the end', async () => {
    assert.ok(simulator!.forceReject('WC20').ok);
    await driver.write(NEXT_SERIAL, 'SN-0002');
    await waitFor('WC20 rejects', () => latest.get(tag('WC20', 'RejectCount'))?.value === 1);
    assert.equal(latest.get(tag('WC20', 'LastResult'))?.value, 'reject');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(latest.get(tag('WC40', 'LastSerial'))?.value, 'SN-0001');
    assert.deepEqual(simulator!.stats(), { loaded: 2, completed: 1, rejected: 1, inProcess: 0 });
  });

  await t.test('read returns values with their quality; unknown addresses read bad', async () => {
    const [state, count, unknown, junk] = await driver.read([tag('WC10', 'State'), tag('WC20', 'CycleCount'), 'nsu=urn:nowhere;s=x', 'bogus']);
    assert.deepEqual([state?.value, state?.quality], ['Idle', 'good']);
    assert.deepEqual([count?.value, count?.quality], [2, 'good']);
    assert.equal(unknown?.quality, 'bad');
    assert.equal(junk?.quality, 'bad');
  });

  await t.test('writes that cannot be confirmed are refused with a clear message', async () => {
    await assert.rejects(driver.write(NEXT_SERIAL, 42), { code: 'opcua_type_mismatch', message: /holds String/ });
    await assert.rejects(driver.write(tag('WC10', 'State'), 'Execute'), { code: 'opcua_write_refused', message: /BadNotWritable/ });
    await assert.rejects(driver.write('nsu=urn:nowhere;s=x', 'a'), { code: 'opcua_bad_address', message: /no namespace "urn:nowhere"/ });
  });

  await t.test('when the server stops, every tag turns bad once and health says the connection is lost', async () => {
    const before = seen.length;
    await simulator!.dispose();
    simulator = undefined;
    await waitFor('every tag is bad', () => WATCHED.every((w) => latest.get(w)?.quality === 'bad'));
    await waitFor('health is disconnected', () => !driver.health().connected);
    assert.match(driver.health().message, /lost|retrying/);
    const badReports = seen.slice(before).filter((s) => s.value.quality === 'bad');
    assert.equal(badReports.length, WATCHED.length, 'each tag reported bad exactly once');
    assert.equal(latest.get(tag('WC40', 'LastSerial'))?.value, 'SN-0001', 'the last value is kept, marked bad');
    assert.ok((await driver.read([tag('WC10', 'State')])).every((v) => v.quality === 'bad'));
    await assert.rejects(driver.write(NEXT_SERIAL, 'SN-X'), { code: 'opcua_not_connected' });
    await droppedSubscription?.dispose();
    await driver.subscribe([tag('WC30', 'State')], (_tag, value) => late.push(value));
    assert.deepEqual(late, [{ value: null, quality: 'bad', sourceTime: null }], 'subscribed while offline: bad until the server is back');
  });

  await t.test('when the server comes back on the same port, values flow again by themselves within 5 s', async () => {
    const port = Number(new URL(driver.health().endpoint.replace('opc.tcp:', 'http:')).port);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // let the driver go through a failed retry or two
    simulator = await start(port);
    await waitFor('every tag is good again', () => WATCHED.every((w) => latest.get(w)?.quality === 'good'), 5_000);
    await waitFor('health is connected', () => driver.health().connected, 1_000);
    assert.equal(latest.get(tag('WC40', 'CycleCount'))?.value, 0, 'the restarted PLC starts from zero');
    // Live notifications, not just a one-off read: a new part shows up at WC10.
    await driver.write(NEXT_SERIAL, 'SN-0003');
    await waitFor('WC10 shows the new part', () => valuesOf(tag('WC10', 'Serial')).includes('SN-0003'));
    await waitFor('the new part leaves the line', () => latest.get(tag('WC40', 'LastSerial'))?.value === 'SN-0003');
    await waitFor('WC40 counts the new part', () => latest.get(tag('WC40', 'CycleCount'))?.value === 1);
    assert.equal(late.at(-1)?.quality, 'good', 'the offline subscriber gets values once the server is back');
    assert.equal(dropped.at(-1)?.quality, 'bad', 'an unsubscribed listener hears nothing after the outage');
    const messages = healths.map((h) => h.message);
    assert.ok(messages.some((m) => m.startsWith('connected to') && m.includes('reconnected')), messages.join('\n'));
  });
});
