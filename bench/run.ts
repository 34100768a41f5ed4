// npm run bench: speed targets live here, each measured beside its raw limit in the same run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchEventAppend } from './event-append.bench';
import { benchOpcUa } from './opcua.bench';
import { benchSparkplugIngest } from './sparkplug.bench';
import { benchHmiLatency } from './hmi-latency.bench';
import { benchLatencyUnderLoad, type Phase } from './latency-under-load.bench';
import { benchSoak } from './soak.bench';
import { benchB2mmlImport } from './b2mml-import.bench';
import { benchTrace } from './trace.bench';
import { benchVerify } from './verify.bench';
import { benchRecall } from './recall.bench';
import { benchImpact } from './impact.bench';
import { benchApplyChange } from './change-apply.bench';
import { benchReplicationDrain } from './replication.bench';
import { benchReplicationLag } from './replication-lag.bench';
import { benchPlantTrace } from './plant-trace.bench';
import { benchResequence } from './resequence.bench';
import { benchOeeYear } from './oee-year.bench';
import { benchOeeLive } from './oee-live.bench';
// Like npm test, the benchmarks install the real peers they need (Mosquitto, Chromium) or say how.
import { ensureSystemDeps } from '../scripts/system-deps.mjs';

/**
 * Whether the kernel shares the CPU between sessions first (Linux autogroup): the latency benchmarks run the station in
 * a session of its own, which then counts; null where it cannot be read.
 */
function autogroup(): boolean | null {
  try {
    return readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';
  } catch {
    return null;
  }
}

// --quick shortens the long runs (latency 30 s, latency under load 30 s a phase, soak 60 s) for a look; the figures of record use the full lengths.
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (name: string) => !only || only.includes(name);
const numberArg = (name: string) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? 0) || undefined;
// --hasher-concurrency=N: a what-if of the latency under load, the station's password hasher limited to N hashes at once.
const hasherConcurrency = numberArg('hasher-concurrency');

const log = (line: string) => process.stdout.write(`${line}\n`);
const resultsDir = join(import.meta.dirname, 'results');

