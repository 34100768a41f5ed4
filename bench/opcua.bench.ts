import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttributeIds,
  ClientMonitoredItemGroup,
  OPCUACertificateManager,
  OPCUAClient,
  TimestampsToReturn,
  coerceNodeId,
} from 'node-opcua';
import { LINE_PLC_NAMESPACE, plcNodeId } from '../core';
import { createOpcUaDriver } from '../drivers/opcua';
import { PlantWalk } from '../drivers/simulator';
import { spawnLinePlc } from './line-plc';

export interface OpcUaResult {
  readonly name: string;
  readonly tags: number;
  readonly samplingMs: number;
  readonly publishingMs: number;
  readonly secondsPerRun: number;
  /** What the simulator offers: every tag changes once per period. */
  readonly offeredChangesPerSecond: number;
  /** Each client alone, one after the other. */
  readonly bareNotificationsPerSecond: number;
  readonly driverUpdatesPerSecond: number;
  readonly sequentialRatio: number;
  /** Both clients subscribed at once, counted over the same window: the server's ups and downs hit both alike. */
  readonly sideBySide: { readonly bareNotificationsPerSecond: number; readonly driverUpdatesPerSecond: number };
  /** driver ÷ bare, side by side: the target. */
  readonly ratio: number;
  /** This process while the driver ran alone: CPU in % of one core, peak resident memory. */
  readonly driverCpuPercent: number;
  readonly driverRssMiB: number;
  /** This process before any client connected (node-opcua and tsx loaded), for comparison. */
  readonly baselineRssMiB: number;
  readonly target: { readonly ratio: number };
  readonly pass: boolean;
}

const TAGS = 10_000;
const PERIOD_MS = 100;
const SECONDS = 20;
const WARM_UP_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Window {
  readonly perSecond: number[];
  readonly cpuPercent: number;
  readonly peakRss: number;
}

