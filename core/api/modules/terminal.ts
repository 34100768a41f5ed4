import { z } from 'zod';
import { none, op } from '../operation';
import { OrderNumber, OrderView, isoDateTime } from '../schemas';

// The operator terminal: units started, operations started and completed with their measurements, lots scanned,
// units scrapped; for lot-based orders, quantities reported per operation.

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
    /** The product revision this operation is built to. */
    revision: z.string(),
    /** What an engineering change changed here, in words (null: nothing since the unit started). */
    changed: z.object({ change: z.string(), from: z.string(), what: z.array(z.string()) }).nullable(),
  }),
  /** Held for a disposition under this change: nothing is recorded on it until decided (null: not held). */
  heldFor: z.string().nullable(),
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
  waiting: z.array(
    z.object({ serial: z.string(), order: z.string(), product: z.string(), operation: z.number().int(), since: isoDateTime, heldFor: z.string().nullable() }),
  ),
  lots: z.array(TerminalLot),
});
export type TerminalView = z.infer<typeof TerminalView>;

export const terminalApi = {
  terminal: op({
    method: 'GET',
    path: '/terminal/{workCenter}',
    summary: 'An operator terminal: the unit in work with its operation, instruction, components and checks; units waiting; lot orders with work here',
    input: z.object({ workCenter: z.string().min(1).max(64) }),
    output: TerminalView,
    permission: 'view',
  }),
  nextUnit: op({
    method: 'POST',
    path: '/line/next-unit',
    summary: 'At the first terminal of a line without a PLC feeder: start the next unit of the dispatch list (its serial label)',
    input: none,
    output: z.object({ serial: z.string().nullable() }),
    permission: 'terminal.record',
  }),
  startOperation: op({
    method: 'POST',
    path: '/units/{serial}/start',
    summary: 'At the terminal: start the unit\'s current operation at this work center (the routing sequence is enforced)',
    input: z.object({ serial: z.string().min(1).max(80), workCenter: z.string().min(1) }),
    output: z.object({ serial: z.string(), operation: z.number().int(), workCenter: z.string() }),
    permission: 'terminal.record',
  }),
  completeOperation: op({
    method: 'POST',
    path: '/units/{serial}/complete',
    summary: 'At the terminal: complete the current operation with its measurements (judged against the routing limits)',
    input: z.object({
      serial: z.string().min(1).max(80),
      workCenter: z.string().min(1),
      readings: z.array(z.object({ name: z.string().min(1), value: z.number() })).default([]),
    }),
    output: z.object({
      serial: z.string(),
      operation: z.number().int(),
      result: z.enum(['pass', 'fail']),
      unitStatus: z.string(),
      reason: z.string().nullable(),
      /** When the routing sends a failed unit to rework: the operation it goes back to. */
      reworkTo: z.number().int().nullable(),
    }),
    permission: 'terminal.record',
  }),
  consumeLot: op({
    method: 'POST',
    path: '/units/{serial}/lots',
    summary: 'Record a component lot scanned into a unit (checked against the BOM of its current operation)',
    input: z.object({
      serial: z.string().min(1).max(80),
      workCenter: z.string().min(1),
      material: z.string().trim().min(1).max(64),
      revision: z.string().trim().min(1).max(16),
      lot: z.string().trim().min(1, 'Scan the lot number.').max(80),
      quantity: z.number().positive().optional(),
    }),
    output: z.object({ serial: z.string(), lot: z.string(), material: z.string(), operation: z.number().int() }),
    permission: 'terminal.record',
  }),
  scrapUnit: op({
    method: 'POST',
    path: '/units/{serial}/scrap',
    summary: 'At the terminal: scrap a unit, with the reason',
    input: z.object({ serial: z.string().min(1).max(80), reason: z.string().trim().min(1, 'Say why the unit is scrapped.').max(500) }),
    output: z.object({ serial: z.string(), unitStatus: z.string() }),
    permission: 'terminal.record',
    signature: () => 'unit.scrap',
  }),
  reportQuantity: op({
    method: 'POST',
    path: '/orders/{number}/operations/{operation}/report',
    summary: 'Lot-based orders: report a quantity done at an operation; the good part passes on to the next operation',
    input: z.object({
      number: OrderNumber,
      operation: z.coerce.number().int().positive(),
      workCenter: z.string().min(1),
      good: z.number().int().nonnegative().default(0),
      scrapped: z.number().int().nonnegative().default(0),
      reason: z.string().trim().max(500).optional(),
    }),
    output: OrderView,
    permission: 'terminal.record',
  }),
} as const;
