import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterData, type ProductDefinition } from '../../core';

export const projectRoot = join(import.meta.dirname, '..', '..');
export const resourcesDir = join(projectRoot, 'resources');

export function demoMasterData(): MasterData {
  return MasterData.parse(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'master-data.json'), 'utf8')));
}

export function demoProduct(): ProductDefinition {
  const p = demoMasterData().products[0];
  if (!p) throw new Error('demo master data has no product');
  return p;
}

/** A temp folder removed when the returned dispose runs. */
export function tempDir(prefix = 'mes-test-'): { path: string; dispose: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

export const fixedClock = (iso = '2026-11-21T06:00:00.000Z') => {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
};
