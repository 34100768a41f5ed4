import type { CommandContext, ExpectedReceipt, Result, SupplyView, supplyApi } from '../../../core';
import { ok } from '../../../core';
import type { Handlers } from './handler';

/** What supply needs of the station. */
export interface SupplyPorts {
  readonly supply: {
    expect(receipts: readonly ExpectedReceipt[], ctx: CommandContext): Promise<Result<{ expected: string[]; revised: string[]; slipped: string[]; unchanged: string[] }>>;
    view(): SupplyView;
    applySequence(orders: readonly string[], listVersion: number, ctx: CommandContext): Promise<Result<{ line: string; version: number; seq: number; orders: string[] }>>;
  };
}

export function supplyHandlers(s: SupplyPorts): Handlers<typeof supplyApi> {
  return {
    expectReceipts: (input, caller) => s.supply.expect(input.receipts, caller.context),
    supply: () => ok(s.supply.view()),
    applySequence: (input, caller) => s.supply.applySequence(input.orders, input.listVersion, caller.context),
  };
}
