import {
  dispositionOptions,
  streams,
  unitDecider,
  type ChangeView,
  type CommandContext,
  type Disposition,
  type DomainEvent,
  type UnitOperation,
  type UnitOutcome,
  type UnitsApplied,
} from '../../core';
import type { Db, Tx } from '../store';
import { exec, must } from './exec';
import { unitLeftLine } from './unit-left-line';

// Carrying an approved change into the units in work: each gets the disposition chosen for it before approval when
// that is still open to it where it stands, else the one that applies when nobody chose (continue; finish as started;
// held for a decision).

export interface Choice {
  readonly disposition: Disposition;
  readonly reason?: string;
}

export interface PlannedUnit extends Choice {
  readonly serial: string;
  readonly outcome: UnitOutcome;
}

/** The dispositions chosen for a change's units before approval. */
export function chosenDispositions(db: Db, change: string): Map<string, Choice> {
  const rows = db.prepare('SELECT serial, disposition, reason FROM change_dispositions WHERE change = ? AND disposition IS NOT NULL').all(change) as {
    serial: string;
    disposition: Disposition;
    reason: string | null;
  }[];
  return new Map(rows.map((r) => [r.serial, { disposition: r.disposition, ...(r.reason ? { reason: r.reason } : {}) }]));
}

/** What each unit reached gets, and the counts per disposition. */
export function planUnits(units: readonly { readonly serial: string; readonly outcome: UnitOutcome }[], chosen: ReadonlyMap<string, Choice>): { plan: PlannedUnit[]; counts: UnitsApplied } {
  const plan: PlannedUnit[] = [];
  const counts: Partial<Record<Disposition, number>> = {};
  for (const u of units) {
    const options = dispositionOptions(u.outcome);
    if (options.length === 0) continue;
    const c = chosen.get(u.serial);
    const choice: Choice = c && options.includes(c.disposition) ? c : { disposition: options[0]! };
    plan.push({ serial: u.serial, outcome: u.outcome, ...choice });
    counts[choice.disposition] = (counts[choice.disposition] ?? 0) + 1;
  }
  return { plan, counts };
}

/** One unit onto the new revision (or held, or scrapped: then its order counts it). */
export function applyToUnit(tx: Tx, lineId: string, change: ChangeView, routing: readonly UnitOperation[], unit: PlannedUnit, ctx: CommandContext): DomainEvent[] {
  const events = must(
    exec(
      tx,
      streams.unit(unit.serial),
      unitDecider,
      {
        type: 'ReviseUnit',
        change: change.number,
        toRevision: change.toRevision,
        routing,
        disposition: unit.disposition,
        ...(unit.outcome.kind === 'needs-disposition' ? { reworkFrom: unit.outcome.reworkFrom } : {}),
        ...(unit.reason ? { reason: unit.reason } : {}),
      },
      ctx,
    ),
  );
  return [...events, ...unitLeftLine(tx, lineId, events, ctx)];
}
