import { join } from 'node:path';
import { openDatabase } from '../main/store';
import { GenealogyExplorer } from '../main/station/genealogy-explorer';
import { tempDir } from '../tests/support/station-fixtures';

export interface RecallResult {
  readonly name: string;
  readonly units: number;
  readonly genealogyRows: number;
  /** The recall of the suspect lot to its full list (units and orders), through the station's own query. */
  readonly recallP50Ms: number;
  readonly recallMaxMs: number;
  /** The same list as CSV (what the export button returns). */
  readonly csvMs: number;
  /** The raw limit: the units that took the lot, one indexed SELECT, without the sub-assembly closure and orders. */
  readonly bareSelectMs: number;
  readonly ratio: number;
  readonly found: number;
  readonly pass: boolean;
}

/**
 * Recall of a lot used in 100,000 units: a suspect lot of seat rings went into 100,000 valves across 1,000 orders, each
 * valve with four other lots, 2,000 of them later built into skids as sub-assemblies; the time to the full list.
 */
export async function benchRecall(log: (line: string) => void, units = 100_000): Promise<RecallResult> {
  const dir = tempDir('mes-recall-');
  const db = openDatabase(join(dir.path, 'recall.sqlite'), { synchronous: 'NORMAL' });
  try {
    const insertUnit = db.prepare(
      "INSERT INTO units (serial, order_number, product, revision, status, position, operation, operation_name, work_center, since, operations, started_at) VALUES (?, ?, ?, 'B', 'completed', 3, 40, 'x', 'WC40', 't', '[]', 't')",
    );
    const insert = db.prepare("INSERT INTO genealogy (lot, material, revision, serial, order_number, operation, work_center, quantity, at, by) VALUES (?, ?, 'A', ?, ?, 10, 'WC10', 1, 't', 'op')");
    const started = Date.now();
    db.transaction(() => {
      for (let u = 0; u < units; u += 1) {
        const serial = `V${u}`;
        const order = `O${Math.floor(u / 100)}`;
        insertUnit.run(serial, order, 'VLV-100');
        insert.run('SEAT-SUSPECT', 'SEAT-25', serial, order);
        for (let m = 0; m < 4; m += 1) insert.run(`L${m}-${Math.floor(u / 50)}`, `M${m}`, serial, order);
      }
      // Every 50th valve went into a skid.
      for (let s = 0; s < units / 50; s += 1) {
        const skid = `S${s}`;
        insertUnit.run(skid, `SK${Math.floor(s / 10)}`, 'SKID-1');
        insert.run(`V${s * 50}`, 'VLV-100', skid, `SK${Math.floor(s / 10)}`);
      }
    })();
    const rows = db.prepare('SELECT count(*) FROM genealogy').pluck().get() as number;
    log(`  ${units.toLocaleString('en')} valves and ${(units / 50).toLocaleString('en')} skids, ${rows.toLocaleString('en')} genealogy rows, written in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const explorer = new GenealogyExplorer(db);
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < 7; i += 1) {
      const t = process.hrtime.bigint();
      const list = explorer.recall({ lot: 'SEAT-SUSPECT' });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      found = list.units.length;
    }
    const list = explorer.recall({ lot: 'SEAT-SUSPECT' });
    let t = process.hrtime.bigint();
    explorer.recallCsv(list, 'lot SEAT-SUSPECT', new Date().toISOString(), 'bench');
    const csvMs = Number(process.hrtime.bigint() - t) / 1e6;
    const bare: number[] = [];
    const select = db.prepare('SELECT serial FROM genealogy WHERE lot = ?').pluck();
    for (let i = 0; i < 7; i += 1) {
      t = process.hrtime.bigint();
      select.all('SEAT-SUSPECT');
      bare.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const recallP50Ms = Number(median(times).toFixed(1));
    const bareSelectMs = Number(median(bare).toFixed(1));
    return {
      name: 'recall',
      units,
      genealogyRows: rows,
      recallP50Ms,
      recallMaxMs: Number(Math.max(...times).toFixed(1)),
      csvMs: Number(csvMs.toFixed(1)),
      bareSelectMs,
      ratio: Number((recallP50Ms / Math.max(bareSelectMs, 0.001)).toFixed(2)),
      found,
      // Every valve and every skid they went into.
      pass: found === units + units / 50,
    };
  } finally {
    db.close();
    dir.dispose();
  }
}
