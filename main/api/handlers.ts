import type { z } from 'zod';
import { ErrorCode, can, fail, ok, type AppError, type Contract, type OperationName, type OutputOf, type Result, type UserView } from '../../core';
import type { Services } from './ports';

export interface Caller {
  readonly user: UserView | null;
  readonly token: string | null;
}

/** Handlers receive the input after zod parsing (defaults applied). */
type Handler<K extends OperationName> = (input: z.output<Contract[K]['input']>, caller: Caller) => Promise<Result<OutputOf<K>>> | Result<OutputOf<K>>;

const orderPermission = {
  release: 'orders.release',
  dispatch: 'orders.dispatch',
  hold: 'orders.hold',
  resume: 'orders.resume',
  cancel: 'orders.cancel',
  move: 'orders.sequence',
} as const;

function forbidden(user: UserView, what: string): { ok: false; error: AppError } {
  return fail(ErrorCode.forbidden, `${user.displayName} (${user.role.replace('_', ' ')}) may not ${what}. Ask a shift lead or supervisor.`, {
    role: user.role,
  });
}

/** One implementation per contract operation; transports only validate, authenticate and call these. */
export function createHandlers(s: Services): { [K in OperationName]: Handler<K> } {
  const orderOut = (number: string): Result<OutputOf<'createOrder'>> => {
    const view = s.queries.order(number);
    return view ? ok(view) : fail(ErrorCode.notFound, `Order ${number} does not exist.`);
  };
  return {
    health: () => ok(s.health()),
    login: (input) => s.accounts.signIn(input.username, input.password),
    logout: (_input, caller) => ok({ ended: s.accounts.signOut(caller.token) }),
    me: (_input, caller) => (caller.user ? ok(caller.user) : fail(ErrorCode.unauthenticated, 'Not signed in.')),
    getLine: () => ok(s.queries.line()),
    listOrders: (input) => ok(s.queries.orders(input.status)),
    createOrder: async (input, caller) => {
      const r = await s.commands.receiveOrder(input, caller.user?.username ?? 'unknown');
      return r.ok ? orderOut(input.number) : r;
    },
    orderAction: async (input, caller) => {
      const user = caller.user;
      if (!user) return fail(ErrorCode.unauthenticated, 'Not signed in.');
      if (!can(user.role, orderPermission[input.action])) return forbidden(user, `${input.action} orders`);
      const r = await s.commands.orderAction(input, user.username);
      return r.ok ? orderOut(input.number) : r;
    },
    listWip: () => ok(s.queries.wip()),
    listEvents: (input) => ok(s.queries.events(input.after, input.limit, input.stream)),
  };
}
