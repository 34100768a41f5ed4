import {
  ErrorCode,
  fail,
  ok,
  type CommandContext,
  type CreateOrderRequest,
  type DispatchListView,
  type DomainEvent,
  type OrderAction,
  type OrderActionRequest,
  type OrderView,
  type Permission,
  type Result,
  type ordersApi,
} from '../../../core';
import { requirePermission, type Handlers } from './handler';

/** What the orders' operations need of the station. */
export interface OrdersPorts {
  readonly commands: {
    receiveOrder(req: CreateOrderRequest, ctx: CommandContext): Promise<Result<readonly DomainEvent[]>>;
    orderAction(req: OrderActionRequest, ctx: CommandContext): Promise<Result<readonly DomainEvent[]>>;
    dispatchList(): Promise<DispatchListView>;
  };
  readonly queries: {
    orders(filter: 'open' | 'all'): OrderView[];
    order(number: string): OrderView | null;
  };
}

/** Each order action's own permission (the contract admits any signed-in user to orderAction). */
const ORDER_ACTION_PERMISSION = {
  release: 'orders.release',
  dispatch: 'orders.dispatch',
  hold: 'orders.hold',
  resume: 'orders.resume',
  cancel: 'orders.cancel',
  move: 'orders.sequence',
  split: 'orders.sequence',
} as const satisfies Record<OrderAction, Permission>;

/** An order as it reads after a command: what a command on an order answers. */
export const orderAfter = (queries: Pick<OrdersPorts['queries'], 'order'>, number: string): Result<OrderView> => {
  const view = queries.order(number);
  return view ? ok(view) : fail(ErrorCode.notFound, `Order ${number} does not exist.`);
};

export function ordersHandlers(s: OrdersPorts): Handlers<typeof ordersApi> {
  return {
    listOrders: (input) => ok(s.queries.orders(input.status)),
    createOrder: async (input, caller) => {
      const r = await s.commands.receiveOrder(input, caller.context);
      return r.ok ? orderAfter(s.queries, input.number) : r;
    },
    orderAction: async (input, caller) => {
      const refused = requirePermission(caller, ORDER_ACTION_PERMISSION[input.action], `${input.action} orders`);
      if (refused) return refused;
      const r = await s.commands.orderAction(input, input.reason ? { ...caller.context, reason: input.reason } : caller.context);
      return r.ok ? orderAfter(s.queries, input.number) : r;
    },
    dispatchList: async () => ok(await s.commands.dispatchList()),
  };
}
