import { accept, refuse, type Decider, type Decision } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import { materialShortages, type MaterialFacts } from '../stock/availability';
import { configurationKey, configure } from '../material/configuration';
import type { Configuration, ProductDefinition } from '../material/model';

export const ORDER_STATUSES = ['received', 'released', 'dispatched', 'in_progress', 'completed', 'held', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderHeader {
  readonly number: string;
  readonly product: string;
  readonly revision: string;
  readonly quantity: number;
  readonly dueDate: string;
  readonly priority: number;
  /** From the product definition: serial (units with serial numbers, the default) or lot (quantities per operation). */
  readonly tracking?: 'serial' | 'lot';
  /** A configurable product: the value of each option (core/material/configuration). */
  readonly options?: Configuration;
}

/** A lot-based order's progress at one operation of its routing. */
export interface LotOperationProgress {
  readonly good: number;
  readonly scrapped: number;
}

export type OrderEvent =
  | { readonly type: 'OrderReceived'; readonly data: OrderHeader }
  | { readonly type: 'OrderReleased'; readonly data: { readonly number: string } }
  | { readonly type: 'OrderDispatched'; readonly data: { readonly number: string; readonly line: string } }
  | { readonly type: 'OrderHeld'; readonly data: { readonly number: string; readonly reason: string; readonly from: OrderStatus } }
  | { readonly type: 'OrderResumed'; readonly data: { readonly number: string; readonly to: OrderStatus; readonly reason?: string } }
  /** Part of the order's quantity moved to a new order (splitInto); the order keeps `quantity`. */
  | { readonly type: 'OrderSplit'; readonly data: { readonly number: string; readonly splitInto: string; readonly moved: number; readonly quantity: number } }
  | { readonly type: 'OrderCancelled'; readonly data: { readonly number: string; readonly reason: string } }
  | { readonly type: 'OrderStarted'; readonly data: { readonly number: string } }
  /** An engineering change moved the order, not started, to a new revision of its product (the history stays here). */
  /** `unitsStarted`: units of it already started, which follow the change one by one; the rest are built to `to`. */
  | { readonly type: 'OrderRevisionChanged'; readonly data: { readonly number: string; readonly from: string; readonly to: string; readonly change: string; readonly unitsStarted?: number } }
  | { readonly type: 'OrderCompleted'; readonly data: { readonly number: string; readonly good: number; readonly scrapped: number } }
  /** Lot-based orders: a quantity done at one operation; the good part is passed on to the next operation. */
  | {
      readonly type: 'OperationQuantityReported';
      readonly data: {
        readonly number: string;
        readonly operation: number;
        readonly workCenter: string;
        readonly good: number;
        readonly scrapped: number;
        readonly reason?: string;
        readonly first: boolean;
        readonly last: boolean;
        /** What the reported quantity used of each component (absent in events recorded before it was kept here). */
        readonly consumed?: readonly { readonly material: string; readonly revision: string; readonly quantity: number }[];
      };
    };

/** Unit counts come from the units of the order (the WIP read model), composed in by the handler. */
export interface UnitCounts {
  readonly started: number;
  readonly good: number;
  readonly scrapped: number;
}

export type OrderState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly header: OrderHeader;
      readonly status: OrderStatus;
      readonly heldFrom: OrderStatus | null;
      readonly line: string | null;
      /** Lot-based orders: good and scrapped quantities per operation number. */
      readonly lot: Readonly<Record<string, LotOperationProgress>>;
    };

/** Whether the product revision an order names is defined here, and how it is tracked; if not, which are. */
export type ProductFacts =
  /** `definition`: to judge the order's configuration against (absent where the order copies one already judged). */
  | { readonly defined: true; readonly tracking: 'serial' | 'lot'; readonly definition?: ProductDefinition }
  | { readonly defined: false; readonly known: readonly string[] };

