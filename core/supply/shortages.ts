// Material for the dispatch list against stock and expected receipts, in time: which orders run short and when (the
// line's plan says when each starts), when receipts cover them, and a sequence that keeps the line fed. Pure: the
// station gathers the plan, the stock and the receipts.

export interface Need {
  readonly material: string;
  readonly revision: string;
  readonly quantity: number;
  /** Materials the BOM names as alternates for this line. */
  readonly alternates?: readonly { readonly material: string; readonly revision: string }[];
}

/** An order of the dispatch list as the line's plan has it (times in ms). */
export interface PlannedOrder {
  readonly number: string;
  readonly startAt: number;
  readonly endAt: number;
  /** What its units not yet started need. */
  readonly needs: readonly Need[];
  /** It has units on the line already: it keeps its place, and no order passes it. */
  readonly locked: boolean;
}

export interface SupplyReceipt {
  readonly id: string;
  readonly material: string;
  readonly revision: string;
  readonly quantity: number;
  readonly at: number;
}

export interface Shortage {
  readonly order: string;
  readonly material: string;
  readonly revision: string;
  readonly needed: number;
  /** On hand and arrived by the time the order starts, less what the orders ahead take. */
  readonly available: number;
  /** When the order starts, and so runs short. */
  readonly at: number;
  /** When receipts cover it (null: none expected does). */
  readonly coveredAt: number | null;
  readonly coveredBy: readonly string[];
  /** Alternates the BOM names with enough available then. */
  readonly alternates: readonly { readonly material: string; readonly revision: string; readonly available: number }[];
}

const keyOf = (material: string, revision: string) => `${material}/${revision}`;

/** Stock and receipts of each tracked material, and what the orders walked so far have taken. */
class Ledger {
  private readonly taken = new Map<string, number>();
  private readonly arriving = new Map<string, SupplyReceipt[]>();
  constructor(
    private readonly stock: ReadonlyMap<string, number>,
    receipts: readonly SupplyReceipt[],
  ) {
    for (const r of [...receipts].sort((a, b) => a.at - b.at)) {
      const k = keyOf(r.material, r.revision);
      this.arriving.set(k, [...(this.arriving.get(k) ?? []), r]);
    }
  }

  /** Counted here or expected: a material nobody counts is not judged. */
  tracked(k: string): boolean {
    return this.stock.has(k) || this.arriving.has(k);
  }

  availableAt(k: string, t: number): number {
    const arrived = (this.arriving.get(k) ?? []).filter((r) => r.at <= t).reduce((s, r) => s + r.quantity, 0);
    return (this.stock.get(k) ?? 0) + arrived - (this.taken.get(k) ?? 0);
  }

  /** The first time receipts make `quantity` available, and the receipts it waits for after `from`. */
  coveredAt(k: string, quantity: number, from: number): { at: number | null; by: string[] } {
    const by: string[] = [];
    for (const r of this.arriving.get(k) ?? []) {
      if (r.at > from) by.push(r.id);
      if (this.availableAt(k, r.at) >= quantity - 1e-9) return { at: Math.max(r.at, from), by };
    }
    return { at: null, by: [] };
  }

  take(k: string, quantity: number): void {
    this.taken.set(k, (this.taken.get(k) ?? 0) + quantity);
  }

  /** Everything this order needs is there at `t`. */
  feeds(o: PlannedOrder, t: number): boolean {
    return o.needs.every((n) => {
      const k = keyOf(n.material, n.revision);
      return !this.tracked(k) || this.availableAt(k, t) >= n.quantity - 1e-9;
    });
  }

  /** When everything this order needs is there (its start if it is; null: never, as expected). */
  readyAt(o: PlannedOrder, t: number): number | null {
    let ready = t;
    for (const n of o.needs) {
      const k = keyOf(n.material, n.revision);
      if (!this.tracked(k) || this.availableAt(k, t) >= n.quantity - 1e-9) continue;
      const c = this.coveredAt(k, n.quantity, t).at;
      if (c === null) return null;
      ready = Math.max(ready, c);
    }
    return ready;
  }

  takeFor(o: PlannedOrder): void {
    for (const n of o.needs) this.take(keyOf(n.material, n.revision), n.quantity);
  }
}

