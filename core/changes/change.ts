import { z } from 'zod';
import { productDecider } from '../master-data/product';
import { configurationText, configure } from '../material/configuration';
import { ProductDefinition, type Configuration } from '../material/model';
import { accept, refuse, type Decider, type Decision } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import type { Disposition } from '../units/unit';
import { diffRevisions, type RevisionDiff } from './diff';
import type { UnitOutcome } from './impact';
import { dispositionRefusal } from './propagate';

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

/** A disposition chosen for one unit before approval. */
export const DispositionChoice = z.object({
  serial: z.string().min(1).max(80),
  disposition: z.enum(['continue', 'rework', 'accept-with-deviation', 'scrap', 'finish-as-started', 'restart-on-new', 'hold']),
  reason: z.string().trim().max(500).optional(),
});
export type DispositionChoice = z.infer<typeof DispositionChoice>;

/** What applying did to the units it reached, per disposition. */
export type UnitsApplied = Readonly<Partial<Record<Disposition, number>>>;

export type ChangeEvent =
  | { readonly type: 'ChangeSubmitted'; readonly data: { readonly change: EngineeringChange; readonly replaces: string; readonly diff: RevisionDiff } }
  /** Approved (signed) and applied: the new revision defined, the orders not started moved to it. */
  | {
      readonly type: 'ChangeApproved';
      readonly data: {
        readonly number: string;
        readonly product: string;
        readonly revision: string;
        readonly ordersMoved: readonly string[];
        /** Orders with units started: the units they have yet to start are built to the new revision. */
        readonly ordersContinuing?: readonly string[];
        readonly units?: UnitsApplied;
      };
    }
  /** Dispositions chosen for units before approval (they can be changed until then). */
  | { readonly type: 'DispositionsChosen'; readonly data: { readonly number: string; readonly choices: readonly DispositionChoice[] } }
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
  /** The configurations open orders of the product are built to: the new revision must build each. */
  readonly configurations?: readonly { readonly order: string; readonly options: Configuration }[];
}
export type ChangeCommand =
  | SubmitChange
  /**
   * Approve and apply: `ordersToMove`, the open orders not started, move to the new revision; each unit reached gets
   * its disposition (see ChooseDispositions).
   */
  | {
      readonly type: 'ApproveChange';
      readonly ordersToMove: readonly string[];
      readonly ordersContinuing: readonly string[];
      /** What each reached unit gets, as the station will apply it. */
      readonly units: UnitsApplied;
    }
  /** `outcomes`: each unit's outcome now, from the record. */
  | { readonly type: 'ChooseDispositions'; readonly choices: readonly DispositionChoice[]; readonly outcomes: ReadonlyMap<string, UnitOutcome> }
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
    for (const inUse of c.configurations ?? []) {
      const built = configure(d, inUse.options);
      if (!built.ok) {
        return refuse(ErrorCode.validation, `${d.product} rev ${d.revision} cannot build order ${inUse.order} as it is configured (${configurationText(inUse.options)}): ${built.error.message} Nothing of ${c.change.number} was applied.`, {
          order: inUse.order,
        });
      }
    }
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
      case 'DispositionsChosen':
        return state;
    }
  },
};

/** Approve, reject or defer: only a pending change; rejecting or deferring changes nothing else. */
function decideOnPending(c: Exclude<ChangeCommand, SubmitChange>, state: ChangeState): Decision<ChangeEvent> {
  if (!state.change) return refuse(ErrorCode.notFound, 'There is no such change.');
  const number = state.change.number;
  if (state.status !== 'pending') return refuse(ErrorCode.invalidTransition, `Change ${number} is ${state.status}; only a pending change can be approved, rejected or deferred.`);
  switch (c.type) {
    case 'ApproveChange': {
      const d = state.change.definition;
      return accept({
        type: 'ChangeApproved',
        data: {
          number, product: d.product, revision: d.revision, ordersMoved: [...c.ordersToMove],
          ...(c.ordersContinuing.length > 0 ? { ordersContinuing: [...c.ordersContinuing] } : {}),
          ...(Object.keys(c.units).length > 0 ? { units: c.units } : {}),
        },
      });
    }
    case 'ChooseDispositions':
      return chooseDispositions(number, c);
    case 'RejectChange':
      return accept({ type: 'ChangeRejected', data: { number, reason: c.reason } });
    case 'DeferChange':
      return accept({ type: 'ChangeDeferred', data: { number, reason: c.reason } });
  }
}

/** Each choice must name a unit the change reaches, with a disposition open to it from where it stands. */
function chooseDispositions(number: string, c: Extract<ChangeCommand, { type: 'ChooseDispositions' }>): Decision<ChangeEvent> {
  if (c.choices.length === 0) return refuse(ErrorCode.validation, 'Choose a disposition for at least one unit.');
  const seen = new Set<string>();
  for (const choice of c.choices) {
    if (seen.has(choice.serial)) return refuse(ErrorCode.validation, `Unit ${choice.serial} is named twice: one disposition per unit.`);
    seen.add(choice.serial);
    const refusal = dispositionRefusal(number, choice.serial, c.outcomes.get(choice.serial), choice);
    if (refusal) return refuse(ErrorCode.validation, refusal, { serial: choice.serial });
  }
  return accept({ type: 'DispositionsChosen', data: { number, choices: c.choices.map((x) => ({ serial: x.serial, disposition: x.disposition, ...(x.reason ? { reason: x.reason } : {}) })) } });
}
