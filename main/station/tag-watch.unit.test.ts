import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Disposable, Driver, DriverHealth, StationConfig, TagRef, TagValue, TagValueView } from '../../core';
import { silentLog } from './log';
import { TagCache, type TagListener } from './tag-cache';
import { TagWatches } from './tag-watch';
import { WatchedTagFeed } from './tag-watch-feed';

const A: TagRef = { connection: 'plc', address: 'L1.WC10.Temperature' };
const B: TagRef = { connection: 'plc', address: 'L1.WC10.Running' };
const good = (value: TagValue['value'], at = '2026-01-05T08:00:00.000Z'): TagValue => ({ value, quality: 'good', sourceTime: at });

/** The station's tag cache, counting the listeners held on it: a watch that ends must leave none behind. */
function countedCache() {
  const cache = new TagCache();
  let listening = 0;
  const source = {
    get: (ref: TagRef) => cache.get(ref),
    listen: (ref: TagRef, listener: TagListener) => {
      listening += 1;
      const off = cache.listen(ref, listener);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        listening -= 1;
        off();
      };
    },
  };
  return { cache, source, listening: () => listening };
}

/** A client: what it was pushed, and when; `busy` plays a backed-up socket. */
function client() {
  const c = {
    heard: [] as { at: number; values: TagValueView[] }[],
    backedUp: false,
    push: (values: TagValueView[]) => void c.heard.push({ at: performance.now(), values }),
    busy: () => c.backedUp,
  };
  return c;
}

const valuesOf = (values: readonly TagValueView[]) => Object.fromEntries(values.map((v) => [v.address, v.value]));

test('a watch hears the current values at once, then the changes coalesced: one message per 100 ms at most, the latest value of each tag', async () => {
  const { cache, source } = countedCache();
  const watches = new TagWatches(source, null);
  cache.set(A, good(20.5));
  const c = client();
  const end = watches.watch([A, B], c);
  // At once, with quality and source time; B has no value yet, so it follows when it comes.
  assert.deepEqual(c.heard.map((m) => m.values), [[{ ...A, value: 20.5, quality: 'good', sourceTime: '2026-01-05T08:00:00.000Z' }]]);
  for (let i = 1; i <= 50; i++) cache.set(A, good(20.5 + i));
  cache.set(B, good(true));
  await sleep(150);
  assert.equal(c.heard.length, 2);
  assert.deepEqual(valuesOf(c.heard[1]?.values ?? []), { [A.address]: 70.5, [B.address]: true });
  // A device changing every 5 ms for 0.6 s: about six messages, never two within 100 ms, the last value arriving.
  const fast = setInterval(() => cache.set(A, good(Math.random())), 5);
  await sleep(600);
  clearInterval(fast);
  cache.set(A, good(-1));
  await sleep(150);
  const times = c.heard.slice(2).map((m) => m.at);
  assert.ok(times.length >= 3 && times.length <= 8, `${times.length} messages`);
  for (let i = 1; i < times.length; i++) assert.ok((times[i] ?? 0) - (times[i - 1] ?? 0) >= 95, `messages ${Math.round((times[i] ?? 0) - (times[i - 1] ?? 0))} ms apart`);
  assert.deepEqual(valuesOf(c.heard.at(-1)?.values ?? []), { [A.address]: -1 });
  end();
});

test('a backed-up client gets the newest values once it catches up, not a queue of old ones', async () => {
  const { cache, source } = countedCache();
  const watches = new TagWatches(source, null);
  const c = client();
  c.backedUp = true;
  const end = watches.watch([A, B], c);
  for (let i = 0; i < 1000; i++) cache.set(A, good(i));
  cache.set(B, good(false));
  await sleep(300);
  assert.equal(c.heard.length, 0);
  c.backedUp = false;
  await sleep(150);
  assert.equal(c.heard.length, 1);
  assert.deepEqual(valuesOf(c.heard[0]?.values ?? []), { [A.address]: 999, [B.address]: false });
  end();
});

