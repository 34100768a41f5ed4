import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { tempDir } from './support/station-fixtures';
import { until } from './support/station-harness';
import { startStationProcess, type StationProcess } from './support/station-process';

// The built station (`mes station --simulate`, port 0) as an operator or a service manager stops it: SIGTERM or
// Ctrl-C stop it cleanly (exit 0, the database closed, the simulator stopped); after SIGKILL, which it cannot
// handle, its simulator notices and stops by itself. POSIX only: Windows has no signals to send a process.
const options = { timeout: 120_000, skip: process.platform === 'win32' && 'POSIX signals' };

async function startHealthy(t: TestContext, processGroup = false): Promise<{ station: StationProcess; simulatorPid: number; dataDir: string }> {
  const data = tempDir('mes-signals-');
  const station = await startStationProcess(data.path, ['--speed', '5'], { port: 0, processGroup });
  t.after(async () => {
    await station.stop();
    data.dispose();
  });
  await until(
    'the station healthy, its line PLC (the simulator) connected',
    async () => {
      const r = await fetch(`${station.url}/api/v1/health`).catch(() => undefined);
      if (!r?.ok) return undefined;
      const health = (await r.json()) as { status: string; plc: { connected: boolean } };
      return health.status === 'ok' && health.plc.connected ? health : undefined;
    },
    60_000,
  );
  const simulatorPid = station.simulatorPid;
  assert.ok(simulatorPid, `the station logs its simulator's pid:\n${station.output.join('\n')}`);
  assert.equal(running(simulatorPid), true);
  return { station, simulatorPid, dataDir: data.path };
}

/** Whether the process runs (a zombie, dead but not yet reaped by its parent, does not). */
function running(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

const indexOf = (output: readonly string[], pattern: RegExp) => output.findIndex((line) => pattern.test(line));

// SIGTERM as a service manager sends it (to the station); SIGINT as Ctrl-C in a terminal sends it (to the whole
// process group: the station and its simulator at once; the simulator leaves the stop to the station).
const ways: { signal: NodeJS.Signals; processGroup: boolean; how: string }[] = [
  { signal: 'SIGTERM', processGroup: false, how: 'SIGTERM' },
  { signal: 'SIGINT', processGroup: false, how: 'SIGINT' },
  { signal: 'SIGINT', processGroup: true, how: 'Ctrl-C (SIGINT to the process group)' },
];

for (const { signal, processGroup, how } of ways) {
  test(`${how} stops the station cleanly: exit 0, the database closed, then its simulator stopped`, options, async (t) => {
    const { station, simulatorPid, dataDir } = await startHealthy(t, processGroup);
    station.kill(signal, processGroup);
    const exit = await station.exited;
    const log = station.output.join('\n');
    assert.deepEqual(exit, { code: 0, signal: null }, log);
    const closed = indexOf(station.output, /closed the database/);
    const simulatorStopped = indexOf(station.output, /the line simulator stopped \(exit 0\)/);
    assert.ok(closed >= 0, `the log says the database was closed:\n${log}`);
    assert.ok(simulatorStopped > closed, `the simulator is stopped after the station:\n${log}`);
    assert.match(log, new RegExp(`${signal}: stopping`));
    assert.doesNotMatch(log, /did not stop within|again: exiting now|line simulator stopped \(exit [^0]/);
    // SQLite checkpoints the write-ahead log into the database and removes it when the last connection closes.
    assert.equal(existsSync(join(dataDir, 'station.sqlite-wal')), false, 'no write-ahead log left behind');
    assert.equal(running(simulatorPid), false, 'the simulator process has gone');
  });
}

test('after SIGKILL of the station, its simulator stops by itself', options, async (t) => {
  const { station, simulatorPid } = await startHealthy(t);
  station.kill('SIGKILL');
  assert.deepEqual(await station.exited, { code: null, signal: 'SIGKILL' });
  await until('the orphaned simulator to stop', () => !running(simulatorPid) || undefined, 10_000);
});

test('the simulator the station starts listens on loopback only', options, async (t) => {
  const { station } = await startHealthy(t);
  const port = Number(/line simulator \(pid \d+\) running at opc\.tcp:\/\/[^:]+:(\d+)/.exec(station.output.join('\n'))?.[1]);
  assert.ok(port > 0, station.output.join('\n'));
  assert.equal(await reachable('127.0.0.1', port), true);
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === 'IPv4')?.address;
  if (!lan) return t.skip('no non-loopback IPv4 address here: the network side cannot be checked');
  assert.equal(await reachable(lan, port), false, `the simulator must not accept connections on ${lan}`);
});

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}
