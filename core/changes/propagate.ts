import type { MeasurementSpec, ProductDefinition } from '../material/model';
import type { Disposition, UnitOperation } from '../units/unit';
import type { RevisionDiff } from './diff';
import type { UnitOutcome } from './impact';

// Carrying an approved change into the work: the new revision's routing as a unit follows it (each operation with
// the revision it is built to and what changed there, in words, for the operator), and the dispositions a unit may be
// given from where it stands. Pure.

const limits = (m: MeasurementSpec) => `${m.name} ${m.low}…${m.high} ${m.unit}`;

/**
 * What changed at one operation of the new revision, in the operator's words (empty: nothing): the operation itself,
 * and the BOM revision of a component it uses.
 */
export function whatChanged(diff: RevisionDiff, seq: number, uses: readonly string[], bomRevision: (material: string) => string): string[] {
  const op = diff.operations.find((o) => o.after?.seq === seq);
  const out: string[] = [];
  if (op?.kind === 'added') out.push('new operation');
  if (op?.kind === 'changed') {
    for (const c of op.components) {
      if (c.kind === 'added') out.push(`new component: ${c.key} rev ${bomRevision(c.key)} × ${c.after!.quantity}`);
      if (c.kind === 'removed') out.push(`component no longer used: ${c.key}`);
      if (c.kind === 'changed') out.push(`${c.key}: quantity ${c.before!.quantity} → ${c.after!.quantity}`);
    }
    for (const m of op.measurements) {
      if (m.kind === 'added') out.push(`new check: ${limits(m.after!)}`);
      if (m.kind === 'removed') out.push(`check no longer made: ${m.key}`);
      if (m.kind === 'changed') out.push(`check changed: ${limits(m.before!)} → ${limits(m.after!)}`);
    }
    if (op.fields.includes('instruction')) out.push('instruction changed');
    if (op.fields.includes('workCenter')) out.push(`moved from ${op.before!.workCenter} to ${op.after!.workCenter}`);
    if (op.fields.includes('onFail')) out.push(`a failed check now leads to ${op.after!.onFail === 'rework' ? `rework at ${op.after!.reworkTo ?? seq}` : 'scrap'}`);
    if (op.fields.includes('standardTime')) out.push(`standard time ${op.before!.standardCycleSeconds} s → ${op.after!.standardCycleSeconds} s`);
  }
  for (const l of diff.bom) {
    if (l.kind === 'changed' && l.fields.includes('revision') && uses.includes(l.material)) {
      out.push(`${l.material}: rev ${l.before!.revision} → rev ${l.after!.revision}`);
    }
  }
  return out;
}

/**
 * The routing of a revision as a unit follows it: components with the BOM revision each must have; with a change,
 * every operation carries the revision and what the change altered there.
 */
export function unitRouting(def: ProductDefinition, change?: { readonly number: string; readonly diff: RevisionDiff }): UnitOperation[] {
  const bomRevision = (material: string) => def.bom.find((b) => b.material === material)?.revision ?? '';
  return def.routing.map((op) => {
    const base: UnitOperation = {
      seq: op.seq,
      name: op.name,
      workCenter: op.workCenter,
      measurements: op.measurements,
      components: op.components.map((c) => ({ material: c.material, revision: bomRevision(c.material), quantity: c.quantity })),
      ...(op.onFail === 'rework' ? { onFail: 'rework' as const, ...(op.reworkTo !== undefined ? { reworkTo: op.reworkTo } : {}) } : {}),
    };
    if (!change) return base;
    const what = whatChanged(change.diff, op.seq, op.components.map((c) => c.material), bomRevision);
    return { ...base, revision: def.revision, ...(what.length > 0 ? { changed: { change: change.number, from: change.diff.from, what } } : {}) };
  });
}

/** The dispositions a unit may be given from where it stands (the first is what applies when nobody chose). */
export function dispositionOptions(outcome: UnitOutcome): readonly Disposition[] {
  switch (outcome.kind) {
    case 'continue-on-new':
      return ['continue'];
    case 'at-changed-operation':
      return ['finish-as-started', 'restart-on-new'];
    case 'needs-disposition':
      // Held until someone decides, unless a disposition was chosen before approving.
      return ['hold', 'rework', 'accept-with-deviation', 'scrap'];
    default:
      return [];
  }
}

/** A disposition that needs a reason on the record. */
export const needsReason = (d: Disposition) => d === 'accept-with-deviation' || d === 'scrap';

/**
 * Why a unit cannot be given this disposition (null: it can): the change must reach it in a way that needs one, the
 * disposition must be open to it from where it stands, a deviation or a scrap says why. `decided`: the change is
 * approved and the unit held; holding it again is no decision.
 */
export function dispositionRefusal(
  change: string,
  serial: string,
  outcome: UnitOutcome | undefined,
  choice: { readonly disposition: Disposition; readonly reason?: string | undefined },
  decided = false,
): string | null {
  const options = (outcome ? dispositionOptions(outcome) : []).filter((d) => !(decided && d === 'hold'));
  if (options.length === 0) return `Change ${change} does not reach unit ${serial} in a way that needs a disposition.`;
  if (!options.includes(choice.disposition)) return `Unit ${serial} can be given ${options.join(', ')} here, not ${choice.disposition}.`;
  if (needsReason(choice.disposition) && !choice.reason?.trim()) return `Say why unit ${serial} gets ${choice.disposition.replaceAll('-', ' ')}: a reason is required.`;
  return null;
}
