import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';

/** The line's dispatch list: the order in which the line builds the dispatched orders. */
export type QueueEvent =
  | { readonly type: 'OrderQueued'; readonly data: { readonly line: string; readonly number: string; readonly position: number } }
  | {
      readonly type: 'OrderMoved';
      readonly data: { readonly line: string; readonly number: string; readonly from: number; readonly to: number };
    }
  | { readonly type: 'OrderDequeued'; readonly data: { readonly line: string; readonly number: string } };

export interface QueueState {
  readonly orders: readonly string[];
}

export type QueueCommand =
  | { readonly type: 'Enqueue'; readonly line: string; readonly number: string }
  /** inProgress: orders of this queue with units already on the line (from the order read model). */
  | {
      readonly type: 'Move';
      readonly line: string;
      readonly number: string;
      /** One place up or down (keyboard), or straight to a position (drag, 0-based). */
      readonly direction?: 'up' | 'down';
      readonly to?: number;
      readonly inProgress: readonly string[];
    }
  | { readonly type: 'Dequeue'; readonly line: string; readonly number: string };

export const queueDecider: Decider<QueueState, QueueCommand, QueueEvent> = {
  initialState: () => ({ orders: [] }),

  decide(command, state) {
    const index = state.orders.indexOf(command.number);
    switch (command.type) {
      case 'Enqueue':
        if (index >= 0) return accept();
        return accept({ type: 'OrderQueued', data: { line: command.line, number: command.number, position: state.orders.length } });
      case 'Dequeue':
        return index < 0 ? accept() : accept({ type: 'OrderDequeued', data: { line: command.line, number: command.number } });
      case 'Move': {
        if (index < 0) {
          return refuse(ErrorCode.notFound, `Order ${command.number} is not in the dispatch list of ${command.line}; dispatch it first.`);
        }
        const to = command.to ?? (command.direction === 'up' ? index - 1 : index + 1);
        if (to < 0 || to >= state.orders.length) {
          const where = command.to === undefined ? `already ${command.direction === 'up' ? 'first' : 'last'} in the list` : `not movable to position ${to + 1} of ${state.orders.length}`;
          return refuse(ErrorCode.sequenceLocked, `Order ${command.number} is ${where}.`);
        }
        if (to === index) return accept();
        const inProgress = new Set(command.inProgress);
        if (inProgress.has(command.number)) {
          return refuse(ErrorCode.sequenceLocked, `Order ${command.number} already has units on the line; it keeps its place.`);
        }
        // Moving up passes the orders between; none of them may already be on the line.
        const passed = to < index ? state.orders.slice(to, index) : [];
        const other = passed.find((n) => inProgress.has(n));
        if (other !== undefined) {
          return refuse(
            ErrorCode.sequenceLocked,
            `Order ${command.number} cannot move ahead of order ${other}, which already has units on the line.`,
            { blockedBy: other },
          );
        }
        return accept({ type: 'OrderMoved', data: { line: command.line, number: command.number, from: index, to } });
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'OrderQueued':
        return { orders: [...state.orders, event.data.number] };
      case 'OrderDequeued':
        return { orders: state.orders.filter((n) => n !== event.data.number) };
      case 'OrderMoved': {
        // One copy and two splices (the list may hold 100,000 orders): the event says where the order was.
        const orders = state.orders.slice();
        const from = orders[event.data.from] === event.data.number ? event.data.from : orders.indexOf(event.data.number);
        if (from >= 0) orders.splice(from, 1);
        orders.splice(event.data.to, 0, event.data.number);
        return { orders };
      }
    }
  },
};
