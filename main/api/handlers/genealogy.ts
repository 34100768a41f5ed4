import { ErrorCode, fail, ok, type AsBuiltView, type GenealogyGraph, type GenealogyQuery, type LotUseView, type RecallList, type RecallQuery, type genealogyApi } from '../../../core';
import type { Handlers } from './handler';

/** What the genealogy and reports need of the station. */
export interface GenealogyPorts {
  readonly reports: {
    asBuilt(serial: string): AsBuiltView | null;
    traceLot(lot: string, material?: string): LotUseView[];
    performance(number: string, format: 'v0600' | 'v7'): { fileName: string; xml: string } | null;
  };
  readonly genealogy: {
    graph(q: GenealogyQuery): Promise<GenealogyGraph>;
    recall(q: RecallQuery): RecallList;
    recallCsv(list: RecallList, what: string, madeAt: string, madeBy: string): string;
  };
}

const recallWhat = (q: RecallQuery): string => ('lot' in q ? `lot ${q.lot}` : `work center ${q.workCenter} from ${q.from} to ${q.to}`);

export function genealogyHandlers(s: GenealogyPorts): Handlers<typeof genealogyApi> {
  return {
    asBuilt: (input) => {
      const r = s.reports.asBuilt(input.serial);
      return r ? ok(r) : fail(ErrorCode.notFound, `No unit with serial ${input.serial} was built here.`);
    },
    traceLot: (input) => ok(s.reports.traceLot(input.lot, input.material)),
    genealogyGraph: async (input) => ok(await s.genealogy.graph(input)),
    recall: (input) => ok(s.genealogy.recall(input)),
    exportRecall: (input, caller) => {
      const list = s.genealogy.recall(input);
      const by = caller.user ? `${caller.user.displayName} (${caller.user.username})` : 'unknown';
      const csv = s.genealogy.recallCsv(list, recallWhat(input), caller.context.at, by);
      const name = ('lot' in input ? input.lot : input.workCenter).replace(/[^A-Za-z0-9._-]/g, '_');
      return ok({
        fileName: `recall-${name}-${caller.context.at.replace(/[:.]/g, '-')}.csv`,
        contentType: 'text/csv; charset=utf-8',
        base64: Buffer.from(csv, 'utf8').toString('base64'),
        units: list.units.length,
        orders: list.orders.length,
      });
    },
    orderPerformance: (input) => {
      const r = s.reports.performance(input.number, input.format);
      return r ? ok(r) : fail(ErrorCode.notFound, `Order ${input.number} does not exist.`);
    },
  };
}
