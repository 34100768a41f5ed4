import {
  ErrorCode,
  fail,
  findEvent,
  materialDecider,
  ok,
  orderDecider,
  productDecider,
  queueDecider,
  sameOrderContent,
  stockDecider,
  streams,
  type CommandContext,
  type Configuration,
  type CreateOrderRequest,
  type MaterialDefinition,
  type OrderActionRequest,
  type ProductDefinition,
  type Result,
} from '../../core';
import { ConcurrencyError, type Tx } from '../store';
import { countsOf, type OrderRow } from './command-base';
import { exec, must, type Decided } from './exec';
import { materialDefined, materialFacts, ordersOnLine, ordersUsing, splitNumbersTaken, undefinedMaterials } from './facts';
import { Plan, type Step } from './plan';
import { UnitCommands } from './unit-commands';

/** How long one part of a long command may hold the station's loop. */
const PART_MS = 4;

/** What a message being taken in knows beyond the record: its own materials and products (null: looked up, absent). */
interface MessageFacts {
  readonly materials: Set<string>;
  readonly products: Map<string, ProductDefinition | null>;
}

/**
 * The station's command side: every state change goes through here and into the event log. Orders, the dispatch
 * list, master data and stock here; units and lots built on the line in UnitCommands; shared steps in CommandBase.
 */
