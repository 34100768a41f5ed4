import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ALL_TAGS, type TagValue } from '../../core';
import { startMosquitto } from '../../tests/support/mosquitto';
import { createSparkplugHost } from '../sparkplug';

// The edge node in a process of its own (as the benchmark runs it): ready, born, publishing; a clean stop says NDEATH.

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('sparkplug-edge-cli: a line and 2,000 extra metrics from a child process', { timeout: 60_000 }, async (t) => {
  const broker = await startMosquitto();
  const host = createSparkplugHost({ brokerUrl: broker.url, hostId: 'cli-test', groups: ['Demo'] });
  const cli = path.join(import.meta.dirname, 'sparkplug-edge-cli.ts');
  const profile = path.join(import.meta.dirname, '../../resources/demo/simulator.json');
  const args = ['--import', 'tsx', cli, '--broker', broker.url, '--group', 'Demo', '--node', 'Line1', '--metrics', '2000', '--batch', '500', '--period', '100', '--profile', profile, '--speed', '20'];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await host.dispose();
    await broker.dispose();
  });

  const live = new Map<string, TagValue>();
  await host.subscribe([ALL_TAGS], (tag, value) => live.set(tag, value));
  await host.connect();
  await waitFor('the CLI says ready', () => stdout.includes('ready'));
  const goodCount = () => [...live.values()].filter((v) => v.quality === 'good').length;
  // 2,000 extras + bdSeq, Node Control/Rebirth, NextSerial; 4 work centers × 12 metrics.
  await waitFor('every metric is born and good', () => live.size === 2003 + 48 && goodCount() === 2051);
  // Bench/M01999 is tick + 1.999: past 4, the edge has scanned three times.
  await waitFor('the extra metrics keep changing', () => Number(live.get('Demo/Line1/Bench/M01999')?.value) > 4);
  assert.equal((await host.browse('Demo/Line1')).filter((n) => n.kind === 'folder').length, 4);

  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  const stats = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { messages: number; births: number };
  assert.ok(stats.messages > 10 && stats.births >= 5, stdout);
  await waitFor('NDEATH made every metric stale', () => goodCount() === 0);
});
