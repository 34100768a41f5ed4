import {
  ErrorCode,
  type ProductDefinition,
  fail,
  ok,
  orderDecider,
  queueDecider,
  streams,
  unitDecider,
  workCenterDecider,
  type CommandMeta,
  type CreateOrderRequest,
  type DomainEvent,
  type MaterialDefinition,
  type OrderActionRequest,
  type Result,
  type UnitCounts,
  type UnitOperation,
} from '../../core';
import type { EventStore, Tx } from '../store';
import type { Clock } from './clock';

import { Refused, exec, must, type Decided } from './exec';
import { judgeDefinition, materialShortages, productDefinition } from './master-data-rules';

interface OrderRow {
  number: string;
  product: string;
  revision: string;
  status: string;
  units_started: number;
  units_good: number;
  units_scrapped: number;
  quantity: number;
  tracking: 'serial' | 'lot';
}

const countsOf = (row: OrderRow | undefined): UnitCounts => ({
  started: row?.units_started ?? 0,
  good: row?.units_good ?? 0,
  scrapped: row?.units_scrapped ?? 0,
});

/** The station's command side: every state change goes through here and into the event log. */
export class Commands {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly lineId: string,
    /** The line's work centers: a routing must name only these (absent in tools that define no line). */
    private readonly workCenters?: readonly string[],
  ) {}

  private meta(actor: string): CommandMeta {
    return { at: this.clock.now().toISOString(), actor };
  }

  /** One command in the store's next group; a later step's refusal (Refused) rolls the whole command back. */
  private async submit<T>(work: (tx: Tx) => Result<T>): Promise<Result<T>> {
    try {
      return await this.store.submit(work);
    } catch (error) {
      if (error instanceof Refused && !error.result.ok) return error.result;
      throw error;
    }
  }

  private order(tx: Tx, number: string): OrderRow | undefined {
    return tx.db.prepare('SELECT * FROM orders WHERE number = ?').get(number) as OrderRow | undefined;
  }

  /** Master data is recorded as it is defined: one event appended to the definition's own stream. */
  private record(tx: Tx, stream: string, event: DomainEvent, actor: string): Decided {
    const { version } = tx.load(stream, { initialState: () => null, evolve: () => null });
    tx.append(stream, version, [event], this.meta(actor));
    return ok([event]);
  }

  defineMaterial(definition: MaterialDefinition, actor: string): Promise<Decided> {
    return this.submit((tx) =>
      this.record(tx, streams.material(definition.id, definition.revision), { type: 'MaterialDefined', data: definition }, actor),
    );
  }

  defineProduct(definition: ProductDefinition, actor: string): Promise<Decided> {
    return this.submit((tx) => this.defineProductIn(tx, definition, actor));
  }

  /**
   * A product revision's BOM and routing. The same definition sent again changes nothing; another content for a
   * revision that orders already use is refused (engineering releases a new revision instead).
   */
  private defineProductIn(tx: Tx, definition: ProductDefinition, actor: string): Decided {
    const verdict = judgeDefinition(tx.db, definition, this.workCenters);
    if (verdict === 'unchanged') return ok([]);
    if (verdict !== 'new') return verdict;
    return this.record(tx, streams.product(definition.product, definition.revision), { type: 'ProductDefined', data: definition }, actor);
  }

  /**
   * A whole ERP message in one transaction: every order received, or none. An order already here with the same
   * content is left as it is (the same message sent twice is not duplicated); one with other content refuses the message.
   */
  importMessage(
    orders: readonly CreateOrderRequest[],
    materials: readonly MaterialDefinition[],
    actor: string,
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
          must(this.record(tx, streams.material(m.id, m.revision), { type: 'MaterialDefined', data: m }, actor));
          defined += 1;
        }
        for (const p of products) {
          const events = must(this.defineProductIn(tx, p, actor));
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
          must(this.receiveIn(tx, req, actor));
          received.push(req.number);
        }
        return ok({ received, unchanged, materials: defined, products: productsDefined });
      });
  }

  private receiveIn(tx: Tx, req: CreateOrderRequest, actor: string): Decided {
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
    return exec(tx, streams.order(req.number), orderDecider, { type: 'ReceiveOrder', header }, this.meta(actor));
  }

  private definition(tx: Tx, product: string, revision: string): ProductDefinition | null {
    return productDefinition(tx.db, product, revision);
  }

  receiveOrder(req: CreateOrderRequest, actor: string): Promise<Decided> {
    return this.submit((tx) => this.receiveIn(tx, req, actor));
  }

  orderAction(req: OrderActionRequest, actor: string): Promise<Decided> {
    const meta = this.meta(actor);
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

  /** The line can take a part: start the next unit of the first order in the dispatch list that needs one. */
  startNextUnit(actor: string): Promise<Result<string | null>> {
    const meta = this.meta(actor);
    return this.store.submit((tx): Result<string | null> => {
      const next = tx.db
        .prepare(
          `SELECT o.* FROM dispatch_list d JOIN orders o ON o.number = d.number
           WHERE d.line = ? AND o.status IN ('dispatched', 'in_progress') AND o.tracking = 'serial'
             AND o.units_good + (o.units_started - o.units_good - o.units_scrapped) < o.quantity
           ORDER BY d.position LIMIT 1`,
        )
        .get(this.lineId) as OrderRow | undefined;
      if (!next) return ok(null);
      const row = tx.db.prepare('SELECT definition FROM products WHERE product = ? AND revision = ?').pluck().get(next.product, next.revision) as
        | string
        | undefined;
      if (!row) return fail(ErrorCode.notFound, `Product ${next.product} revision ${next.revision} has no routing on this station.`);
      const definition = JSON.parse(row) as ProductDefinition;
      const decided = exec(tx, streams.order(next.number), orderDecider, { type: 'StartUnit', counts: countsOf(next) }, meta);
      if (!decided.ok) return decided;
      const serial = `${next.number}-${String(next.units_started + 1).padStart(4, '0')}`;
      const operations: UnitOperation[] = definition.routing.map((op) => ({
        seq: op.seq,
        name: op.name,
        workCenter: op.workCenter,
        measurements: op.measurements,
        components: op.components.map((c) => ({
          material: c.material,
          revision: definition.bom.find((b) => b.material === c.material)?.revision ?? '',
          quantity: c.quantity,
        })),
        ...(op.onFail === 'rework' ? { onFail: 'rework' as const, ...(op.reworkTo !== undefined ? { reworkTo: op.reworkTo } : {}) } : {}),
      }));
      const unit = exec(
        tx,
        streams.unit(serial),
        unitDecider,
        { type: 'StartUnit', data: { serial, order: next.number, product: next.product, revision: next.revision, operations } },
        meta,
      );
      if (!unit.ok) throw new Error(unit.error.message);
      return ok(serial);
    });
  }

  /** An operator scanned a component lot at a work center. */
  consumeLot(serial: string, scan: { workCenter: string; material: string; revision: string; lot: string; quantity?: number }, actor: string): Promise<Decided> {
    return this.submit((tx) => {
      // A unit's serial scanned while a component was selected is not a lot of that component.
      if (tx.db.prepare('SELECT 1 FROM units WHERE serial = ?').get(scan.lot.trim())) {
        return fail(ErrorCode.validation, `${scan.lot.trim()} is the serial number of a unit, not a lot of ${scan.material}. Scan the lot label of the component.`);
      }
      return exec(tx, streams.unit(serial), unitDecider, { type: 'ConsumeLot', ...scan }, this.meta(actor));
    });
  }

  /** A unit scrapped by hand; the order learns of it as of any other finished unit. */
  scrapUnit(serial: string, reason: string, actor: string): Promise<Decided> {
    const meta = this.meta(actor);
    return this.submit((tx) => {
      const events = must(exec(tx, streams.unit(serial), unitDecider, { type: 'ScrapUnit', reason }, meta));
      return ok([...events, ...this.afterUnitFinished(tx, events, meta)]);
    });
  }

  /** At a terminal: one unit at a time in a work center; the routing decides whether this one may start here. */
  startAtTerminal(serial: string, workCenter: string, actor: string): Promise<Decided> {
    return this.submit((tx) => {
      const busy = tx.db
        .prepare("SELECT serial FROM units WHERE status = 'in_operation' AND work_center = ? AND serial <> ? LIMIT 1")
        .pluck()
        .get(workCenter, serial) as string | undefined;
      if (busy) {
        return fail(ErrorCode.invalidTransition, `Unit ${busy} is in operation at ${workCenter}; complete or scrap it before starting ${serial} here.`, { busy });
      }
      return exec(tx, streams.unit(serial), unitDecider, { type: 'ArriveAt', workCenter }, this.meta(actor));
    });
  }

  arrive(serial: string, workCenter: string, actor: string): Promise<Decided> {
    return this.submit((tx) => exec(tx, streams.unit(serial), unitDecider, { type: 'ArriveAt', workCenter }, this.meta(actor)));
  }

  completeOperation(
    serial: string,
    workCenter: string,
    readings: readonly { name: string; value: number }[],
    machineResult: 'good' | 'reject',
    actor: string,
    /** At an operator terminal: every component must have been scanned (BOM compliance). */
    atTerminal = false,
  ): Promise<Decided> {
    const meta = this.meta(actor);
    return this.submit((tx) => {
      const events = must(
        exec(tx, streams.unit(serial), unitDecider, { type: 'CompleteOperation', workCenter, readings, machineResult, atTerminal }, meta),
      );
      return ok([...events, ...this.afterUnitFinished(tx, events, meta)]);
    });
  }

  /** A unit left the line (built or scrapped): its order counts it, completes when it has all, and leaves the list. */
  private afterUnitFinished(tx: Tx, events: readonly DomainEvent[], meta: CommandMeta): DomainEvent[] {
    const finished = events.find((e) => e.type === 'UnitCompleted' || e.type === 'UnitScrapped');
    if (!finished) return [];
    const orderNumber = (finished.data as { order: string }).order;
    const outcome = must(exec(tx, streams.order(orderNumber), orderDecider, { type: 'RecordUnitOutcome', counts: countsOf(this.order(tx, orderNumber)) }, meta));
    const done = outcome.some((e) => e.type === 'OrderCompleted')
      ? must(exec(tx, streams.queue(this.lineId), queueDecider, { type: 'Dequeue', line: this.lineId, number: orderNumber }, meta))
      : [];
    return [...outcome, ...done];
  }

  /** Lot-based orders: a quantity done at an operation, good (passed on) and scrapped. */
  reportQuantity(
    number: string,
    report: { operation: number; workCenter: string; good: number; scrapped: number; reason?: string },
    actor: string,
  ): Promise<Decided> {
    const meta = this.meta(actor);
    return this.submit((tx) => {
      const row = this.order(tx, number);
      if (!row) return fail(ErrorCode.notFound, `Order ${number} does not exist.`);
      const def = this.definition(tx, row.product, row.revision);
      if (!def) return fail(ErrorCode.notFound, `Product ${row.product} revision ${row.revision} has no routing on this station.`);
      const routing = def.routing.map((o) => ({ seq: o.seq, workCenter: o.workCenter }));
      const events = must(exec(tx, streams.order(number), orderDecider, { type: 'ReportQuantity', ...report, routing }, meta));
      const done = events.some((e) => e.type === 'OrderCompleted')
        ? must(exec(tx, streams.queue(this.lineId), queueDecider, { type: 'Dequeue', line: this.lineId, number }, meta))
        : [];
      return ok([...events, ...done]);
    });
  }

  /** Material on hand as the warehouse counted it (ERP/WMS); replaces the station's figure. */
  countStock(material: string, revision: string, onHand: number, source: string, actor: string): Promise<Decided> {
    return this.submit((tx) => {
      if (!tx.db.prepare('SELECT 1 FROM materials WHERE id = ? AND revision = ?').get(material, revision)) {
        return fail(ErrorCode.validation, `Material ${material} revision ${revision} is not defined on this station.`, { material, revision });
      }
      return this.record(tx, streams.stock(material, revision), { type: 'StockCounted', data: { material, revision, onHand, source } }, actor);
    });
  }

  recordMachineState(workCenter: string, rawState: string, actor: string): Promise<Decided> {
    return this.submit((tx) =>
      exec(tx, streams.workCenter(workCenter), workCenterDecider, { type: 'RecordMachineState', workCenter, rawState }, this.meta(actor)),
    );
  }
}
