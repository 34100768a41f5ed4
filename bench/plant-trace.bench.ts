import { openPlantDatabase, PlantGenealogy } from '../main/plant';
import { startPostgres } from '../tests/support/postgres';
import { quantile } from './quantile';

export interface PlantTraceResult {
  readonly name: string;
  readonly rows: number;
  readonly stations: number;
  /** A suspect lot recalled across every line, through sub-assemblies (the plant's recall). */
  readonly recallP50Ms: number;
  readonly recallP99Ms: number;
  /** A unit traced back to every lot on any line. */
  readonly buildOfP99Ms: number;
  /** The raw limit: one indexed lookup of a lot's uses, bare, in the same run. */
  readonly bareLookupP99Ms: number;
  readonly ratio: number;
  readonly tableGiB: number;
  readonly target: { readonly p99Ms: number };
  readonly pass: boolean;
}

const PER_UNIT = 5;
const UNITS_PER_LOT = 40;

/**
 * Plant-wide genealogy at scale: `rows` as-built rows over `stations` lines (5 lots per unit, a lot feeding about 40
 * units; one unit in 20 of each line built into a unit of the next line as its body, so a recall crosses lines), in the
 * plant's own partitioned tables, loaded server-side with their indexes built after. Then lots recalled and units
 * traced back through the plant's own queries, beside a bare indexed lookup.
 */
export async function benchPlantTrace(log: (line: string) => void, rows = 100_000_000, stations = 10): Promise<PlantTraceResult> {
  const postgres = await startPostgres();
  const pool = await openPlantDatabase(postgres.url);
  try {
    const unitsPerStation = Math.ceil(rows / PER_UNIT / stations);
    const lotsPerMaterial = Math.ceil(unitsPerStation / UNITS_PER_LOT);
    await pool.query("SET maintenance_work_mem = '1GB'");
    await pool.query('DROP INDEX plant_genealogy_lot, plant_genealogy_serial, plant_units_serial, plant_units_order');
    const started = Date.now();
    for (let s = 0; s < stations; s++) {
      const id = `ST-${String(s).padStart(2, '0')}`;
      await pool.query('INSERT INTO stations (id) VALUES ($1)', [id]);
      await pool.query('SELECT mes_station_partitions($1)', [id]);
      // Units U<s>-<n>; their lots L<s>-<m>-<k>; every 20th unit of the line before is a body here (material B).
      await pool.query(
        `INSERT INTO plant_units (station_id, serial, order_number, product, revision, status, work_center, started_at, ended_at)
         SELECT $1, 'U' || $2 || '-' || u, 'O' || $2 || '-' || (u / 100), 'VLV-100', 'B', 'completed', 'WC40', 't', 't' FROM generate_series(0, $3 - 1) u`,
        [id, s, unitsPerStation],
      );
      await pool.query(
        `INSERT INTO plant_genealogy (station_id, lot, material, revision, serial, order_number, operation, work_center, quantity, at, by)
         SELECT $1,
                CASE WHEN m = 0 AND $2 > 0 AND u % 20 = 0 THEN 'U' || ($2 - 1) || '-' || u ELSE 'L' || $2 || '-' || m || '-' || (u / ${UNITS_PER_LOT}) END,
                CASE WHEN m = 0 AND $2 > 0 AND u % 20 = 0 THEN 'BODY' ELSE 'M' || m END,
                'A', 'U' || $2 || '-' || u, 'O' || $2 || '-' || (u / 100), 10, 'WC10', 1, 't', 'op'
         FROM generate_series(0, $3 - 1) u, generate_series(0, ${PER_UNIT - 1}) m`,
        [id, s, unitsPerStation],
      );
      log(`    … line ${s + 1} of ${stations}: ${(((s + 1) * unitsPerStation * PER_UNIT) / 1e6).toFixed(0)} M rows (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    const indexed = Date.now();
    await pool.query('CREATE INDEX plant_genealogy_lot ON plant_genealogy (lot, material)');
    await pool.query('CREATE INDEX plant_genealogy_serial ON plant_genealogy (serial)');
    await pool.query('CREATE INDEX plant_units_serial ON plant_units (serial)');
    await pool.query('CREATE INDEX plant_units_order ON plant_units (order_number)');
    await pool.query('ANALYZE plant_genealogy');
    await pool.query('ANALYZE plant_units');
    const total = stations * unitsPerStation * PER_UNIT;
    const size = Number((await pool.query<{ b: string }>("SELECT sum(pg_total_relation_size(c.oid))::bigint AS b FROM pg_class c WHERE c.relname LIKE 'plant_genealogy%' AND c.relkind = 'r'")).rows[0]?.b ?? 0);
    log(`  ${total.toLocaleString('en')} as-built rows over ${stations} lines loaded in ${Math.round((indexed - started) / 1000)} s, indexed in ${Math.round((Date.now() - indexed) / 1000)} s (${(size / 2 ** 30).toFixed(1)} GiB with indexes)`);

    const genealogy = new PlantGenealogy(pool);
    const pick = () => {
      const s = 1 + Math.floor(Math.random() * (stations - 1));
      return { s, u: Math.floor(Math.random() * unitsPerStation), m: 1 + Math.floor(Math.random() * (PER_UNIT - 1)) };
    };
    for (let i = 0; i < 200; i++) {
      const { s, u, m } = pick();
      await genealogy.recall(`L${s}-${m}-${Math.floor(u / UNITS_PER_LOT)}`);
    }
    const recall: number[] = [];
    const back: number[] = [];
    const bare: number[] = [];
    let reachedAcross = 0;
    for (let i = 0; i < 2_000; i++) {
      const { s, u, m } = pick();
      // A lot of the line before: its units' bodies went on into this line (every 20th), so the recall crosses lines.
      const lot = `L${s - 1}-${m}-${Math.floor(u / UNITS_PER_LOT) % lotsPerMaterial}`;
      let t = process.hrtime.bigint();
      const list = await genealogy.recall(lot);
      recall.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (new Set(list.units.map((x) => x.station)).size > 1) reachedAcross++;
      t = process.hrtime.bigint();
      await genealogy.buildOf(`U${s}-${u}`);
      back.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      await pool.query('SELECT serial FROM plant_genealogy WHERE lot = $1', [lot]);
      bare.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    log(`  ${reachedAcross} of 2,000 recalls reached units on two lines`);
    const recallP99 = Number(quantile(recall, 0.99).toFixed(2));
    const bareP99 = Number(quantile(bare, 0.99).toFixed(2));
    return {
      name: 'plant-trace',
      rows: total,
      stations,
      recallP50Ms: Number(quantile(recall, 0.5).toFixed(2)),
      recallP99Ms: recallP99,
      buildOfP99Ms: Number(quantile(back, 0.99).toFixed(2)),
      bareLookupP99Ms: bareP99,
      ratio: Number((recallP99 / bareP99).toFixed(1)),
      tableGiB: Number((size / 2 ** 30).toFixed(1)),
      target: { p99Ms: 50 },
      pass: recallP99 < 50 && quantile(back, 0.99) < 50 && reachedAcross > 0,
    };
  } finally {
    await pool.end();
    await postgres.dispose();
  }
}
