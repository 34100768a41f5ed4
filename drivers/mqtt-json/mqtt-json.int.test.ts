import { test } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { ALL_TAGS, type TagValue } from '../../core';
import { startMosquitto } from '../../tests/support/mosquitto';
import { createMqttJsonDriver } from './index';

// The JSON topics driver against a real Mosquitto, with a plain mqtt.js client as the device.

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('the MQTT JSON driver through Mosquitto', { timeout: 60_000 }, async (t) => {
  // Everything is open but readonly/#, which clients may read and not write (a write there is silently dropped).
  const broker = await startMosquitto({ acl: ['topic readwrite plant/#', 'topic readwrite cmd/#', 'topic read readonly/#'] });
  const device = await mqtt.connectAsync(broker.url, { clientId: 'device', reconnectPeriod: 200 });
  // Retained before the driver exists: arrives on subscribe.
  await device.publishAsync('plant/wc10/temp', '{"value": 21.5, "timestamp": 1700000000000}', { qos: 1, retain: true });
  const driver = createMqttJsonDriver({ brokerUrl: broker.url, topics: ['plant/#'], reconnectPeriodMs: 250, writeTimeoutMs: 1_000 });
  const seen: { tag: string; value: TagValue }[] = [];
  const all = new Map<string, TagValue>();
  t.after(async () => {
    await driver.dispose();
    await device.endAsync();
    await broker.dispose();
  });

  await t.test('connects; + and # filters deliver retained and live values, each on its own topic', async () => {
    await driver.connect();
    assert.equal(driver.health().connected, true);
    // Followed from the start (the connection's topics): known before anyone subscribes.
    await waitFor('the retained value is known', async () => (await driver.read(['plant/wc10/temp']))[0]?.quality === 'good');
    assert.deepEqual(await driver.browse('plant'), [{ address: 'plant/wc10', name: 'wc10', kind: 'folder', hasChildren: true }]);
    await driver.subscribe(['plant/+/temp'], (tag, value) => seen.push({ tag, value }));
    await driver.subscribe([ALL_TAGS], (tag, value) => all.set(tag, value));
    await waitFor('the retained value arrives', () => seen.length > 0);
    assert.deepEqual(seen[0], { tag: 'plant/wc10/temp', value: { value: 21.5, quality: 'good', sourceTime: '2023-11-14T22:13:20.000Z' } });
    await device.publishAsync('plant/wc20/temp', '19', { qos: 1 });
    await device.publishAsync('plant/wc20/state', '"Execute"', { qos: 1 });
    await waitFor('live values arrive', () => all.has('plant/wc20/state') && seen.some((s) => s.tag === 'plant/wc20/temp'));
    assert.ok(!seen.some((s) => s.tag === 'plant/wc20/state'), 'plant/+/temp does not match plant/wc20/state');
    assert.deepEqual(await driver.read(['plant/wc20/temp', 'never/seen']), [
      { value: 19, quality: 'good', sourceTime: null },
      { value: null, quality: 'bad', sourceTime: null },
    ]);
  });

  await t.test('anything but a JSON scalar or {"value": …} is refused and counted', async () => {
    const before = driver.stats().rejected;
    for (const junk of ['ON', '[1,2]', '{"v":1}', '{"value":{}}', '1e999']) await device.publishAsync('plant/wc10/junk', junk, { qos: 1 });
    await waitFor('five refusals', () => driver.stats().rejected === before + 5);
    assert.match(driver.stats().lastRejection ?? '', /plant\/wc10\/junk: a number out of range/);
    assert.ok(!all.has('plant/wc10/junk'));
  });

  await t.test('write publishes JSON and resolves when the value comes back; a refused write times out', async () => {
    await driver.write('plant/wc10/setpoint', 42);
    assert.deepEqual(await driver.read(['plant/wc10/setpoint']), [{ value: 42, quality: 'good', sourceTime: null }]);
    const written: string[] = [];
    await device.subscribeAsync('cmd/#');
    device.on('message', (topic, payload) => topic.startsWith('cmd/') && written.push(payload.toString()));
    await driver.write('cmd/serial', 'SN-1');
    await waitFor('the device got it', () => written.includes('"SN-1"'));
    await assert.rejects(driver.write('plant/+/x', 1), { code: 'mqtt_json_bad_topic' });
    await assert.rejects(driver.write('plant/x', Number.NaN), { code: 'mqtt_json_bad_value' });
    const err: unknown = await driver.write('readonly/setpoint', 7).catch((e: unknown) => e);
    assert.equal((err as { code?: string }).code, 'mqtt_json_write_timeout');
    assert.match((err as Error).message, /Published 7 to readonly\/setpoint, but it did not come back within 1\.0 s/);
  });

  await t.test('browse lists the topics seen so far as a tree', async () => {
    assert.deepEqual(
      (await driver.browse(null)).map((n) => n.address),
      ['cmd', 'plant'],
    );
    assert.deepEqual((await driver.browse('plant/wc10')).map((n) => `${n.name}:${n.kind}`), ['setpoint:tag', 'temp:tag'], 'the refused junk topic is not listed');
    assert.deepEqual((await driver.browse('plant')).map((n) => n.name), ['wc10', 'wc20']);
  });

  await t.test('broker lost: health and values go bad; broker back: re-subscribed, retained values good again', async () => {
    await broker.stop();
    await waitFor('disconnected', () => !driver.health().connected);
    await waitFor('values are bad', () => [...all.values()].every((v) => v.quality === 'bad'));
    assert.equal(all.get('plant/wc20/temp')?.value, 19, 'value kept for context');
    await broker.start(); // no persistence: the retained values are gone, the device publishes again
    await waitFor('reconnected', () => driver.health().connected, 10_000);
    await waitFor('the device is back', () => device.connected, 10_000);
    await device.publishAsync('plant/wc20/temp', '20', { qos: 1, retain: true });
    await waitFor('a live value again', () => all.get('plant/wc20/temp')?.quality === 'good' && all.get('plant/wc20/temp')?.value === 20);
    assert.equal(driver.stats().reconnects, 1);
  });
});
