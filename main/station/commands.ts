import {
  ErrorCode,
  fail,
  ok,
  orderDecider,
  queueDecider,
  streams,
  type CommandContext,
  type CreateOrderRequest,
  type MaterialDefinition,
  type OrderActionRequest,
  type ProductDefinition,
  type Result,
} from '../../core';
import type { Tx } from '../store';
import { countsOf, type OrderRow } from './command-base';
import { Refused, exec, must, type Decided } from './exec';
import { judgeDefinition, materialShortages } from './master-data-rules';
import { UnitCommands } from './unit-commands';

/**
 * The station's command side: every state change goes through here and into the event log. Orders, the dispatch
 * list, master data and stock here; units and lots built on the line in UnitCommands; shared steps in CommandBase.
 */
export class Commands extends UnitCommands {
  defineMaterial(definition: MaterialDefinition, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) =>
      this.record(tx, streams.material(definition.id, definition.revision), { type: 'MaterialDefined', data: definition }, ctx),
    );
  }

  defineProduct(definition: ProductDefinition, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) => this.defineProductIn(tx, definition, ctx));
  }

  /**
   * A product revision's BOM and routing. The same definition sent again changes nothing; another content for a
   * revision that orders already use is refused (engineering releases a new revision instead).
   */
  private defineProductIn(tx: Tx, definition: ProductDefinition, ctx: CommandContext): Decided {
    const verdict = judgeDefinition(tx.db, definition, this.workCenters);
    if (verdict === 'unchanged') return ok([]);
    if (verdict !== 'new') return verdict;
    return this.record(tx, streams.product(definition.product, definition.revision), { type: 'ProductDefined', data: definition }, ctx);
  }

  /**
   * A whole ERP message in one transaction: every order received, or none. An order already here with the same
   * content is left as it is (the same message sent twice is not duplicated); one with other content refuses the message.
   */
  importMessage(
    orders: readonly CreateOrderRequest[],
    materials: readonly MaterialDefinition[],
    ctx: CommandContext,
    products: readonly ProductDefinition[] = [],
  ): Promise<Result<{ received: string[]; unchanged: string[]; materials: number; products: number }>> {
    return this.submit((tx) => {
        const received: string[] = [];
        const unchanged: string[] = [];
        let defined = 0;
        let productsDefined = 0;
        const material = tx.db.prepare('SELECT description, unit_of_measure FROM materials WHERE id = ? AND revision = ?');
        for (const m of materials) {
          const known = material.get(m.id, m.revision) as { description: string; unit_of_measure: string } | undefined;
          if (known && known.description === m.description && known.unit_of_measure === m.unitOfMeasure) continue;
          must(this.record(tx, streams.material(m.id, m.revision), { type: 'MaterialDefined', data: m }, ctx));
          defined += 1;
        }
        for (const p of products) {
          const events = must(this.defineProductIn(tx, p, ctx));
          if (events.length > 0) productsDefined += 1;
        }
        for (const req of orders) {
          const existing = this.order(tx, req.number) as (OrderRow & { due_date: string; priority: number }) | undefined;
          if (existing) {
            const same =
              existing.product === req.product && existing.revision === req.revision && existing.quantity === req.quantity &&
              existing.due_date === req.dueDate && existing.priority === (req.priority ?? 5);
            if (!same) {
              throw new Refused(
                fail(ErrorCode.duplicate, `Order ${req.number} is already on this station with other content (${existing.product} rev ${existing.revision}, ${existing.quantity} units, due ${existing.due_date}); the message was not applied.`, {
                  number: req.number,
                }),
              );
            }
            unchanged.push(req.number);
            continue;
          }
          must(this.receiveIn(tx, req, ctx));
          received.push(req.number);
        }
        return ok({ received, unchanged, materials: defined, products: productsDefined });
      });
  }

  private receiveIn(tx: Tx, req: CreateOrderRequest, ctx: CommandContext): Decided {
    const known = tx.db.prepare('SELECT 1 FROM products WHERE product = ? AND revision = ?').get(req.product, req.revision);
    if (!known) {
      const list = (tx.db.prepare('SELECT product, revision FROM products ORDER BY 1, 2').all() as { product: string; revision: string }[])
        .map((p) => `${p.product} rev ${p.revision}`)
        .join(', ');
      return fail(ErrorCode.validation, `Product ${req.product} revision ${req.revision} is not defined on this station. Known: ${list || 'none'}.`, {
        field: 'product',
        number: req.number,
      });
    }
    const tracking = this.definition(tx, req.product, req.revision)?.tracking ?? 'serial';
    const header = { ...req, priority: req.priority ?? 5, ...(tracking === 'lot' ? { tracking } : {}) };
    return exec(tx, streams.order(req.number), orderDecider, { type: 'ReceiveOrder', header }, ctx);
  }

  receiveOrder(req: CreateOrderRequest, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) => this.receiveIn(tx, req, ctx));
  }

  orderAction(req: OrderActionRequest, ctx: CommandContext): Promise<Decided> {
    const meta = ctx;
    const stream = streams.order(req.number);
    const queue = streams.queue(this.lineId);
    return this.submit((tx) => {
      switch (req.action) {
        case 'release':
          return exec(tx, stream, orderDecider, { type: 'ReleaseOrder' }, meta);
        case 'dispatch': {
          const row = this.order(tx, req.number);
          const short = row ? materialShortages(tx.db, this.lineId, row) : [];
          if (short.length > 0) {
            return fail(
              ErrorCode.materialShort,
              `Order ${req.number} cannot be dispatched: material is not available (${short.join('; ')}). Dispatch it when stock arrives, or split it.`,
              { shortages: short },
            );
          }
          const events = must(exec(tx, stream, orderDecider, { type: 'DispatchOrder', line: this.lineId }, meta));
          return ok([...events, ...must(exec(tx, queue, queueDecider, { type: 'Enqueue', line: this.lineId, number: req.number }, meta))]);
        }
        case 'hold':
          return exec(tx, stream, orderDecider, { type: 'HoldOrder', reason: req.reason ?? '' }, meta);
        case 'resume':
          return exec(tx, stream, orderDecider, { type: 'ResumeOrder', ...(req.reason ? { reason: req.reason } : {}) }, meta);
        case 'split': {
          if (req.quantity === undefined) return fail(ErrorCode.validation, 'Say how many units go to the new order: quantity.');
          const parent = this.order(tx, req.number) as (OrderRow & { due_date: string; priority: number }) | undefined;
          if (!parent) return fail(ErrorCode.notFound, `Order ${req.number} does not exist.`);
          let n = 1;
          while (this.order(tx, `${req.number}.${n}`)) n += 1;
          const child = `${req.number}.${n}`;
          const events = must(exec(tx, stream, orderDecider, { type: 'SplitOrder', splitInto: child, quantity: req.quantity, counts: countsOf(parent) }, meta));
          const header = {
            number: child, product: parent.product, revision: parent.revision, quantity: req.quantity, dueDate: parent.due_date, priority: parent.priority,
            // A split of a lot-based order is a lot-based order.
            ...(parent.tracking === 'lot' ? { tracking: 'lot' as const } : {}),
          };
          const born = must(exec(tx, streams.order(child), orderDecider, { type: 'ReceiveOrder', header }, meta));
          // The split part is ready to schedule as far as its parent was: released, but not dispatched.
          const released = parent.status === 'received' ? [] : must(exec(tx, streams.order(child), orderDecider, { type: 'ReleaseOrder' }, meta));
          return ok([...events, ...born, ...released]);
        }
        case 'cancel': {
          const counts = countsOf(this.order(tx, req.number));
          const events = must(exec(tx, stream, orderDecider, { type: 'CancelOrder', reason: req.reason ?? '', counts }, meta));
          return ok([...events, ...must(exec(tx, queue, queueDecider, { type: 'Dequeue', line: this.lineId, number: req.number }, meta))]);
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
          const inProgress = tx.db
            .prepare(
              `SELECT number FROM orders WHERE status = 'in_progress' AND line = ?
               UNION SELECT DISTINCT order_number FROM units WHERE status IN ('queued', 'in_operation')`,
            )
            .pluck()
            .all(this.lineId) as string[];
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
            meta,
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
      if (!tx.db.prepare('SELECT 1 FROM materials WHERE id = ? AND revision = ?').get(material, revision)) {
        return fail(ErrorCode.validation, `Material ${material} revision ${revision} is not defined on this station.`, { material, revision });
      }
      return this.record(tx, streams.stock(material, revision), { type: 'StockCounted', data: { material, revision, onHand, source } }, ctx);
    });
  }
}
