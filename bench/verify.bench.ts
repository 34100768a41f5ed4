import { join } from 'node:path';
import { canonicalEvent, type ChainedRow } from '../core';
import { GENESIS, hashEvent, openDatabase, sha256, verifyChain } from '../main/store';
import { tempDir } from '../tests/support/station-fixtures';

export interface VerifyResult {
  readonly name: string;
  readonly events: number;
  /** `mes verify`'s walk: rows read from SQLite, canonical form, SHA-256, links compared. */
  readonly verifyEventsPerSecond: number;
  /** The raw limit: SHA-256 alone over the same canonical rows, already in memory. */
  readonly bareSha256PerSecond: number;
  readonly ratio: number;
  readonly intact: boolean;
  readonly pass: boolean;
}

const at = '2026-12-06T06:00:00.000Z';

/** The bench's rows: a station's mix of small state changes and larger order events. */
function rowAt(seq: number): ChainedRow {
  const order = seq % 5 === 0;
  return {
    seq,
    stationId: 'ST-bench',
    stream: order ? `order:PO-${seq}` : `wc:WC${seq % 40}`,
    streamVersion: order ? 1 : Math.floor(seq / 40) + 1,
    at,
    actor: order ? 'erp' : 'plc',
    type: order ? 'OrderReceived' : 'WorkCenterStateChanged',
    data: order
      ? JSON.stringify({ header: { number: `PO-${seq}`, product: 'VLV-100', revision: 'B', quantity: 25, dueDate: '2026-12-24', priority: 5 }, tracking: 'serial' })
      : JSON.stringify({ workCenter: `WC${seq % 40}`, state: seq % 2 ? 'Execute' : 'Suspended', previous: seq % 2 ? 'Suspended' : 'Execute' }),
    correlationId: `req-${Math.floor(seq / 7)}`,
    signatures: null,
  };
}

/**
 * `mes verify` over 10 million events: the log is written with bare inserts and its chain made here (the walk is what
 * is measured), then walked as the command does; beside it, SHA-256 alone over the same canonical rows.
 */
export async function benchVerify(log: (line: string) => void, events = 10_000_000): Promise<VerifyResult> {
  const dir = tempDir('mes-verify-');
  const db = openDatabase(join(dir.path, 'station.sqlite'), { synchronous: 'NORMAL' });
  try {
    const insert = db.prepare(
      `INSERT INTO events (seq, station_id, stream, stream_version, at, actor, type, data, correlation_id, signatures, previous_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let previous = GENESIS.hash;
    const started = Date.now();
    const batch = db.transaction((from: number, to: number) => {
      for (let seq = from; seq < to; seq += 1) {
        const r = rowAt(seq);
        const hash = hashEvent(r, previous);
        insert.run(r.seq, r.stationId, r.stream, r.streamVersion, r.at, r.actor, r.type, r.data, r.correlationId, r.signatures, previous, hash);
        previous = hash;
      }
    });
    for (let seq = 1; seq <= events; seq += 100_000) {
      batch(seq, Math.min(events + 1, seq + 100_000));
      if ((seq - 1) % 1_000_000 === 0) log(`    … ${((seq - 1) / 1e6).toFixed(0)} M events written`);
    }
    log(`  ${events.toLocaleString('en')} chained events written in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    let shown = 0;
    const t0 = process.hrtime.bigint();
    const report = verifyChain(db, [], ({ done }) => {
      if (done - shown >= 2_000_000) {
        shown = done;
        log(`    … ${(done / 1e6).toFixed(0)} M events verified`);
      }
    });
    const verifySeconds = Number(process.hrtime.bigint() - t0) / 1e9;

    // The raw limit, in slices (10 million canonical rows do not all fit in memory at once): only the hashing is timed.
    let bareNs = 0n;
    const hex = GENESIS.hash.toString('hex');
    for (let from = 1; from <= events; from += 200_000) {
      const texts: string[] = [];
      for (let seq = from; seq < Math.min(events + 1, from + 200_000); seq += 1) texts.push(canonicalEvent(rowAt(seq), hex));
      const t = process.hrtime.bigint();
      for (const text of texts) sha256(text);
      bareNs += process.hrtime.bigint() - t;
    }
    const bareSeconds = Number(bareNs) / 1e9;
    const verifyEventsPerSecond = Math.round(report.events / verifySeconds);
    const bareSha256PerSecond = Math.round(events / bareSeconds);
    return {
      name: 'verify',
      events,
      verifyEventsPerSecond,
      bareSha256PerSecond,
      ratio: Number((verifyEventsPerSecond / bareSha256PerSecond).toFixed(3)),
      intact: report.intact && report.events === events,
      // Figures to report; the walk must find the whole chain intact.
      pass: report.intact && report.events === events,
    };
  } finally {
    db.close();
    dir.dispose();
  }
}
