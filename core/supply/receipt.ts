import { z } from 'zod';
import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';

/** A receipt ERP expects from a supplier: this much of a material revision, on this date (a purchase order line). */
export const ExpectedReceipt = z.object({
  /** ERP's reference, e.g. the purchase order and line: "4500012345/10". */
  id: z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'A receipt id is letters, digits and . _ / -'),
  material: z.string().trim().min(1).max(64),
  revision: z.string().trim().min(1).max(16),
  quantity: z.number().nonnegative('A quantity is 0 or more (0: nothing will come).').max(10_000_000),
  /** When it is expected: a date (the start of that day, station time) or a date-time with a zone. */
  expectedAt: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
  supplier: z.string().trim().max(80).default(''),
});
export type ExpectedReceipt = z.infer<typeof ExpectedReceipt>;

export type SupplyEvent =
  | { readonly type: 'ReceiptExpected'; readonly data: ExpectedReceipt }
  /** ERP changed a receipt: `slip` when it comes later or brings less than before. */
  | {
      readonly type: 'ReceiptRevised';
      readonly data: { readonly id: string; readonly material: string; readonly revision: string; readonly from: { readonly quantity: number; readonly expectedAt: string }; readonly to: { readonly quantity: number; readonly expectedAt: string }; readonly slip: boolean };
    };

export interface SupplyState {
  readonly receipt: ExpectedReceipt | null;
}

export interface ExpectReceipt {
  readonly type: 'ExpectReceipt';
  readonly receipt: ExpectedReceipt;
  readonly materialDefined: boolean;
}

/** When a receipt is expected, in ms: a date alone is the start of that day, station time. */
export const receiptAt = (d: string) => Date.parse(d.length === 10 ? `${d}T00:00:00` : d);

/**
 * An expected receipt from ERP: new, the same again (nothing to record), or changed: a later date or a smaller
 * quantity is a slip. A receipt names one material revision for good: another one is another receipt.
 */
export const supplyDecider: Decider<SupplyState, ExpectReceipt, SupplyEvent> = {
  initialState: () => ({ receipt: null }),
  decide(c, state) {
    const r = c.receipt;
    if (!c.materialDefined) return refuse(ErrorCode.validation, `Receipt ${r.id}: material ${r.material} revision ${r.revision} is not defined on this station.`, { id: r.id });
    const was = state.receipt;
    if (!was) return accept({ type: 'ReceiptExpected', data: r });
    if (was.material !== r.material || was.revision !== r.revision) {
      return refuse(ErrorCode.conflict, `Receipt ${r.id} is for ${was.material} rev ${was.revision}, not ${r.material} rev ${r.revision}: another material is another receipt.`, { id: r.id });
    }
    if (was.quantity === r.quantity && receiptAt(was.expectedAt) === receiptAt(r.expectedAt)) return accept();
    const slip = receiptAt(r.expectedAt) > receiptAt(was.expectedAt) || r.quantity < was.quantity;
    return accept({
      type: 'ReceiptRevised',
      data: { id: r.id, material: r.material, revision: r.revision, from: { quantity: was.quantity, expectedAt: was.expectedAt }, to: { quantity: r.quantity, expectedAt: r.expectedAt }, slip },
    });
  },
  evolve(state, e) {
    if (e.type === 'ReceiptExpected') return { receipt: e.data };
    return state.receipt ? { receipt: { ...state.receipt, quantity: e.data.to.quantity, expectedAt: e.data.to.expectedAt } } : state;
  },
};