test('replacing or ending a watch removes its cache listeners; nothing is pushed after', async () => {
  const { cache, source, listening } = countedCache();
  const watches = new TagWatches(source, null);
  const c = client();
  const first = watches.watch([A, B, { ...A }], c);
  assert.equal(listening(), 2, 'a tag named twice is listened to once');
  first();
  const second = watches.watch([B], c);
  assert.equal(listening(), 1);
  cache.set(A, good(1));
  await sleep(150);
  assert.deepEqual(c.heard.flatMap((m) => m.values).map((v) => v.address), []);
  second();
  second();
  assert.equal(listening(), 0);
  assert.equal(watches.size, 0);
  cache.set(B, good(true));
  await sleep(150);
  assert.equal(c.heard.flatMap((m) => m.values).length, 0);
  // Disposing the station's watches ends whatever still runs.
  watches.watch([A], client());
  await watches.dispose();
  assert.equal(listening(), 0);
});

/** A driver as the feed sees it: subscriptions it holds, values it can send. */
function fakeDriver(connected = true) {
  const subscriptions = new Set<{ tags: readonly string[]; onChange: (tag: string, value: TagValue) => void }>();
  const driver = {
    health: (): DriverHealth => ({ connected, endpoint: 'opc.tcp://plc', message: connected ? 'connected' : 'connecting', since: '' }),
    subscribe: async (tags: readonly string[], onChange: (tag: string, value: TagValue) => void): Promise<Disposable> => {
      const s = { tags, onChange };
      subscriptions.add(s);
      return { dispose: async () => void subscriptions.delete(s) };
    },
  } as unknown as Driver;
  const send = (address: string, value: TagValue) => {
    for (const s of subscriptions) if (s.tags.includes(address)) s.onChange(address, value);
  };
  return { driver, subscriptions, send };
}

function feedOn(drivers: Map<string, Driver>, configured: TagRef) {
  const health = new Set<(id: string, h: DriverHealth) => void>();
  const config = { connections: [], mapping: { nextSerial: configured, workCenters: [] }, alarms: [], historian: { tags: [], retentionDays: 30 } } as unknown as StationConfig;
  const source = {
    driver: (id: string) => drivers.get(id),
    onHealth: (l: (id: string, h: DriverHealth) => void) => (health.add(l), () => void health.delete(l)),
  };
  const reconnected = (id: string) => {
    for (const l of health) l(id, { connected: true, endpoint: '', message: 'connected', since: '' });
  };
  return { source, config: { get: () => config, onChange: () => () => undefined }, reconnected };
}

test('a browsed tag the configuration does not subscribe is subscribed on its device while watched, and only then', async () => {
  const plc = fakeDriver();
  const drivers = new Map<string, Driver>([['plc', plc.driver]]);
  const { source, config, reconnected } = feedOn(drivers, A);
  const cache = new TagCache();
  const watches = new TagWatches(cache, new WatchedTagFeed(source, cache, config, silentLog));
  const c = client();
  const end = watches.watch([A, B, { connection: 'gone', address: 'x' }], c);
  await sleep(20);
  // A is the configuration's (the ConnectionManager feeds it); B is subscribed for the watch; 'gone' does not run.
  assert.deepEqual([...plc.subscriptions].map((s) => s.tags), [[B.address]]);
  plc.send(B.address, good(true));
  await sleep(150);
  const heard = c.heard.flatMap((m) => m.values);
  assert.deepEqual(heard.find((v) => v.address === B.address)?.value, true);
  assert.equal(heard.find((v) => v.connection === 'gone')?.quality, 'bad');
  // The connection replaced by a new driver: the watch goes on on the new one.
  const next = fakeDriver();
  drivers.set('plc', next.driver);
  reconnected('plc');
  await sleep(20);
  assert.deepEqual([...next.subscriptions].map((s) => s.tags), [[B.address]]);
  end();
  await sleep(20);
  assert.equal(next.subscriptions.size, 0);
  // Nothing keeps B current now: its last value stays, marked bad.
  assert.equal(cache.get(B)?.quality, 'bad');
  await watches.dispose();
});
