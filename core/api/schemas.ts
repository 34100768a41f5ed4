import { z } from 'zod';
import { ORDER_STATUSES } from '../orders/order';
import { PACKML_STATES } from '../packml/states';
import { ROLES } from '../users/roles';

const isoDateTime = z.iso.datetime({ offset: true });
const isoDateOrDateTime = z.union([z.iso.date(), isoDateTime]);

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  stationId: z.string(),
  version: z.string(),
  time: isoDateTime,
  events: z.number().int().nonnegative(),
  plc: z.object({ connected: z.boolean(), endpoint: z.string().nullable(), message: z.string() }),
});
export type Health = z.infer<typeof Health>;

export const LoginRequest = z.object({
  username: z.string().min(1, 'Enter your user name.').max(64),
  password: z.string().min(1, 'Enter your password.').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserView = z.object({ username: z.string(), displayName: z.string(), role: z.enum(ROLES) });
export type UserView = z.infer<typeof UserView>;

export const Session = z.object({ token: z.string(), user: UserView, expiresAt: isoDateTime });
export type Session = z.infer<typeof Session>;

export const WorkCenterView = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  state: z.union([z.enum(PACKML_STATES), z.literal('Unknown')]),
  stateSince: isoDateTime.nullable(),
  /** The unit in the machine now, if any. */
  unit: z.object({ serial: z.string(), order: z.string(), since: isoDateTime }).nullable(),
  /** Units whose next operation is here and that are waiting for it. */
  queue: z.number().int().nonnegative(),
  counters: z.object({ good: z.number().int(), rejected: z.number().int() }),
  lastMeasurement: z.object({ name: z.string(), value: z.number(), unit: z.string(), result: z.enum(['pass', 'fail']) }).nullable(),
  /** Quality of the connection to this work center's PLC: 'bad' values are never shown as live. */
  quality: z.enum(['good', 'bad']),
});
export type WorkCenterView = z.infer<typeof WorkCenterView>;

export const LineView = z.object({
  site: z.object({ id: z.string(), name: z.string() }),
  area: z.object({ id: z.string(), name: z.string() }),
  line: z.object({ id: z.string(), name: z.string() }),
  workCenters: z.array(WorkCenterView),
  plc: z.object({ connected: z.boolean(), message: z.string() }),
  /** Units finished (good) on this line. */
  output: z.object({ good: z.number().int(), scrapped: z.number().int() }),
});
export type LineView = z.infer<typeof LineView>;

export const OrderNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'An order number is 1–40 letters, digits, dots, dashes or underscores.');

export const CreateOrderRequest = z.object({
  number: OrderNumber,
  product: z.string().trim().min(1).max(64),
  revision: z.string().trim().min(1).max(16),
  quantity: z.number().int('Quantity is a whole number of units.').positive('Quantity must be at least 1.').max(100_000),
  dueDate: isoDateOrDateTime,
  priority: z.number().int().min(1).max(9).default(5),
});
export type CreateOrderRequest = z.infer<typeof CreateOrderRequest>;

export const OrderView = z.object({
  number: z.string(),
  product: z.string(),
  revision: z.string(),
  quantity: z.number().int(),
  dueDate: z.string(),
  priority: z.number().int(),
  status: z.enum(ORDER_STATUSES),
  holdReason: z.string().nullable(),
  /** Position in the line's dispatch list (1 = next to build), null when not dispatched. */
  sequence: z.number().int().nullable(),
  unitsStarted: z.number().int(),
  unitsGood: z.number().int(),
  unitsScrapped: z.number().int(),
  /** Estimated completion from remaining standard time and the line's pace; null when not dispatched. */
  eta: isoDateTime.nullable(),
  receivedAt: isoDateTime,
  updatedAt: isoDateTime,
  /** serial: units with serial numbers; lot: quantities reported per operation. */
  tracking: z.enum(['serial', 'lot']),
  /** What a shift lead should know before resequencing: late against the due date, a changeover, material short. */
  hints: z.array(z.object({ kind: z.enum(['late', 'changeover', 'material']), text: z.string() })),
});
export type OrderView = z.infer<typeof OrderView>;

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

export const DispatchListView = z.object({
  line: z.string(),
  /** Changes with every change of the list; send it back with a move. */
  version: z.number().int(),
  /** The last event this reading includes: stream events up to it are already in the list. */
  seq: z.number().int(),
  orders: z.array(z.string()),
});
export type DispatchListView = z.infer<typeof DispatchListView>;
export type OrderActionRequest = z.infer<typeof OrderActionRequest>;

