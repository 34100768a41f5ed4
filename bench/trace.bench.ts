import { join } from 'node:path';
import { openDatabase } from '../main/store';
import { Reports } from '../main/station/reports';
import { tempDir } from '../tests/support/station-fixtures';
import { quantile } from './quantile';

export interface TraceResult {
  readonly name: string;
  readonly rows: number;
  readonly forwardP99Ms: number;
  readonly backwardP99Ms: number;
  readonly forwardP50Ms: number;
  readonly backwardP50Ms: number;
  readonly target: { readonly p99Ms: number };
  readonly pass: boolean;
}


/**
 * Genealogy at plant scale: 10 million as-built rows (lots consumed into units), then a lot traced forward to every
 * unit and a unit backward to every lot, through the station's own queries. Rows are written with bare inserts: the
 * trace is what is measured.
 */
export async function benchTrace(log: (line: string) => void, rows = 10_000_000): Promise<TraceResult> {
  const dir = tempDir('mes-trace-');
  const db = openDatabase(join(dir.path, 'trace.sqlite'), { synchronous: 'NORMAL' });
  try {
    const perUnit = 5;
    const units = Math.ceil(rows / perUnit);
    const lots = Math.ceil(units / 40); // a lot of each material feeds about 40 units
    const insertUnit = db.prepare(
      "INSERT INTO units (serial, order_number, product, revision, status, position, operation, operation_name, work_center, since, operations, started_at) VALUES (?, ?, 'VLV-100', 'B', 'completed', 3, 40, 'x', 'WC40', 't', '[]', 't')",
    );
    const insert = db.prepare("INSERT INTO genealogy (lot, material, revision, serial, order_number, operation, work_center, quantity, at, by) VALUES (?, ?, 'A', ?, ?, 10, 'WC10', 1, 't', 'op')");
    const started = Date.now();
    const batch = db.transaction((from: number, to: number) => {
      for (let u = from; u < to; u += 1) {
        const serial = `U${u}`;
        const order = `O${Math.floor(u / 100)}`;
        insertUnit.run(serial, order);
        for (let m = 0; m < perUnit; m += 1) insert.run(`L${m}-${Math.floor(u / 40) + m * lots}`, `M${m}`, serial, order);
      }
    });
    for (let u = 0; u < units; u += 100_000) {
      batch(u, Math.min(units, u + 100_000));
      if (u % 500_000 === 0) log(`    … ${((u * perUnit) / 1e6).toFixed(1)} M rows written`);
    }
    log(`  ${rows.toLocaleString('en')} genealogy rows for ${units.toLocaleString('en')} units written in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const reports = new Reports(db, { now: () => new Date() });
    const forward: number[] = [];
    const backward: number[] = [];
    for (let i = 0; i < 5_000; i += 1) {
      const lot = `L${i % perUnit}-${Math.floor(Math.random() * lots) + (i % perUnit) * lots}`;
      let t = process.hrtime.bigint();
      reports.traceLot(lot);
      forward.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      reports.asBuilt(`U${Math.floor(Math.random() * units)}`);
      backward.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const r = {
      name: 'genealogy-trace',
      rows,
      forwardP50Ms: Number(quantile(forward, 0.5).toFixed(3)),
      forwardP99Ms: Number(quantile(forward, 0.99).toFixed(3)),
      backwardP50Ms: Number(quantile(backward, 0.5).toFixed(3)),
      backwardP99Ms: Number(quantile(backward, 0.99).toFixed(3)),
      target: { p99Ms: 5 },
    };
    return { ...r, pass: r.forwardP99Ms < 5 && r.backwardP99Ms < 5 };
  } finally {
    db.close();
    dir.dispose();
  }
}
