import { ErrorCode, fail, ok, type HistorySeries, type StateInterval, type TagRef, type historyApi } from '../../../core';
import type { Handlers } from './handler';

/** What the history's operations need of the station. */
export interface HistoryPorts {
  readonly connectivity: {
    history(ref: TagRef, from: string, to: string, maxPoints: number): HistorySeries;
    stateHistory(workCenter: string, from: string, to: string): StateInterval[];
  };
}

export function historyHandlers(s: HistoryPorts): Handlers<typeof historyApi> {
  return {
    history: (input) => {
      if (Date.parse(input.to) <= Date.parse(input.from)) return fail(ErrorCode.validation, 'The time range is empty: "to" must be after "from".');
      return ok(s.connectivity.history({ connection: input.connection, address: input.address }, input.from, input.to, input.maxPoints));
    },
    stateHistory: (input) => ok(s.connectivity.stateHistory(input.workCenter, input.from, input.to)),
  };
}
