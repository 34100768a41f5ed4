import { z } from 'zod';
import { productDecider } from '../master-data/product';
import { ProductDefinition } from '../material/model';
import { accept, refuse, type Decider, type Decision } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import { diffRevisions, type RevisionDiff } from './diff';

/** Which work a change reaches: all open work, from an order or a serial number on, from a date, or new orders only. */
export const Effectivity = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all-open') }),
  z.object({ kind: z.literal('from-order'), order: z.string().min(1).max(40) }),
  z.object({ kind: z.literal('from-serial'), serial: z.string().min(1).max(80) }),
  z.object({ kind: z.literal('from-date'), date: z.iso.date() }),
  z.object({ kind: z.literal('new-orders') }),
]);
export type Effectivity = z.infer<typeof Effectivity>;

/** An engineering change as engineering (PLM) releases it: the new revision whole, why, and what it reaches. */
export const EngineeringChange = z.object({
  number: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'A change number is letters, digits and . _ / -'),
  reason: z.string().trim().min(1, 'Say why the product changes.').max(2000),
  /** The new revision, complete: BOM, routing, instructions, checks. */
  definition: ProductDefinition,
  /** The revision it replaces (default: the product's latest). */
  replaces: z.string().min(1).max(16).optional(),
  effectivity: Effectivity.default({ kind: 'all-open' }),
});
export type EngineeringChange = z.infer<typeof EngineeringChange>;
export type EngineeringChangeInput = z.input<typeof EngineeringChange>;

export type ChangeStatus = 'pending' | 'approved' | 'rejected' | 'deferred';

export type ChangeEvent =
  | { readonly type: 'ChangeSubmitted'; readonly data: { readonly change: EngineeringChange; readonly replaces: string; readonly diff: RevisionDiff } }
  /** Approved (signed) and applied: the new revision defined, the orders not started moved to it. */
  | { readonly type: 'ChangeApproved'; readonly data: { readonly number: string; readonly product: string; readonly revision: string; readonly ordersMoved: readonly string[] } }
  /** Rejected or deferred: nothing of it is applied. */
  | { readonly type: 'ChangeRejected'; readonly data: { readonly number: string; readonly reason: string } }
  | { readonly type: 'ChangeDeferred'; readonly data: { readonly number: string; readonly reason: string } };

export interface ChangeState {
  readonly change: EngineeringChange | null;
  readonly status: ChangeStatus | null;
}

/** What the station knows that the change is judged against. */
export interface SubmitChange {
  readonly type: 'SubmitChange';
  readonly change: EngineeringChange;
  /** The revision it replaces, as recorded (null: the product has none). */
  readonly base: ProductDefinition | null;
  /** The new revision is already defined (a change always makes a new revision). */
  readonly revisionExists: boolean;
  readonly workCenters?: readonly string[];
  readonly undefinedMaterials: readonly string[];
  /** Another change of the same product still waiting for approval. */
  readonly pendingForProduct: string | null;
  /** The order or unit the effectivity names: what it is of (null: it does not exist). */
  readonly effectivityTarget: { readonly product: string } | null;
}
export type ChangeCommand =
  | SubmitChange
  /**
   * Approve and apply. `unitsAffected`: units in progress that the change reaches (their propagation is not built yet,
   * so such a change cannot be approved); `ordersToMove`: the open orders not started, moved to the new revision.
   */
  | { readonly type: 'ApproveChange'; readonly unitsAffected: number; readonly ordersPartlyBuilt: number; readonly ordersToMove: readonly string[] }
  | { readonly type: 'RejectChange'; readonly reason: string }
  | { readonly type: 'DeferChange'; readonly reason: string };

const STREAM_PREFIX = 'change:';
export const changeStream = (number: string) => `${STREAM_PREFIX}${number}`;

/**
 * An engineering change: refused whole, saying what and where, when it names an unknown material or work center, a
 * routing that does not hold together, an order or serial that does not exist, a revision that exists already, or a
 * product with another change still waiting; otherwise submitted with its structured difference, pending approval.
 */
