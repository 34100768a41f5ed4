import { can, ROLE_LABEL, type OrderStatus, type OrderView, type Permission, type Role } from '../../core';

export type ToolbarAction = 'release' | 'dispatch' | 'hold' | 'resume' | 'split' | 'cancel' | 'move-up' | 'move-down';

export interface ActionSpec {
  readonly id: ToolbarAction;
  readonly label: string;
  readonly permission: Permission;
  /** Statuses in which the station accepts the action (mirrors core/orders). */
  readonly statuses: readonly OrderStatus[];
  readonly needsReason: boolean;
  /** Asks first, but the answer may be empty (resume: the reason is kept if given). */
  readonly asks?: 'optional-reason' | 'quantity';
  readonly shortcut?: string;
  /** Past tense for the confirmation message. */
  readonly done: string;
}

const OPEN: readonly OrderStatus[] = ['received', 'released', 'dispatched', 'in_progress', 'held'];

export const ACTIONS: readonly ActionSpec[] = [
  { id: 'release', label: 'Release', permission: 'orders.release', statuses: ['received'], needsReason: false, done: 'released' },
  { id: 'dispatch', label: 'Dispatch', permission: 'orders.dispatch', statuses: ['released'], needsReason: false, done: 'dispatched to the line' },
  { id: 'hold', label: 'Hold…', permission: 'orders.hold', statuses: ['received', 'released', 'dispatched', 'in_progress'], needsReason: true, done: 'held' },
  { id: 'resume', label: 'Resume…', permission: 'orders.resume', statuses: ['held'], needsReason: false, asks: 'optional-reason', done: 'resumed' },
  { id: 'split', label: 'Split…', permission: 'orders.sequence', statuses: OPEN, needsReason: false, asks: 'quantity', done: 'split' },
  { id: 'cancel', label: 'Cancel order…', permission: 'orders.cancel', statuses: OPEN, needsReason: true, done: 'cancelled' },
  { id: 'move-up', label: 'Move up', permission: 'orders.sequence', statuses: OPEN, needsReason: false, shortcut: 'Alt+ArrowUp', done: 'moved up' },
  { id: 'move-down', label: 'Move down', permission: 'orders.sequence', statuses: OPEN, needsReason: false, shortcut: 'Alt+ArrowDown', done: 'moved down' },
];

export const STATUS_LABEL: Record<OrderStatus, string> = {
  received: 'Received',
  released: 'Released',
  dispatched: 'Dispatched',
  in_progress: 'In progress',
  completed: 'Completed',
  held: 'Held',
  cancelled: 'Cancelled',
};

/** Units of the order on the line now: such an order keeps its place in the dispatch list. */
const onLine = (o: OrderView): boolean => o.status === 'in_progress' || o.unitsStarted - o.unitsGood - o.unitsScrapped > 0;

/** null when the action is available; otherwise why not, in words (shown as the button's tooltip). */
export function whyNot(action: ActionSpec, order: OrderView | null, role: Role, orders: readonly OrderView[]): string | null {
  if (!can(role, action.permission)) return `Your role (${ROLE_LABEL[role]}) may not ${action.label.replace('…', '').toLowerCase()} orders.`;
  if (!order) return 'Select an order first.';
  if (!action.statuses.includes(order.status)) return `Order ${order.number} is ${STATUS_LABEL[order.status].toLowerCase()}.`;
  if (action.id === 'move-up' || action.id === 'move-down') return whyNotMove(action.id, order, orders);
  if (action.id === 'split' && splittable(order) < 1) return `Order ${order.number} has no units left to give to a split: it keeps at least one.`;
  return null;
}

/** Units an order can give to a split: not built, not on the line, and it keeps at least one (mirrors core/orders). */
export function splittable(order: OrderView): number {
  const committed = order.unitsGood + Math.max(0, order.unitsStarted - order.unitsGood - order.unitsScrapped);
  return order.quantity - Math.max(committed, 1);
}

function whyNotMove(id: 'move-up' | 'move-down', order: OrderView, orders: readonly OrderView[]): string | null {
  if (order.sequence === null) return `Order ${order.number} is not in the dispatch list; dispatch it first.`;
  if (onLine(order)) return `Order ${order.number} already has units on the line; it keeps its place.`;
  const queue = orders.filter((o) => o.sequence !== null).sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  const index = queue.findIndex((o) => o.number === order.number);
  const neighbour = queue[id === 'move-up' ? index - 1 : index + 1];
  if (!neighbour) return `Order ${order.number} is already ${id === 'move-up' ? 'first' : 'last'} in the list.`;
  if (onLine(neighbour)) return `Order ${neighbour.number} already has units on the line; no order can pass it.`;
  return null;
}

/** Dispatch list first (in sequence), then the rest by due date and priority. */
export function boardOrder(a: OrderView, b: OrderView): number {
  if (a.sequence !== null && b.sequence !== null) return a.sequence - b.sequence;
  if (a.sequence !== null) return -1;
  if (b.sequence !== null) return 1;
  return a.dueDate.localeCompare(b.dueDate) || a.priority - b.priority || a.number.localeCompare(b.number);
}
