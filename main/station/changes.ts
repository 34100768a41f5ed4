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
  type EngineeringChange,
  type Impact,
  type ImpactView,
  type RevisionDiff,
  impactOf,
  type ProductDefinition,
  type Result,
} from '../../core';
import type { EventStore, Tx } from '../store';
import { exec, must, submitWhole } from './exec';
import { productDefinition, undefinedMaterials } from './facts';
import type { LineRef } from './line-setup';
import type { Planned, Revised } from './line-schedule';

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

/** The line's plan now and with some orders built to another revision (the dispatch list's ETAs and hints). */
export type PlanWith = (revised: Revised) => { before: ReadonlyMap<string, Planned>; after: ReadonlyMap<string, Planned> };

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
    return this.store
      .submit((tx) => {
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
          },
          ctx,
        );
      })
      .then((r) => this.answer(r, change.number));
  }

  /**
   * Product revisions that came as B2MML definitions: a new revision of a product here becomes an engineering change
   * (its impact and approval follow); the products new here are returned, for the caller to define as master data.
   */
  async fromDefinitions(products: readonly ProductDefinition[], kind: string, ctx: CommandContext): Promise<Result<{ changes: string[]; fresh: ProductDefinition[] }>> {
    const here = new Set(this.store.db.prepare('SELECT DISTINCT product FROM products').pluck().all() as string[]);
    const changes: string[] = [];
    for (const p of products.filter((x) => here.has(x.product))) {
      const description = p.description ? `: ${p.description}` : '';
      const r = await this.submit(
        { number: `B2MML-${p.product}-${p.revision}`, reason: `B2MML ${kind} ${p.product} version ${p.revision}${description}`, definition: p, effectivity: { kind: 'all-open' } },
        ctx,
      );
      if (!r.ok) return r;
      changes.push(r.value.number);
    }
    return ok({ changes, fresh: products.filter((x) => !here.has(x.product)) });
  }

  /**
   * Approve (signed, before this is called) and apply in one transaction: the new revision defined, the change
   * approved, each open order not started moved to the new revision. Refused whole while the change reaches work
   * under way (units in progress, orders partly built): carrying a change into them is not built yet.
   */
  approve(number: string, ctx: CommandContext): Promise<Result<ChangeView>> {
    return submitWhole(this.store, (tx) => {
      const change = this.get(number);
      if (!change) return fail(ErrorCode.notFound, `There is no change ${number}.`);
      // The work only: the plan's time and material are for people deciding, not for applying.
      const impact = this.onWork(change);
      const unitsAffected = impact.units.filter((u) => u.outcome.kind !== 'unaffected' && u.outcome.kind !== 'outside-effectivity').length;
      const ordersPartlyBuilt = impact.orders.filter((o) => o.outcome === 'remaining-units-on-new-revision').length;
      const ordersToMove = impact.orders.filter((o) => o.outcome === 'move-to-new-revision').map((o) => o.number);
      const approved = must(exec(tx, changeStream(number), changeDecider, { type: 'ApproveChange', unitsAffected, ordersPartlyBuilt, ordersToMove }, ctx));
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
      for (const order of ordersToMove) {
        must(exec(tx, streams.order(order), orderDecider, { type: 'ChangeRevision', to: d.revision, change: number, counts: { started: 0, good: 0, scrapped: 0 } }, ctx));
      }
      return ok(approved);
    }).then((r) => this.answer(r, number));
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

  /** The plan with the switched orders on the new revision, against the plan now: ETAs that move, new shortages, stock left unused. */
  private timeAndMaterial(change: ChangeView, switched: ReadonlySet<string>): Pick<ImpactView, 'time' | 'material'> {
    const db = this.store.db;
    const unused = change.diff.bom
      .filter((l) => l.before && (l.kind === 'removed' || l.fields.includes('revision')))
      .map((l) => ({
        material: l.material,
        revision: l.before!.revision,
        onHand: (db.prepare('SELECT on_hand FROM stock WHERE material = ? AND revision = ?').pluck().get(l.material, l.before!.revision) as number | undefined) ?? 0,
      }));
    if (!this.plan || switched.size === 0) return { time: { orders: [], becomeLate: [] }, material: { short: [], unused } };
    const { before, after } = this.plan({ to: change.definition, orders: switched });
    const late = (p: Planned | undefined) => p?.hints.some((h) => h.kind === 'late') ?? false;
    const orders: ImpactView['time']['orders'] = [];
    const short: ImpactView['material']['short'] = [];
    for (const [number, a] of after) {
      const b = before.get(number);
      const delta = a.eta && b?.eta ? (Date.parse(a.eta) - Date.parse(b.eta)) / 1000 : 0;
      if (delta !== 0 || late(a) !== late(b)) {
        orders.push({ number, etaBefore: b?.eta ?? null, etaAfter: a.eta, deltaSeconds: Math.round(delta), lateBefore: late(b), lateAfter: late(a) });
      }
      const had = new Set((b?.hints ?? []).filter((h) => h.kind === 'material').map((h) => h.text));
      for (const h of a.hints) if (h.kind === 'material' && !had.has(h.text)) short.push({ order: number, text: h.text });
    }
    return { time: { orders, becomeLate: orders.filter((o) => o.lateAfter && !o.lateBefore).map((o) => o.number) }, material: { short, unused } };
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

  get(number: string): ChangeView | null {
    const row = this.store.db.prepare('SELECT * FROM changes WHERE number = ?').get(number) as ChangeRow | undefined;
    return row ? viewOf(row) : null;
  }

  /**
   * What the change means for the open work, from the record (the impact rules of core/changes/impact), and for the
   * line's plan (time and material).
   */
  impact(number: string): ImpactView | null {
    const started = performance.now();
    const change = this.get(number);
    if (!change) return null;
    const impact = this.onWork(change);
    const switched = new Set(impact.orders.filter((o) => o.outcome === 'move-to-new-revision' || o.outcome === 'remaining-units-on-new-revision').map((o) => o.number));
    const { time, material } = this.timeAndMaterial(change, switched);
    return { change: number, orders: impact.orders as ImpactView['orders'], units: impact.units as ImpactView['units'], summary: impact.summary, time, material, ms: Math.round((performance.now() - started) * 10) / 10 };
  }

  /** The open orders and units in progress of the product on the replaced revision, each with its outcome. */
  private onWork(change: ChangeView): Impact {
    const db = this.store.db;
    const base = productDefinition(db, change.product, change.fromRevision);
    // A revision used by orders is never edited in place: its units were started on its routing, as it stands.
    const routing = (base?.routing ?? []).map((o) => o.seq);
    const orders = (
      db
        .prepare(
          `SELECT number, status, due_date, received_at, quantity, units_started FROM orders
           WHERE product = ? AND revision = ? AND status NOT IN ('completed', 'cancelled') ORDER BY received_at, number`,
        )
        .all(change.product, change.fromRevision) as { number: string; status: string; due_date: string; received_at: string; quantity: number; units_started: number }[]
    ).map((o) => ({ number: o.number, status: o.status, dueDate: o.due_date, receivedAt: o.received_at, quantity: o.quantity, unitsStarted: o.units_started }));
    const units = (
      db
        .prepare("SELECT serial, order_number, status, position FROM units WHERE product = ? AND revision = ? AND status IN ('queued', 'in_operation') ORDER BY serial")
        .all(change.product, change.fromRevision) as { serial: string; order_number: string; status: 'queued' | 'in_operation'; position: number }[]
    ).map((u) => ({ serial: u.serial, order: u.order_number, status: u.status, position: u.position, operations: routing }));
    const e = change.effectivity;
    const orderReceivedAt = e.kind === 'from-order' ? (db.prepare('SELECT received_at FROM orders WHERE number = ?').pluck().get(e.order) as string | undefined) : undefined;
    return impactOf({
      diff: change.diff as RevisionDiff,
      effectivity: e,
      oldRouting: base?.routing ?? [],
      orders,
      units,
      ...(orderReceivedAt ? { orderReceivedAt } : {}),
    });
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
