/** What an order's dispatch is checked against: facts from the record, gathered by the station. */
export interface MaterialFacts {
  /** Per BOM line of the order's product: what one unit uses, and what is on hand (absent: not tracked here). */
  readonly bom: readonly { readonly material: string; readonly revision: string; readonly perUnit: number; readonly onHand?: number }[];
  /** Orders already in the dispatch list, with what each still needs of each material (its units not started). */
  readonly ahead: readonly { readonly number: string; readonly needs: readonly { readonly material: string; readonly revision: string; readonly quantity: number }[] }[];
}

/**
 * Material availability for dispatching an order: for each BOM component whose stock is tracked here, what the order
 * still needs (units not started) against what is on hand less what the orders already in the dispatch list still
 * need. Units already started are not counted on either side: what they use comes off stock as they are built.
 */
export function materialShortages(unitsToStart: number, facts: MaterialFacts): string[] {
  const out: string[] = [];
  for (const b of facts.bom) {
    if (b.onHand === undefined) continue;
    const needed = b.perUnit * Math.max(0, unitsToStart);
    let planned = 0;
    const by: string[] = [];
    for (const o of facts.ahead) {
      const q = o.needs.filter((n) => n.material === b.material && n.revision === b.revision).reduce((s, n) => s + n.quantity, 0);
      if (q > 0) {
        planned += q;
        by.push(o.number);
      }
    }
    if (needed > b.onHand - planned + 1e-9) {
      const others = by.length > 0 ? `, ${planned} of it planned for ${by.slice(0, 3).join(', ')}${by.length > 3 ? ` and ${by.length - 3} more` : ''} ahead of it` : '';
      out.push(`${b.material} rev ${b.revision}: needs ${needed}, ${b.onHand} on hand${others}`);
    }
  }
  return out;
}
