import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirBusyError extends Error {
  readonly code = 'data_dir_busy';
}

/**
 * One process at a time owns a data folder: the station, or a tool that rewrites its read models. A lock left by a
 * process that died (kill -9, power cut) is taken over, since its process id no longer runs.
 */
export function lockDataDir(dataDir: string, holder: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'station.lock');
  const mine = JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, mine, { flag: 'wx', mode: 0o600 });
      return () => {
        if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const other = readLock(file);
      if (other && alive(other.pid)) {
        throw new DataDirBusyError(
          `${dataDir} is in use by ${other.holder} (process ${other.pid}, since ${other.since}). Stop it first, or use another --data-dir.`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirBusyError(`${dataDir}: could not take its lock (${file}); another process took it at the same moment.`);
}

function readLock(file: string): { pid: number; holder: string; since: string } | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; holder?: unknown; since?: unknown };
    return typeof v.pid === 'number' ? { pid: v.pid, holder: String(v.holder ?? 'a process'), since: String(v.since ?? '?') } : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
