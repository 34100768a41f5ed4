import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_TAGS, type DriverHealth, type TagValue } from '../../core';
import { startMosquitto } from '../../tests/support/mosquitto';
import { LineModel, startSparkplugEdge } from '../simulator';
import { createSparkplugHost } from './index';
import { demoProfile, observe, stateOf, waitFor } from './test-helpers';

// The broker goes away and comes back on the same port: the same host object recovers, no station restart.

test('the Sparkplug host recovers from a broker restart by itself', { timeout: 60_000 }, async (t) => {
  const broker = await startMosquitto();
  await broker.stop(); // the host starts first, with no broker to talk to
  const host = createSparkplugHost({ brokerUrl: broker.url, hostId: 'mes-recovery', reconnectPeriodMs: 250, rebirthThrottleMs: 300 });
  const healths: DriverHealth[] = [];
  host.onHealth((h) => healths.push(h));
  const live = new Map<string, TagValue>();
  const qualities = () => new Set([...live.values()].map((v) => v.quality));
  await host.subscribe([ALL_TAGS], (tag, value) => live.set(tag, value));
  const model = new LineModel(await demoProfile(), { speed: 20, seed: 3, startMs: Date.now(), handshakeMs: 100 });
  let edge: Awaited<ReturnType<typeof startSparkplugEdge>> | undefined;
  t.after(async () => {
    await host.dispose();
    await edge?.dispose();
    await broker.dispose();
  });

  await t.test('says it cannot reach the broker, and connects once it is there', async () => {
    const connected = host.connect();
    await waitFor('health says why', () => /cannot reach mqtt:\/\/127\.0\.0\.1:\d+ .*retrying every 0\.3 s/.test(host.health().message));
    assert.equal(host.health().connected, false);
    await broker.start();
    await connected;
    assert.equal(host.health().connected, true);
    edge = await startSparkplugEdge({ brokerUrl: broker.url, groupId: 'Plant1', edgeNodeId: 'L1', model, periodMs: 50, reconnectPeriodMs: 250 });
    await waitFor('the edge is born and every metric is good', () => live.size >= 47 && [...qualities()].join() === 'good');
  });

  await t.test('broker lost: health disconnected, every metric bad with its value kept', async () => {
    const before = new Map(live);
    await broker.stop();
    await waitFor('health says the connection is lost', () => !host.health().connected && /connection to .* lost/.test(host.health().message));
    await waitFor('every metric is bad', () => [...qualities()].join() === 'bad');
    for (const [tag, value] of before) assert.equal(live.get(tag)?.value, value.value, tag);
    await assert.rejects(host.write('Plant1/L1/NextSerial', 'SN-9'), { code: 'sparkplug_not_connected' });
  });

  await t.test('broker back on the same port: re-subscribed, STATE online again, rebirths bring the values back', async () => {
    const reconnectsBefore = host.stats().reconnects;
    await broker.start();
    await waitFor('connected again', () => host.health().connected, 10_000);
    const observer = await observe(broker.url, ['spBv1.0/STATE/mes-recovery']);
    await waitFor('the retained STATE online is on the new broker', () => observer.messages.length > 0);
    await observer.dispose();
    assert.equal(stateOf(observer.messages[0]!.payload).online, true);
    await waitFor('every metric is good again', () => [...qualities()].join() === 'good', 10_000);
    assert.equal(host.stats().reconnects, reconnectsBefore + 1);
    // Live again, not just reborn: a write goes through and the line moves.
    await host.write('Plant1/L1/NextSerial', 'SN-10');
    await waitFor('WC10 worked the part', () => live.get('Plant1/L1/WC10/LastSerial')?.value === 'SN-10', 10_000);
    assert.ok(healths.some((h) => h.connected) && healths.some((h) => !h.connected));
  });
});

test('a broker that refuses the login: connect() rejects by code, health says why', { timeout: 30_000 }, async (t) => {
  const broker = await startMosquitto({ users: { mes: 'right' } });
  const wrong = createSparkplugHost({ brokerUrl: broker.url, hostId: 'mes-login', username: 'mes', password: 'wrong', reconnectPeriodMs: 500 });
  const right = createSparkplugHost({ brokerUrl: broker.url, hostId: 'mes-login-2', username: 'mes', password: 'right' });
  t.after(async () => {
    await wrong.dispose();
    await right.dispose();
    await broker.dispose();
  });
  await assert.rejects(wrong.connect(), { code: 'sparkplug_connect_refused', message: /refused the connection: .*Not authorized.*Check the user name and password/ });
  await waitFor('health says why', () => /refused the connection \(Connection refused: Not authorized\): check the user name and password — retrying every 0\.5 s/.test(wrong.health().message));
  assert.equal(wrong.health().connected, false);
  await right.connect();
  assert.equal(right.health().connected, true);
});
