import { z } from 'zod';
import { GiveReasonInput, ReasonTree, STOP_LOSSES } from '../../oee/downtime';
import { none, op } from '../operation';
import { isoDateTime } from '../schemas';

// Stops and their reasons, the line's reason tree, and the losses: the waterfall, the six big losses, the Paretos.

export const StopView = z.object({
  workCenter: z.string(),
  start: isoDateTime,
  /** null: still stopped. */
  end: isoDateTime.nullable(),
  seconds: z.number(),
  /** The state it began in. */
  state: z.string(),
  kind: z.enum(['down', 'delay']),
  micro: z.boolean(),
  reason: z.object({ code: z.string(), path: z.array(z.string()), loss: z.enum(STOP_LOSSES), by: z.string(), at: isoDateTime, comment: z.string() }).nullable(),
});
export type StopView = z.infer<typeof StopView>;

export const DowntimeView = z.object({
  /** Every stop that is not a micro-stop, newest first. */
  stops: z.array(StopView),
  /** Micro-stops, grouped per work center. */
  micro: z.array(z.object({ workCenter: z.string(), count: z.number(), seconds: z.number() })),
  microStopSeconds: z.number(),
});
export type DowntimeView = z.infer<typeof DowntimeView>;

const Bar = z.object({
  step: z.enum(['planned', 'breakdowns', 'setup', 'small-stops', 'unreasoned', 'reported', 'no-data', 'run', 'speed', 'startup-rejects', 'production-rejects', 'productive']),
  label: z.string(),
  kind: z.enum(['total', 'loss']),
  seconds: z.number(),
});

export const LossesView = z.object({
  from: isoDateTime,
  to: isoDateTime,
  workCenter: z.string().nullable(),
  shifts: z.array(z.string()),
  waterfall: z.array(Bar),
  six: z.object({
    breakdowns: z.number(), setupAndAdjustments: z.number(), smallStops: z.number(), reducedSpeed: z.number(),
    startupRejects: z.number(), productionRejects: z.number(), unassigned: z.number(),
  }),
  downtimePareto: z.array(z.object({ code: z.string().nullable(), label: z.string(), loss: z.string().nullable(), seconds: z.number(), stops: z.number() })),
  scrapPareto: z.array(z.object({ reason: z.string(), pieces: z.number() })),
  microStops: z.object({ count: z.number(), seconds: z.number() }),
  unreasonedStops: z.number(),
});
export type LossesView = z.infer<typeof LossesView>;

const Range = z.object({ from: isoDateTime, to: isoDateTime, workCenter: z.string().min(1).max(32).optional() });

export const downtimeApi = {
  downtime: op({
    method: 'GET', path: '/downtime', summary: 'Stops in a time range (micro-stops grouped); needsReason: only those still without a reason',
    input: Range.extend({ needsReason: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false) }), output: DowntimeView, permission: 'view',
  }),
  giveStopReason: op({ method: 'POST', path: '/downtime/reason', summary: "Give a stop its reason from the line's reason tree", input: GiveReasonInput, output: StopView, permission: 'downtime.reason' }),
  downtimeReasons: op({ method: 'GET', path: '/downtime/reasons', summary: "The line's reason tree", input: none, output: z.object({ tree: ReasonTree, isDefault: z.boolean() }), permission: 'view' }),
  setDowntimeReasons: op({ method: 'POST', path: '/downtime/reasons', summary: "Set the line's reason tree", input: z.object({ tree: ReasonTree }), output: z.object({ tree: ReasonTree, isDefault: z.boolean() }), permission: 'line.configure' }),
  losses: op({ method: 'GET', path: '/oee/losses', summary: 'The loss waterfall, the six big losses and the Paretos of downtime and scrap by reason, over the shifts in a range', input: Range, output: LossesView, permission: 'view' }),
} as const;
