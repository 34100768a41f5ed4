import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { lockDataDir, openDatabase, rebuildReadModels } from '../store';
import { defaultDataDir } from './paths';

export const REBUILD_HELP = `mes rebuild [--data-dir DIR]
  Rebuilds every read model (orders, dispatch list, units, as-built record, genealogy, stock, work centers, alarms,
  master data, users) from the event log, in one transaction. The station must be stopped.`;

export function rebuild(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } } });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const file = join(dataDir, 'station.sqlite');
  if (!existsSync(file)) throw new Error(`there is no station database at ${file}`);
  const unlock = lockDataDir(dataDir, 'mes rebuild');
  const db = openDatabase(file);
  try {
    const started = performance.now();
    let shown = 0;
    const r = rebuildReadModels(db, ({ done, total }) => {
      // Progress on stderr, about every 2 %, so a log of millions of events shows it is moving.
      if (process.stderr.isTTY || done - shown >= total / 50 || done === total) {
        process.stderr.write(`\rreplayed ${done.toLocaleString('en')} of ${total.toLocaleString('en')} events (${Math.round((done / Math.max(total, 1)) * 100)} %)`);
        shown = done;
      }
    });
    if (r.events > 0) process.stderr.write('\n');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`rebuilt ${r.tables.length} tables (${r.tables.join(', ')}) from ${r.events.toLocaleString('en')} events in ${seconds} s\n`);
  } finally {
    db.close();
    unlock();
  }
}
