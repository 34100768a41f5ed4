import type { OrderRow } from './command-base';
import type { MaterialFacts, ProductDefinition } from '../../core';
import type { Db } from '../store';

/**
 * What the deciders are judged against, read from the record: the station gathers the facts, the core decides.
 * Each function is one or a few indexed reads.
 */

/** A product revision's definition as recorded, or null. */
export function productDefinition(db: Db, product: string, revision: string): ProductDefinition | null {
  const row = db.prepare('SELECT definition FROM products WHERE product = ? AND revision = ?').pluck().get(product, revision) as string | undefined;
  return row ? (JSON.parse(row) as ProductDefinition) : null;
}

/** The BOM materials of a definition that are not defined on this station, as "MATERIAL rev R". */
export function undefinedMaterials(db: Db, definition: ProductDefinition): string[] {
  const known = db.prepare('SELECT 1 FROM materials WHERE id = ? AND revision = ?');
  // Its options' lines too: a unit of any configuration must be buildable from defined materials.
  const lines = [...definition.bom, ...(definition.options ?? []).flatMap((o) => o.values.flatMap((v) => v.bom))];
  return [...new Set(lines.filter((b) => !known.get(b.material, b.revision)).map((b) => `${b.material} rev ${b.revision}`))];
}

/** A few orders that use a product revision (enough to name them). */
export function ordersUsing(db: Db, product: string, revision: string): string[] {
  return db.prepare('SELECT number FROM orders WHERE product = ? AND revision = ? LIMIT 3').pluck().all(product, revision) as string[];
}

export function materialDefined(db: Db, material: string, revision: string): boolean {
  return db.prepare('SELECT 1 FROM materials WHERE id = ? AND revision = ?').get(material, revision) !== undefined;
}

/** Order numbers of the form <number>.<n> already on the station (splits, or ERP's own). */
export function splitNumbersTaken(db: Db, number: string): string[] {
  const prefix = `${number}.`;
  // A range on the primary key, not LIKE (an order number may hold % or _).
  return db.prepare('SELECT number FROM orders WHERE number >= ? AND number < ?').pluck().all(prefix, `${number}/`) as string[];
}

/**
 * Stock facts for dispatching an order: its BOM with what is on hand, and what the orders already in the line's
 * dispatch list still need of each material.
 */
export function materialFacts(db: Db, lineId: string, order: { product: string; revision: string }): MaterialFacts {
  const def = productDefinition(db, order.product, order.revision);
  if (!def || def.bom.length === 0) return { bom: [], ahead: [] };
  const stock = db.prepare('SELECT on_hand FROM stock WHERE material = ? AND revision = ?').pluck();
  const bom = def.bom.map((b) => {
    const onHand = stock.get(b.material, b.revision) as number | undefined;
    return { material: b.material, revision: b.revision, perUnit: b.quantity, ...(onHand === undefined ? {} : { onHand }) };
  });
  if (bom.every((b) => b.onHand === undefined)) return { bom, ahead: [] };
  const rows = db
    .prepare(
      `SELECT o.number, o.product, o.revision, o.quantity, o.units_started FROM dispatch_list d JOIN orders o ON o.number = d.number
       WHERE d.line = ? AND o.status IN ('dispatched', 'in_progress', 'held')`,
    )
    .all(lineId) as { number: string; product: string; revision: string; quantity: number; units_started: number }[];
  const defs = new Map<string, ProductDefinition | null>();
  const ahead = rows
    .filter((o) => o.quantity > o.units_started)
    .map((o) => {
      const key = `${o.product}/${o.revision}`;
      if (!defs.has(key)) defs.set(key, productDefinition(db, o.product, o.revision));
      const left = o.quantity - o.units_started;
      return { number: o.number, needs: (defs.get(key)?.bom ?? []).map((b) => ({ material: b.material, revision: b.revision, quantity: b.quantity * left })) };
    });
  return { bom, ahead };
}

/** Orders with units on the line (in progress, or a unit in work): a few rows, not the whole dispatch list. */
/** An order's row as the orders read model has it (undefined: no such order). */
export function orderRow(db: Db, number: string): OrderRow | undefined {
  return db.prepare('SELECT * FROM orders WHERE number = ?').get(number) as OrderRow | undefined;
}

export function ordersOnLine(db: Db, lineId: string): string[] {
  return db
    .prepare(
      `SELECT number FROM orders WHERE status = 'in_progress' AND line = ?
       UNION SELECT DISTINCT order_number FROM units WHERE status IN ('queued', 'in_operation')`,
    )
    .pluck()
    .all(lineId) as string[];
}
