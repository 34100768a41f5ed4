import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { UnsView } from '../../core';
import { startMosquitto, type MosquittoBroker } from '../../tests/support/mosquitto';
import { api, until, withStation } from '../../tests/support/station-harness';

// Engineers point the station at the plant's Unified Namespace from the HMI's API: a real Mosquitto with accounts,
// the password sealed at rest and never shown, the link following each change, other roles refused.
let broker: MosquittoBroker;
let ctx: Awaited<ReturnType<typeof withStation>>;
before(async () => {
  broker = await startMosquitto({ users: { 'st-line1': 'uns-Pa55', reader: 'reader-pw' } });
  ctx = await withStation();
});
after(async () => {
  await ctx?.dispose();
  await broker?.dispose();
});

test('an engineer sets where the line is published; the password is kept sealed, never shown, and kept for the same broker', async () => {
  const eng = api(ctx.url);
  await eng.login('engineer');
  const op = api(ctx.url);
  await op.login('operator');
  const view = async () => (await eng.request('GET', '/uns')).body as unknown as UnsView;
  assert.equal((await view()).status.source, 'off');

  const settings = { url: broker.url, root: 'acme', username: 'st-line1', password: 'uns-Pa55' };
  assert.equal((await op.request('POST', '/uns', { settings })).status, 403, 'an operator may not');
  const bad = await eng.request('POST', '/uns', { settings: { ...settings, url: 'http://broker:1883' } });
  assert.equal(bad.status, 400);
  assert.match(String(bad.body['message']), /a broker address looks like mqtt:/);
  const saved = await eng.request('POST', '/uns', { settings });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal((saved.body as unknown as UnsView).settings?.password, '••••••');

  // The broker has the line under acme/<site>/<area>/<line>: a reader sees its current values, retained.
  const online = new Map<string, boolean>();
  const reader = mqtt.connect(broker.url, { username: 'reader', password: 'reader-pw' });
  reader.on('message', (topic, payload) => {
    if (topic.endsWith('/mes/status')) online.set(topic, (JSON.parse(payload.toString()) as { online: boolean }).online);
  });
  await new Promise<void>((resolve) => reader.once('connect', () => reader.subscribe('acme/#', { qos: 1 }, () => resolve())));
  try {
    await until('the station connected to the broker', async () => ((await view()).status.connected ? true : undefined), 15_000, 100);
    await until('the line online under acme/<site>/<area>/<line>', () => (online.get('acme/P1/ASSY/L1/mes/status') === true ? true : undefined), 15_000, 50);

    // Nowhere in the clear: not in the configuration file, the database or the log.
    assert.doesNotMatch(readFileSync(join(ctx.dataDir, 'station-config.json'), 'utf8'), /uns-Pa55/);
    assert.equal(ctx.station.db.prepare("SELECT count(*) FROM config WHERE body LIKE '%uns-Pa55%'").pluck().get(), 0);
    assert.equal(ctx.station.db.prepare("SELECT count(*) FROM events WHERE data LIKE '%uns-Pa55%'").pluck().get(), 0);
    for (const path of ['/config', '/uns', '/events?limit=1000']) assert.doesNotMatch(JSON.stringify((await eng.request('GET', path)).body), /uns-Pa55/, path);
    const changed = ctx.station.db.prepare("SELECT json_extract(data, '$.after.uns') FROM events WHERE type = 'ConfigChanged' AND json_extract(data, '$.section') = 'uns' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    assert.deepEqual(JSON.parse(changed), { url: broker.url, root: 'acme', username: 'st-line1', password: '••••••' });

    // Saved again with the password left blank: the stored one is kept (the link, made anew under root acme2, signs in).
    assert.equal((await eng.request('POST', '/uns', { settings: { url: broker.url, root: 'acme2', username: 'st-line1' } })).status, 200);
    await reader.subscribeAsync('acme2/#', { qos: 1 });
    await until('published under the new root with the kept password', () => (online.get('acme2/P1/ASSY/L1/mes/status') === true ? true : undefined), 15_000, 50);
    assert.equal(online.get('acme/P1/ASSY/L1/mes/status'), false, 'the link before it said offline as it closed');
    assert.equal((await view()).status.root, 'acme2');
    // Another broker with no password given: the stored one does not go there.
    const elsewhere = broker.url.replace(/:(\d+)$/, (_m, port: string) => `:${Number(port) === 65535 ? 65534 : Number(port) + 1}`);
    assert.equal((await eng.request('POST', '/uns', { settings: { url: elsewhere, root: 'acme2', username: 'st-line1' } })).status, 200);
    assert.equal((await view()).settings?.password, undefined, 'a different broker never receives the stored password');
    // Another user with no password given: none is sent, and the broker refuses the station.
    assert.equal((await eng.request('POST', '/uns', { settings: { url: broker.url, root: 'acme3', username: 'reader' } })).status, 200);
    assert.equal((await view()).settings?.password, undefined, 'a different account never receives the stored password');
    const refused = await until('the broker to refuse the station as reader without a password', async () => {
      const v = await view();
      return v.status.root === 'acme3' && v.status.message ? v.status : undefined;
    }, 10_000, 100);
    assert.match(refused.message ?? '', /Not authorized/i);
    assert.equal(refused.connected, false);

    // Stopped: the link is closed, and the station says offline on its status topic.
    assert.equal((await eng.request('POST', '/uns', { settings: null })).status, 200);
    await until('publishing off', async () => ((await view()).status.source === 'off' ? true : undefined), 10_000, 100);
    assert.equal((await view()).settings, null);
  } finally {
    await reader.endAsync();
  }
});

test('a station started with --uns publishes there whatever is stored, and says so', async () => {
  const fixed = await withStation({ uns: { url: broker.url, root: 'fixed', username: 'st-line1', password: 'uns-Pa55' } });
  try {
    const eng = api(fixed.url);
    await eng.login('engineer');
    const status = await until('connected as the command line says', async () => {
      const v = (await eng.request('GET', '/uns')).body as unknown as UnsView;
      return v.status.connected ? v.status : undefined;
    }, 15_000, 100);
    assert.deepEqual([status.source, status.root], ['command line', 'fixed']);
    const refused = await eng.request('POST', '/uns', { settings: { url: broker.url, root: 'other' } });
    assert.deepEqual([refused.status, refused.body['message']], [409, 'This station was started with --uns: its Unified Namespace is set on its command line, not here.']);
  } finally {
    await fixed.dispose();
  }
});
