// Where the Electron binary is, or why there is none. Never triggers the package's own download attempt.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../node_modules/electron', import.meta.url));

/** @returns {{ path: string } | { path: null, reason: string }} */
export function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    if (existsSync(p)) return { path: p };
  }
  if (!existsSync(pkg)) return { path: null, reason: 'the electron package is not installed (run npm ci)' };
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return { path: null, reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing; its download host is not reachable from here)' };
  }
  const p = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(p) ? { path: p } : { path: null, reason: `the Electron binary is missing at ${p}` };
}