export const changeDecider: Decider<ChangeState, ChangeCommand, ChangeEvent> = {
  initialState: () => ({ change: null, status: null }),
  decide(c, state, ctx) {
    if (c.type !== 'SubmitChange') return decideOnPending(c, state);
    const d = c.change.definition;
    const name = `${c.change.number} (${d.product} rev ${d.revision})`;
    if (state.change) {
      if (JSON.stringify(state.change) === JSON.stringify(c.change)) return accept();
      return refuse(ErrorCode.duplicate, `Change ${c.change.number} exists already with other content: a change is released once; give the next one its own number.`);
    }
    if (c.pendingForProduct) {
      return refuse(
        ErrorCode.conflict,
        `Change ${c.pendingForProduct} of ${d.product} is still waiting for approval: approve, reject or defer it before ${c.change.number} goes on top of it. Nothing of ${c.change.number} was applied.`,
        { pending: c.pendingForProduct },
      );
    }
    if (!c.base) {
      const which = c.change.replaces ? `revision ${c.change.replaces}` : 'revision';
      return refuse(ErrorCode.notFound, `${d.product} has no ${which} on this station to change: define the product first (master data). Nothing of ${name} was applied.`);
    }
    if (c.revisionExists || d.revision === c.base.revision) {
      return refuse(ErrorCode.conflict, `${d.product} rev ${d.revision} exists already: a change always makes a new revision. Give ${c.change.number} a revision of its own.`);
    }
    if (d.tracking !== c.base.tracking) {
      return refuse(ErrorCode.validation, `${name} tracks by ${d.tracking}, rev ${c.base.revision} by ${c.base.tracking}: a change keeps how the product is tracked.`);
    }
    // The new revision must hold together as a product definition does: the same rules, the same words.
    const defined = productDecider.decide(
      { type: 'DefineProduct', definition: d, ...(c.workCenters ? { workCenters: c.workCenters } : {}), undefinedMaterials: c.undefinedMaterials, usedBy: [] },
      { definition: null },
      ctx,
    );
    if (!defined.ok) return refuse(defined.error.code, `${defined.error.message} Nothing of ${name} was applied.`, defined.error.details);
    const e = c.change.effectivity;
    if (e.kind === 'from-order' || e.kind === 'from-serial') {
      const what = e.kind === 'from-order' ? `order ${e.order}` : `serial ${e.serial}`;
      if (!c.effectivityTarget) return refuse(ErrorCode.notFound, `The effectivity names ${what}, which does not exist here. Nothing of ${name} was applied.`);
      if (c.effectivityTarget.product !== d.product) {
        return refuse(ErrorCode.validation, `The effectivity names ${what}, which is ${c.effectivityTarget.product}, not ${d.product}. Nothing of ${name} was applied.`);
      }
    }
    const diff = diffRevisions(c.base, d);
    if (diff.same) return refuse(ErrorCode.validation, `${name} builds the product exactly as rev ${c.base.revision} does: there is nothing to change.`);
    return accept({ type: 'ChangeSubmitted', data: { change: c.change, replaces: c.base.revision, diff } });
  },
  evolve(state, e) {
    switch (e.type) {
      case 'ChangeSubmitted':
        return { change: e.data.change, status: 'pending' };
      case 'ChangeApproved':
        return { ...state, status: 'approved' };
      case 'ChangeRejected':
        return { ...state, status: 'rejected' };
      case 'ChangeDeferred':
        return { ...state, status: 'deferred' };
    }
  },
};

/** Approve, reject or defer: only a pending change; rejecting or deferring changes nothing else. */
function decideOnPending(c: Exclude<ChangeCommand, SubmitChange>, state: ChangeState): Decision<ChangeEvent> {
  if (!state.change) return refuse(ErrorCode.notFound, 'There is no such change.');
  const number = state.change.number;
  if (state.status !== 'pending') return refuse(ErrorCode.invalidTransition, `Change ${number} is ${state.status}; only a pending change can be approved, rejected or deferred.`);
  switch (c.type) {
    case 'ApproveChange':
      if (c.unitsAffected > 0 || c.ordersPartlyBuilt > 0) {
        return refuse(
          ErrorCode.conflict,
          `Change ${number} reaches ${c.unitsAffected} unit(s) in progress and ${c.ordersPartlyBuilt} order(s) partly built; the station does not yet carry a change into work under way. Let it finish, or defer the change. Nothing was applied.`,
          { unitsAffected: c.unitsAffected, ordersPartlyBuilt: c.ordersPartlyBuilt },
        );
      }
      return accept({ type: 'ChangeApproved', data: { number, product: state.change.definition.product, revision: state.change.definition.revision, ordersMoved: [...c.ordersToMove] } });
    case 'RejectChange':
      return accept({ type: 'ChangeRejected', data: { number, reason: c.reason } });
    case 'DeferChange':
      return accept({ type: 'ChangeDeferred', data: { number, reason: c.reason } });
  }
}
