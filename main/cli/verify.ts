import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { parseCheckpoint, type Checkpoint } from '../../core';
import { SCHEMA_VERSION, verifyChain } from '../store';
import { defaultDataDir } from './paths';

export const VERIFY_HELP = `mes verify [--data-dir DIR] [--checkpoint SEQ:HASH]... [--checkpoints FILE] [--json]
  Walks the tamper-evident event log (each event's SHA-256 hash chained to the one before) and names the first
  event that does not match, and why: edited, deleted, inserted or reordered. Each checkpoint (the head an audit
  report printed, as SEQ:HASH; a file holds one per line) must still be in the chain, so a chain rewritten whole is
  caught too. Read-only: the station may be running. Exit code 0 when intact, 1 when not, 2 when it cannot be read.`;

export function verify(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, checkpoint: { type: 'string', multiple: true }, checkpoints: { type: 'string' }, json: { type: 'boolean' } },
  });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const file = join(dataDir, 'station.sqlite');
  if (!existsSync(file)) {
    process.stderr.write(`mes verify: there is no station database at ${file}\n`);
    process.exitCode = 2;
    return;
  }
  const texts = [...(values.checkpoint ?? []), ...(values.checkpoints ? readFileSync(values.checkpoints, 'utf8').split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith('#')) : [])];
  const checkpoints: Checkpoint[] = [];
  for (const t of texts) {
    const c = parseCheckpoint(t);
    if (!c) {
      process.stderr.write(`mes verify: "${t.trim()}" is not a checkpoint: write SEQ:HASH, the hash as 64 hexadecimal digits\n`);
      process.exitCode = 2;
      return;
    }
    checkpoints.push(c);
  }
  // Read-only, beside a running station (WAL): the walk sees the log as it was when it began.
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < SCHEMA_VERSION) {
      process.stderr.write(`mes verify: this database is at schema ${version}; start the station once (it upgrades and chains the log), then verify\n`);
      process.exitCode = 2;
      return;
    }
    let shown = 0;
    const report = verifyChain(db, checkpoints, ({ done, total }) => {
      if (process.stderr.isTTY || done - shown >= total / 50) {
        process.stderr.write(`\rverified ${done.toLocaleString('en')} of ${total.toLocaleString('en')} events (${Math.round((done / Math.max(total, 1)) * 100)} %)`);
        shown = done;
      }
    });
    if (shown > 0) process.stderr.write('\n');
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const head = report.head ? `${report.head.seq}:${report.head.hash}` : 'none (the log is empty)';
      if (report.intact) {
        process.stdout.write(`intact: ${report.events.toLocaleString('en')} events verified in ${(report.ms / 1000).toFixed(1)} s\n`);
      } else {
        const b = report.firstBreak!;
        process.stdout.write(`NOT INTACT: event ${b.seq}: ${b.problem}: ${b.why}\n`);
        process.stdout.write(`  ${report.events.toLocaleString('en')} events before it are proven\n`);
      }
      for (const c of report.checkpoints) process.stdout.write(`  checkpoint ${c.seq}: ${c.matches ? 'matches' : 'DOES NOT MATCH'}\n`);
      if (report.chainedLater) {
        process.stdout.write(
          `  events 1–${report.chainedLater.through} were recorded before the chain and chained on ${report.chainedLater.at}: before then, their integrity rests on the append-only triggers alone\n`,
        );
      }
      process.stdout.write(`  head (keep it as a checkpoint): ${head}\n`);
    }
    process.exitCode = report.intact ? 0 : 1;
  } finally {
    db.close();
  }
}
