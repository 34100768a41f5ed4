import type { ProductDefinition, UnitOperation } from '../../../core';
import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/**
 * Material on hand: the warehouse's count, less what was scanned into units and what operations used without a
 * scan (backflush, when an operation first completes) and lot orders reported. Reads the as-built record (runs
 * after it), the genealogy, the units and the product definitions.
 */
export function stockReadModel(db: Db): ReadModel {
  const set = statement(
    db,
    `INSERT INTO stock (material, revision, on_hand, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (material, revision) DO UPDATE SET on_hand = excluded.on_hand, updated_at = excluded.updated_at`,
  );
  const take = statement(db, 'UPDATE stock SET on_hand = on_hand - ?, updated_at = ? WHERE material = ? AND revision = ?');
  const scannedAt = db.prepare('SELECT coalesce(sum(quantity), 0) FROM genealogy WHERE serial = ? AND operation = ? AND material = ?').pluck();
  const completions = db.prepare('SELECT count(*) FROM unit_operations WHERE serial = ? AND operation = ? AND ended_at IS NOT NULL').pluck();
  const unitOperations = db.prepare('SELECT operations FROM units WHERE serial = ?').pluck();
  const orderProduct = db.prepare('SELECT p.definition FROM orders o JOIN products p ON p.product = o.product AND p.revision = o.revision WHERE o.number = ?').pluck();
  return {
    name: 'stock',
    tables: ['stock'],
    project(e) {
      const at = e.at;
      switch (e.type) {
        case 'StockCounted':
          return void set(e.data.material, e.data.revision, e.data.onHand, at);
        case 'LotConsumed':
          return void take(e.data.quantity, at, e.data.material, e.data.revision);
        case 'OperationCompleted': {
          const d = e.data;
          if (d.backflushed) {
            for (const c of d.backflushed) take(c.quantity, at, c.material, c.revision);
            return;
          }
          // Recorded before the unit decider said what it backflushed: worked out as it was then.
          if ((completions.get(d.serial, d.operation) as number) !== 1) return;
          const ops = JSON.parse((unitOperations.get(d.serial) as string | undefined) ?? '[]') as UnitOperation[];
          for (const c of ops.find((o) => o.seq === d.operation)?.components ?? []) {
            const missing = c.quantity - (scannedAt.get(d.serial, d.operation, c.material) as number);
            if (missing > 1e-9) take(missing, at, c.material, c.revision);
          }
          return;
        }
        case 'OperationQuantityReported': {
          const d = e.data;
          if (d.consumed) {
            for (const c of d.consumed) take(c.quantity, at, c.material, c.revision);
            return;
          }
          // Recorded before the order decider said what a report used: worked out as it was then.
          const def = orderProduct.get(d.number) as string | undefined;
          if (!def) return;
          const product = JSON.parse(def) as ProductDefinition;
          for (const c of product.routing.find((o) => o.seq === d.operation)?.components ?? []) {
            const revision = product.bom.find((b) => b.material === c.material)?.revision;
            if (revision) take(c.quantity * (d.good + d.scrapped), at, c.material, revision);
          }
          return;
        }
      }
    },
  };
}
