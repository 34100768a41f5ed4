import { ErrorCode, fail, ok, type AsBuiltView, type LotUseView, type genealogyApi } from '../../../core';
import type { Handlers } from './handler';

/** What the genealogy and reports need of the station. */
export interface GenealogyPorts {
  readonly reports: {
    asBuilt(serial: string): AsBuiltView | null;
    traceLot(lot: string, material?: string): LotUseView[];
    performance(number: string, format: 'v0600' | 'v7'): { fileName: string; xml: string } | null;
  };
}

export function genealogyHandlers(s: GenealogyPorts): Handlers<typeof genealogyApi> {
  return {
    asBuilt: (input) => {
      const r = s.reports.asBuilt(input.serial);
      return r ? ok(r) : fail(ErrorCode.notFound, `No unit with serial ${input.serial} was built here.`);
    },
    traceLot: (input) => ok(s.reports.traceLot(input.lot, input.material)),
    orderPerformance: (input) => {
      const r = s.reports.performance(input.number, input.format);
      return r ? ok(r) : fail(ErrorCode.notFound, `Order ${input.number} does not exist.`);
    },
  };
}
