import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORK_CENTER_TAGS, plcNodeId, type StreamMessage } from '../../core';
import { loadSimulatorProfile, startSimulator, type RunningSimulator } from '../../drivers/simulator';
import { resourcesDir, tempDir } from '../../tests/support/station-fixtures';
import { WebSocket } from 'ws';
import { api, until, withStation } from '../../tests/support/station-harness';

// Watching tags on the live stream of a real station, against the simulated PLC over OPC UA: a tag the line mapping
// subscribes, and one only the watch does (picked in the tag browser).
const pki = tempDir('mes-pki-');
let sim: RunningSimulator;
let ctx: Awaited<ReturnType<typeof withStation>>;
const STATE = { connection: 'line-plc', address: plcNodeId('L1', 'WC10', WORK_CENTER_TAGS.state) };
const PLANT = { connection: 'line-plc', address: plcNodeId('L1', 'Plant', 'T00000') };

before(async () => {
  const profile = loadSimulatorProfile(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'simulator.json'), 'utf8')));
  assert.ok(profile.ok);
  sim = await startSimulator({ profile: profile.value, pkiFolder: join(pki.path, 'sim'), port: 0, speed: 5, seed: 3, extraTags: 2, extraTagPeriodMs: 50 });
  ctx = await withStation({ simulatorEndpoint: sim.endpoint });
});
/** A client of the live stream that watches tags: what it heard, and when. */
async function liveClient(base: string, token: string) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/stream`, ['mes.v1', `bearer.${token}`]);
  const messages: StreamMessage[] = [];
  const times: number[] = [];
  ws.on('message', (d) => {
    messages.push(JSON.parse(String(d)) as StreamMessage);
    times.push(performance.now());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { messages, times, send: (m: unknown) => ws.send(JSON.stringify(m)), close: () => ws.close() };
}

after(async () => {
  await ctx?.dispose();
  await sim?.dispose();
  pki.dispose();
});

test('a watched tag is pushed as it changes, the configuration\'s and one the watch alone subscribes, until the watch ends', { timeout: 60_000 }, async () => {
  const eng = api(ctx.url);
  await eng.login('engineer');
  const stream = await liveClient(ctx.url, eng.token ?? '');
  const values = () => stream.messages.flatMap((m) => (m.kind === 'tags' ? m.values : []));
  const of = (address: string) => values().filter((v) => v.address === address);
  stream.send({ kind: 'watch', tags: [STATE, PLANT] });
  await until('WC10 state, good', () => of(STATE.address).some((v) => v.quality === 'good' && typeof v.value === 'string'));
  await until('a plant tag changing, good', () => new Set(of(PLANT.address).filter((v) => v.quality === 'good').map((v) => v.value)).size >= 3);
  // Changes every 50 ms arrive coalesced: never two messages within 100 ms (a little slack for the network).
  const times = stream.messages.flatMap((m, i) => (m.kind === 'tags' ? [stream.times[i] ?? 0] : []));
  for (let i = 2; i < times.length; i++) assert.ok((times[i] ?? 0) - (times[i - 1] ?? 0) >= 80, `messages ${(times[i] ?? 0) - (times[i - 1] ?? 0)} ms apart`);

  stream.send({ kind: 'watch', tags: [] });
  await new Promise((r) => setTimeout(r, 300));
  const heard = values().length;
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(values().length, heard, 'nothing is pushed once the watch ended');
  stream.close();
});
