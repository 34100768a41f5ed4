import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project (or unpacked app) root: the nearest folder above this file, as source or as bundle, with our package.json. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'control-room-mes') return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export const appRoot = process.env.MES_APP_ROOT ?? findRoot(import.meta.dirname);
export const resourcesDir = join(appRoot, 'resources');
export const rendererDir = join(appRoot, 'out', 'renderer');

export function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Where the station keeps its database and certificates unless told otherwise. */
export const defaultDataDir = (): string => process.env.MES_DATA_DIR ?? join(process.cwd(), '.data', 'station');
/** The plant server's replicas of the stations (a cache of its PostgreSQL). */
export const defaultPlantDataDir = (): string => process.env.MES_PLANT_DATA_DIR ?? join(process.cwd(), '.data', 'plant');