export type OrderCommand =
  /**
   * An order from ERP. `idempotent` (an ERP message): an order already here with the same content is left as it is,
   * one with other content refuses; otherwise an order number already here is refused.
   */
  | { readonly type: 'ReceiveOrder'; readonly header: Omit<OrderHeader, 'tracking'>; readonly product: ProductFacts; readonly idempotent?: boolean }
  | { readonly type: 'ReleaseOrder' }
  /** An approved engineering change moves an order that has no unit started to the new revision. */
  | { readonly type: 'ChangeRevision'; readonly to: string; readonly change: string; readonly counts: UnitCounts }
  /** To a line's dispatch list; refused when the material it needs is not available (facts from the record). */
  | { readonly type: 'DispatchOrder'; readonly line: string; readonly material: MaterialFacts; readonly counts: UnitCounts }
  | { readonly type: 'HoldOrder'; readonly reason: string }
  | { readonly type: 'ResumeOrder'; readonly reason?: string }
  /** Part of the quantity to a new order, numbered <number>.<n>; `taken`: order numbers of that form already on the station. */
  | { readonly type: 'SplitOrder'; readonly quantity: number; readonly counts: UnitCounts; readonly taken: readonly string[] }
  | { readonly type: 'CancelOrder'; readonly reason: string; readonly counts: UnitCounts }
  /** The line asks for one more unit of this order. */
  | { readonly type: 'StartUnit'; readonly counts: UnitCounts }
  /** A unit of this order left the line, good or scrapped; counts already include it. */
  | { readonly type: 'RecordUnitOutcome'; readonly counts: UnitCounts }
  /** Lot-based orders: the operator reports a quantity done at an operation (routing from the product definition). */
  | {
      readonly type: 'ReportQuantity';
      readonly operation: number;
      readonly workCenter: string;
      readonly good: number;
      readonly scrapped: number;
      readonly reason?: string;
      readonly routing: readonly {
        readonly seq: number;
        readonly workCenter: string;
        /** Components one piece uses here, with the BOM revision. */
        readonly components?: readonly { readonly material: string; readonly revision: string; readonly quantity: number }[];
      }[];
    };

/** The serial number of an order's n-th unit (1-based): the order number and four digits. */
export const unitSerial = (order: string, n: number): string => `${order}-${String(n).padStart(4, '0')}`;

