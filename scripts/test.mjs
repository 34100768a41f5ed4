// Every test, as CI runs it: system packages, build, type checks, lint, then all test files in one run of
// node's test runner (unit, integration against real peers, end to end in Chromium and Electron).
import { spawnSync } from 'node:child_process';
import { ensureSystemDeps } from './system-deps.mjs';

const started = Date.now();
const step = (title, command, args) => {
  console.log(`\n=== ${title}`);
  const t = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) {
    console.error(`\n${title} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
  console.log(`--- ${title}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
};

console.log(`Node ${process.version} (${process.execPath})`);
if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error('This project runs on Node 24 (the npm package "node@24"). Run it through npm: npm test.');
  process.exit(1);
}
ensureSystemDeps();
step('build (electron-vite: main, preload, renderer)', 'npx', ['electron-vite', 'build']);
step('type check (Node program)', 'npx', ['tsc', '-p', 'tsconfig.node.json']);
step('type check (DOM program)', 'npx', ['tsc', '-p', 'tsconfig.web.json']);
step('lint (incl. dependency direction)', 'npx', ['eslint', '--max-warnings', '0', '.']);
step('tests', process.execPath, [
  '--import',
  'tsx',
  // Every test file must leave nothing running: a leaked server, socket, timer or child fails the file, named.
  '--import',
  './tests/support/leak-check.ts',
  '--test',
  '--test-reporter=spec',
  '--test-concurrency=2',
  '--test-timeout=300000',
  'core/**/*.test.ts',
  'drivers/**/*.test.ts',
  'main/**/*.test.ts',
  'tests/**/*.test.ts',
]);
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
