import { z } from 'zod';
import { none, op } from '../operation';
import { CreateOrderRequest, OrderNumber, OrderView } from '../schemas';

// Production orders: received, released, dispatched to the line, sequenced, held, split, cancelled.

export const ORDER_ACTIONS = ['release', 'dispatch', 'hold', 'resume', 'cancel', 'move', 'split'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const OrderActionRequest = z.object({
  number: OrderNumber,
  action: z.enum(ORDER_ACTIONS),
  /** Required for hold and cancel; kept with resume. */
  reason: z.string().trim().max(500).optional(),
  /** For split: how many units go to the new order. */
  quantity: z.number().int().positive().optional(),
  /** For move: one place up or down, or a position in the dispatch list (1 = next to build, as a drag drops it). */
  direction: z.enum(['up', 'down']).optional(),
  toPosition: z.number().int().min(1).optional(),
  /**
   * For move: the dispatch list version the caller's screen shows. If the list changed since, the move is refused
   * with the current order, never applied to a list the caller has not seen.
   */
  listVersion: z.number().int().nonnegative().optional(),
});
export type OrderActionRequest = z.infer<typeof OrderActionRequest>;

export const DispatchListView = z.object({
  line: z.string(),
  /** Changes with every change of the list; send it back with a move. */
  version: z.number().int(),
  /** The last event this reading includes: stream events up to it are already in the list. */
  seq: z.number().int(),
  orders: z.array(z.string()),
});
export type DispatchListView = z.infer<typeof DispatchListView>;

export const ordersApi = {
  listOrders: op({
    method: 'GET',
    path: '/orders',
    summary: 'Production orders with status, progress and ETA',
    input: z.object({ status: z.enum(['open', 'all']).default('open') }),
    output: z.array(OrderView),
    permission: 'view',
  }),
  createOrder: op({
    method: 'POST',
    path: '/orders',
    summary: 'Receive a production order (as ERP would send it)',
    input: CreateOrderRequest,
    output: OrderView,
    permission: 'orders.create',
  }),
  /** The permission here only admits a signed-in user: each action's own is checked by its handler. */
  orderAction: op({
    method: 'POST',
    path: '/orders/{number}/{action}',
    summary: 'Release, dispatch, hold, resume, cancel or move an order in the dispatch list',
    input: OrderActionRequest,
    signature: (i) => (i.action === 'release' ? 'order.release' : i.action === 'cancel' ? 'order.cancel' : i.action === 'resume' ? 'order.resume' : null),
    output: OrderView,
    permission: 'view',
  }),
  dispatchList: op({
    method: 'GET',
    path: '/line/dispatch-list',
    summary: 'The line\'s dispatch list with its version (for resequencing)',
    input: none,
    output: DispatchListView,
    permission: 'view',
  }),
} as const;
