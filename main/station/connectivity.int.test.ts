import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORK_CENTER_TAGS, plcNodeId, type AlarmSummary, type ConfigView, type HistorySeries, type TagValueView } from '../../core';
import { loadSimulatorProfile, startSimulator, type RunningSimulator, type SimulatorProfile } from '../../drivers/simulator';
import { resourcesDir, tempDir } from '../../tests/support/station-fixtures';
import { api, until, withStation } from '../../tests/support/station-harness';

// Connections as configuration, live tag values, alarms and the historian, against the simulated PLC over OPC UA.
describe('connectivity: configuration, live values, alarms, historian', () => {
  const pki = tempDir('mes-pki-');
  let profile: SimulatorProfile;
  let sim: RunningSimulator;
  let ctx: Awaited<ReturnType<typeof withStation>>;
  const good = (wc: string) => ({ connection: 'line-plc', address: plcNodeId('L1', wc, WORK_CENTER_TAGS.goodCount) });

  before(async () => {
    const p = loadSimulatorProfile(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'simulator.json'), 'utf8')));
    assert.ok(p.ok);
    profile = { ...p.value, shortStopProbability: 0 };
    sim = await startSimulator({ profile, pkiFolder: join(pki.path, 'sim'), port: 0, speed: 20, seed: 3 });
    ctx = await withStation({ simulatorEndpoint: sim.endpoint });
  });
  after(async () => {
    await ctx?.dispose();
    await sim?.dispose();
    pki.dispose();
  });

  test('the configuration is readable, passwords never leave the station, and only engineers change it', async () => {
    const eng = api(ctx.url);
    await eng.login('engineer');
    const conn = { id: 'line-plc', name: 'Line PLC', kind: 'opcua', endpoint: sim.endpoint, securityMode: 'None', userName: 'plc', password: 'secret' };
    const saved = await eng.request('POST', '/connections', conn);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const config = (await eng.request('GET', '/config')).body as unknown as ConfigView;
    const stored = config.connections.find((c) => c.id === 'line-plc');
    assert.equal(stored && 'password' in stored ? stored.password : undefined, '••••••');
    assert.ok(!JSON.stringify((await eng.request('GET', '/events?stream=config:station')).body).includes('secret'), 'no password in the event log');
    const op = api(ctx.url);
    await op.login('operator');
    const refused = await op.request('POST', '/connections', conn);
    assert.equal(refused.status, 403);
    // Put the connection back as it was (anonymous), so the rest runs on it.
    await eng.request('POST', '/connections', { id: 'line-plc', name: 'Line PLC', kind: 'opcua', endpoint: sim.endpoint, securityMode: 'None' });
  });

  test('a configuration that does not hold together is refused whole, with the reason', async () => {
    const eng = api(ctx.url);
    await eng.login('engineer');
    const before = (await eng.request('GET', '/config')).body as unknown as ConfigView;
    const r = await eng.request('POST', '/config/mapping', { nextSerial: { connection: 'nowhere', address: 'x' }, workCenters: [] });
    assert.equal(r.status, 400);
    assert.match(r.body.message ?? '', /mapping\.nextSerial\.connection: there is no connection "nowhere"/);
    const after = (await eng.request('GET', '/config')).body as unknown as ConfigView;
    assert.deepEqual(after.mapping, before.mapping);
  });

  test('live values carry quality and source time', async () => {
    const c = api(ctx.url);
    await c.login('engineer');
    const values = await until('good live values', async () => {
      const v = (await c.request('POST', '/tags/read', { tags: [good('WC10'), { connection: 'line-plc', address: plcNodeId('L1', 'WC10', 'State') }] })).body as unknown as TagValueView[];
      return v.every((x) => x.quality === 'good') ? v : undefined;
    });
    assert.equal(values[1]?.value, 'Idle');
    assert.ok(values[0]?.sourceTime && Date.parse(values[0].sourceTime) > 0);
  });

  test('alarms: raised from live values, acknowledged with the user, shelved with an expiry, flood shown; each transition an event', async () => {
    const eng = api(ctx.url);
    await eng.login('engineer');
    const cfg = (await eng.request('GET', '/config')).body as unknown as ConfigView;
    const defs = Array.from({ length: 12 }, (_, i) => ({
      id: `TEST.${i}`,
      kind: 'high',
      limit: -1 - i,
      deadband: 0,
      priority: i === 0 ? 'urgent' : 'low',
      message: `Test alarm ${i}`,
      tag: good('WC10'),
    }));
    const saved = await eng.request('POST', '/config/alarms', { alarms: [...cfg.alarms, ...defs] });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const lead = api(ctx.url);
    await lead.login('lead');
    const summary = await until('the alarms to be raised', async () => {
      const s = (await lead.request('GET', '/alarms')).body as unknown as AlarmSummary;
      return s.alarms.filter((a) => a.id.startsWith('TEST.')).length === 12 ? s : undefined;
    });
    assert.equal(summary.alarms[0]?.priority, 'urgent', 'most urgent first');
    assert.equal(summary.flood.active, true, `${summary.flood.raisedInWindow} alarms in the window is a flood`);

    const ack = await lead.request('POST', '/alarms/TEST.0/acknowledge', { comment: 'seen' });
    assert.equal(ack.status, 200, JSON.stringify(ack.body));
    assert.equal(ack.body.acknowledged, true);
    assert.equal((await lead.request('POST', '/alarms/TEST.0/acknowledge', {})).status, 409);
    const until1h = new Date(Date.now() + 3_600_000).toISOString();
    const shelved = await lead.request('POST', '/alarms/TEST.1/shelve', { until: until1h, reason: 'sensor swap' });
    assert.equal(shelved.body.shelvedUntil, until1h);
    const op = api(ctx.url);
    await op.login('operator');
    assert.equal((await op.request('POST', '/alarms/TEST.2/shelve', { until: until1h, reason: 'x' })).status, 403);
    const events = (await lead.request('GET', '/events?stream=alarm:TEST.0')).body as unknown as { type: string; actor: string; data: { by?: string } }[];
    assert.deepEqual(events.map((e) => e.type), ['AlarmRaised', 'AlarmAcknowledged']);
    assert.equal(events[1]?.data.by, 'lead');
  });

  test('PackML commands reach the PLC when allowed in the current state, and are refused with the reason when not', async () => {
    const lead = api(ctx.url);
    await lead.login('lead');
    const stop = await lead.request('POST', '/line/work-centers/WC40/command', { command: 'Stop' });
    assert.equal(stop.status, 200, JSON.stringify(stop.body));
    assert.equal(stop.body.to, 'Stopping');
    await until('WC40 to show Stopped', async () => {
      const line = (await lead.request('GET', '/line')).body as unknown as { workCenters: { id: string; state: string }[] };
      return line.workCenters.find((w) => w.id === 'WC40')?.state === 'Stopped' || undefined;
    });
    const refused = await lead.request('POST', '/line/work-centers/WC40/command', { command: 'Unhold' });
    assert.equal(refused.status, 409);
    assert.match(refused.body.message ?? '', /Unhold is not allowed while WC40 is Stopped/);
    const op = api(ctx.url);
    await op.login('operator');
    assert.equal((await op.request('POST', '/line/work-centers/WC40/command', { command: 'Reset' })).status, 403);
    assert.equal((await lead.request('POST', '/line/work-centers/WC40/command', { command: 'Reset' })).status, 200);
    await until('WC40 to leave Stopped', async () => {
      const line = (await lead.request('GET', '/line')).body as unknown as { workCenters: { id: string; state: string }[] };
      return line.workCenters.find((w) => w.id === 'WC40')?.state !== 'Stopped' || undefined;
    });
    const events = (await lead.request('GET', '/events?stream=wc:WC40:commands')).body as unknown as { type: string; actor: string; data: { command: string } }[];
    // Each command recorded as asked for before the write, then as taken by the PLC.
    assert.deepEqual(events.map((e) => [e.type, e.data.command, e.actor]), [
      ['PackMLCommandRequested', 'Stop', 'lead'],
      ['PackMLCommandIssued', 'Stop', 'lead'],
      ['PackMLCommandRequested', 'Reset', 'lead'],
      ['PackMLCommandIssued', 'Reset', 'lead'],
    ]);
  });

  test('PLC restarted: values flow again within 5 s, the gap is in the history, nothing stale was good meanwhile', { timeout: 60_000 }, async () => {
    const c = api(ctx.url);
    await c.login('supervisor');
    await c.request('POST', '/orders', { number: 'PO-H1', product: 'VLV-100', revision: 'B', quantity: 50, dueDate: '2026-12-01' });
    await c.request('POST', '/orders/PO-H1/release', {});
    await c.request('POST', '/orders/PO-H1/dispatch', {});
    await until('units counted at WC10', async () => {
      const v = (await c.request('POST', '/tags/read', { tags: [good('WC10')] })).body as unknown as TagValueView[];
      return Number(v[0]?.value) >= 2 || undefined;
    });
    const port = sim.port;
    const downAt = Date.now();
    await sim.dispose();
    const whileDown = await until('the values to be marked bad', async () => {
      const v = (await c.request('POST', '/tags/read', { tags: [good('WC10')] })).body as unknown as TagValueView[];
      return v[0]?.quality === 'bad' ? v : undefined;
    });
    assert.equal(whileDown[0]?.quality, 'bad');
    sim = await startSimulator({ profile, pkiFolder: join(pki.path, 'sim'), port, speed: 20, seed: 4 });
    const back = Date.now();
    await until(
      'good values again',
      async () => {
        const v = (await c.request('POST', '/tags/read', { tags: [good('WC10')] })).body as unknown as TagValueView[];
        return v[0]?.quality === 'good' || undefined;
      },
      5_000,
      100,
    );
    const recovered = Date.now() - back;
    assert.ok(recovered <= 5_000, `recovered in ${recovered} ms`);
    const series = (
      await c.request('GET', `/history?connection=line-plc&address=${encodeURIComponent(good('WC10').address)}&from=${new Date(downAt - 60_000).toISOString()}&to=${new Date(Date.now() + 1000).toISOString()}`)
    ).body as unknown as HistorySeries;
    const qualities = series.points.map((p) => p[2]);
    const gap = qualities.indexOf('bad');
    assert.ok(gap > 0, 'the outage is a bad point in the history');
    assert.ok(qualities.slice(0, gap).includes('good') && qualities.slice(gap).includes('good'), 'good before and after the gap');
    assert.equal(series.points[gap]?.[1], null, 'no value is shown for the gap');
  });

  test('a hand edit of station-config.json is applied live; a broken one is refused and the last good kept', async () => {
    const eng = api(ctx.url);
    await eng.login('engineer');
    const cfg = (await eng.request('GET', '/config')).body as unknown as ConfigView;
    const file = JSON.parse(readFileSync(cfg.file, 'utf8')) as { alarms: { id: string; message: string }[] };
    writeFileSync(cfg.file, '{ "connections": [ broken');
    await new Promise((r) => setTimeout(r, 800));
    const still = (await eng.request('GET', '/config')).body as unknown as ConfigView;
    assert.equal(still.connections.length, cfg.connections.length);
    const first = file.alarms[0];
    assert.ok(first);
    first.message = 'Edited by hand';
    writeFileSync(cfg.file, JSON.stringify(file, null, 2));
    await until('the edit to be applied', async () => {
      const now = (await eng.request('GET', '/config')).body as unknown as ConfigView;
      return now.alarms[0]?.message === 'Edited by hand' || undefined;
    }, 5_000);
    const events = (await eng.request('GET', '/events?stream=config:station&limit=1000')).body as unknown as { actor: string; data: { source: string } }[];
    assert.match(events[events.length - 1]?.actor ?? '', /^config file station-config\.json \(owner [\w-]+\)$/);
  });
});
