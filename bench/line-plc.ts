import { join } from 'node:path';
import { silentLog, spawnSimulator } from '../main/station';
import { projectRoot } from '../tests/support/station-fixtures';

/**
 * The simulated line's PLC in a process of its own (as a real PLC is its own box, and so its CPU is not counted as
 * the station's), started by `mes simulate` on a free port.
 */
export function spawnLinePlc(dataDir: string, o: { readonly seed: number; readonly speed?: number; readonly tags?: number; readonly tagPeriodMs?: number }) {
  const args = ['--port', '0', '--seed', String(o.seed), '--data-dir', dataDir];
  if (o.speed !== undefined) args.push('--speed', String(o.speed));
  if (o.tags !== undefined) args.push('--tags', String(o.tags));
  if (o.tagPeriodMs !== undefined) args.push('--tag-period', String(o.tagPeriodMs));
  return spawnSimulator(process.execPath, ['--import', 'tsx', join(projectRoot, 'main', 'cli', 'index.ts'), 'simulate', ...args], silentLog);
}