/** Every order of the list, in its order, that runs short of a material when it starts. */
export function shortagesOf(orders: readonly PlannedOrder[], stock: ReadonlyMap<string, number>, receipts: readonly SupplyReceipt[]): Shortage[] {
  const ledger = new Ledger(stock, receipts);
  const out: Shortage[] = [];
  for (const o of orders) {
    for (const n of o.needs) {
      const k = keyOf(n.material, n.revision);
      if (!ledger.tracked(k)) continue;
      const available = ledger.availableAt(k, o.startAt);
      if (n.quantity > available + 1e-9) {
        const covered = ledger.coveredAt(k, n.quantity, o.startAt);
        const alternates = (n.alternates ?? [])
          .map((a) => ({ ...a, available: ledger.availableAt(keyOf(a.material, a.revision), o.startAt) }))
          .filter((a) => a.available >= n.quantity - Math.max(0, available) - 1e-9);
        out.push({ order: o.number, material: n.material, revision: n.revision, needed: n.quantity, available: Math.max(0, available), at: o.startAt, coveredAt: covered.at, coveredBy: covered.by, alternates });
      }
      ledger.take(k, n.quantity);
    }
  }
  return out;
}

/**
 * A sequence that keeps the line fed: the orders with units on the line keep their places (and none passes them);
 * after them, each next order is the first of the current list whose material is there when the line gets to it; when
 * none is, the one whose material comes first (the line waits for it). Orders keep their order otherwise.
 */
export function feedingSequence(orders: readonly PlannedOrder[], stock: ReadonlyMap<string, number>, receipts: readonly SupplyReceipt[], now: number): string[] {
  const ledger = new Ledger(stock, receipts);
  const lastLocked = orders.reduce((last, o, i) => (o.locked ? i : last), -1);
  const fixed = orders.slice(0, lastLocked + 1);
  const free = orders.slice(lastLocked + 1);
  let t = fixed.length > 0 ? Math.max(now, fixed[fixed.length - 1]!.endAt) : now;
  for (const o of fixed) ledger.takeFor(o);
  const out = fixed.map((o) => o.number);
  const left = [...free];
  while (left.length > 0) {
    let i = left.findIndex((o) => ledger.feeds(o, t));
    if (i < 0) {
      // Nothing can start now: the order whose material comes first; those never covered go last, in their order.
      const ready = left.map((o) => ledger.readyAt(o, t));
      i = ready.reduce<number>((best, r, j) => (r !== null && (best < 0 || r < ready[best]!) ? j : best), -1);
      if (i < 0) i = 0;
      else t = ready[i]!;
    }
    const [o] = left.splice(i, 1);
    ledger.takeFor(o!);
    out.push(o!.number);
    t += Math.max(0, o!.endAt - o!.startAt);
  }
  return out;
}

/** One step of a material's level on the line's plan: an order taking it when it starts, or a receipt bringing it. */
export interface LevelStep {
  readonly at: number;
  readonly level: number;
  readonly by: string;
  readonly kind: 'start' | 'order' | 'receipt';
}

/**
 * How a material's level goes over the plan, from the stock now: down as each order starts, up as each receipt comes
 * (what the Supply screen plots; below zero is where orders run short).
 */
export function materialLevels(material: string, revision: string, orders: readonly PlannedOrder[], stock: ReadonlyMap<string, number>, receipts: readonly SupplyReceipt[], now: number): LevelStep[] {
  const k = keyOf(material, revision);
  const moves: { at: number; delta: number; by: string; kind: 'order' | 'receipt' }[] = [];
  for (const o of orders) {
    const q = o.needs.filter((n) => keyOf(n.material, n.revision) === k).reduce((s, n) => s + n.quantity, 0);
    if (q > 0) moves.push({ at: o.startAt, delta: -q, by: o.number, kind: 'order' });
  }
  for (const r of receipts) if (keyOf(r.material, r.revision) === k) moves.push({ at: r.at, delta: r.quantity, by: r.id, kind: 'receipt' });
  // At the same moment a receipt counts first, as the ledger counts what has come by the time an order starts.
  moves.sort((a, b) => a.at - b.at || b.delta - a.delta);
  let level = stock.get(k) ?? 0;
  const out: LevelStep[] = [{ at: now, level, by: 'on hand', kind: 'start' }];
  for (const m of moves) {
    level += m.delta;
    out.push({ at: Math.max(now, m.at), level, by: m.by, kind: m.kind });
  }
  return out;
}