export const WipItem = z.object({
  serial: z.string(),
  order: z.string(),
  product: z.string(),
  operation: z.number().int(),
  operationName: z.string(),
  workCenter: z.string(),
  status: z.enum(['queued', 'in_operation']),
  since: isoDateTime,
  /** Operations still to do, this one included, of how many. */
  remainingOperations: z.number().int(),
  operations: z.number().int(),
  /** Expected finish: remaining standard times, scaled by the line's current performance. */
  eta: isoDateTime,
});
export type WipItem = z.infer<typeof WipItem>;

export const EventView = z.object({
  seq: z.number().int(),
  stream: z.string(),
  type: z.string(),
  at: isoDateTime,
  actor: z.string(),
  /** The request that caused it: every event of one command shares it (null before correlation ids were kept). */
  correlationId: z.string().nullable(),
  data: z.unknown(),
});
export type EventView = z.infer<typeof EventView>;

/** Messages on the live stream (WebSocket and IPC alike). */
export const StreamMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello'), seq: z.number().int(), stationId: z.string() }),
  z.object({
    kind: z.literal('changed'),
    seq: z.number().int(),
    topics: z.array(z.enum(['orders', 'line', 'wip', 'master', 'alarms', 'config'])),
    events: z.array(
      z.object({
        seq: z.number().int(),
        type: z.string(),
        stream: z.string(),
        /** The stream's version after this event (the dispatch list's version, for a queue event). */
        version: z.number().int().optional(),
        /** Carried for the few small events a screen applies at once (machine states), so the mimic need not re-read. */
        at: z.string().optional(),
        data: z.unknown().optional(),
      }),
    ),
  }),
  z.object({ kind: z.literal('plc'), connected: z.boolean(), message: z.string() }),
]);
export type StreamMessage = z.infer<typeof StreamMessage>;

export const ErrorBody = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });

export const TerminalUnit = z.object({
  serial: z.string(),
  order: z.string(),
  product: z.string(),
  revision: z.string(),
  status: z.enum(['queued', 'in_operation']),
  since: isoDateTime,
  operation: z.object({
    seq: z.number().int(),
    name: z.string(),
    instruction: z.string(),
    standardCycleSeconds: z.number(),
    onFail: z.enum(['reject', 'rework']),
    reworkTo: z.number().int().nullable(),
    /** 1 for the first time; more after a rework. */
    attempt: z.number().int(),
  }),
  /** What the BOM asks at this operation, and what was scanned so far. */
  components: z.array(
    z.object({ material: z.string(), revision: z.string(), description: z.string(), quantity: z.number(), scanned: z.number(), lots: z.array(z.string()) }),
  ),
  measurements: z.array(z.object({ name: z.string(), unit: z.string(), low: z.number(), high: z.number() })),
  /** The operations before this one, as built. */
  history: z.array(z.object({ operation: z.number().int(), workCenter: z.string(), result: z.string().nullable(), endedAt: z.string().nullable() })),
});
export type TerminalUnit = z.infer<typeof TerminalUnit>;

export const TerminalLot = z.object({
  order: z.string(),
  product: z.string(),
  revision: z.string(),
  quantity: z.number().int(),
  operation: z.number().int(),
  operationName: z.string(),
  instruction: z.string(),
  /** Passed on to this operation (the order quantity at the first), done here, and still to do here. */
  input: z.number().int(),
  good: z.number().int(),
  scrapped: z.number().int(),
  available: z.number().int(),
  held: z.boolean(),
});
export type TerminalLot = z.infer<typeof TerminalLot>;

/** One work center's operator terminal: the unit in work, the units waiting, lot-based orders with work here. */
export const TerminalView = z.object({
  workCenter: z.object({ id: z.string(), name: z.string(), state: z.string(), quality: z.enum(['good', 'bad']) }),
  /** The line's first work center: where a new unit is started when no PLC feeds the line. */
  first: z.boolean(),
  current: TerminalUnit.nullable(),
  waiting: z.array(z.object({ serial: z.string(), order: z.string(), product: z.string(), operation: z.number().int(), since: isoDateTime })),
  lots: z.array(TerminalLot),
});
export type TerminalView = z.infer<typeof TerminalView>;

export const StockItem = z.object({ material: z.string(), revision: z.string(), description: z.string(), onHand: z.number(), updatedAt: isoDateTime });
export type StockItem = z.infer<typeof StockItem>;
