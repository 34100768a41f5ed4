// Shared by the driver's integration tests (*.int.test.ts); not part of the driver.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadSimulatorProfile, type SimulatorProfile } from '../simulator';

/** The demo line without chance: no short stops, measurements that always pass. */
export async function demoProfile(): Promise<SimulatorProfile> {
  const loaded = loadSimulatorProfile(await readFile(path.join(import.meta.dirname, '../../resources/demo/simulator.json'), 'utf8'));
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.error.message);
  return {
    ...loaded.value,
    shortStopProbability: 0,
    workCenters: loaded.value.workCenters.map((wc) => ({ ...wc, measurement: { ...wc.measurement, sd: 0 } })),
  };
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(20);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A temporary folder under os.tmpdir(), removed by dispose(). */
export async function tempFolder(prefix: string): Promise<{ readonly path: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { path: dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
