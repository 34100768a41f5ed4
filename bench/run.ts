// npm run bench: speed targets live here, each measured beside its raw limit in the same run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchEventAppend } from './event-append.bench';

const log = (line: string) => process.stdout.write(`${line}\n`);
const resultsDir = join(import.meta.dirname, 'results');

async function main(): Promise<void> {
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30) };
  log(`Benchmarks on ${machine.cpus} × ${machine.cpu}, Node ${machine.node}`);
  log('\nDurable event appends (WAL, synchronous=FULL, grouped commits) vs bare better-sqlite3 inserts of the same rows:');
  const append = await benchEventAppend(log);
  log(`  event store: ${append.storeEventsPerSecond.toLocaleString('en')} events/s`);
  log(`  bare inserts: ${append.bareInsertsPerSecond.toLocaleString('en')} rows/s`);
  log(`  ratio: ${append.ratio} (target ≥ ${append.target.ratio}); rate target ≥ ${append.target.eventsPerSecond.toLocaleString('en')}/s: ${append.pass ? 'PASS' : 'FAIL'}`);
  log(`  with the station's projections updated in the same transaction: ${append.withProjectionsEventsPerSecond.toLocaleString('en')} events/s`);

  const results = { at: new Date().toISOString(), machine, benchmarks: [append] };
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `bench-${results.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`\nResults written to ${file}`);
  if (!append.pass) process.exitCode = 1;
}

void main();
