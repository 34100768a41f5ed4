import { z } from 'zod';
import { Configuration } from '../material/model';
import { ORDER_STATUSES } from '../orders/order';

/**
 * Schemas more than one API module uses. A schema only one module uses lives in that module (core/api/modules/);
 * the live stream's messages live in ./stream.
 */

export const isoDateTime = z.iso.datetime({ offset: true });
const isoDateOrDateTime = z.union([z.iso.date(), isoDateTime]);

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
  /** A configurable product: the value of each of its options, e.g. {"Seal material": "FKM"}. */
  options: Configuration.optional(),
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
  /** A configurable product's option values (absent for a product without options). */
  options: Configuration.optional(),
  /**
   * What a shift lead should know before resequencing: late against the due date, a changeover, material short; and
   * units of it held for a disposition under an engineering change.
   */
  hints: z.array(z.object({ kind: z.enum(['late', 'changeover', 'material', 'disposition']), text: z.string() })),
});
export type OrderView = z.infer<typeof OrderView>;

/** Every refusal, whatever the operation (STYLE.md §5). */
export const ErrorBody = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });
