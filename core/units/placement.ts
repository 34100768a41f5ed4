import type { Disposition, UnitOperation } from './unit';

/** Where a unit in work stands once it follows a new revision's routing. */
export interface Placement {
  readonly operations: readonly UnitOperation[];
  readonly position: number;
  readonly status: 'queued' | 'in_operation';
  /** The operation it was in, left unfinished. */
  readonly interrupted?: number;
}

/**
 * A unit moved onto `next` (the new revision's routing) as the disposition says, from where it stands:
 * - rework: queued at the first operation from `reworkFrom` on (the first changed operation it had done);
 * - restart on the new revision: queued at the operation it is in, as the new revision has it;
 * - continue, accept with a deviation, finish as started: on from where it is; an operation in work is finished as it
 *   was started (its definition and revision kept), the operations after it are the new revision's.
 * Null when the new routing has nothing left for it there.
 */
export function placeOnRevision(
  unit: { readonly operations: readonly UnitOperation[]; readonly position: number; readonly status: 'queued' | 'in_operation'; readonly revision: string },
  next: readonly UnitOperation[],
  how: Exclude<Disposition, 'scrap' | 'hold'>,
  reworkFrom?: number,
): Placement | null {
  const current = unit.operations[unit.position];
  if (!current) return null;
  const inWork = unit.status === 'in_operation';
  if (how === 'rework' || how === 'restart-on-new') {
    const from = how === 'rework' ? (reworkFrom ?? current.seq) : current.seq;
    const i = next.findIndex((o) => o.seq >= from);
    if (i < 0) return null;
    return { operations: next, position: i, status: 'queued', ...(inWork ? { interrupted: current.seq } : {}) };
  }
  if (inWork) {
    const kept: UnitOperation = { ...current, revision: current.revision ?? unit.revision };
    const operations = [...next.filter((o) => o.seq < current.seq), kept, ...next.filter((o) => o.seq > current.seq)];
    return { operations, position: operations.indexOf(kept), status: 'in_operation' };
  }
  const lastDone = unit.operations[unit.position - 1]?.seq ?? 0;
  const i = next.findIndex((o) => o.seq > lastDone);
  return i < 0 ? null : { operations: next, position: i, status: 'queued' };
}
