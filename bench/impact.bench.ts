import { join } from 'node:path';
import { diffRevisions, type ProductDefinition } from '../core';
import { EventStore, openDatabase } from '../main/store';
import { Changes } from '../main/station/changes';
import { fixedLine } from '../main/station/line-setup';
import { tempDir } from '../tests/support/station-fixtures';

export interface ImpactResult {
  readonly name: string;
  readonly orders: number;
  readonly units: number;
  /** The impact through the station's own query and rules. */
  readonly impactP50Ms: number;
  readonly impactP95Ms: number;
  /** The raw limit: the same rows read with bare SELECTs, nothing judged. */
  readonly bareScanP50Ms: number;
  readonly ratio: number;
  readonly target: { readonly p95Ms: number };
  readonly pass: boolean;
}

const op = (seq: number, name: string, more: Partial<ProductDefinition['routing'][number]> = {}) => ({
  seq, name, workCenter: `WC${seq}`, standardCycleSeconds: 3, components: [], measurements: [], instruction: '', onFail: 'reject' as const, ...more,
});

/**
 * The impact of a change on 10,000 open orders and 50,000 units in progress (at every operation, queued or in work):
 * rows written with bare inserts, the change's read-model row in place; then the impact asked for again and again.
 */
export async function benchImpact(log: (line: string) => void, orders = 10_000, units = 50_000): Promise<ImpactResult> {
  const dir = tempDir('mes-impact-');
  const db = openDatabase(join(dir.path, 'impact.sqlite'), { synchronous: 'NORMAL' });
  try {
    const B: ProductDefinition = {
      product: 'VLV-100', revision: 'B', description: '', tracking: 'serial',
      bom: [{ material: 'BODY-25', revision: 'C', quantity: 1 }, { material: 'SCR-M8', revision: 'A', quantity: 4 }],
      routing: [op(10, 'Press', { components: [{ material: 'BODY-25', quantity: 1 }] }), op(20, 'Fit bonnet', { components: [{ material: 'SCR-M8', quantity: 4 }] }), op(30, 'Leak test', { measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 1 }] }), op(40, 'Label')],
    };
    const C: ProductDefinition = { ...B, revision: 'C', routing: B.routing.map((o) => (o.seq === 30 ? { ...o, measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 0.5 }] } : o)) };
    const at = '2026-12-06T06:00:00.000Z';
    const started = Date.now();
    db.transaction(() => {
      db.prepare('INSERT INTO products (product, revision, definition, defined_at) VALUES (?, ?, ?, ?)').run('VLV-100', 'B', JSON.stringify(B), at);
      const order = db.prepare("INSERT INTO orders (number, product, revision, quantity, due_date, priority, status, units_started, received_at, updated_at) VALUES (?, 'VLV-100', 'B', ?, '2026-12-24', 5, ?, ?, ?, ?)");
      const unit = db.prepare("INSERT INTO units (serial, order_number, product, revision, status, position, operation, operation_name, work_center, since, operations, started_at) VALUES (?, ?, 'VLV-100', 'B', ?, ?, ?, 'x', 'WC10', ?, ?, ?)");
      const ops = JSON.stringify(B.routing.map((o) => ({ seq: o.seq, name: o.name, workCenter: o.workCenter, measurements: o.measurements })));
      const perOrder = Math.ceil(units / orders) * 2;
      let made = 0;
      for (let i = 0; i < orders; i += 1) {
        const n = `PO-${String(i).padStart(6, '0')}`;
        // Half the orders are in progress with units at every place on the line; the rest not started.
        const inWork = i % 2 === 0 && made < units ? Math.min(perOrder, units - made) : 0;
        order.run(n, perOrder, inWork > 0 ? 'in_progress' : 'released', inWork, new Date(Date.parse(at) + i * 1000).toISOString(), at);
        for (let u = 0; u < inWork; u += 1, made += 1) {
          const position = made % 4;
          unit.run(`${n}-${String(u + 1).padStart(4, '0')}`, n, made % 3 === 0 ? 'in_operation' : 'queued', position, B.routing[position]!.seq, at, ops, at);
        }
      }
      db.prepare(
        `INSERT INTO changes (number, product, from_revision, to_revision, status, reason, effectivity, definition, diff, submitted_at, submitted_by, updated_at)
         VALUES ('ECN-B', 'VLV-100', 'B', 'C', 'pending', 'bench', '{"kind":"all-open"}', ?, ?, ?, 'bench', ?)`,
      ).run(JSON.stringify(C), JSON.stringify(diffRevisions(B, C)), at, at);
    })();
    log(`  ${orders.toLocaleString('en')} open orders and ${units.toLocaleString('en')} units in progress written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const changes = new Changes(new EventStore(db, 'ST-bench', () => undefined), fixedLine('L1'));
    const times: number[] = [];
    let counted = 0;
    for (let i = 0; i < 25; i += 1) {
      const t = process.hrtime.bigint();
      const impact = changes.impact('ECN-B');
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      counted = impact?.units.length ?? 0;
    }
    const bare: number[] = [];
    const o = db.prepare("SELECT number, status, due_date, received_at, quantity, units_started FROM orders WHERE product = 'VLV-100' AND revision = 'B' AND status NOT IN ('completed', 'cancelled')");
    const u = db.prepare("SELECT serial, order_number, status, position FROM units WHERE product = 'VLV-100' AND revision = 'B' AND status IN ('queued', 'in_operation')");
    for (let i = 0; i < 25; i += 1) {
      const t = process.hrtime.bigint();
      o.all();
      u.all();
      bare.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))] ?? 0;
    const impactP95Ms = Number(q(times.slice(3), 0.95).toFixed(1));
    const bareP50 = q(bare.slice(3), 0.5);
    return {
      name: 'change-impact',
      orders,
      units: counted,
      impactP50Ms: Number(q(times.slice(3), 0.5).toFixed(1)),
      impactP95Ms,
      bareScanP50Ms: Number(bareP50.toFixed(1)),
      ratio: Number((q(times.slice(3), 0.5) / Math.max(bareP50, 0.001)).toFixed(2)),
      target: { p95Ms: 200 },
      pass: impactP95Ms < 200 && counted === units,
    };
  } finally {
    db.close();
    dir.dispose();
  }
}
