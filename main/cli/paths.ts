import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project (or unpacked app) root: two levels above this file, both as source (main/cli) and as bundle (out/main). */
export const appRoot = process.env.MES_APP_ROOT ?? fileURLToPath(new URL('../..', import.meta.url));
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
