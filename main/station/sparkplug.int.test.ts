import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowseNodeView, ConnectionView, TagValueView } from '../../core';
import { extraMetricName, startSparkplugEdge, type SparkplugEdge } from '../../drivers/simulator';
import { startMosquitto, type MosquittoBroker } from '../../tests/support/mosquitto';
import { api, until, withStation } from '../../tests/support/station-harness';

// The station as a Sparkplug B host through a real Mosquitto: configured from the API, values live with quality,
// a dead edge node's values stale at once, values good again after it comes back, without touching the station.
let broker: MosquittoBroker;
let edge: SparkplugEdge;
let ctx: Awaited<ReturnType<typeof withStation>>;

before(async () => {
  broker = await startMosquitto();
  edge = await startSparkplugEdge({ brokerUrl: broker.url, groupId: 'Plant1', edgeNodeId: 'Boiler', extraMetrics: 5, periodMs: 50 });
  ctx = await withStation();
});
after(async () => {
  await ctx?.dispose();
  await edge?.dispose();
  await broker?.dispose();
});

test('a Sparkplug connection added in the station browses births and reads live metrics; a death makes them stale', { timeout: 60_000 }, async () => {
  const eng = api(ctx.url);
  await eng.login('engineer');
  const saved = await eng.request('POST', '/connections', { id: 'mqtt', name: 'Plant broker', kind: 'sparkplug', brokerUrl: broker.url, hostId: 'mes-test' });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  await until('the host to connect', async () => {
    const conns = (await eng.request('GET', '/connections')).body as unknown as ConnectionView[];
    return conns.find((c) => c.config.id === 'mqtt')?.health.connected || undefined;
  });
  const groups = await until('the birth to be browsable', async () => {
    const r = (await eng.request('GET', '/connections/mqtt/browse')).body as unknown as BrowseNodeView[];
    return Array.isArray(r) && r.some((n) => n.name === 'Plant1') ? r : undefined;
  });
  assert.ok(groups.some((n) => n.kind === 'folder'));
  const tag = { connection: 'mqtt', address: `Plant1/Boiler/${extraMetricName(0)}` };
  const live = await until('a good metric value', async () => {
    const v = ((await eng.request('POST', '/tags/read', { tags: [tag] })).body as unknown as TagValueView[])[0];
    return v?.quality === 'good' ? v : undefined;
  });
  assert.equal(typeof live.value, 'number');

  await edge.dropConnection();
  await until('the metric to go stale on NDEATH', async () => {
    const v = ((await eng.request('POST', '/tags/read', { tags: [tag] })).body as unknown as TagValueView[])[0];
    return v?.quality === 'bad' || undefined;
  });
  await until('the metric to be good again after the edge node is back', async () => {
    const v = ((await eng.request('POST', '/tags/read', { tags: [tag] })).body as unknown as TagValueView[])[0];
    return v?.quality === 'good' || undefined;
  }, 30_000);
});