/** The number a split of `order` gets: the first <order>.<n> not taken. */
export function splitNumber(order: string, taken: readonly string[]): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${order}.${n}`)) n += 1;
  return `${order}.${n}`;
}

/**
 * What a lot-based order has waiting at each operation: the first operation gets the order quantity, each later one
 * what the one before it passed on (its good quantity); less what was done there already.
 */
export function lotAvailability(
  quantity: number,
  routing: readonly { readonly seq: number }[],
  lot: Readonly<Record<string, LotOperationProgress>>,
): { seq: number; input: number; good: number; scrapped: number; available: number }[] {
  let input = quantity;
  return routing.map((op) => {
    const p = lot[String(op.seq)] ?? { good: 0, scrapped: 0 };
    const row = { seq: op.seq, input, good: p.good, scrapped: p.scrapped, available: input - p.good - p.scrapped };
    input = p.good;
    return row;
  });
}

const inWork = (c: UnitCounts): number => c.started - c.good - c.scrapped;

function transition(state: OrderState, allowed: readonly OrderStatus[], action: string): Decision<OrderEvent> | null {
  if (!state.exists) return refuse(ErrorCode.notFound, `There is no such order; it cannot be ${action}.`);
  if (!allowed.includes(state.status)) {
    return refuse(
      ErrorCode.invalidTransition,
      `Order ${state.header.number} is ${state.status.replace('_', ' ')}; only an order that is ${allowed
        .map((s) => s.replace('_', ' '))
        .join(' or ')} can be ${action}.`,
      { number: state.header.number, status: state.status, allowed },
    );
  }
  return null;
}

/** Whether an order sent again says what the order here says (an ERP message sent twice): product, revision, quantity, due date, priority and options. */
export function sameOrderContent(was: Omit<OrderHeader, 'number' | 'tracking'>, h: Omit<OrderHeader, 'number' | 'tracking'>): boolean {
  return (
    was.product === h.product && was.revision === h.revision && was.quantity === h.quantity && was.dueDate === h.dueDate && was.priority === h.priority &&
    configurationKey(was.options) === configurationKey(h.options)
  );
}

export const orderDecider: Decider<OrderState, OrderCommand, OrderEvent> = {
  initialState: () => ({ exists: false }),

  decide(command, state) {
    switch (command.type) {
      case 'ReceiveOrder': {
        const h = command.header;
        if (state.exists) {
          const was = state.header;
          if (!command.idempotent) return refuse(ErrorCode.duplicate, `Order ${was.number} already exists.`, { number: was.number });
          if (sameOrderContent(was, h)) return accept();
          return refuse(
            ErrorCode.duplicate,
            `Order ${h.number} is already on this station with other content (${was.product} rev ${was.revision}, ${was.quantity} units, due ${was.dueDate}); the message was not applied.`,
            { number: h.number },
          );
        }
        if (!command.product.defined) {
          return refuse(
            ErrorCode.validation,
            `Product ${h.product} revision ${h.revision} is not defined on this station. Known: ${command.product.known.join(', ') || 'none'}.`,
            { field: 'product', number: h.number },
          );
        }
        if (command.product.definition) {
          const configured = configure(command.product.definition, h.options);
          if (!configured.ok) return refuse(configured.error.code, `Order ${h.number}: ${configured.error.message}`, { field: 'options', number: h.number });
        }
        const { options, ...plain } = h;
        const configured = options && Object.keys(options).length > 0 ? { options } : {};
        return accept({ type: 'OrderReceived', data: { ...plain, ...configured, ...(command.product.tracking === 'lot' ? { tracking: 'lot' as const } : {}) } });
      }
      case 'ReleaseOrder':
        return transition(state, ['received'], 'released') ?? accept({ type: 'OrderReleased', data: { number: num(state) } });
      case 'ChangeRevision': {
        const bad = transition(state, ['received', 'released', 'dispatched', 'held', 'in_progress'], 'moved to a new revision');
        if (bad || !state.exists) return bad ?? refuse(ErrorCode.notFound, 'No such order.');
        if (state.header.revision === command.to) return accept();
        // Units already started follow the change one by one (their own events); the ones still to start are built to it.
        const started = command.counts.started > 0 ? { unitsStarted: command.counts.started } : {};
        return accept({ type: 'OrderRevisionChanged', data: { number: state.header.number, from: state.header.revision, to: command.to, change: command.change, ...started } });
      }
      case 'DispatchOrder': {
        const bad = transition(state, ['released'], 'dispatched');
        if (bad || !state.exists) return bad ?? refuse(ErrorCode.notFound, 'No such order.');
        const short = materialShortages(state.header.quantity - command.counts.started, command.material);
        if (short.length > 0) {
          return refuse(
            ErrorCode.materialShort,
            `Order ${state.header.number} cannot be dispatched: material is not available (${short.join('; ')}). Dispatch it when stock arrives, or split it.`,
            { shortages: short },
          );
        }
        return accept({ type: 'OrderDispatched', data: { number: state.header.number, line: command.line } });
      }
      case 'HoldOrder': {
        const bad = transition(state, ['received', 'released', 'dispatched', 'in_progress'], 'held');
        if (bad || !state.exists) return bad ?? refuse(ErrorCode.notFound, 'No such order.');
        if (command.reason.trim() === '') return refuse(ErrorCode.validation, 'Say why the order is held: a reason is required.');
        return accept({ type: 'OrderHeld', data: { number: state.header.number, reason: command.reason.trim(), from: state.status } });
      }
      case 'ResumeOrder': {
        const bad = transition(state, ['held'], 'resumed');
        if (bad || !state.exists) return bad ?? refuse(ErrorCode.notFound, 'No such order.');
        const reason = command.reason?.trim();
        return accept({ type: 'OrderResumed', data: { number: state.header.number, to: state.heldFrom ?? 'received', ...(reason ? { reason } : {}) } });
      }
      case 'SplitOrder': {
        const bad = transition(state, ['received', 'released', 'dispatched', 'in_progress', 'held'], 'split');
        if (bad || !state.exists) return bad ?? refuse(ErrorCode.notFound, 'No such order.');
        // A serial order replaces its scrapped units, so only built and in-work units are spoken for; a lot yields what
        // it yields, so everything started at its first operation is.
        const committed = state.header.tracking === 'lot' ? command.counts.started : command.counts.good + inWork(command.counts);
        const free = state.header.quantity - Math.max(committed, 1);
        if (!Number.isInteger(command.quantity) || command.quantity < 1 || command.quantity > free) {
          return refuse(
            ErrorCode.validation,
            `Order ${state.header.number} can give at most ${Math.max(free, 0)} unit(s) to a split: ${committed} of its ${state.header.quantity} are built or on the line, and it keeps at least one.`,
            { free },
          );
        }
        return accept({
          type: 'OrderSplit',
          data: {
            number: state.header.number,
            splitInto: splitNumber(state.header.number, command.taken),
            moved: command.quantity,
            quantity: state.header.quantity - command.quantity,
          },
        });
      }
      case 'CancelOrder': {
        const bad = transition(state, ['received', 'released', 'dispatched', 'in_progress', 'held'], 'cancelled');
        if (bad || !state.exists) return bad ?? refuse(ErrorCode.notFound, 'No such order.');
        if (inWork(command.counts) > 0) {
          return refuse(
            ErrorCode.invalidTransition,
            `Order ${state.header.number} has ${inWork(command.counts)} unit(s) on the line; finish or scrap them before cancelling.`,
          );
        }
        if (command.reason.trim() === '') return refuse(ErrorCode.validation, 'Say why the order is cancelled: a reason is required.');
        return accept({ type: 'OrderCancelled', data: { number: state.header.number, reason: command.reason.trim() } });
      }
      case 'StartUnit': {
        if (!state.exists) return refuse(ErrorCode.notFound, 'No such order.');
        if (state.status === 'held') {
          return refuse(ErrorCode.orderHeld, `Order ${state.header.number} is held; no new unit is started until it is resumed.`);
        }
        const bad = transition(state, ['dispatched', 'in_progress'], 'started');
        if (bad) return bad;
        if (command.counts.good + inWork(command.counts) >= state.header.quantity) {
          return refuse(ErrorCode.quantityReached, `Order ${state.header.number} has all ${state.header.quantity} units started or built.`);
        }
        return state.status === 'dispatched' ? accept({ type: 'OrderStarted', data: { number: state.header.number } }) : accept();
      }
      case 'ReportQuantity': {
        if (!state.exists) return refuse(ErrorCode.notFound, 'No such order.');
        const n = state.header.number;
        if ((state.header.tracking ?? 'serial') !== 'lot') {
          return refuse(ErrorCode.invalidTransition, `Order ${n} is built as serialized units; record each unit at the terminal instead of a quantity.`);
        }
        if (state.status === 'held') return refuse(ErrorCode.orderHeld, `Order ${n} is held; nothing is reported until it is resumed.`);
        const bad = transition(state, ['dispatched', 'in_progress'], 'reported on');
        if (bad) return bad;
        const index = command.routing.findIndex((o) => o.seq === command.operation);
        const op = command.routing[index];
        if (!op) return refuse(ErrorCode.routing, `Operation ${command.operation} is not in the routing of ${state.header.product} rev ${state.header.revision}.`);
        if (op.workCenter !== command.workCenter) {
          return refuse(ErrorCode.routing, `Operation ${op.seq} of order ${n} is done on ${op.workCenter}, not on ${command.workCenter}.`);
        }
        const { good, scrapped } = command;
        if (!Number.isInteger(good) || !Number.isInteger(scrapped) || good < 0 || scrapped < 0 || good + scrapped === 0) {
          return refuse(ErrorCode.validation, 'Report a whole, positive quantity: good, scrapped or both.');
        }
        const reason = command.reason?.trim();
        if (scrapped > 0 && !reason) return refuse(ErrorCode.validation, 'Say why the quantity is scrapped: a reason is required.');
        const rows = lotAvailability(state.header.quantity, command.routing, state.lot);
        const here = rows[index];
        if (!here || good + scrapped > here.available) {
          const from = index === 0 ? `the order's ${state.header.quantity}` : `${here?.input ?? 0} passed on from operation ${command.routing[index - 1]?.seq}`;
          return refuse(
            ErrorCode.quantityReached,
            `Operation ${op.seq} has ${here?.available ?? 0} to do (${from}, ${(here?.good ?? 0) + (here?.scrapped ?? 0)} done here); ${good + scrapped} is more than that.`,
            { available: here?.available ?? 0 },
          );
        }
        const reported: OrderEvent = {
          type: 'OperationQuantityReported',
          data: {
            number: n, operation: op.seq, workCenter: op.workCenter, good, scrapped, ...(reason ? { reason } : {}),
            first: index === 0, last: index === command.routing.length - 1,
            consumed: (op.components ?? []).map((c) => ({ material: c.material, revision: c.revision, quantity: c.quantity * (good + scrapped) })),
          },
        };
        const events: OrderEvent[] = state.status === 'dispatched' ? [{ type: 'OrderStarted', data: { number: n } }, reported] : [reported];
        const after = lotAvailability(state.header.quantity, command.routing, {
          ...state.lot,
          [String(op.seq)]: { good: here.good + good, scrapped: here.scrapped + scrapped },
        });
        if (after.every((r) => r.available === 0)) {
          const lastRow = after[after.length - 1];
          events.push({ type: 'OrderCompleted', data: { number: n, good: lastRow?.good ?? 0, scrapped: after.reduce((sum, r) => sum + r.scrapped, 0) } });
        }
        return accept(...events);
      }
      case 'RecordUnitOutcome': {
        if (!state.exists) return refuse(ErrorCode.notFound, 'No such order.');
        if (state.status === 'completed' || state.status === 'cancelled') return accept();
        if (command.counts.good >= state.header.quantity && inWork(command.counts) === 0) {
          return accept({
            type: 'OrderCompleted',
            data: { number: state.header.number, good: command.counts.good, scrapped: command.counts.scrapped },
          });
        }
        return accept();
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'OrderReceived') return { exists: true, header: event.data, status: 'received', heldFrom: null, line: null, lot: {} };
    if (!state.exists) return state;
    switch (event.type) {
      case 'OrderReleased':
        return { ...state, status: 'released' };
      case 'OrderDispatched':
        return { ...state, status: 'dispatched', line: event.data.line };
      case 'OrderHeld':
        return { ...state, status: 'held', heldFrom: event.data.from };
      case 'OrderResumed':
        return { ...state, status: event.data.to, heldFrom: null };
      case 'OrderSplit':
        return { ...state, header: { ...state.header, quantity: event.data.quantity } };
      case 'OrderCancelled':
        return { ...state, status: 'cancelled' };
      case 'OrderStarted':
        return { ...state, status: 'in_progress' };
      case 'OrderRevisionChanged':
        return { ...state, header: { ...state.header, revision: event.data.to } };
      case 'OrderCompleted':
        return { ...state, status: 'completed' };
      case 'OperationQuantityReported': {
        const key = String(event.data.operation);
        const was = state.lot[key] ?? { good: 0, scrapped: 0 };
        return { ...state, lot: { ...state.lot, [key]: { good: was.good + event.data.good, scrapped: was.scrapped + event.data.scrapped } } };
      }
    }
  },
};

function num(state: OrderState): string {
  return state.exists ? state.header.number : '';
}
