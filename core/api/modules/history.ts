import { z } from 'zod';
import { TagRef } from '../../alarms/model';
import { PACKML_STATES } from '../../packml/states';
import { op } from '../operation';
import { isoDateTime } from '../schemas';

// What was: historized tag values and the work centers' PackML state history.

export const HistoryRequest = z.object({
  connection: z.string().min(1),
  address: z.string().min(1),
  from: isoDateTime,
  to: isoDateTime,
  maxPoints: z.coerce.number().int().min(10).max(100_000).default(5_000),
});

export const HistorySeries = z.object({
  tag: TagRef,
  points: z.array(z.tuple([z.number(), z.number().nullable(), z.enum(['good', 'uncertain', 'bad'])])),
});
export type HistorySeries = z.infer<typeof HistorySeries>;

export const StateInterval = z.object({ state: z.enum(PACKML_STATES), from: isoDateTime, to: isoDateTime.nullable() });
export type StateInterval = z.infer<typeof StateInterval>;

export const historyApi = {
  history: op({ method: 'GET', path: '/history', summary: 'Historized values of one tag over a time range', input: HistoryRequest, output: HistorySeries, permission: 'view' }),
  stateHistory: op({
    method: 'GET',
    path: '/line/work-centers/{workCenter}/states',
    summary: 'PackML state history of a work center',
    input: z.object({ workCenter: z.string().min(1), from: isoDateTime, to: isoDateTime }),
    output: z.array(StateInterval),
    permission: 'view',
  }),
} as const;
