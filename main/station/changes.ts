import {
  ErrorCode,
  orderDecider,
  productDecider,
  streams,
  changeDecider,
  changeStream,
  fail,
  ok,
  type ChangeView,
  type CommandContext,
  type Configuration,
  type EngineeringChange,
  type Impact,
  type ImpactView,
  dispositionRefusal,
  touchedOperations,
  unitOutcome,
  unitRouting,
  type ChangeDispositionView,
  type Disposition,
  type InstructionCard,
  type DispositionChoice,
  type ProductDefinition,
  type Result,
  type UnitOperation,
} from '../../core';
import type { EventStore, Tx } from '../store';
import { configuredChange, impactView, openWork, type PlanWith } from './change-impact';
import { instructionCardsOf } from './instruction-cards';
import { applyToUnit, chosenDispositions, planUnits, type Choice } from './change-propagation';
import { countsOf } from './command-base';
import { exec, must, submitWhole, type Decided } from './exec';
import { orderRow, productDefinition, undefinedMaterials } from './facts';
import type { LineRef } from './line-setup';

interface ChangeRow {
  number: string;
  product: string;
  from_revision: string;
  to_revision: string;
  status: ChangeView['status'];
  reason: string;
  effectivity: string;
  definition: string;
  diff: string;
  submitted_at: string;
  submitted_by: string;
  updated_at: string;
}

const viewOf = (r: ChangeRow): ChangeView => ({
  number: r.number,
  product: r.product,
  fromRevision: r.from_revision,
  toRevision: r.to_revision,
  status: r.status,
  reason: r.reason,
  effectivity: JSON.parse(r.effectivity) as ChangeView['effectivity'],
  definition: JSON.parse(r.definition) as ProductDefinition,
  diff: JSON.parse(r.diff) as ChangeView['diff'],
  submittedAt: r.submitted_at,
  submittedBy: r.submitted_by,
  updatedAt: r.updated_at,
});

/**
 * Engineering changes coming in (REST, the drop folder, B2MML definitions): the facts gathered from the record in the
 * same transaction, the change decider judges, and a change is submitted whole with its difference or refused whole,
 * saying why; then its impact, and its approval, rejection or deferral.
 */
export class Changes {
  constructor(
    private readonly store: EventStore,
    private readonly line: LineRef,
    private readonly plan: PlanWith | null = null,
  ) {}

  submit(change: EngineeringChange, ctx: CommandContext): Promise<Result<ChangeView>> {
    return this.store.submit((tx) => this.submitIn(tx, change, ctx)).then((r) => this.answer(r, change.number));
  }

  /** One change judged against the record as this transaction sees it. */
  private submitIn(tx: Tx, change: EngineeringChange, ctx: CommandContext): Decided {
    const d = change.definition;
    const base = this.baseOf(tx, d.product, change.replaces);
    const pending = tx.db
      .prepare("SELECT number FROM changes WHERE product = ? AND status = 'pending' AND number <> ? ORDER BY submitted_at LIMIT 1")
      .pluck()
      .get(d.product, change.number) as string | undefined;
    const e = change.effectivity;
    const target =
      e.kind === 'from-order'
        ? (tx.db.prepare('SELECT product FROM orders WHERE number = ?').get(e.order) as { product: string } | undefined)
        : e.kind === 'from-serial'
          ? (tx.db.prepare('SELECT product FROM units WHERE serial = ?').get(e.serial) as { product: string } | undefined)
          : undefined;
    return exec(
      tx,
      changeStream(change.number),
      changeDecider,
      {
        type: 'SubmitChange',
        change,
        base,
        revisionExists: productDefinition(tx.db, d.product, d.revision) !== null,
        ...(this.line.workCenters ? { workCenters: this.line.workCenters } : {}),
        undefinedMaterials: undefinedMaterials(tx.db, d),
        pendingForProduct: pending ?? null,
        effectivityTarget: target ?? null,
        configurations: (
          tx.db
            .prepare("SELECT number, options FROM orders WHERE product = ? AND options IS NOT NULL AND status NOT IN ('completed', 'cancelled') GROUP BY options")
            .all(d.product) as { number: string; options: string }[]
        ).map((r) => ({ order: r.number, options: JSON.parse(r.options) as Configuration })),
      },
      ctx,
    );
  }

