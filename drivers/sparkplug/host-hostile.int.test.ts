import { test } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { ALL_TAGS, type TagValue } from '../../core';
import { startMosquitto } from '../../tests/support/mosquitto';
import { CORRUPT_KINDS, CORRUPT_NUMBER, CORRUPT_TEXT, LineModel, startSparkplugEdge } from '../simulator';
import { EVIL, EVIL_NUMBER, GROUP, hostile, VICTIM, VICTIM_METRICS, victimBirth } from './hostile.fixtures';
import { createSparkplugHost } from './index';
import { demoProfile, waitFor } from './test-helpers';

// Thousands of corrupt, hostile and nonsensical messages: every one counted, the process alive, no wrong value accepted.

const HOSTILE_MESSAGES = 5_200;
const EDGE_CORRUPT_ROUNDS = 10;

test('the Sparkplug host refuses hostile input without crashing or accepting a wrong value', { timeout: 60_000 }, async (t) => {
  const started = Date.now();
  const broker = await startMosquitto();
  const model = new LineModel(await demoProfile(), { speed: 20, seed: 11, startMs: Date.now(), handshakeMs: 100 });
  const edge = await startSparkplugEdge({ brokerUrl: broker.url, groupId: GROUP, edgeNodeId: 'L1', model, extraMetrics: 2, periodMs: 50 });
  const logLines: string[] = [];
  const host = createSparkplugHost({ brokerUrl: broker.url, hostId: 'mes-hostile', rebirthThrottleMs: 500, log: (level, message) => logLines.push(`${level} ${message}`) });
  const attacker = await mqtt.connectAsync(broker.url, { clientId: 'attacker' });
  t.after(async () => {
    await attacker.endAsync();
    await host.dispose();
    await edge.dispose();
    await broker.dispose();
  });
  const live = new Map<string, TagValue>();
  const wrong: string[] = [];
  const expected = new Map(VICTIM_METRICS.map((m) => [`${GROUP}/${VICTIM}/${m.name}`, m.expected]));
  await host.subscribe([ALL_TAGS], (tag, value) => {
    live.set(tag, value);
    const text = typeof value.value === 'string' ? value.value : '';
    const evil = text.includes(EVIL) || text.includes(CORRUPT_TEXT) || value.value === EVIL_NUMBER || value.value === CORRUPT_NUMBER;
    const victimWrong = expected.has(tag) && value.value !== expected.get(tag) && value.value !== null;
    if (evil || victimWrong) wrong.push(`${tag} = ${JSON.stringify(value)}`);
  });
  await host.connect();
  await attacker.publishAsync(`spBv1.0/${GROUP}/NBIRTH/${VICTIM}`, victimBirth(), { qos: 1 });
  await waitFor('the victim node is born and the line is live', () => expected.size > 0 && [...expected.keys()].every((tag) => live.get(tag)?.quality === 'good') && live.get(`${GROUP}/L1/WC10/State`)?.quality === 'good');
  for (const [tag, value] of expected) assert.equal(live.get(tag)?.value, value, tag);

  await t.test(`${HOSTILE_MESSAGES} hostile messages from a rogue client: each refused and counted once`, async () => {
    const before = host.stats().rejected;
    const kinds = new Map<string, number>();
    for (let i = 0; i < HOSTILE_MESSAGES; i++) {
      const message = await hostile(i);
      kinds.set(message.kind, (kinds.get(message.kind) ?? 0) + 1);
      await attacker.publishAsync(message.topic, message.bytes, { qos: 1 });
      // Keep within the broker's per-client queue: let the host catch up now and then.
      if (i % 200 === 199) await waitFor(`the host refused ${i + 1} messages`, () => host.stats().rejected - before >= i + 1, 10_000);
    }
    await waitFor('every hostile message is refused', () => host.stats().rejected - before >= HOSTILE_MESSAGES, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(host.stats().rejected - before, HOSTILE_MESSAGES, 'each hostile message is counted exactly once');
    assert.equal(kinds.size, 24, [...kinds.keys()].join(', '));
    assert.ok(host.stats().lastRejection);
  });

  await t.test('corrupt messages on the real edge node’s own topics: counted, and the node recovers through a rebirth', async () => {
    const before = host.stats().rejected;
    for (let round = 0; round < EDGE_CORRUPT_ROUNDS; round++) for (const kind of CORRUPT_KINDS) await edge.sendCorrupt(kind);
    const sent = EDGE_CORRUPT_ROUNDS * CORRUPT_KINDS.length;
    await waitFor('every corrupt message is refused', () => host.stats().rejected - before >= sent, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(host.stats().rejected - before, sent);
    const lineTags = [...live.keys()].filter((tag) => tag.startsWith(`${GROUP}/L1/`) && !tag.endsWith('/LastMeasurement'));
    await waitFor('the line is good again', () => lineTags.every((tag) => live.get(tag)?.quality === 'good'), 10_000);
    for (const tag of lineTags.filter((tag) => tag.includes('/WC'))) {
      const [, , device, metric] = tag.split('/');
      assert.equal(live.get(tag)?.value, edge.value(device!, metric!), tag);
    }
  });

  await t.test('no wrong value was ever accepted; the victim still shows its birth values; the log stayed short', async () => {
    assert.deepEqual(wrong, []);
    for (const [tag, value] of expected) assert.equal(live.get(tag)?.value, value, tag);
    assert.ok(host.health().connected);
    // Warnings are limited to 10 lines a second, with a count of what was left out.
    const warnings = logLines.filter((l) => l.startsWith('warn'));
    assert.ok(warnings.length <= 11 * Math.ceil((Date.now() - started) / 1000) + 11, `${warnings.length} warnings`);
    assert.ok(logLines.some((l) => /more warnings/.test(l)));
  });
});
