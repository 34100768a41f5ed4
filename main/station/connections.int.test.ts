import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trustServerCertificate } from '../../drivers/opcua';
import { loadSimulatorProfile, startSimulator } from '../../drivers/simulator';
import type { Driver, DriverHealth } from '../../core';
import { resourcesDir, tempDir } from '../../tests/support/station-fixtures';
import { until } from '../../tests/support/station-harness';
import { freeLoopbackPort } from '../process';
import { ConnectionManager } from './connections';
import { clientPkiFolder, defaultDriverFactory } from './driver-factory';
import { silentLog, type Log } from './log';
import { TagCache } from './tag-cache';

test('a connection retried on purpose ends its earlier attempt quietly, and that attempt does not overwrite its successor’s health', async (t) => {
  const dir = tempDir('mes-connections-');
  const warned: string[] = [];
  const log: Log = { ...silentLog, warn: (m) => void warned.push(m) };
  // The real OPC UA driver, with each attempt to connect kept, to wait for the first one's end.
  const real = defaultDriverFactory(dir.path, log);
  const attempts: Promise<void>[] = [];
  const manager = new ConnectionManager(
    (config) => {
      const driver = real(config);
      const connect = driver.connect.bind(driver);
      driver.connect = () => {
        const attempt = connect();
        attempts.push(attempt);
        return attempt;
      };
      return driver;
    },
    new TagCache(),
    log,
    () => new Date(),
  );
  t.after(async () => {
    await manager.dispose();
    dir.dispose();
  });
  // A PLC that is not there yet: the driver keeps trying to connect.
  const endpoint = `opc.tcp://127.0.0.1:${await freeLoopbackPort()}`;
  await manager.apply({
    connections: [{ id: 'plc', name: 'PLC', kind: 'opcua', endpoint, securityMode: 'None', enabled: true, samplingIntervalMs: 0, publishingIntervalMs: 100 }],
    mapping: { nextSerial: null, workCenters: [] },
    alarms: [],
    historian: { tags: [], retentionDays: 30 },
  } as never);
  const first = manager.driver('plc');
  // Once it has tried and failed (nothing listens there), it is between retries, as when a simulator comes up late.
  await until('a failed attempt', () => (first && /retrying/.test(first.health().message)) || undefined, 20_000, 50);
  await manager.retryFailed();
  const second = manager.driver('plc');
  assert.ok(first && second && first !== second, 'the connection was started again');
  // The first attempt ends, closed.
  const [ended] = await Promise.allSettled([attempts[0]]);
  assert.equal(ended?.status === 'rejected' && (ended.reason as Error).message.includes('Stopped before'), true);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(warned.filter((w) => w.includes('Stopped before')), [], 'no failure logged for the closed attempt');
  assert.ok(!(manager.health('plc')?.message ?? '').includes('Stopped before'), 'the successor’s health is its own');
});

test('a connection that failed for good (a certificate not trusted) is tried again by the station, and comes up once the reason is gone', { timeout: 60_000 }, async (t) => {
  const dir = tempDir('mes-connections-');
  const profile = loadSimulatorProfile(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'simulator.json'), 'utf8')));
  assert.ok(profile.ok);
  const simulator = await startSimulator({ profile: profile.value, pkiFolder: join(dir.path, 'simulator-pki'), port: 0 });
  const warned: string[] = [];
  const log: Log = { ...silentLog, warn: (m) => void warned.push(m) };
  const manager = new ConnectionManager(defaultDriverFactory(dir.path, log), new TagCache(), log, () => new Date(), { firstMs: 300, maxMs: 600 });
  t.after(async () => {
    await manager.dispose();
    await simulator.dispose();
    dir.dispose();
  });
  await manager.apply({
    connections: [{ id: 'plc', name: 'PLC', kind: 'opcua', endpoint: simulator.endpoint, securityMode: 'SignAndEncrypt', securityPolicy: 'Basic256Sha256', enabled: true, samplingIntervalMs: 0, publishingIntervalMs: 100 }],
    mapping: { nextSerial: null, workCenters: [] },
    alarms: [],
    historian: { tags: [], retentionDays: 30 },
  } as never);
  const refused = await until('the certificate refused', () => {
    const h = manager.health('plc');
    return h && /not trusted/.test(h.message) ? h : undefined;
  });
  assert.match(refused.message, /trying again in \d+ s/, 'the health says the station will try again');
  const thumbprint = /thumbprint ([0-9a-f]{40})/.exec(refused.message)?.[1];
  assert.ok(thumbprint);
  // Trusted outside the station (plant IT copied it into the folder): no retry asked, yet it connects.
  assert.ok((await trustServerCertificate(clientPkiFolder(dir.path), thumbprint)).ok);
  await until('the connection up by itself', () => manager.health('plc')?.connected || undefined, 20_000, 50);
  assert.ok(warned.some((w) => /not trusted .*trying again/s.test(w)), 'the failure was logged with the next attempt');
});

test('a connection removed, or the station stopping, while a retry closes it is not started again', async () => {
  // A driver that fails for good at once, and whose closing waits until the test lets it go.
  let gate: () => void = () => undefined;
  let created = 0;
  const closing: (() => void)[] = [];
  const driver = (): Driver => {
    created += 1;
    const health: DriverHealth = { connected: false, endpoint: 'opc.tcp://plc', message: 'connecting', since: '' };
    return {
      connect: () => Promise.reject(new Error('refused for good')),
      health: () => health,
      onHealth: () => ({ dispose: async () => undefined }),
      subscribe: () => Promise.reject(new Error('not connected')),
      read: () => Promise.reject(new Error('not connected')),
      write: () => Promise.reject(new Error('not connected')),
      browse: () => Promise.reject(new Error('not connected')),
      stats: () => ({ updates: 0, rejected: 0, lastRejection: null, reconnects: 0 }),
      dispose: () =>
        new Promise<void>((resolve) => {
          closing.push(resolve);
          gate = resolve;
        }),
    };
  };
  const config = (connections: unknown[]) => ({ connections, mapping: { nextSerial: null, workCenters: [] }, alarms: [], historian: { tags: [], retentionDays: 30 } }) as never;
  const plc = { id: 'plc', name: 'PLC', kind: 'opcua', endpoint: 'opc.tcp://plc', securityMode: 'None', enabled: true, samplingIntervalMs: 0, publishingIntervalMs: 100 };
  for (const meanwhile of ['removed', 'stopping'] as const) {
    created = 0;
    const manager = new ConnectionManager(driver, new TagCache(), silentLog, () => new Date(), { firstMs: 20, maxMs: 20 });
    await manager.apply(config([plc]));
    // The retry has begun to close the failed connection.
    await until('the retry closing the connection', () => closing.length > 0 || undefined, 5_000, 5);
    const stopping = meanwhile === 'removed' ? manager.apply(config([])) : manager.dispose();
    gate();
    await stopping;
    await new Promise((r) => setTimeout(r, 100)); // a retry started again would be at its second attempt by now
    assert.equal(manager.driver('plc'), undefined, `${meanwhile}: not started again`);
    assert.equal(created, 1, `${meanwhile}: one driver only`);
    closing.splice(0).forEach((r) => r());
    await manager.dispose();
  }
});