  /**
   * Product revisions that came as B2MML definitions: a new revision of a product here becomes an engineering change
   * (its impact and approval follow); the products new here are returned, for the caller to define as master data.
   */
  fromDefinitions(products: readonly ProductDefinition[], kind: string, ctx: CommandContext): Promise<Result<{ changes: string[]; fresh: ProductDefinition[] }>> {
    const here = new Set(this.store.db.prepare('SELECT DISTINCT product FROM products').pluck().all() as string[]);
    // Every change of the message in one transaction: one refused, none is submitted.
    return submitWhole(this.store, (tx) => {
      const changes: string[] = [];
      for (const p of products.filter((x) => here.has(x.product))) {
        const description = p.description ? `: ${p.description}` : '';
        const number = `B2MML-${p.product}-${p.revision}`;
        must(this.submitIn(tx, { number, reason: `B2MML ${kind} ${p.product} version ${p.revision}${description}`, definition: p, effectivity: { kind: 'all-open' } }, ctx));
        changes.push(number);
      }
      return ok({ changes, fresh: products.filter((x) => !here.has(x.product)) });
    });
  }

  /**
   * Approve (signed, before this is called) and apply in one transaction: the new revision defined, the change
   * approved, each open order reached moved to it (those with units started keep them: the units follow one by one),
   * and each unit in work reached given its disposition (chosen before approval where still open to it, else
   * continue, finish as started, or held for a decision).
   */
  approve(number: string, ctx: CommandContext): Promise<Result<ChangeView>> {
    return submitWhole(this.store, (tx) => {
      const change = this.get(number);
      if (!change) return fail(ErrorCode.notFound, `There is no change ${number}.`);
      // The work only: the plan's time and material are for people deciding, not for applying.
      const impact = this.onWork(change);
      const { plan, counts } = planUnits(impact.units, chosenDispositions(tx.db, number));
      const ordersToMove = impact.orders.filter((o) => o.outcome === 'move-to-new-revision').map((o) => o.number);
      const ordersContinuing = impact.orders.filter((o) => o.outcome === 'remaining-units-on-new-revision').map((o) => o.number);
      const approved = must(exec(tx, changeStream(number), changeDecider, { type: 'ApproveChange', ordersToMove, ordersContinuing, units: counts }, ctx));
      if (approved.length === 0) return ok([]);
      const d = change.definition;
      must(
        exec(
          tx,
          streams.product(d.product, d.revision),
          productDecider,
          { type: 'DefineProduct', definition: d, ...(this.line.workCenters ? { workCenters: this.line.workCenters } : {}), undefinedMaterials: undefinedMaterials(tx.db, d), usedBy: [] },
          ctx,
        ),
      );
      for (const order of [...ordersToMove, ...ordersContinuing]) {
        const counts = countsOf(orderRow(tx.db, order));
        must(exec(tx, streams.order(order), orderDecider, { type: 'ChangeRevision', to: d.revision, change: number, counts }, ctx));
      }
      // Each unit onto the new revision as its configuration has it (one routing per configuration).
      const base = productDefinition(tx.db, change.product, change.fromRevision);
      const optionsOf = tx.db.prepare('SELECT options FROM units WHERE serial = ?').pluck();
      const routings = new Map<string | null, UnitOperation[]>();
      const routingOf = (options: string | null) => {
        let r = routings.get(options);
        if (!r) {
          const c = configuredChange(change, base, options);
          routings.set(options, (r = unitRouting(c.after, { number, diff: c.diff })));
        }
        return r;
      };
      for (const unit of plan) applyToUnit(tx, this.line.id ?? '', change, routingOf((optionsOf.get(unit.serial) as string | null | undefined) ?? null), unit, ctx);
      return ok(approved);
    }).then((r) => this.answer(r, number));
  }

  /** Dispositions chosen for units before approval; each must be open to the unit where it stands now. */
  chooseDispositions(number: string, choices: readonly DispositionChoice[], ctx: CommandContext): Promise<Result<ChangeView>> {
    return this.store
      .submit((tx) => {
        const change = this.get(number);
        const outcomes = new Map(change && change.status === 'pending' ? this.onWork(change).units.map((u) => [u.serial, u.outcome]) : []);
        return exec(tx, changeStream(number), changeDecider, { type: 'ChooseDispositions', choices, outcomes }, ctx);
      })
      .then((r) => this.answer(r, number));
  }

