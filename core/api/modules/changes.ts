import { z } from 'zod';
import { DispositionChoice, Effectivity, EngineeringChange } from '../../changes/change';
import { ProductDefinition } from '../../material/model';
import { op } from '../operation';
import { isoDateTime } from '../schemas';

// Engineering changes: a new product revision released by engineering, its difference from the one it replaces,
// its impact on open work, the units' dispositions, approval and propagation.

const item = <T extends z.ZodType>(t: T) => z.object({ key: z.string(), kind: z.enum(['added', 'removed', 'changed']), before: t.nullable(), after: t.nullable() });

export const RevisionDiffView = z.object({
  product: z.string(),
  from: z.string(),
  to: z.string(),
  bom: z.array(
    z.object({
      material: z.string(),
      kind: z.enum(['added', 'removed', 'changed']),
      before: z.object({ material: z.string(), revision: z.string(), quantity: z.number() }).nullable(),
      after: z.object({ material: z.string(), revision: z.string(), quantity: z.number() }).nullable(),
      fields: z.array(z.enum(['revision', 'quantity'])),
    }),
  ),
  operations: z.array(
    z.object({
      operation: z.string(),
      kind: z.enum(['added', 'removed', 'changed']),
      before: z.unknown(),
      after: z.unknown(),
      fields: z.array(z.enum(['sequence', 'workCenter', 'standardTime', 'components', 'measurements', 'instruction', 'onFail', 'name'])),
      components: z.array(item(z.object({ material: z.string(), quantity: z.number() }))),
      measurements: z.array(item(z.object({ name: z.string(), unit: z.string(), low: z.number(), high: z.number() }))),
    }),
  ),
  options: z.array(z.object({ name: z.string(), kind: z.enum(['added', 'removed', 'changed']) })).optional(),
  same: z.boolean(),
});

export const ChangeView = z.object({
  number: z.string(),
  product: z.string(),
  fromRevision: z.string(),
  toRevision: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'deferred']),
  reason: z.string(),
  effectivity: Effectivity,
  definition: ProductDefinition,
  diff: RevisionDiffView,
  submittedAt: isoDateTime,
  submittedBy: z.string(),
  updatedAt: isoDateTime,
});
export type ChangeView = z.infer<typeof ChangeView>;

const UnitOutcomeView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('continue-on-new'), changedAhead: z.array(z.number().int()) }),
  z.object({
    kind: z.literal('needs-disposition'),
    changedDone: z.array(z.number().int()),
    proposal: z.literal('rework'),
    reworkFrom: z.number().int(),
    options: z.array(z.enum(['rework', 'accept-with-deviation', 'scrap'])),
  }),
  z.object({ kind: z.literal('at-changed-operation'), operation: z.number().int(), options: z.array(z.enum(['finish-as-started', 'restart-on-new'])) }),
  z.object({ kind: z.literal('unaffected') }),
  z.object({ kind: z.literal('outside-effectivity') }),
]);
const DISPOSITIONS = ['continue', 'rework', 'accept-with-deviation', 'scrap', 'finish-as-started', 'restart-on-new', 'hold'] as const;
const Disposition = z.enum(DISPOSITIONS);

/** A unit's disposition under a change: chosen before approval (null: none chosen), and what applying gave it. */
export const ChangeDispositionView = z.object({
  serial: z.string(),
  chosen: Disposition.nullable(),
  reason: z.string().nullable(),
  chosenBy: z.string().nullable(),
  chosenAt: isoDateTime.nullable(),
  applied: Disposition.nullable(),
  appliedAt: isoDateTime.nullable(),
});
export type ChangeDispositionView = z.infer<typeof ChangeDispositionView>;

export const InstructionCardView = z.object({
  product: z.string(),
  revision: z.string(),
  operation: z.number().int(),
  name: z.string(),
  workCenter: z.string(),
  standardCycleSeconds: z.number(),
  instruction: z.string(),
  components: z.array(z.object({ material: z.string(), revision: z.string(), quantity: z.number(), description: z.string() })),
  checks: z.array(z.object({ name: z.string(), unit: z.string(), low: z.number(), high: z.number() })),
  onFail: z.string(),
  changed: z.object({ change: z.string(), from: z.string(), what: z.array(z.string()) }).nullable(),
});
export type InstructionCardView = z.infer<typeof InstructionCardView>;

const ORDER_OUTCOMES = ['move-to-new-revision', 'remaining-units-on-new-revision', 'units-only', 'outside-effectivity'] as const;