/** Counts what arrives during SECONDS after a warm-up; samples this process's CPU and memory meanwhile. */
async function measure(counts: (() => number)[]): Promise<Window> {
  await sleep(WARM_UP_MS);
  const startCounts = counts.map((c) => c());
  const startCpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let peakRss = 0;
  for (let s = 0; s < SECONDS * 4; s += 1) {
    await sleep(250);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(startCpu);
  return {
    perSecond: counts.map((c, i) => (c() - (startCounts[i] ?? 0)) / seconds),
    cpuPercent: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
    peakRss,
  };
}

/** One subscription of the benchmark's tags: count() grows with every value delivered; stop() removes it. */
interface Subscriber {
  subscribe(): Promise<{ count(): number; stop(): Promise<void> }>;
  dispose(): Promise<void>;
}

/** (a) The raw limit: node-opcua's own client, one subscription, one monitored item group, nothing else. */
async function bareClient(endpoint: string, pkiFolder: string): Promise<Subscriber> {
  const client = OPCUAClient.create({
    endpointMustExist: false,
    clientCertificateManager: new OPCUACertificateManager({ rootFolder: pkiFolder, disableFileWatchers: true }),
    connectionStrategy: { maxRetry: 3, initialDelay: 200, maxDelay: 1_000 },
  });
  await client.connect(endpoint);
  const session = await client.createSession();
  const ns = (await session.readNamespaceArray()).indexOf(LINE_PLC_NAMESPACE);
  const items = Array.from({ length: TAGS }, (_, i) => ({ nodeId: coerceNodeId(`ns=${ns};s=L1.Plant.${PlantWalk.tagName(i)}`), attributeId: AttributeIds.Value }));
  return {
    subscribe: async () => {
      const subscription = await session.createSubscription2({
        requestedPublishingInterval: PERIOD_MS,
        requestedLifetimeCount: 240,
        requestedMaxKeepAliveCount: 10,
        maxNotificationsPerPublish: 0,
        publishingEnabled: true,
        priority: 1,
      });
      const group = ClientMonitoredItemGroup.create(subscription, items, { samplingInterval: PERIOD_MS, queueSize: 10, discardOldest: true }, TimestampsToReturn.Both);
      let notifications = 0;
      group.on('changed', () => (notifications += 1));
      await new Promise<void>((resolve, reject) => {
        group.once('initialized', () => resolve());
        group.once('terminated', (err) => reject(err));
      });
      return { count: () => notifications, stop: () => subscription.terminate() };
    },
    dispose: async () => {
      await session.close();
      await client.disconnect();
    },
  };
}

/** (b) The same tags through the driver (found by browsing the plant folder), counting onChange calls. */
async function driverClient(endpoint: string, pkiFolder: string, log: (line: string) => void): Promise<Subscriber> {
  const driver = createOpcUaDriver({ endpoint, pkiFolder });
  await driver.connect();
  const browseStart = performance.now();
  const folder = await driver.browse(plcNodeId('L1', 'Plant'));
  log(`  browsing the ${folder.length.toLocaleString('en')}-tag plant folder through the driver: ${Math.round(performance.now() - browseStart)} ms`);
  if (folder.length !== TAGS) throw new Error(`the simulator's Plant folder has ${folder.length} tags, not ${TAGS}`);
  const addresses = folder.map((n) => n.address);
  return {
    subscribe: async () => {
      let updates = 0;
      const subscription = await driver.subscribe(addresses, () => (updates += 1), { samplingIntervalMs: PERIOD_MS, publishingIntervalMs: PERIOD_MS });
      return { count: () => updates, stop: () => subscription.dispose() };
    },
    dispose: () => driver.dispose(),
  };
}

/** Subscribes each client, measures them over the same window, removes the subscriptions. */
async function run(...subscribers: Subscriber[]): Promise<Window> {
  const running = await Promise.all(subscribers.map((s) => s.subscribe()));
  try {
    return await measure(running.map((r) => r.count));
  } finally {
    for (const r of running) await r.stop();
  }
}

const perSecond = (n: number | undefined) => Math.round(n ?? 0);
const fmt = (n: number | undefined) => perSecond(n).toLocaleString('en');

export async function benchOpcUa(log: (line: string) => void): Promise<OpcUaResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mes-bench-opcua-'));
  // The simulator runs in its own process, so its CPU is not counted as ours.
  const simulator = await spawnLinePlc(join(dir, 'simulator'), { tags: TAGS, tagPeriodMs: PERIOD_MS, seed: 1 });
  const clients: Subscriber[] = [];
  const baselineRss = process.memoryUsage.rss();
  try {
    const bare = await bareClient(simulator.endpoint, join(dir, 'pki', 'bare'));
    clients.push(bare);
    const driver = await driverClient(simulator.endpoint, join(dir, 'pki', 'driver'), log);
    clients.push(driver);
    // (a) and (b) alone, one after the other. The simulator's server is the limit here (node-opcua
    // samples each monitored item on its own timer), so its ups and downs between two runs show in their ratio.
    const [bareAlone] = (await run(bare)).perSecond;
    log(`  (a) bare node-opcua alone: ${fmt(bareAlone)} notifications/s`);
    const driverAlone = await run(driver);
    log(`  (b) driver alone: ${fmt(driverAlone.perSecond[0])} onChange/s, CPU ${driverAlone.cpuPercent.toFixed(0)} % of a core, peak RSS ${(driverAlone.peakRss / 2 ** 20).toFixed(0)} MiB (${(baselineRss / 2 ** 20).toFixed(0)} MiB before any client)`);
    // Side by side, both see the same server at the same moment: the fair comparison.
    const [bareBeside, driverBeside] = (await run(bare, driver)).perSecond;
    log(`  side by side: bare ${fmt(bareBeside)} notifications/s, driver ${fmt(driverBeside)} onChange/s`);
    const ratio = (driverBeside ?? 0) / (bareBeside || 1);
    const target = { ratio: 0.95 };
    return {
      name: 'opcua-subscribe',
      tags: TAGS,
      samplingMs: PERIOD_MS,
      publishingMs: PERIOD_MS,
      secondsPerRun: SECONDS,
      offeredChangesPerSecond: (TAGS * 1000) / PERIOD_MS,
      bareNotificationsPerSecond: perSecond(bareAlone),
      driverUpdatesPerSecond: perSecond(driverAlone.perSecond[0]),
      sequentialRatio: Number(((driverAlone.perSecond[0] ?? 0) / (bareAlone || 1)).toFixed(3)),
      sideBySide: { bareNotificationsPerSecond: perSecond(bareBeside), driverUpdatesPerSecond: perSecond(driverBeside) },
      ratio: Number(ratio.toFixed(3)),
      driverCpuPercent: Math.round(driverAlone.cpuPercent),
      driverRssMiB: Math.round(driverAlone.peakRss / 2 ** 20),
      baselineRssMiB: Math.round(baselineRss / 2 ** 20),
      target,
      pass: ratio >= target.ratio,
    };
  } finally {
    for (const client of clients) await client.dispose();
    await simulator.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