  /**
   * A unit held under an approved change, decided: reworked, accepted with a deviation, or scrapped, judged from where
   * it stands (it has not moved since it was held).
   */
  dispose(serial: string, choice: Choice, ctx: CommandContext): Promise<Result<{ serial: string; change: string; disposition: Disposition }>> {
    return submitWhole(this.store, (tx) => {
      const unit = tx.db.prepare("SELECT held_for, position, status, options FROM units WHERE serial = ? AND status IN ('queued', 'in_operation')").get(serial) as
        | { held_for: string | null; position: number; status: 'queued' | 'in_operation'; options: string | null }
        | undefined;
      if (!unit?.held_for) return fail(ErrorCode.conflict, `Unit ${serial} is not held for a disposition.`);
      const change = this.get(unit.held_for);
      const base = change && productDefinition(tx.db, change.product, change.fromRevision);
      if (!change || !base) return fail(ErrorCode.notFound, `Change ${unit.held_for}, which holds ${serial}, cannot be read.`);
      // Judged from where it stands (it has not moved since it was held), as its configuration is built.
      const c = configuredChange(change, base, unit.options);
      const routing = c.before?.routing ?? base.routing;
      const outcome = unitOutcome({ serial, order: '', status: unit.status, position: unit.position, operations: routing.map((o) => o.seq) }, touchedOperations(c.diff, routing));
      const refusal = dispositionRefusal(change.number, serial, outcome, choice, true);
      if (refusal) return fail(ErrorCode.validation, refusal);
      applyToUnit(tx, this.line.id ?? '', change, unitRouting(c.after, { number: change.number, diff: c.diff }), { serial, outcome, ...choice }, ctx);
      return ok({ serial, change: change.number, disposition: choice.disposition });
    });
  }

  /** The dispositions of a change's units: chosen before approval, and what applying gave each. */
  dispositions(number: string): ChangeDispositionView[] {
    const rows = this.store.db
      .prepare('SELECT serial, disposition, reason, chosen_by, chosen_at, applied, applied_at FROM change_dispositions WHERE change = ? ORDER BY serial')
      .all(number) as { serial: string; disposition: Disposition | null; reason: string | null; chosen_by: string | null; chosen_at: string | null; applied: Disposition | null; applied_at: string | null }[];
    return rows.map((r) => ({ serial: r.serial, chosen: r.disposition, reason: r.reason, chosenBy: r.chosen_by, chosenAt: r.chosen_at, applied: r.applied, appliedAt: r.applied_at }));
  }

  /** Reject or defer: recorded with the reason; nothing of the change is applied. */
  decline(number: string, how: 'reject' | 'defer', reason: string, ctx: CommandContext): Promise<Result<ChangeView>> {
    return this.store
      .submit((tx) => exec(tx, changeStream(number), changeDecider, how === 'reject' ? { type: 'RejectChange', reason } : { type: 'DeferChange', reason }, ctx))
      .then((r) => this.answer(r, number));
  }

  /** A change command's answer: the change as it stands now. */
  private answer(r: Result<unknown>, number: string): Result<ChangeView> {
    if (!r.ok) return r;
    const view = this.get(number);
    return view ? ok(view) : fail(ErrorCode.internal, `Change ${number} was recorded but cannot be read back.`);
  }

  /** Each material's latest revision (B2MML names materials without one). */
  materialRevisions(): Record<string, string> {
    const rows = this.store.db.prepare('SELECT id, revision FROM materials ORDER BY id, defined_at, rowid').raw(true).all() as [string, string][];
    return Object.fromEntries(rows);
  }

  /** The revision a change replaces: the one it names, else the product's latest (by when it was defined). */
  private baseOf(tx: Tx, product: string, replaces: string | undefined): ProductDefinition | null {
    if (replaces) return productDefinition(tx.db, product, replaces);
    const latest = tx.db.prepare('SELECT revision FROM products WHERE product = ? ORDER BY defined_at DESC, rowid DESC LIMIT 1').pluck().get(product) as string | undefined;
    return latest ? productDefinition(tx.db, product, latest) : null;
  }

  /**
   * What the change means for the open work, from the record (the impact rules of core/changes/impact), and for the
   * line's plan (time and material).
   */
  impact(number: string): ImpactView | null {
    const change = this.get(number);
    return change ? impactView(this.store.db, change, this.plan) : null;
  }

  /** The open orders and units in progress of the product on the replaced revision, each with its outcome. */
  private onWork(change: ChangeView): Impact {
    return openWork(this.store.db, change);
  }

  /** A product revision's instruction cards, generated from the model, with what its change altered marked. */
  instructionCards(product: string, revision: string): InstructionCard[] | null {
    return instructionCardsOf(this.store.db, product, revision);
  }

  get(number: string): ChangeView | null {
    const row = this.store.db.prepare('SELECT * FROM changes WHERE number = ?').get(number) as ChangeRow | undefined;
    return row ? viewOf(row) : null;
  }

  list(status?: ChangeView['status']): ChangeView[] {
    const rows = (
      status
        ? this.store.db.prepare('SELECT * FROM changes WHERE status = ? ORDER BY submitted_at DESC').all(status)
        : this.store.db.prepare('SELECT * FROM changes ORDER BY submitted_at DESC').all()
    ) as ChangeRow[];
    return rows.map(viewOf);
  }
}
