import { CreateOrderRequest } from '../api/schemas';

/** Same ceiling as an order created by hand (CreateOrderRequest). */
export const MAX_ORDER_QUANTITY = 100_000;

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A B2MML QuantityString as a whole number of units: decimals and exponent forms ('1.000', '0.4E1') are accepted
 * when they denote a whole number. Returns the number or the reason it is refused.
 */
export function orderQuantity(raw: string): { ok: true; value: number } | { ok: false; reason: string } {
  const s = raw.trim();
  if (!DECIMAL.test(s)) return { ok: false, reason: `Quantity "${raw}" is not a number` };
  const n = Number(s);
  if (!Number.isFinite(n)) return { ok: false, reason: `Quantity "${raw}" is not a finite number` };
  if (n <= 0) return { ok: false, reason: `Quantity "${raw}" must be at least 1` };
  if (n > MAX_ORDER_QUANTITY) return { ok: false, reason: `Quantity "${raw}" exceeds the maximum of ${MAX_ORDER_QUANTITY} units` };
  if (!Number.isInteger(n)) return { ok: false, reason: `Quantity "${raw}" is not a whole number of units` };
  return { ok: true, value: n };
}

/** B2MML Priority is numeric; the order board knows 1 (most urgent) … 9. */
export function orderPriority(raw: string): { ok: true; value: number } | { ok: false; reason: string } {
  const s = raw.trim();
  const n = DECIMAL.test(s) ? Number(s) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 9) return { ok: false, reason: `Priority "${raw}" is not a whole number from 1 to 9` };
  return { ok: true, value: n };
}

/** An ISO date or a date-time with a time zone, as CreateOrderRequest requires for dueDate. */
export function isDueDate(raw: string): boolean {
  return CreateOrderRequest.shape.dueDate.safeParse(raw).success;
}

/** Orders count pieces; a unit of measure that is not a piece count is reported, not converted. */
const PIECE_UNITS = new Set(['', 'ea', 'each', 'pc', 'pcs', 'piece', 'pieces', 'unit', 'units', 'st', 'stk', 'count']);
export const isPieceUnit = (uom: string | undefined): boolean => PIECE_UNITS.has((uom ?? '').trim().toLowerCase());
