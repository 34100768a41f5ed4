import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';

/** Material on hand, as the warehouse (ERP/WMS) counts it; lots scanned into units are taken off it. */
export type StockEvent = {
  readonly type: 'StockCounted';
  readonly data: { readonly material: string; readonly revision: string; readonly onHand: number; readonly source: string };
};
export type StockState = { readonly counted: number | null };
export interface CountStock {
  readonly type: 'CountStock';
  readonly material: string;
  readonly revision: string;
  readonly onHand: number;
  readonly source: string;
  /** Whether the material revision is defined on this station. */
  readonly materialDefined: boolean;
}
export type StockCommand = CountStock;

/** A warehouse count of a material revision replaces the station's figure. */
export const stockDecider: Decider<StockState, StockCommand, StockEvent> = {
  initialState: () => ({ counted: null }),
  decide(c) {
    if (!c.materialDefined) return refuse(ErrorCode.validation, `Material ${c.material} revision ${c.revision} is not defined on this station.`, { material: c.material, revision: c.revision });
    if (!Number.isFinite(c.onHand) || c.onHand < 0) return refuse(ErrorCode.validation, `A count is a quantity of 0 or more, not ${c.onHand}.`);
    return accept({ type: 'StockCounted', data: { material: c.material, revision: c.revision, onHand: c.onHand, source: c.source } });
  },
  evolve: (_s, e) => ({ counted: e.data.onHand }),
};