export class Commands extends UnitCommands {
  defineMaterial(definition: MaterialDefinition, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) => exec(tx, streams.material(definition.id, definition.revision), materialDecider, { type: 'DefineMaterial', definition }, ctx));
  }

  defineProduct(definition: ProductDefinition, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) => this.defineProductIn(tx, definition, ctx));
  }

  /** A product revision's BOM and routing, judged by the product decider against the line and the record. */
  private defineProductIn(tx: Tx, definition: ProductDefinition, ctx: CommandContext, step: Step = exec, planned?: MessageFacts): Decided {
    const missing = undefinedMaterials(tx.db, definition).filter((m) => !planned?.materials.has(m));
    return step(
      tx,
      streams.product(definition.product, definition.revision),
      productDecider,
      {
        type: 'DefineProduct',
        definition,
        ...(this.line.workCenters ? { workCenters: this.line.workCenters } : {}),
        undefinedMaterials: missing,
        usedBy: ordersUsing(tx.db, definition.product, definition.revision),
      },
      ctx,
    );
  }

  /**
   * A whole ERP message: every order received, or none. An order already here with the same content is left as it
   * is (the same message sent twice is not duplicated); one with other content refuses the message.
   *
   * Decided whole before anything is written, then appended in parts of a few milliseconds each, so that a message of
   * 10,000 orders never holds the station's loop (the PLC, the mimic, the API) for long. Messages are taken one at a
   * time. Should the station stop between two parts, the message was not answered: ERP sends it again, and the
   * orders already recorded are "unchanged".
   */
  importMessage(
    orders: readonly CreateOrderRequest[],
    materials: readonly MaterialDefinition[],
    ctx: CommandContext,
    products: readonly ProductDefinition[] = [],
  ): Promise<Result<{ received: string[]; unchanged: string[]; materials: number; products: number }>> {
    const run = this.intake.then(() => this.importInParts(orders, materials, ctx, products));
    this.intake = run.catch(() => undefined);
    return run;
  }

  private intake: Promise<unknown> = Promise.resolve();

  private async importInParts(
    orders: readonly CreateOrderRequest[],
    materials: readonly MaterialDefinition[],
    ctx: CommandContext,
    products: readonly ProductDefinition[],
  ): Promise<Result<{ received: string[]; unchanged: string[]; materials: number; products: number }>> {
    const plan = new Plan();
    const facts: MessageFacts = { materials: new Set(), products: new Map() };
    const head = await this.submit((tx) => {
      const part = plan.part();
      const known: MessageFacts = { materials: new Set(), products: new Map() };
      let defined = 0;
      for (const m of materials) {
        const events = must(part.step(tx, streams.material(m.id, m.revision), materialDecider, { type: 'DefineMaterial', definition: m }, ctx));
        if (events.length > 0) defined += 1;
        known.materials.add(`${m.id} rev ${m.revision}`);
      }
      let productsDefined = 0;
      for (const p of products) {
        const events = must(this.defineProductIn(tx, p, ctx, part.step, known));
        if (events.length > 0) productsDefined += 1;
        known.products.set(`${p.product}|${p.revision}`, p);
      }
      return ok({ part, known, defined, productsDefined });
    });
    if (!head.ok) return head;
    plan.adopt(head.value.part);
    for (const m of head.value.known.materials) facts.materials.add(m);
    for (const [k, p] of head.value.known.products) facts.products.set(k, p);

    const received: string[] = [];
    const unchanged: string[] = [];
    for (let next = 0; next < orders.length; ) {
      const from = next;
      const decided = await this.submit((tx) => {
        const part = plan.part();
        const outcome: boolean[] = [];
        const until = performance.now() + PART_MS;
        let i = from;
        do {
          const req = orders[i]!;
          outcome.push(must(this.receiveIn(tx, req, ctx, true, part.step, facts)).length > 0);
          i += 1;
        } while (i < orders.length && performance.now() < until);
        return ok({ part, outcome, next: i });
      });
      if (!decided.ok) return decided;
      plan.adopt(decided.value.part);
      decided.value.outcome.forEach((isNew, k) => (isNew ? received : unchanged).push(orders[from + k]!.number));
      next = decided.value.next;
    }

    while (!plan.done) {
      try {
        plan.committed(await this.store.submit((tx) => plan.appendPart(tx, ctx, PART_MS, () => performance.now())));
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        const told = received.length > 0 ? ' Part of it may be recorded already: send it again, and what is recorded is "unchanged".' : '';
        return fail(ErrorCode.conflict, `The message could not be recorded whole: ${error.message}.${told}`);
      }
    }
    return ok({ received, unchanged, materials: head.value.defined, products: head.value.productsDefined });
  }

  private receiveIn(tx: Tx, req: CreateOrderRequest, ctx: CommandContext, idempotent = false, step: Step = exec, message?: MessageFacts): Decided {
    const def = message ? this.definitionFor(tx, req.product, req.revision, message) : this.definition(tx, req.product, req.revision);
    const product = def
      ? { defined: true as const, tracking: def.tracking, definition: def }
      : {
          defined: false as const,
          known: (tx.db.prepare('SELECT product, revision FROM products ORDER BY 1, 2').all() as { product: string; revision: string }[]).map(
            (p) => `${p.product} rev ${p.revision}`,
          ),
        };
    const header = { ...req, priority: req.priority ?? 5 };
    const decided = step(tx, streams.order(req.number), orderDecider, { type: 'ReceiveOrder', header, product, idempotent }, ctx);
    if (decided.ok || !idempotent || decided.error.details?.['retiredAt'] === undefined) return decided;
    // ERP sends again an order retention took (a schedule resent whole, say): its events left, but its read model
    // keeps what it was. The same content is "unchanged", as for an order still here; other content is refused.
    const row = this.order(tx, req.number);
    if (!row) return decided;
    const was = { ...row, dueDate: row.due_date, options: row.options === null ? undefined : (JSON.parse(row.options) as Configuration) };
    if (sameOrderContent(was, header)) return ok([]);
    const said = ` The message names it with other content (here: ${was.product} rev ${was.revision}, ${was.quantity} units, due ${was.dueDate}); the message was not applied.`;
    return fail(decided.error.code, `${decided.error.message}${said}`, decided.error.details);
  }

  /** A product revision as the message defines it, or as recorded: read once per message. */
  private definitionFor(tx: Tx, product: string, revision: string, message: MessageFacts): ProductDefinition | null {
    const key = `${product}|${revision}`;
    const known = message.products.get(key);
    if (known !== undefined) return known;
    const def = this.definition(tx, product, revision);
    message.products.set(key, def);
    return def;
  }

  receiveOrder(req: CreateOrderRequest, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) => this.receiveIn(tx, req, ctx));
  }

  orderAction(req: OrderActionRequest, ctx: CommandContext): Promise<Decided> {
    const stream = streams.order(req.number);
    const queue = streams.queue(this.lineId);
    return this.submit((tx) => {
      switch (req.action) {
        case 'release':
          return exec(tx, stream, orderDecider, { type: 'ReleaseOrder' }, ctx);
        case 'dispatch': {
          if (!this.line.id) return fail(ErrorCode.conflict, 'No line is set up on this station yet: an engineer sets it up under Line setup, then orders can be dispatched to it.');
          const row = this.order(tx, req.number);
          const material = row ? materialFacts(tx.db, this.lineId, row) : { bom: [], ahead: [] };
          const events = must(exec(tx, stream, orderDecider, { type: 'DispatchOrder', line: this.lineId, material, counts: countsOf(row) }, ctx));
          return ok([...events, ...must(exec(tx, queue, queueDecider, { type: 'Enqueue', line: this.lineId, number: req.number }, ctx))]);
        }
        case 'hold':
          return exec(tx, stream, orderDecider, { type: 'HoldOrder', reason: req.reason ?? '' }, ctx);
        case 'resume':
          return exec(tx, stream, orderDecider, { type: 'ResumeOrder', ...(req.reason ? { reason: req.reason } : {}) }, ctx);
        case 'split': {
          if (req.quantity === undefined) return fail(ErrorCode.validation, 'Say how many units go to the new order: quantity.');
          const parent = this.order(tx, req.number) as (OrderRow & { due_date: string; priority: number }) | undefined;
          if (!parent) return fail(ErrorCode.notFound, `Order ${req.number} does not exist.`);
          const taken = splitNumbersTaken(tx.db, req.number);
          const events = must(exec(tx, stream, orderDecider, { type: 'SplitOrder', quantity: req.quantity, counts: countsOf(parent), taken }, ctx));
          const child = findEvent(events, 'OrderSplit')?.data.splitInto ?? '';
          const header = {
            number: child, product: parent.product, revision: parent.revision, quantity: req.quantity, dueDate: parent.due_date, priority: parent.priority,
            ...(parent.options ? { options: JSON.parse(parent.options) as Configuration } : {}),
          };
          // A split of a lot-based order is a lot-based order.
          const product = { defined: true as const, tracking: parent.tracking };
          const born = must(exec(tx, streams.order(child), orderDecider, { type: 'ReceiveOrder', header, product }, ctx));
          // The split part is ready to schedule as far as its parent was: released, but not dispatched.
          const released = parent.status === 'received' ? [] : must(exec(tx, streams.order(child), orderDecider, { type: 'ReleaseOrder' }, ctx));
          return ok([...events, ...born, ...released]);
        }
        case 'cancel': {
          const counts = countsOf(this.order(tx, req.number));
          const events = must(exec(tx, stream, orderDecider, { type: 'CancelOrder', reason: req.reason ?? '', counts }, ctx));
          return ok([...events, ...must(exec(tx, queue, queueDecider, { type: 'Dequeue', line: this.lineId, number: req.number }, ctx))]);
        }
        case 'move': {
          if (req.direction === undefined && req.toPosition === undefined) {
            return fail(ErrorCode.validation, 'Say where to move the order: direction "up" or "down", or a toPosition.');
          }
          if (req.listVersion !== undefined) {
            const { version } = tx.load(queue, queueDecider);
            if (version !== req.listVersion) {
              const current = this.dispatchListIn(tx);
              // A list of 100,000 orders is not sent back whole: the head, the size and the version to read it again.
              const head = current.orders.slice(0, 10).join(', ');
              const more = current.orders.length > 10 ? `, … (${current.orders.length} orders; read the list again)` : '';
              return fail(
                ErrorCode.conflict,
                `The dispatch list changed since your screen showed it (someone else resequenced it). Nothing was moved; the current order is: ${head || 'empty'}${more}.`,
                { current: current.orders.slice(0, 50), size: current.orders.length, version: current.version },
              );
            }
          }
          // Orders with units on the line: found from the units in work and the orders in progress (a few rows), not by
          // reading the whole dispatch list.
          const inProgress = ordersOnLine(tx.db, this.lineId);
          return exec(
            tx,
            queue,
            queueDecider,
            {
              type: 'Move',
              line: this.lineId,
              number: req.number,
              ...(req.direction ? { direction: req.direction } : {}),
              ...(req.toPosition !== undefined ? { to: req.toPosition - 1 } : {}),
              inProgress,
            },
            ctx,
          );
        }
      }
    });
  }

  private dispatchListIn(tx: Tx): { line: string; version: number; seq: number; orders: string[] } {
    const { state, version } = tx.load(streams.queue(this.lineId), queueDecider);
    const seq = (tx.db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number) ?? 0;
    return { line: this.lineId, version, seq, orders: [...state.orders] };
  }

  /** The dispatch list as the line builds it, with the version a resequence must name and the last event it includes. */
  dispatchList(): Promise<{ line: string; version: number; seq: number; orders: string[] }> {
    return this.store.submit((tx) => this.dispatchListIn(tx));
  }

  /** Material on hand as the warehouse counted it (ERP/WMS); replaces the station's figure. */
  countStock(material: string, revision: string, onHand: number, source: string, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) => {
      const materialDefinedHere = materialDefined(tx.db, material, revision);
      return exec(tx, streams.stock(material, revision), stockDecider, { type: 'CountStock', material, revision, onHand, source, materialDefined: materialDefinedHere }, ctx);
    });
  }
}
