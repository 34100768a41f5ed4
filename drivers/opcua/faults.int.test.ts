import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { plcNodeId, type TagValue } from '../../core';
import { startSimulator } from '../simulator';
import { createOpcUaDriver } from './index';
import { demoProfile, tempFolder, waitFor } from './int-test-support';

// Faults a real plant network has: every connection cut at once, and the PLC's server restarting.

interface Report {
  readonly tag: string;
  readonly value: TagValue;
  readonly at: number;
}

const WALKERS = Array.from({ length: 10 }, (_, i) => plcNodeId('L1', 'Plant', `T0000${i}`));
const CYCLES = plcNodeId('L1', 'WC10', 'CycleCount');
const WATCHED = [...WALKERS, plcNodeId('L1', 'WC10', 'State'), CYCLES];

test('the OPC UA driver through dropped connections and a server restart', { timeout: 60_000 }, async (t) => {
  const tmp = await tempFolder('mes-opcua-faults-');
  const simulator = await startSimulator({
    profile: await demoProfile(),
    pkiFolder: path.join(tmp.path, 'pki', 'simulator'),
    speed: 20,
    extraTags: WALKERS.length,
    extraTagPeriodMs: 100,
  });
  const driver = createOpcUaDriver({
    endpoint: simulator.endpoint,
    pkiFolder: path.join(tmp.path, 'pki', 'client'),
    reconnectInitialDelayMs: 200,
    reconnectMaxDelayMs: 1_000,
    keepAliveIntervalMs: 1_000,
  });
  const reports: Report[] = [];
  const latest = new Map<string, TagValue>();
  t.after(async () => {
    await driver.dispose();
    await simulator.dispose();
    await tmp.dispose();
  });
  const allGood = () => WATCHED.every((tag) => latest.get(tag)?.quality === 'good');
  const allBad = () => WATCHED.every((tag) => latest.get(tag)?.quality === 'bad');
  /** A walker changed after `since`: values flow, not just a one-off read after reconnecting. */
  const flowingSince = (since: number) => reports.filter((r) => r.at > since && WALKERS.includes(r.tag) && r.value.quality === 'good').length >= WALKERS.length * 2;

  const healths: { at: number; message: string }[] = [];
  driver.onHealth((h) => healths.push({ at: Date.now(), message: h.message }));
  await driver.connect();
  await driver.subscribe(
    WATCHED,
    (tag, value) => {
      reports.push({ tag, value, at: Date.now() });
      latest.set(tag, value);
    },
    { samplingIntervalMs: 50, publishingIntervalMs: 100 },
  );
  await waitFor('every tag is good', allGood);
  await driver.write(plcNodeId('L1', 'NextSerial'), 'SN-1');
  await waitFor('WC10 finished a cycle', () => latest.get(CYCLES)?.value === 1);

  await t.test('dropConnections(): every tag goes bad, then good again by itself', async () => {
    await simulator.dropConnections();
    await waitFor('every tag is bad', allBad, 3_000);
    assert.equal(driver.health().connected, false);
    const back = Date.now();
    await waitFor('every tag is good again', allGood, 5_000);
    await waitFor('values flow again', () => flowingSince(back), 5_000);
    await waitFor('health says connected', () => driver.health().connected, 5_000);
    assert.ok(driver.stats().reconnects >= 1, 'the reconnection is counted');
  });

  await t.test('restart(): no value is good while the server is down, and values flow again within 5 s', async () => {
    const reconnectsBefore = driver.stats().reconnects;
    const { stoppedAt, startedAt } = await simulator.restart({ downtimeMs: 1_500 });
    await waitFor('every tag is good again', allGood, 5_000);
    await waitFor('values flow again', () => flowingSince(startedAt), 5_000 - (Date.now() - startedAt));
    const whileDown = reports.filter((r) => r.at >= stoppedAt && r.at <= startedAt);
    assert.deepEqual(whileDown.filter((r) => r.value.quality === 'good'), [], 'nothing is reported good while the server is down');
    for (const tag of WATCHED) {
      const lastBeforeUp = reports.filter((r) => r.tag === tag && r.at <= startedAt).at(-1);
      const around = reports.filter((r) => r.tag === tag && r.at >= stoppedAt - 3_000).map((r) => `${r.at - stoppedAt} ms ${r.value.quality} ${r.value.value}`);
      assert.equal(lastBeforeUp?.value.quality, 'bad', `${tag} was reported bad while the server was down (up at ${startedAt - stoppedAt} ms):\n${around.join('\n')}\n${healths.filter((h) => h.at >= stoppedAt - 3_000).map((h) => `${h.at - stoppedAt} ${h.message}`).join('\n')}`);
    }
    assert.equal(latest.get(CYCLES)?.value, 1, 'the PLC kept its state through the restart');
    await waitFor('health says connected', () => driver.health().connected, 5_000);
    assert.ok(driver.stats().reconnects > reconnectsBefore);
  });
});
