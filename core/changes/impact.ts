import type { Effectivity } from './change';
import type { RevisionDiff } from './diff';

// What a change means for the work already here: every open order and every unit in progress of the product on the
// replaced revision, each with its outcome, worked out from the record. Pure: the station reads the rows.

export interface OpenOrder {
  readonly number: string;
  readonly status: string;
  readonly dueDate: string;
  readonly receivedAt: string;
  readonly quantity: number;
  readonly unitsStarted: number;
}

export interface UnitInWork {
  readonly serial: string;
  readonly order: string;
  readonly status: 'queued' | 'in_operation';
  /** Index of the operation it is at (in_operation) or due at next (queued) in its routing. */
  readonly position: number;
  /** Its routing's operation numbers, in order (as it was started: the replaced revision). */
  readonly operations: readonly number[];
}

export type UnitOutcome =
  | { readonly kind: 'continue-on-new'; readonly changedAhead: readonly number[] }
  | {
      readonly kind: 'needs-disposition';
      readonly changedDone: readonly number[];
      /** Proposed from the change: rework back to the first changed operation already done, under the new revision. */
      readonly proposal: 'rework';
      readonly reworkFrom: number;
      readonly options: readonly ('rework' | 'accept-with-deviation' | 'scrap')[];
    }
  | { readonly kind: 'at-changed-operation'; readonly operation: number; readonly options: readonly ('finish-as-started' | 'restart-on-new')[] }
  | { readonly kind: 'unaffected' }
  | { readonly kind: 'outside-effectivity' };

export type OrderOutcome = 'move-to-new-revision' | 'remaining-units-on-new-revision' | 'units-only' | 'outside-effectivity';

export interface Impact {
  readonly orders: readonly (OpenOrder & { readonly outcome: OrderOutcome })[];
  readonly units: readonly (UnitInWork & { readonly outcome: UnitOutcome })[];
  /** Counts per outcome, orders and units apart. */
  readonly summary: { readonly orders: Readonly<Record<OrderOutcome, number>>; readonly units: Readonly<Record<UnitOutcome['kind'], number>> };
}

/**
 * The operations the change touches, by operation number: in the old routing, those changed or removed and those that
 * consume a material whose BOM line changed (its revision or quantity); in the new routing, those added.
 */
export function touchedOperations(diff: RevisionDiff, oldRouting: readonly { readonly seq: number; readonly components: readonly { readonly material: string }[] }[]) {
  const bomChanged = new Set(diff.bom.filter((l) => l.kind !== 'added').map((l) => l.material));
  const old = new Set<number>();
  for (const o of diff.operations) if (o.before && o.kind !== 'added') old.add(o.before.seq);
  for (const op of oldRouting) if (op.components.some((c) => bomChanged.has(c.material))) old.add(op.seq);
  const added = diff.operations.filter((o) => o.kind === 'added' && o.after).map((o) => o.after!.seq);
  return { old: [...old].sort((a, b) => a - b), added: added.sort((a, b) => a - b) };
}

/** One unit against the change: where it stands decides its outcome. */
export function unitOutcome(unit: UnitInWork, touched: { readonly old: readonly number[]; readonly added: readonly number[] }): UnitOutcome {
  const current = unit.operations[unit.position];
  const done = unit.operations.slice(0, unit.position);
  const lastDone = done[done.length - 1] ?? 0;
  // An added operation is missed where the unit has passed it: before its last done, or before the one it is in.
  const passed = unit.status === 'in_operation' && current !== undefined ? current : lastDone;
  const changedDone = [...touched.old.filter((s) => done.includes(s)), ...touched.added.filter((s) => s < passed)].sort((a, b) => a - b);
  if (changedDone.length > 0) {
    return { kind: 'needs-disposition', changedDone, proposal: 'rework', reworkFrom: changedDone[0]!, options: ['rework', 'accept-with-deviation', 'scrap'] };
  }
  if (unit.status === 'in_operation' && current !== undefined && touched.old.includes(current)) {
    return { kind: 'at-changed-operation', operation: current, options: ['finish-as-started', 'restart-on-new'] };
  }
  const ahead = [...touched.old.filter((s) => !done.includes(s)), ...touched.added.filter((s) => s > passed)].sort((a, b) => a - b);
  return ahead.length > 0 ? { kind: 'continue-on-new', changedAhead: ahead } : { kind: 'unaffected' };
}

function inEffectivity(e: Effectivity, order: OpenOrder, from: { readonly orderReceivedAt?: string }): boolean {
  switch (e.kind) {
    case 'all-open':
      return true;
    case 'new-orders':
      return false;
    case 'from-date':
      return order.dueDate >= e.date;
    case 'from-order':
      return from.orderReceivedAt !== undefined && (order.number === e.order || order.receivedAt > from.orderReceivedAt);
    case 'from-serial':
      return true;
  }
}

/** Every open order and unit in progress of the product, each with its outcome, and the counts per outcome. */
export function impactOf(input: {
  readonly diff: RevisionDiff;
  readonly effectivity: Effectivity;
  readonly oldRouting: readonly { readonly seq: number; readonly components: readonly { readonly material: string }[] }[];
  readonly orders: readonly OpenOrder[];
  readonly units: readonly UnitInWork[];
  /** For from-order: when the named order was received. */
  readonly orderReceivedAt?: string;
}): Impact {
  const touched = touchedOperations(input.diff, input.oldRouting);
  const e = input.effectivity;
  const orders = input.orders.map((o) => {
    const outcome: OrderOutcome = !inEffectivity(e, o, input)
      ? 'outside-effectivity'
      : o.unitsStarted === 0
        ? 'move-to-new-revision'
        : o.unitsStarted < o.quantity
          ? 'remaining-units-on-new-revision'
          : 'units-only';
    return { ...o, outcome };
  });
  const orderIn = new Map(orders.map((o) => [o.number, o.outcome !== 'outside-effectivity']));
  // A unit's outcome depends only on its routing, where it stands and whether it is in work: judged once per such place.
  const judged = new Map<readonly number[], Map<string, UnitOutcome>>();
  const outside: UnitOutcome = { kind: 'outside-effectivity' };
  const units = input.units.map((u) => {
    const within = e.kind === 'from-serial' ? u.serial >= e.serial : (orderIn.get(u.order) ?? false);
    let outcome: UnitOutcome = outside;
    if (within) {
      let places = judged.get(u.operations);
      if (!places) judged.set(u.operations, (places = new Map()));
      const key = `${u.position}|${u.status}`;
      outcome = places.get(key) ?? unitOutcome(u, touched);
      places.set(key, outcome);
    }
    return { serial: u.serial, order: u.order, status: u.status, position: u.position, operations: u.operations, outcome };
  });
  const byOrder: Record<OrderOutcome, number> = { 'move-to-new-revision': 0, 'remaining-units-on-new-revision': 0, 'units-only': 0, 'outside-effectivity': 0 };
  const byUnit: Record<UnitOutcome['kind'], number> = { 'continue-on-new': 0, 'needs-disposition': 0, 'at-changed-operation': 0, unaffected: 0, 'outside-effectivity': 0 };
  for (const o of orders) byOrder[o.outcome] += 1;
  for (const u of units) byUnit[u.outcome.kind] += 1;
  return { orders, units, summary: { orders: byOrder, units: byUnit } };
}
