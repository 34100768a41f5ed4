import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { BrowseNode, Driver, TagValue } from '../../core';
import { createOpcUaDriver } from './index';
import { tempFolder, waitFor } from './int-test-support';
import { freePort } from '../../tests/support/free-port';

// The driver against an OPC UA server this project did not write: node-opcua-samples' simple_server, with its
// standard address space and the conformance-testing "Simulation" folders.

const ROOT = path.join(import.meta.dirname, '../..');
const SIMPLE_SERVER = path.join(ROOT, 'node_modules/node-opcua-samples/bin/simple_server.cjs');


/** Starts simple_server with its PKI in `home` (it writes under env-paths: $XDG_CONFIG_HOME, $HOME). */
function startSimpleServer(port: number, home: string): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [SIMPLE_SERVER, '-p', String(port), '--silent'], {
    cwd: ROOT,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`simple_server did not start in 40 s:\n${output.join('')}`))), 40_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simple_server exited (${code}) before it was ready:\n${output.join('')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (!/server now waiting for connections/.test(line)) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ child, stop });
    });
  });
}

test('the OPC UA driver against node-opcua-samples simple_server', { timeout: 60_000 }, async (t) => {
  const tmp = await tempFolder('mes-opcua-foreign-');
  const port = await freePort();
  const server = await startSimpleServer(port, path.join(tmp.path, 'home'));
  const driver: Driver = createOpcUaDriver({ endpoint: `opc.tcp://localhost:${port}`, pkiFolder: path.join(tmp.path, 'pki', 'client') });
  t.after(async () => {
    await driver.dispose();
    await server.stop();
    await tmp.dispose();
  });
  const child = async (parent: string | null, name: string): Promise<BrowseNode> => {
    const found = (await driver.browse(parent)).find((n) => n.name === name);
    assert.ok(found, `${parent ?? 'Objects'} has ${name}`);
    return found;
  };

  await t.test('connects without security', async () => {
    await driver.connect();
    assert.equal(driver.health().connected, true);
  });

  await t.test('browse from the root finds the standard folders', async () => {
    const root = await driver.browse(null);
    const server = root.find((n) => n.name === 'Server');
    assert.deepEqual(server && [server.address, server.kind, server.hasChildren], ['nsu=http://opcfoundation.org/UA/;i=2253', 'folder', true]);
    assert.ok(root.some((n) => n.name === 'Simulation' && n.kind === 'folder'), root.map((n) => n.name).join(', '));
    const status = await child(server!.address, 'ServerStatus');
    assert.deepEqual([status.kind, status.dataType, status.hasChildren], ['tag', 'ServerStatusDataType', true], 'a structured variable has children');
    const time = await child(status.address, 'CurrentTime');
    assert.deepEqual([time.address, time.dataType], ['nsu=http://opcfoundation.org/UA/;i=2258', 'UtcTime']);
  });

  await t.test('a changing variable found by browsing reports at least 3 changes', async () => {
    const simulation = await child(null, 'Simulation');
    const dynamic = await child(simulation.address, 'Dynamic');
    const scalars = await child(dynamic.address, 'Scalar_Simulation');
    const double = await child(scalars.address, 'Double');
    const time = 'nsu=http://opcfoundation.org/UA/;i=2258';
    const seen = new Map<string, TagValue[]>([[double.address, []], [time, []]]);
    const subscription = await driver.subscribe([double.address, time], (tag, value) => seen.get(tag)?.push(value), { samplingIntervalMs: 100, publishingIntervalMs: 100 });
    const changes = (tag: string) => new Set(seen.get(tag)?.filter((v) => v.quality === 'good').map((v) => JSON.stringify(v.value))).size;
    await waitFor('the server clock ticks 3 times', () => changes(time) >= 3, 10_000);
    await waitFor('the simulated Double changes 3 times', () => changes(double.address) >= 3, 10_000);
    assert.equal(typeof seen.get(double.address)?.at(-1)?.value, 'number');
    await subscription.dispose();
  });

  await t.test('writable scalars are written and read back', async () => {
    const scalars = await child((await child((await child((await child(null, 'Simulation')).address, 'Static')).address, 'All Profiles')).address, 'Scalars');
    const int32 = await child(scalars.address, 'Int32');
    const text = await child(scalars.address, 'String');
    const double = await child(scalars.address, 'Double');
    assert.deepEqual([int32.dataType, text.dataType, double.dataType], ['Int32', 'String', 'Double']);
    await driver.write(int32.address, -424242);
    await driver.write(text.address, 'written by the MES');
    await driver.write(double.address, 2.5);
    const values = await driver.read([int32.address, text.address, double.address]);
    assert.deepEqual(values.map((v) => [v.value, v.quality]), [
      [-424242, 'good'],
      ['written by the MES', 'good'],
      [2.5, 'good'],
    ]);
    await assert.rejects(driver.write(int32.address, 1.5), { code: 'opcua_type_mismatch' });
  });
});
