import { ErrorCode, ProductDefinition, fail } from '../../core';
import type { Db } from '../store';
import type { Decided } from './exec';

/** A product revision's definition as recorded, or null. */
export function productDefinition(db: Db, product: string, revision: string): ProductDefinition | null {
  const row = db.prepare('SELECT definition FROM products WHERE product = ? AND revision = ?').pluck().get(product, revision) as string | undefined;
  return row ? (JSON.parse(row) as ProductDefinition) : null;
}

/**
 * Whether a product revision's BOM and routing may be recorded: every work center on this line, every BOM material
 * defined, every component of an operation in the BOM. The same definition sent again is 'unchanged'; another content
 * for a revision that orders already use is refused (engineering releases a new revision instead).
 */
export function judgeDefinition(db: Db, definition: ProductDefinition, workCenters: readonly string[] | undefined): 'new' | 'unchanged' | Decided {
  const elsewhere = workCenters ? definition.routing.filter((op) => !workCenters.includes(op.workCenter)) : [];
  if (workCenters && elsewhere.length > 0) {
    return fail(
      ErrorCode.validation,
      `The routing of ${definition.product} rev ${definition.revision} names work centers this line does not have: ${elsewhere.map((op) => `operation ${op.seq} on ${op.workCenter}`).join(', ')}. This line has ${workCenters.join(', ')}.`,
    );
  }
  const known = db.prepare('SELECT 1 FROM materials WHERE id = ? AND revision = ?');
  const missing = definition.bom.filter((b) => !known.get(b.material, b.revision)).map((b) => `${b.material} rev ${b.revision}`);
  if (missing.length > 0) {
    return fail(ErrorCode.validation, `The BOM of ${definition.product} rev ${definition.revision} uses materials that are not defined: ${missing.join(', ')}.`, {
      missing,
    });
  }
  const unknownMaterial = definition.routing
    .flatMap((op) => op.components.map((c) => ({ op, c })))
    .find(({ c }) => !definition.bom.some((b) => b.material === c.material));
  if (unknownMaterial) {
    return fail(
      ErrorCode.validation,
      `Operation ${unknownMaterial.op.seq} of ${definition.product} rev ${definition.revision} consumes ${unknownMaterial.c.material}, which is not in its BOM.`,
    );
  }
  const current = productDefinition(db, definition.product, definition.revision);
  if (!current) return 'new';
  // Compared as parsed now: a definition stored before a field was added lacks its default, and is still the same.
  if (JSON.stringify(ProductDefinition.parse(current)) === JSON.stringify(ProductDefinition.parse(definition))) return 'unchanged';
  const used = db.prepare('SELECT number FROM orders WHERE product = ? AND revision = ? LIMIT 3').pluck().all(definition.product, definition.revision) as string[];
  if (used.length > 0) {
    return fail(
      ErrorCode.conflict,
      `${definition.product} rev ${definition.revision} is already defined differently and orders use it (${used.join(', ')}); release the change as a new revision.`,
      { orders: used },
    );
  }
  return 'new';
}

/**
 * Material availability for dispatching an order: for each BOM component whose stock is tracked here, what the order
 * still needs (units not started) against what is on hand less what the orders already in the dispatch list still need.
 * Units already started are not counted on either side: what they use comes off the stock as they are built.
 */
export function materialShortages(
  db: Db,
  lineId: string,
  order: { product: string; revision: string; quantity: number; units_started: number },
): string[] {
  const def = productDefinition(db, order.product, order.revision);
  if (!def || def.bom.length === 0) return [];
  const stock = db.prepare('SELECT on_hand FROM stock WHERE material = ? AND revision = ?').pluck();
  const tracked = def.bom
    .map((b) => ({ ...b, onHand: stock.get(b.material, b.revision) as number | undefined }))
    .filter((b): b is typeof b & { onHand: number } => b.onHand !== undefined);
  if (tracked.length === 0) return [];
  const ahead = db
    .prepare(
      `SELECT o.number, o.product, o.revision, o.quantity, o.units_started FROM dispatch_list d JOIN orders o ON o.number = d.number
       WHERE d.line = ? AND o.status IN ('dispatched', 'in_progress', 'held')`,
    )
    .all(lineId) as { number: string; product: string; revision: string; quantity: number; units_started: number }[];
  const defs = new Map<string, ProductDefinition | null>();
  const out: string[] = [];
  for (const b of tracked) {
    const needed = b.quantity * Math.max(0, order.quantity - order.units_started);
    let planned = 0;
    const by: string[] = [];
    for (const o of ahead) {
      const key = `${o.product}/${o.revision}`;
      if (!defs.has(key)) defs.set(key, productDefinition(db, o.product, o.revision));
      const per = defs.get(key)?.bom.find((x) => x.material === b.material && x.revision === b.revision)?.quantity ?? 0;
      if (per > 0 && o.quantity > o.units_started) {
        planned += per * (o.quantity - o.units_started);
        by.push(o.number);
      }
    }
    const free = b.onHand - planned;
    if (needed > free + 1e-9) {
      const others = by.length > 0 ? `, ${planned} of it planned for ${by.slice(0, 3).join(', ')}${by.length > 3 ? ` and ${by.length - 3} more` : ''} ahead of it` : '';
      out.push(`${b.material} rev ${b.revision}: needs ${needed}, ${b.onHand} on hand${others}`);
    }
  }
  return out;
}
