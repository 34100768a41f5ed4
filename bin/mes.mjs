#!/usr/bin/env node
// The installed command: runs the built CLI bundle (npm run build first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('mes: the station is not built yet. Run "npm run build" in the project folder first.\n');
  process.exit(1);
}
await import(cli);
