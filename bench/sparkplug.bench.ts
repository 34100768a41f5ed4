import { spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { ALL_TAGS } from '../core';
import { createSparkplugHost, PayloadDecoder } from '../drivers/sparkplug';
import { TagCache } from '../main/station';
import { startMosquitto } from '../tests/support/mosquitto';

/**
 * Sparkplug ingest: an edge node floods Mosquitto from a child process (NDATA of 1,000 metrics over 10,000
 * metrics). Measured over the same seconds, so that both see the same offered load and the same machine:
 * (a) a bare mqtt.js subscriber in a process of its own that only decodes (same codec) — the raw limit;
 * (b) the Sparkplug host in this process, subscribed to ALL_TAGS, feeding the station's live model (TagCache).
 */
export interface SparkplugIngestResult {
  readonly name: string;
  readonly metricsPerNode: number;
  readonly metricsPerMessage: number;
  readonly seconds: number;
  readonly bareMetricsPerSecond: number;
  readonly hostUpdatesPerSecond: number;
  readonly ratio: number;
  /** Messages the bare subscriber saw missing (seq gaps): the broker dropped what a subscriber could not take. */
  readonly bareSeqGaps: number;
  readonly host: { readonly messages: number; readonly seqGaps: number; readonly rebirthRequests: number; readonly rejected: number; readonly liveTags: number; readonly goodTags: number };
  readonly target: { readonly updatesPerSecond: number; readonly ratio: number };
  readonly pass: boolean;
}

const METRICS = 10_000;
const BATCH = 1_000;
const SECONDS = Number(process.env.SPARKPLUG_BENCH_SECONDS ?? 15);
const GROUP = 'Bench';
const ROLE = 'SPARKPLUG_BENCH_ROLE';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function spawnReady(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['pipe', 'pipe', 'inherit', 'ipc'], env });
  return new Promise<ChildProcess>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${path.basename(args[0] ?? '')} exited (${code}) before it was ready`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('ready')) resolve(child);
    });
  });
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The edge publisher, at a lower priority: on a small machine the load generator must not take the CPU from what it measures. */
async function startPublisher(brokerUrl: string): Promise<ChildProcess> {
  const cli = path.join(import.meta.dirname, '../drivers/simulator/sparkplug-edge-cli.ts');
  const child = await spawnReady([cli, '--broker', brokerUrl, '--group', GROUP, '--node', 'E1', '--metrics', String(METRICS), '--batch', String(BATCH), '--period', '0']);
  if (child.pid !== undefined) setPriority(child.pid, 10);
  return child;
}

/** (a) This file, run as a child: decode only, count metrics and seq gaps, answer counts over IPC. */
async function bareSubscriber(brokerUrl: string): Promise<void> {
  const client = await mqtt.connectAsync(brokerUrl, { clientId: 'bench-bare' });
  const decoder = new PayloadDecoder();
  let metrics = 0;
  let gaps = 0;
  let lastSeq = -1;
  client.on('message', (_topic, payload) => {
    if (decoder.decode(payload) !== null) return;
    metrics += decoder.count;
    if (lastSeq >= 0 && decoder.seq !== ((lastSeq + 1) & 0xff) && decoder.seq !== 0) gaps++;
    lastSeq = decoder.seq;
  });
  await client.subscribeAsync(`spBv1.0/${GROUP}/#`, { qos: 1 });
  process.on('message', () => process.send?.({ metrics, gaps }));
  process.on('SIGTERM', () => void client.endAsync().then(() => process.exit(0)));
  process.stdout.write('ready\n');
}

function countOf(child: ChildProcess): Promise<{ metrics: number; gaps: number }> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as { metrics: number; gaps: number }));
    child.send('count');
  });
}

export async function benchSparkplugIngest(log: (line: string) => void): Promise<SparkplugIngestResult> {
  // Mosquitto's defaults (as in the tests): at these rates its queue limits drop QoS 0 messages for a subscriber that
  // pauses for a moment, which the host sees as seq gaps and answers with rebirths. That cost is part of the result.
  const broker = await startMosquitto();
  let publisher: ChildProcess | undefined;
  let bare: ChildProcess | undefined;
  const host = createSparkplugHost({ brokerUrl: broker.url, hostId: 'bench-host', groups: [GROUP] });
  try {
    publisher = await startPublisher(broker.url);
    bare = await spawnReady([import.meta.filename], { ...process.env, [ROLE]: 'bare', SPARKPLUG_BENCH_BROKER: broker.url });
    // The station's own live model, as the connection manager feeds it.
    const live = new TagCache();
    let updates = 0;
    await host.subscribe([ALL_TAGS], (address, value) => {
      live.set({ connection: 'plant-mqtt', address }, value);
      updates++;
    });
    await host.connect();
    const deadline = Date.now() + 10_000;
    while (live.size < METRICS && Date.now() < deadline) await sleep(50); // the rebirth the host asked for has come
    log(`  edge publisher (child process, nice 10): ${METRICS.toLocaleString('en')} metrics, NDATA of ${BATCH} metrics back to back; both subscribers measured over the same ${SECONDS} s`);
    await sleep(2_000);
    const [bare0, host0, t0] = [await countOf(bare), updates, process.hrtime.bigint()];
    await sleep(SECONDS * 1000);
    const [bare1, host1, t1] = [await countOf(bare), updates, process.hrtime.bigint()];
    const seconds = Number(t1 - t0) / 1e9;
    const bareRate = (bare1.metrics - bare0.metrics) / seconds;
    const hostRate = (host1 - host0) / seconds;
    const s = host.stats();
    const goodTags = [...live.values()].filter((v) => v.quality === 'good').length;
    const target = { updatesPerSecond: 100_000, ratio: 0.8 };
    const ratio = Number((hostRate / bareRate).toFixed(3));
    return {
      name: 'sparkplug-ingest',
      metricsPerNode: METRICS,
      metricsPerMessage: BATCH,
      seconds: Number(seconds.toFixed(1)),
      bareMetricsPerSecond: Math.round(bareRate),
      hostUpdatesPerSecond: Math.round(hostRate),
      ratio,
      bareSeqGaps: bare1.gaps - bare0.gaps,
      host: { messages: s.messages, seqGaps: s.seqGaps, rebirthRequests: s.rebirthRequests, rejected: s.rejected, liveTags: live.size, goodTags },
      target,
      pass: hostRate >= target.updatesPerSecond && ratio >= target.ratio,
    };
  } finally {
    await host.dispose();
    await stop(bare);
    await stop(publisher);
    await broker.dispose();
  }
}

if (process.env[ROLE] === 'bare') await bareSubscriber(process.env.SPARKPLUG_BENCH_BROKER ?? '');