/** What a change means for the open work, before anyone approves it: every order and unit with its outcome, and the counts. */
export const ImpactView = z.object({
  change: z.string(),
  orders: z.array(
    z.object({
      number: z.string(),
      status: z.string(),
      dueDate: z.string(),
      receivedAt: z.string(),
      quantity: z.number(),
      unitsStarted: z.number().int(),
      outcome: z.enum(ORDER_OUTCOMES),
    }),
  ),
  units: z.array(
    z.object({
      serial: z.string(),
      order: z.string(),
      status: z.enum(['queued', 'in_operation']),
      position: z.number().int(),
      operations: z.array(z.number().int()),
      outcome: UnitOutcomeView,
      /** The dispositions open to it (the first applies when nobody chooses), and the one chosen. */
      options: z.array(Disposition),
      chosen: z.object({ disposition: Disposition, reason: z.string().nullable() }).nullable(),
    }),
  ),
  summary: z.object({
    orders: z.record(z.enum(ORDER_OUTCOMES), z.number().int()),
    units: z.record(z.enum(['continue-on-new', 'needs-disposition', 'at-changed-operation', 'unaffected', 'outside-effectivity']), z.number().int()),
  }),
  /** Time: the dispatched orders whose ETA moves (the changed orders with their new standard times, and those behind them). */
  time: z.object({
    orders: z.array(
      z.object({
        number: z.string(),
        etaBefore: isoDateTime.nullable(),
        etaAfter: isoDateTime.nullable(),
        deltaSeconds: z.number(),
        lateBefore: z.boolean(),
        lateAfter: z.boolean(),
      }),
    ),
    /** Orders on time now that would be late. */
    becomeLate: z.array(z.string()),
  }),
  /** Material: orders that would run short of what the new revision needs (after the orders ahead), and stock of what it no longer uses. */
  material: z.object({
    short: z.array(z.object({ order: z.string(), text: z.string(), /** When it starts on the plan, and so runs short (null: held). */ at: isoDateTime.nullable() })),
    unused: z.array(z.object({ material: z.string(), revision: z.string(), onHand: z.number() })),
  }),
  /** How long working it out took (ms). */
  ms: z.number(),
});
export type ImpactView = z.infer<typeof ImpactView>;

/** A change's body: the new revision is at most as large as master data takes. */
const CHANGE_MAX_BYTES = 4 << 20;

export const changesApi = {
  submitChange: op({
    method: 'POST',
    path: '/changes',
    summary: 'Release an engineering change: a new product revision, why, and its effectivity; refused whole if any of it does not hold',
    input: EngineeringChange,
    output: ChangeView,
    permission: 'master.define',
    body: { maxBytes: CHANGE_MAX_BYTES },
  }),
  listChanges: op({
    method: 'GET',
    path: '/changes',
    summary: 'Engineering changes, newest first, with their difference and status',
    input: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'deferred']).optional() }),
    output: z.array(ChangeView),
    permission: 'view',
  }),
  getChange: op({
    method: 'GET',
    path: '/changes/{number}',
    summary: 'One engineering change: the new revision and its structured difference from the one it replaces',
    input: z.object({ number: z.string().min(1).max(40) }),
    output: ChangeView,
    permission: 'view',
  }),
  approveChange: op({
    method: 'POST',
    path: '/changes/{number}/approve',
    summary:
      'Approve an engineering change (signed; two-person by default) and apply it in one transaction: the new revision defined, the open orders moved to it, each unit in work given its disposition',
    input: z.object({ number: z.string().min(1).max(40) }),
    output: ChangeView,
    permission: 'master.define',
    signature: () => 'change.approve',
  }),
  rejectChange: op({
    method: 'POST',
    path: '/changes/{number}/reject',
    summary: 'Reject an engineering change, with the reason: nothing of it is applied',
    input: z.object({ number: z.string().min(1).max(40), reason: z.string().trim().min(1, 'Say why.').max(2000) }),
    output: ChangeView,
    permission: 'master.define',
  }),
  deferChange: op({
    method: 'POST',
    path: '/changes/{number}/defer',
    summary: 'Defer an engineering change, with the reason: nothing of it is applied',
    input: z.object({ number: z.string().min(1).max(40), reason: z.string().trim().min(1, 'Say why.').max(2000) }),
    output: ChangeView,
    permission: 'master.define',
  }),
  chooseDispositions: op({
    method: 'POST',
    path: '/changes/{number}/dispositions',
    summary: "Choose the dispositions of a pending change's units before approval (rework, accept with a deviation, scrap, hold; finish as started or restart); each open to the unit where it stands",
    input: z.object({ number: z.string().min(1).max(40), choices: z.array(DispositionChoice).min(1).max(10_000) }),
    output: ChangeView,
    permission: 'units.disposition',
  }),
  changeDispositions: op({
    method: 'GET',
    path: '/changes/{number}/dispositions',
    summary: "A change's units: the disposition chosen for each before approval, and what applying gave each",
    input: z.object({ number: z.string().min(1).max(40) }),
    output: z.array(ChangeDispositionView),
    permission: 'view',
  }),
  disposeUnit: op({
    method: 'POST',
    path: '/units/{serial}/disposition',
    summary: 'Decide a unit held under an approved change: rework under the new revision, accept as it is with a deviation, or scrap (signed as a scrap)',
    input: z.object({
      serial: z.string().min(1).max(80),
      disposition: z.enum(['rework', 'accept-with-deviation', 'scrap']),
      reason: z.string().trim().max(500).optional(),
    }),
    output: z.object({ serial: z.string(), change: z.string(), disposition: Disposition }),
    permission: 'units.disposition',
    signature: (i) => (i.disposition === 'scrap' ? 'unit.scrap' : null),
  }),
  instructionCards: op({
    method: 'GET',
    path: '/products/{product}/revisions/{revision}/instructions',
    summary:
      "A product revision's work instruction cards, generated from the model (operation, components with part and revision, checks with limits, the engineer's text), each with what the change that made the revision altered there",
    input: z.object({ product: z.string().min(1).max(64), revision: z.string().min(1).max(16) }),
    output: z.array(InstructionCardView),
    permission: 'view',
  }),
  changeImpact: op({
    method: 'GET',
    path: '/changes/{number}/impact',
    summary: "A change's impact on every open order and unit in progress of the product, each with its outcome, and the counts",
    input: z.object({ number: z.string().min(1).max(40) }),
    output: ImpactView,
    permission: 'view',
  }),
} as const;
