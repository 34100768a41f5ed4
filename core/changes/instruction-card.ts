import type { ProductDefinition } from '../material/model';
import type { RevisionDiff } from './diff';
import { whatChanged } from './propagate';

/**
 * The operator's instruction card for one operation, generated from the product model: the operation, its components
 * with part and revision, its checks with limits, the engineer's text, and what a failed check leads to; with what a
 * change altered here. There is no separate document: a new revision regenerates every card.
 */
export interface InstructionCard {
  readonly product: string;
  readonly revision: string;
  readonly operation: number;
  readonly name: string;
  readonly workCenter: string;
  readonly standardCycleSeconds: number;
  readonly instruction: string;
  readonly components: readonly { readonly material: string; readonly revision: string; readonly quantity: number; readonly description: string }[];
  readonly checks: readonly { readonly name: string; readonly unit: string; readonly low: number; readonly high: number }[];
  readonly onFail: string;
  /** What the change that made this revision altered here (null: nothing, or no change made it). */
  readonly changed: { readonly change: string; readonly from: string; readonly what: readonly string[] } | null;
}

export function instructionCards(
  def: ProductDefinition,
  o: { readonly describe?: (material: string, revision: string) => string; readonly change?: { readonly number: string; readonly diff: RevisionDiff } } = {},
): InstructionCard[] {
  const bomRevision = (material: string) => def.bom.find((b) => b.material === material)?.revision ?? '';
  return def.routing.map((op) => {
    const what = o.change ? whatChanged(o.change.diff, op.seq, op.components.map((c) => c.material), bomRevision) : [];
    return {
      product: def.product,
      revision: def.revision,
      operation: op.seq,
      name: op.name,
      workCenter: op.workCenter,
      standardCycleSeconds: op.standardCycleSeconds,
      instruction: op.instruction,
      components: op.components.map((c) => {
        const revision = bomRevision(c.material);
        return { material: c.material, revision, quantity: c.quantity, description: o.describe?.(c.material, revision) ?? '' };
      }),
      checks: op.measurements.map((m) => ({ name: m.name, unit: m.unit, low: m.low, high: m.high })),
      onFail: op.measurements.length === 0 ? 'no checks here' : op.onFail === 'rework' ? `out of limits: back to operation ${op.reworkTo ?? op.seq} for rework` : 'out of limits: the unit is scrapped',
      changed: o.change && what.length > 0 ? { change: o.change.number, from: o.change.diff.from, what } : null,
    };
  });
}