async function main(): Promise<void> {
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30), autogroup: autogroup() };
  log(`Benchmarks on ${machine.cpus} × ${machine.cpu}, Node ${machine.node}`);
  ensureSystemDeps();
  const benchmarks: { name: string; pass: boolean }[] = [];
  if (wanted('append')) {
    log('\nDurable event appends with the hash chain (WAL, synchronous=FULL, grouped commits) vs bare better-sqlite3 inserts of the same rows:');
    const append = await benchEventAppend(log);
    log(`  event store: ${append.storeEventsPerSecond.toLocaleString('en')} events/s`);
    log(`  bare inserts: ${append.bareInsertsPerSecond.toLocaleString('en')} rows/s`);
    log(`  ratio: ${append.ratio} (target ≥ ${append.target.ratio}): ${append.pass ? 'PASS' : 'FAIL'}`);
    log(
      `  rate ${append.storeEventsPerSecond >= append.target.eventsPerSecond ? 'at or above' : 'below'} the ${append.target.eventsPerSecond.toLocaleString('en')}/s set before the hash chain (each event's SHA-256 and its 64 chain bytes cost about a third)`,
    );
    log(`  with the station's projections updated in the same transaction: ${append.withProjectionsEventsPerSecond.toLocaleString('en')} events/s`);
    benchmarks.push(append);
  }
  if (wanted('opcua')) {
    log('\nOPC UA: 10,000 tags changing every 100 ms (simulator in its own process), bare node-opcua subscription vs the driver:');
    const opcua = await benchOpcUa(log);
    log(`  ratio side by side: ${opcua.ratio} (target ≥ ${opcua.target.ratio}): ${opcua.pass ? 'PASS' : 'FAIL'}; one after the other: ${opcua.sequentialRatio}`);
    benchmarks.push(opcua);
  }
  if (wanted('sparkplug')) {
    log('\nSparkplug B ingest through Mosquitto: a bare mqtt.js subscriber vs the Sparkplug host, over the same seconds:');
    const sparkplug = await benchSparkplugIngest(log);
    log(`  bare subscriber: ${sparkplug.bareMetricsPerSecond.toLocaleString('en')} metrics/s; host: ${sparkplug.hostUpdatesPerSecond.toLocaleString('en')} updates/s`);
    log(`  ratio: ${sparkplug.ratio} (target ≥ ${sparkplug.target.ratio}); rate target ≥ ${sparkplug.target.updatesPerSecond.toLocaleString('en')}/s: ${sparkplug.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(sparkplug);
  }
  if (wanted('latency')) {
    log('\nFrom a PLC value change to the new value on the mimic in Chromium:');
    const latency = await benchHmiLatency(log, quick ? 30 : 60);
    log(`  ${latency.samples} changes: p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms, p99 ${latency.p99Ms} ms (target p99 < ${latency.target.p99Ms} ms): ${latency.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(latency);
  }
  if (wanted('load')) {
    log('\nPLC → mimic and /health latency, the same station and page without and under load (B2MML imports of 10,000 orders and storms of 100 wrong sign-ins):');
    const r = await benchLatencyUnderLoad(log, quick ? 30 : 60, hasherConcurrency ? { hasherConcurrency } : {});
    const line = (what: string, p: Phase) =>
      p.plcToMimic.plcChanges === 0
        ? log(`  ${what} (${p.seconds} s): no PLC state change in the window (the line stood still; see the station's warnings below); health p99 ${p.health.p99Ms} ms; station loop delay p99 ${p.loop.p99Ms} ms; machine load ${p.loadAverage}${p.cpuPressure === null ? '' : `, CPU pressure ${Math.round(p.cpuPressure * 100)} %`}`)
        : log(
        `  ${what} (${p.seconds} s): PLC → mimic p50 ${p.plcToMimic.p50Ms} / p99 ${p.plcToMimic.p99Ms} / max ${p.plcToMimic.maxMs} ms (${p.plcToMimic.samples} of ${p.plcToMimic.plcChanges} changes); ` +
          `PLC → station p99 ${p.plcToStation.p99Ms} ms; health p50 ${p.health.p50Ms} / p99 ${p.health.p99Ms} / max ${p.health.maxMs} ms (${p.health.samples}${p.health.failed ? `, ${p.health.failed} failed` : ''}); ` +
          `station loop delay p99 ${p.loop.p99Ms} / max ${p.loop.maxMs} ms, ${p.loop.stalls100Ms} stalls ≥ 100 ms (${p.loop.stalledMs} ms stalled, ${p.loop.stalledCpuMs} ms of it the station's own CPU); machine load ${p.loadAverage}${p.cpuPressure === null ? '' : `, CPU pressure ${Math.round(p.cpuPressure * 100)} %`}`,
      );
    line('without load', r.idle);
    line('under load', r.load);
    const statuses = (s: { byStatus: Readonly<Record<string, number>> }) =>
      Object.entries(s.byStatus)
        .map(([k, v]) => `${v} × ${k === '0' ? 'no answer' : k}`)
        .join(', ');
    log(`      load: ${r.load.imports} imports (${r.load.ordersImported.toLocaleString('en')} orders), ${r.load.signIns.sent} wrong sign-ins (${statuses(r.load.signIns)})`);
    const u = r.load.userSignIn;
    log(`      a real user signing in every 5 s meanwhile: p50 ${u.p50Ms} / max ${u.maxMs} ms (${u.samples} let in${u.refused ? `, ${u.refused} not` : ''})`);
    log(`  ratio under load / without: PLC → mimic p99 ${r.ratio.plcToMimicP99}, health p99 ${r.ratio.healthP99}, loop delay p99 ${r.ratio.loopP99}`);
    line('login storm alone', r.loginStorm);
    log(`      ${r.loginStorm.signIns.sent} wrong sign-ins: ${statuses(r.loginStorm.signIns)} (401 refused, 429 turned away)`);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
    const t = r.importTimelines;
    if (t.length > 0) {
      const m = (k: Exclude<keyof (typeof t)[number], 'cpu'>) => median(t.map((x) => x[k]));
      const cpu = (k: keyof (typeof t)[number]['cpu']) => median(t.map((x) => x.cpu[k]));
      log(
        `  each import in the station (median of ${t.length}): upload ${m('uploadMs')} ms; read on the reader thread ${m('parseMs')} ms; decided whole and written in parts ${m('takeInMs')} ms ` +
          `(${m('longCommits')} commits ≥ 20 ms, the longest ${m('longestCommitMs')} ms); longest stall ${m('longestStallMs')} ms; round trip ${m('roundTripMs')} ms`,
      );
      log(`      in CPU time of the station's loop: reading ${cpu('parseMs')} ms, taking in ${cpu('takeInMs')} ms`);
    }
    log(`  the benchmark's own loop: p99 ${r.clientLoop.p99Ms} ms, max ${r.clientLoop.maxMs} ms`);
    for (const a of r.largeAnswers) log(`  large answers: ${a.path} ×${a.count}, up to ${a.maxKiB} KiB, up to ${a.maxMs} ms from request to answer`);
    if (r.stationWarnings.count > 0) log(`  the station warned ${r.stationWarnings.count} times, first: ${r.stationWarnings.first[0] ?? ''}`);
    log(
      `  under load: PLC → mimic p99 ${r.load.plcToMimic.p99Ms} ms (target < ${r.target.plcToMimicP99Ms}), health p99 ${r.load.health.p99Ms} ms (target < ${r.target.healthP99Ms}); ` +
        `login storm health p99 ${r.loginStorm.health.p99Ms} ms (target < ${r.target.healthP99Ms}): ${r.pass ? 'PASS' : 'FAIL'}`,
    );
    benchmarks.push(r);
  }
  if (wanted('import')) {
    log('\nB2MML import of 10,000 orders:');
    const imported = await benchB2mmlImport(log);
    log(`  ${imported.ordersPerSecond.toLocaleString('en')} orders/s`);
    benchmarks.push(imported);
  }
  if (wanted('trace')) {
    log('\nGenealogy trace over 10 million as-built rows (lot forward to units, unit backward to lots):');
    const trace = await benchTrace(log, quick ? 1_000_000 : 10_000_000);
    log(`  forward p50 ${trace.forwardP50Ms} ms, p99 ${trace.forwardP99Ms} ms; backward p50 ${trace.backwardP50Ms} ms, p99 ${trace.backwardP99Ms} ms (target p99 < ${trace.target.p99Ms} ms): ${trace.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(trace);
  }
  if (wanted('verify')) {
    log('\nmes verify over 10 million events (the hash chain walked from the SQLite file) vs bare SHA-256 over the same rows:');
    const v = await benchVerify(log, quick ? 1_000_000 : 10_000_000);
    log(`  walk ${v.verifyEventsPerSecond.toLocaleString('en')} events/s; bare SHA-256 ${v.bareSha256PerSecond.toLocaleString('en')} rows/s; ratio ${v.ratio}; ${v.intact ? 'intact' : 'NOT INTACT'}: ${v.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(v);
  }
  if (wanted('recall')) {
    log('\nRecall of a lot used in 100,000 units (through sub-assemblies, with their orders) vs a bare indexed SELECT of the units that took it:');
    const rc = await benchRecall(log);
    log(`  full list of ${rc.found.toLocaleString('en')} units: p50 ${rc.recallP50Ms} ms, max ${rc.recallMaxMs} ms; as CSV ${rc.csvMs} ms more; bare SELECT ${rc.bareSelectMs} ms (${rc.ratio}×): ${rc.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(rc);
  }
  if (wanted('impact')) {
    log('\nImpact of an engineering change on 10,000 open orders and 50,000 units in progress vs a bare scan of the same rows:');
    const im = await benchImpact(log);
    log(`  ${im.units.toLocaleString('en')} units judged: p50 ${im.impactP50Ms} ms, p95 ${im.impactP95Ms} ms (target < ${im.target.p95Ms}); bare scan p50 ${im.bareScanP50Ms} ms (${im.ratio}×): ${im.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(im);
  }
  if (wanted('drain')) {
    log('\nReplication: a backlog of 1,000,000 events drained from a station into the plant\'s PostgreSQL vs a bare COPY of the same rows:');
    const dr = await benchReplicationDrain(log, quick ? 200_000 : 1_000_000);
    log(`  ${dr.events.toLocaleString('en')} events: ${dr.drainEventsPerSecond.toLocaleString('en')} events/s; bare COPY ${dr.bareCopyEventsPerSecond.toLocaleString('en')} events/s (${dr.ratio}×; target ≥ ${dr.target.eventsPerSecond.toLocaleString('en')}/s and ≥ ${dr.target.ratio}): ${dr.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(dr);
  }
  if (wanted('lag')) {
    log('\nReplication lag at steady state, the line at 4× speed: from an event recorded at the station to its batch at the plant:');
    const lg = await benchReplicationLag(log, quick ? 30 : 60);
    log(`  ${lg.events.toLocaleString('en')} events (${lg.eventsPerSecond}/s): p50 ${lg.p50Ms} ms, p99 ${lg.p99Ms} ms, max ${lg.maxMs} ms (target p99 < ${lg.target.p99Ms} ms); a bare one-row commit to the same server p99 ${lg.bareInsertP99Ms} ms: ${lg.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(lg);
  }
  if (wanted('plant-trace')) {
    log('\nPlant-wide genealogy: a lot recalled across every line through sub-assemblies, over 100 million as-built rows in PostgreSQL:');
    const pt = await benchPlantTrace(log, quick ? 10_000_000 : 100_000_000);
    log(`  ${pt.rows.toLocaleString('en')} rows over ${pt.stations} lines (${pt.tableGiB} GiB): recall p50 ${pt.recallP50Ms} ms, p99 ${pt.recallP99Ms} ms; build-of p99 ${pt.buildOfP99Ms} ms (target p99 < ${pt.target.p99Ms} ms); bare lookup p99 ${pt.bareLookupP99Ms} ms (${pt.ratio}×): ${pt.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(pt);
  }
  if (wanted('apply')) {
    log('\nApplying an approved engineering change to 10,000 open orders and 50,000 units in progress, in one transaction, vs bare appends of the same events:');
    const ap = await benchApplyChange(log);
    log(`  ${ap.events.toLocaleString('en')} events in ${ap.applySeconds} s: ${ap.eventsPerSecond.toLocaleString('en')} events/s; bare appends ${ap.bareEventsPerSecond.toLocaleString('en')} events/s (${ap.ratio}×): ${ap.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(ap);
  }
  if (wanted('oee')) {
    log(`\nOEE for one work center over ${quick ? 'a month' : 'a year'} of one-second state changes: our sums vs a bare SQL aggregate over the same intervals:`);
    const oee = await benchOeeYear(log, quick ? 31 : 365);
    log(`  ratio ${oee.ratio}× (target ≥ 10×, totals equal, generator checked): ${oee.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(oee);
  }
  if (wanted('oee-live')) {
    log('\nA state change reaching the OEE screen in Chromium (figures computed after it shown):');
    const live = await benchOeeLive(log, quick ? 30 : 60);
    log(`  p99 ${live.p99Ms} ms (target < ${live.target.p99Ms} ms): ${live.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(live);
  }
  if (wanted('resequence')) {
    log('\nOrder board with 100,000 orders: resequence round trip (move → durable → every other board updated from the stream):');
    const reseq = await benchResequence(log, 100_000, quick ? { drag: 200, keyboard: 70, long: 30 } : undefined);
    for (const [kind, s] of Object.entries(reseq.sets)) {
      log(`  ${kind} (${s.moves}): durable p50 ${s.durable.p50Ms} / p95 ${s.durable.p95Ms} / p99 ${s.durable.p99Ms} ms; all ${reseq.boards} other boards p50 ${s.allClients.p50Ms} / p95 ${s.allClients.p95Ms} / p99 ${s.allClients.p99Ms} ms`);
      log(`      bare commit of the same update p50 ${s.bareCommit.p50Ms} / p95 ${s.bareCommit.p95Ms} ms; ratios (p95): durable ${s.durableRatio}, all boards ${s.allClientsRatio} (over bare commit + ws echo)`);
    }
    log(`  drags by depth in the list (p95 durable / all boards): ${reseq.dragsByDepth.map((d) => `rows ${d.rows} (${d.moves}): ${d.durableP95Ms} / ${d.allClientsP95Ms} ms`).join('; ')}`);
    log(`  target p95 < ${reseq.target.dragAllClientsP95Ms} ms, drag → all boards: ${reseq.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(reseq);
  }
  if (wanted('soak')) {
    log('\nSoak: 10,000 PLC tags at 100 ms into the live model and historian, the line running:');
    const soak = await benchSoak(log, quick ? 60 : 600);
    log(`  ${soak.seconds} s at ${soak.updatesPerSecond.toLocaleString('en')} tag updates/s: heap ${soak.heapStartMiB} → ${soak.heapEndMiB} MiB (slope ${soak.heapSlopeMiBPerMinute} MiB/min, target < ${soak.target.heapSlopeMiBPerMinute}), RSS ${soak.rssStartMiB} → ${soak.rssEndMiB} MiB: ${soak.pass ? 'PASS' : 'FAIL'}`);
    benchmarks.push(soak);
  }

  const results = { at: new Date().toISOString(), machine, quick, benchmarks };
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `bench-${results.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`\nResults written to ${file}`);
  if (benchmarks.some((b) => !b.pass)) process.exitCode = 1;
}

void main();
