#!/usr/bin/env node
// The installed command: runs the built CLI bundle (npm run build first).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The bundle's modules compiled once and kept (node-opcua alone is hundreds): a faster start, for the simulator too.
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'mes-compile-cache');
module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('mes: the station is not built yet. Run "npm run build" in the project folder first.\n');
  process.exit(1);
}
await import(cli);
