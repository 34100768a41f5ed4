import { test } from 'node:test';
import assert from 'node:assert/strict';
import mqtt, { type MqttClient } from 'mqtt';
import { ALL_TAGS, type TagValue } from '../../core';
import { startMosquitto } from '../../tests/support/mosquitto';
import { LineModel, startSparkplugEdge } from '../simulator';
import { createSparkplugHost, decodePayload } from './index';
import { demoProfile, hasCode, observe, sleep, stateOf, waitFor } from './test-helpers';

// The host against the project's line simulator as a Sparkplug edge node, through a real Mosquitto (STYLE.md §8).

const GROUP = 'Plant1';
const NODE = 'L1';
const HOST_ID = 'mes-test';
const at = (...path: string[]) => [GROUP, NODE, ...path].join('/');
const DEVICES = ['WC10', 'WC20', 'WC30', 'WC40'];
const DEVICE_METRICS = ['State', 'PartPresent', 'Serial', 'CycleCount', 'GoodCount', 'RejectCount', 'LastSerial', 'LastResult', 'LastMeasurement', 'MeasurementName', 'Command', 'ForceReject'];

test('the Sparkplug host against the simulated edge node through Mosquitto', { timeout: 60_000 }, async (t) => {
  const broker = await startMosquitto();
  const profile = await demoProfile();
  const model = new LineModel(profile, { speed: 20, seed: 7, startMs: Date.now(), handshakeMs: 100 });
  const edge = await startSparkplugEdge({ brokerUrl: broker.url, groupId: GROUP, edgeNodeId: NODE, model, extraMetrics: 3, periodMs: 50, reconnectPeriodMs: 700 });
  const observer = await observe(broker.url, [`spBv1.0/STATE/${HOST_ID}`, `spBv1.0/${GROUP}/NCMD/${NODE}`, `spBv1.0/${GROUP}/DCMD/${NODE}/+`]);
  let hostClient: MqttClient | undefined;
  const logs: string[] = [];
  const host = createSparkplugHost({
    brokerUrl: broker.url,
    hostId: HOST_ID,
    groups: [GROUP],
    reconnectPeriodMs: 300,
    rebirthThrottleMs: 300,
    writeTimeoutMs: 1_500,
    log: (level, message) => logs.push(`${level} ${message}`),
    connectMqtt: (url, options) => (hostClient = mqtt.connect(url, options)),
  });
  const live = new Map<string, TagValue>();
  const seen: { tag: string; value: TagValue }[] = [];
  t.after(async () => {
    await host.dispose();
    await edge.dispose();
    await observer.dispose();
    await broker.dispose();
  });
  const allTags = () => [...live.keys()];
  const deviceTags = (device: string) => DEVICE_METRICS.map((m) => at(device, m));
  const quality = (tags: string[]) => new Set(tags.map((tag) => live.get(tag)?.quality));

  await t.test('connects, and says STATE online retained with QoS 1', async () => {
    await host.subscribe([ALL_TAGS], (tag, value) => {
      live.set(tag, value);
      seen.push({ tag, value });
    });
    await host.connect();
    assert.equal(host.health().connected, true);
    assert.match(host.health().message, /connected to mqtt:\/\/127\.0\.0\.1:\d+ as Sparkplug host "mes-test"/);
    await waitFor('STATE online arrives', () => observer.on(`spBv1.0/STATE/${HOST_ID}`).length > 0);
    const late = await observe(broker.url, [`spBv1.0/STATE/${HOST_ID}`]);
    await waitFor('the retained STATE is delivered to a late subscriber', () => late.messages.length > 0);
    await late.dispose();
    assert.equal(late.messages[0]!.retain, true);
    const state = stateOf(late.messages[0]!.payload);
    assert.equal(state.online, true);
    assert.ok(Math.abs(state.timestamp - Date.now()) < 10_000);
  });

  await t.test('learns the births: browse shows group → edge node → devices → metrics with data types', async () => {
    // The edge was born before the host came: its data asks for a rebirth.
    await waitFor('every device metric is good', () => DEVICES.every((d) => [...quality(deviceTags(d))].join() === 'good'));
    assert.deepEqual(await host.browse(null), [{ address: GROUP, name: GROUP, kind: 'folder', hasChildren: true }]);
    assert.deepEqual(await host.browse(GROUP), [{ address: at(), name: NODE, kind: 'folder', hasChildren: true }]);
    const node = await host.browse(at());
    assert.deepEqual(node.filter((n) => n.kind === 'folder').map((n) => n.address), DEVICES.map((d) => at(d)));
    const types = Object.fromEntries(node.filter((n) => n.kind === 'tag').map((n) => [n.name, n.dataType]));
    assert.deepEqual(types, { 'Bench/M00000': 'Double', 'Bench/M00001': 'Double', 'Bench/M00002': 'Double', NextSerial: 'String', 'Node Control/Rebirth': 'Boolean', bdSeq: 'Int64' });
    const wc10 = Object.fromEntries((await host.browse(at('WC10'))).map((n) => [n.name, n.dataType]));
    assert.deepEqual(Object.keys(wc10).sort(), [...DEVICE_METRICS].sort());
    assert.equal(wc10.CycleCount, 'UInt32');
    assert.equal(wc10.LastMeasurement, 'Double');
    assert.equal(wc10.PartPresent, 'Boolean');
    assert.deepEqual(await host.browse(at('WC99')), []);
    assert.ok(host.stats().rebirthRequests >= 1);
  });

  await t.test('NCMD write with read-back starts the line; data by alias keeps the live model equal to the edge', async () => {
    await host.write(at('NextSerial'), 'SN-001');
    assert.ok(seen.some((s) => s.tag === at('NextSerial') && s.value.value === 'SN-001' && s.value.quality === 'good'));
    const ncmd = observer.on(`spBv1.0/${GROUP}/NCMD/${NODE}`).map((m) => decodePayload(m.payload)).find((p) => p.ok && p.value.metrics[0]?.name === 'NextSerial');
    assert.ok(ncmd?.ok);
    assert.deepEqual(ncmd.value.metrics[0]?.value, 'SN-001');
    await waitFor('the part has left the line', () => live.get(at('WC40', 'CycleCount'))?.value === 1, 10_000);
    await sleep(300);
    for (const device of DEVICES) {
      for (const metric of DEVICE_METRICS) {
        const value = live.get(at(device, metric));
        assert.equal(value?.quality, 'good', `${device}/${metric}`);
        assert.equal(value?.value, edge.value(device, metric), `${device}/${metric}`);
      }
    }
    assert.equal(live.get(at('WC40', 'LastSerial'))?.value, 'SN-001');
    assert.match(live.get(at('WC40', 'CycleCount'))?.sourceTime ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(await host.read([at('WC10', 'GoodCount'), 'nowhere/x/y']), [live.get(at('WC10', 'GoodCount')), { value: null, quality: 'bad', sourceTime: null }]);
  });

  await t.test('DCMD write with read-back: ForceReject makes WC20 reject the next part', async () => {
    await host.write(at('WC20', 'ForceReject'), true);
    assert.equal(live.get(at('WC20', 'ForceReject'))?.value, true);
    assert.ok(observer.on(`spBv1.0/${GROUP}/DCMD/${NODE}/WC20`).length >= 1);
    await host.write(at('NextSerial'), 'SN-002');
    await waitFor('WC20 rejected SN-002', () => live.get(at('WC20', 'RejectCount'))?.value === 1, 10_000);
    await waitFor('ForceReject went back to false', () => live.get(at('WC20', 'ForceReject'))?.value === false);
    assert.equal(live.get(at('WC20', 'LastSerial'))?.value, 'SN-002');
    assert.equal(live.get(at('WC20', 'LastResult'))?.value, 'reject');
    // A PackML command, as the line controller sends it.
    await host.write(at('WC40', 'Command'), 'Stop');
    await waitFor('WC40 stopped', () => live.get(at('WC40', 'State'))?.value === 'Stopped');
    await host.write(at('WC40', 'Command'), 'Reset');
    assert.equal(live.get(at('WC40', 'Command'))?.value, 'Reset');
  });

  await t.test('writes that cannot work are refused by code, with words', async () => {
    const refused = async (tag: string, value: string | number | boolean, code: string, words: RegExp) => {
      const err: unknown = await host.write(tag, value).then(() => undefined, (e: unknown) => e);
      assert.ok(hasCode(err, code), `${tag}: expected ${code}, got ${String(err)}`);
      assert.match((err as Error).message, words);
    };
    await refused(at('WC10', 'State'), 'Execute', 'sparkplug_write_timeout', /DCMD sent to device Plant1\/L1\/WC10 .* did not take the write/);
    await refused(at('WC10', 'CycleCount'), 'many', 'sparkplug_type_mismatch', /holds UInt32, a whole number/);
    await refused(at('WC10', 'CycleCount'), -1, 'sparkplug_type_mismatch', /0 … 4294967295/);
    await refused(at('WC77', 'CycleCount'), 1, 'sparkplug_unknown_tag', /no birth names this metric/);
  });

  await t.test('DDEATH makes every metric of the device stale, values kept; DBIRTH brings them back', async () => {
    const before = live.get(at('WC30', 'MeasurementName'));
    await edge.killDevice('WC30');
    await waitFor('WC30 is bad', () => [...quality(deviceTags('WC30'))].join() === 'bad');
    assert.deepEqual(live.get(at('WC30', 'MeasurementName')), { ...before, quality: 'bad' });
    assert.equal([...quality(deviceTags('WC20'))].join(), 'good');
    await edge.reviveDevice('WC30');
    await waitFor('WC30 is good again', () => [...quality(deviceTags('WC30'))].join() === 'good');
  });

  await t.test('a seq gap makes values uncertain, asks for a rebirth (NCMD), and values come back good', async () => {
    const gapsBefore = host.stats().seqGaps;
    const rebirthsBefore = observer.on(`spBv1.0/${GROUP}/NCMD/${NODE}`).filter((m) => isRebirth(m.payload)).length;
    const seenBefore = seen.length;
    edge.skipSeq();
    await waitFor('the gap is seen', () => host.stats().seqGaps > gapsBefore);
    await waitFor('a rebirth request is on the wire', () => observer.on(`spBv1.0/${GROUP}/NCMD/${NODE}`).filter((m) => isRebirth(m.payload)).length > rebirthsBefore);
    await waitFor('every metric is good again', () => [...quality(allTags())].join() === 'good');
    assert.ok(seen.slice(seenBefore).some((s) => s.value.quality === 'uncertain'), 'values were uncertain in between');
  });

  await t.test('NDEATH (the edge socket dies) makes every node and device metric stale; the next birth brings them back', async () => {
    const bdSeq = edge.bdSeq();
    const seenBefore = seen.length;
    const rejectedBefore = host.stats().rejected;
    edge.dropConnection();
    await waitFor('every metric is bad', () => [...quality(allTags())].join() === 'bad');
    assert.equal(host.stats().rejected, rejectedBefore, 'the NDEATH bdSeq matched the birth');
    assert.equal(live.get(at('WC40', 'LastSerial'))?.value, 'SN-001', 'the value is kept for context');
    await waitFor('every metric is good after the new birth', () => [...quality(allTags())].join() === 'good', 5_000);
    assert.equal(edge.bdSeq(), bdSeq + 1);
    assert.equal(live.get(at('bdSeq'))?.value, bdSeq + 1);
    assert.ok(seen.slice(seenBefore).some((s) => s.tag === at('NextSerial') && s.value.quality === 'bad'));
  });

  await t.test("the host's will: STATE offline when its socket dies; back online by itself, values recovered", async () => {
    const stateTopic = `spBv1.0/STATE/${HOST_ID}`;
    const count = observer.on(stateTopic).length;
    const onlineBefore = stateOf(observer.on(stateTopic).at(-1)!.payload);
    hostClient!.stream.destroy();
    await waitFor('the broker published the will', () => observer.on(stateTopic).slice(count).some((m) => !stateOf(m.payload).online));
    await waitFor('the host says online again', () => observer.on(stateTopic).slice(count).some((m) => stateOf(m.payload).online));
    const online = stateOf(observer.on(stateTopic).filter((m) => stateOf(m.payload).online).at(-1)!.payload);
    assert.ok(online.timestamp >= onlineBefore.timestamp);
    await waitFor('connected', () => host.health().connected);
    await waitFor('every metric is good again', () => [...quality(allTags())].join() === 'good');
    assert.equal(host.stats().reconnects, 1);
  });

  await t.test('dispose says STATE offline (retained)', async () => {
    await host.dispose();
    assert.equal(host.health().connected, false);
    const late = await observe(broker.url, [`spBv1.0/STATE/${HOST_ID}`]);
    await waitFor('the retained STATE arrives', () => late.messages.length > 0);
    await late.dispose();
    assert.equal(stateOf(late.messages[0]!.payload).online, false);
    assert.ok(!logs.some((l) => l.startsWith('error')), logs.filter((l) => l.startsWith('error')).join('\n'));
  });
});

function isRebirth(payload: Buffer): boolean {
  const decoded = decodePayload(payload);
  return decoded.ok && decoded.value.metrics.some((m) => m.name === 'Node Control/Rebirth' && m.value === true);
}
