import { z } from 'zod';
import { ExpectedReceipt } from '../../supply/receipt';
import { op } from '../operation';
import { isoDateTime } from '../schemas';
import { DispatchListView } from './orders';

// Supply: the receipts ERP expects from suppliers and their changes; the dispatch list's material against stock and
// receipts in time (which orders run short, when); a sequence that keeps the line fed, previewed and applied.

export const ReceiptView = ExpectedReceipt.extend({
  firstExpectedAt: z.string(),
  firstQuantity: z.number(),
  /** How often it came later or smaller. */
  slips: z.number().int(),
  updatedAt: isoDateTime,
});

export const ShortageView = z.object({
  order: z.string(),
  material: z.string(),
  revision: z.string(),
  needed: z.number(),
  available: z.number(),
  /** When the order starts on the line's plan, and so runs short. */
  at: isoDateTime,
  /** When expected receipts cover it (null: none expected does). */
  coveredAt: isoDateTime.nullable(),
  coveredBy: z.array(z.string()),
  /** Alternates the BOM names with enough then. */
  alternates: z.array(z.object({ material: z.string(), revision: z.string(), available: z.number() })),
});
export type ShortageView = z.infer<typeof ShortageView>;

/** One order of a dispatch list as the plan has it: when it ends, whether late, what it runs short of. */
export const PlannedRow = z.object({
  number: z.string(),
  product: z.string(),
  position: z.number().int(),
  dueDate: z.string(),
  eta: isoDateTime.nullable(),
  late: z.boolean(),
  /** Units on the line already: it keeps its place. */
  locked: z.boolean(),
  short: z.array(z.string()),
});
export type PlannedRow = z.infer<typeof PlannedRow>;

export const SupplyView = z.object({
  receipts: z.array(ReceiptView),
  shortages: z.array(ShortageView),
  current: z.array(PlannedRow),
  /** The sequence that keeps the line fed, as planned; null when it is the current one. */
  proposed: z.array(PlannedRow).nullable(),
  /** Each material that runs short: its level over the plan, from the stock now (what the screen plots). */
  levels: z.array(
    z.object({
      material: z.string(),
      revision: z.string(),
      steps: z.array(z.object({ at: isoDateTime, level: z.number(), by: z.string(), kind: z.enum(['start', 'order', 'receipt']) })),
    }),
  ),
  /** The dispatch list version the proposal was made from: applying it names it (a stale view is refused). */
  listVersion: z.number().int(),
});
export type SupplyView = z.infer<typeof SupplyView>;

export const supplyApi = {
  expectReceipts: op({
    method: 'POST',
    path: '/supply',
    summary: 'Expected receipts from ERP (material, quantity, date), new or changed: a later date or a smaller quantity is a slip; all or nothing',
    input: z.object({ receipts: z.array(ExpectedReceipt).min(1).max(5000) }),
    output: z.object({ expected: z.array(z.string()), revised: z.array(z.string()), slipped: z.array(z.string()), unchanged: z.array(z.string()) }),
    permission: 'supply.update',
  }),
  supply: op({
    method: 'GET',
    path: '/supply',
    summary: 'Expected receipts; the orders of the dispatch list that run short and when; a sequence that keeps the line fed, beside the current one',
    input: z.object({}),
    output: SupplyView,
    permission: 'view',
  }),
  applySequence: op({
    method: 'POST',
    path: '/line/dispatch-list/sequence',
    summary: 'Put the dispatch list in this order in one action (the moves a drag makes), refused if the list changed since the caller read it',
    input: z.object({ orders: z.array(z.string().min(1).max(40)).min(1).max(200_000), listVersion: z.number().int().nonnegative() }),
    output: DispatchListView,
    permission: 'orders.sequence',
  }),
} as const;
