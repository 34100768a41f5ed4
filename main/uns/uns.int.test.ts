import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { LineSetup } from '../../core';
import { EventStore, createProjector, openDatabase } from '../store';
import { demoOrderDispatched } from '../../tests/support/demo-orders';
import { startMosquitto, type MosquittoBroker } from '../../tests/support/mosquitto';
import { until } from '../../tests/support/station-harness';
import { oeeModel } from '../oee';
import { Commands } from '../station/commands';
import { fixedLine } from '../station/line-setup';
import { Production } from '../station/production';
import { UnsPublisher } from './publisher';
import { UnsLink } from './uns-link';

// The line in the plant's Unified Namespace through a real Mosquitto: current values retained, events from the log,
// nothing lost while the broker is down.

const setup = LineSetup.parse({
  site: { id: 'P1', name: 'Plant 1' },
  area: { id: 'ASSY', name: 'Assembly' },
  line: { id: 'L1', name: 'Line 1', workCenters: ['WC10', 'WC20', 'WC30', 'WC40'].map((id) => ({ id, name: id, plcFolder: id })) },
});

let broker: MosquittoBroker;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mes-uns-'));
  // Persistent: a subscriber's session (and what is queued for it) outlives a restart of the broker.
  broker = await startMosquitto({ config: ['persistence true', `persistence_location ${dir}/`] });
});
after(async () => {
  await broker?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('states, counts and OEE retained; completed operations as events from the log; a broker down loses nothing', async () => {
  const db = openDatabase(':memory:');
  const store = new EventStore(db, 'ST-t', createProjector(db));
  const commands = new Commands(store, { now: () => new Date() }, fixedLine('L1', ['WC10', 'WC20', 'WC30', 'WC40']));
  await demoOrderDispatched(commands, 'PO-1', 50);
  const production = new Production(store, { now: () => new Date() }, () => setup, oeeModel(db, () => Date.now()));
  await production.setCalendar({ timeZone: 'UTC', shifts: [{ name: 'D', start: '00:00', end: '00:00', days: [1, 2, 3, 4, 5, 6, 7] }] }, commands.context('engineer'));

  // An ERP-side subscriber with a persistent session (QoS 1).
  const received: { topic: string; payload: Record<string, unknown>; retain: boolean }[] = [];
  const erp = mqtt.connect(broker.url, { clientId: 'erp-uns-test', clean: false, reconnectPeriod: 200 });
  erp.on('message', (topic, payload, packet) => received.push({ topic, payload: JSON.parse(payload.toString()) as Record<string, unknown>, retain: packet.retain }));
  await new Promise<void>((resolve) => erp.once('connect', () => erp.subscribe('mes/#', { qos: 1 }, () => resolve())));

  const uns = new UnsPublisher(db, () => setup, () => production.current(), { url: broker.url, oeeEveryMs: 200 }, () => undefined);
  const off = store.onCommitted(() => uns.nudge());
  const press = async (force: number) => {
    const serial = await commands.startNextUnit(commands.context('plc'));
    assert.ok(serial.ok && serial.value);
    await commands.arrive(serial.value, 'WC10', commands.context('plc'));
    await commands.completeOperation(serial.value, 'WC10', [{ name: 'Press force', value: force }], 'good', commands.context('plc'));
    return serial.value;
  };
  try {
    await until('online', () => received.find((m) => m.topic === 'mes/P1/ASSY/L1/mes/status' && m.payload.online === true));
    await commands.recordMachineState('WC10', 'Execute', commands.context('plc'));
    const state = await until('the state', () => received.find((m) => m.topic === 'mes/P1/ASSY/L1/WC10/state' && m.payload.state === 'Execute'));
    assert.equal(state.payload.previous, null);
    const first = await press(12.1);
    const done = await until('the completed operation', () => received.find((m) => m.topic === 'mes/P1/ASSY/L1/WC10/operations/completed'));
    assert.deepEqual([done.payload.serial, done.payload.result, (done.payload.measurements as { value: number }[])[0]?.value], [first, 'pass', 12.1]);
    await until('the counts', () => received.find((m) => m.topic === 'mes/P1/ASSY/L1/WC10/counts' && m.payload.good === 1));
    await until('the OEE', () => received.find((m) => m.topic === 'mes/P1/ASSY/L1/WC10/oee' && typeof m.payload.shift === 'string'));

    // The broker goes down: three more presses wait in the log (the cursor stays), and go out when it is back.
    await broker.stop();
    const cursor = () => db.prepare("SELECT shipped FROM replication_cursor WHERE target = 'uns'").pluck().get() as number;
    const head = () => db.prepare('SELECT max(seq) FROM events').pluck().get() as number;
    const serials = [await press(12.0), await press(11.9), await press(12.2)];
    assert.ok(cursor() < head(), 'not acknowledged, not passed');
    await broker.start();
    await until('the backlog', () => serials.every((s) => received.some((m) => m.topic.endsWith('/operations/completed') && m.payload.serial === s)), 20_000);
    const order = received.filter((m) => m.topic.endsWith('/operations/completed')).map((m) => m.payload.serial);
    assert.deepEqual(order.slice(-3), serials, 'in the order they happened');
    await until('the cursor at the head', () => cursor() === head());

    // A consumer that comes later finds the current values retained.
    const late = mqtt.connect(broker.url, { clientId: 'late-consumer', clean: true });
    const retained: string[] = [];
    late.on('message', (topic, _p, packet) => packet.retain && retained.push(topic));
    await new Promise<void>((resolve) => late.once('connect', () => late.subscribe('mes/P1/ASSY/L1/WC10/#', { qos: 1 }, () => resolve())));
    await until('retained values', () => ['state', 'counts', 'oee'].every((w) => retained.includes(`mes/P1/ASSY/L1/WC10/${w}`)));
    await late.endAsync();
  } finally {
    off();
    await uns.dispose();
    await erp.endAsync(true);
  }
});

test('settings changed quickly one after another: the link ends with the last asked for, each link before it closed', async () => {
  const db = openDatabase(':memory:');
  const link = new UnsLink(db, () => setup, () => ({ shift: null, rows: [] }), () => undefined, null);
  const a = { url: broker.url, root: 'fast-a' };
  const b = { url: broker.url, root: 'fast-b' };
  // Retained messages under a filter: those the broker sends on subscribing, up to a marker published after.
  const retained = async (filter: string) => {
    const c = await mqtt.connectAsync(broker.url, { clientId: `retained-${Math.random().toString(16).slice(2, 8)}` });
    const got: { topic: string; payload: Record<string, unknown> }[] = [];
    const marker = `${filter.replace('/#', '')}/zz-marker`;
    const done = new Promise<void>((resolve) =>
      c.on('message', (topic, payload) => (topic === marker ? resolve() : got.push({ topic, payload: JSON.parse(payload.toString()) as Record<string, unknown> }))),
    );
    await c.subscribeAsync(filter, { qos: 1 });
    await c.publishAsync(marker, '{}', { qos: 1 });
    await done;
    await c.endAsync();
    return got;
  };
  try {
    void link.apply(a);
    void link.apply(b);
    void link.apply(null);
    await link.apply(a);
    assert.deepEqual([link.status().source, link.status().root], ['settings', 'fast-a']);
    await until('the last settings connected', () => link.status().connected || undefined);
    await until('fast-a online', async () => (await retained('fast-a/#')).some((m) => m.topic.endsWith('/mes/status') && m.payload.online === true) || undefined);
    // No link with the settings in between is left running: under fast-b nothing says online.
    assert.deepEqual((await retained('fast-b/#')).filter((m) => m.payload.online === true), []);

    // Publishing, then off at once: off, its cursor forgotten (turned on later, it starts from then).
    void link.apply(b);
    await link.apply(null);
    assert.equal(link.status().source, 'off');
    assert.equal(db.prepare("SELECT count(*) FROM replication_cursor WHERE target = 'uns'").pluck().get(), 0);
    assert.deepEqual((await retained('fast-a/#')).filter((m) => m.payload.online === true), [], 'the link it replaced said it went offline');
  } finally {
    await link.dispose();
    db.close();
  }
});

test('a station started with publishing off forgets a cursor an earlier run left, so that it holds no retention back', async () => {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO replication_cursor (target, shipped, updated_at) VALUES ('uns', 7, '2026-01-01T00:00:00.000Z')").run();
  const link = new UnsLink(db, () => setup, () => ({ shift: null, rows: [] }), () => undefined, null);
  try {
    await link.apply(null);
    assert.equal(db.prepare("SELECT count(*) FROM replication_cursor WHERE target = 'uns'").pluck().get(), 0);
  } finally {
    await link.dispose();
    db.close();
  }
});
