import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../../tests/support/station-fixtures';
import { until } from '../../tests/support/station-harness';
import { freeLoopbackPort } from '../process';
import { ConnectionManager } from './connections';
import { defaultDriverFactory } from './driver-factory';
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
