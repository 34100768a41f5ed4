// npm start: the desktop app where the Electron binary is present; elsewhere the headless station with its
// simulated line, served to a browser. Builds first when the sources are newer than the build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'out', 'main', 'cli.js');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = ['core', 'drivers', 'main', 'preload', 'renderer'].map((d) => newest(join(root, d)));
if (!existsSync(built) || Math.max(...sources) > statSync(built).mtimeMs || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.log('Building the station and the HMI…');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const extra = process.argv.slice(2);
const electron = electronBinary();
const child = electron.path
  ? spawn(electron.path, [root, '--simulate', ...extra], { stdio: 'inherit' })
  : (() => {
      console.log(`Desktop app not started: ${electron.reason}.`);
      console.log('Running the headless station with its simulated line instead; open the URL below in a browser.\n');
      // The bundle's modules compiled once and kept between starts (in a temporary folder): a faster start.
      const env = { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'mes-compile-cache') };
      return spawn(process.execPath, [built, 'station', '--simulate', ...extra], { stdio: 'inherit', cwd: root, env });
    })();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
