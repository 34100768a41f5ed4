import { z } from 'zod';
import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import type { ControlLimits } from './limits';
import { RULE_SETS, type RuleSet } from './rules';

/** The fewest baseline points (I-MR) or subgroups (X̄-R) that limits are drawn from. */
export const MIN_BASELINE = 20;

/** An engineer's choice of baseline for a characteristic (a measurement at a work center): its period, chart and rules. */
export const SpcBaselineInput = z.object({
  workCenter: z.string().min(1).max(32),
  measurement: z.string().min(1).max(64),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  chart: z.enum(['imr', 'xbar-r']).default('imr'),
  subgroupSize: z.number().int().min(2).max(10).default(5),
  rules: z.enum(RULE_SETS).default('western-electric'),
});
export type SpcBaselineInput = z.infer<typeof SpcBaselineInput>;

export interface SpcSettings {
  readonly workCenter: string;
  readonly measurement: string;
  readonly from: string;
  readonly to: string;
  readonly rules: RuleSet;
  readonly limits: ControlLimits;
  /** Points the limits were drawn from. */
  readonly points: number;
}

export type SpcEvent = { readonly type: 'SpcLimitsSet'; readonly data: SpcSettings & { readonly before: ControlLimits | null } };

export interface SetSpcLimits {
  readonly type: 'SetSpcLimits';
  readonly input: SpcBaselineInput;
  /** The baseline's points, in order (values as measured). */
  readonly values: readonly number[];
  /** The limits drawn from them (null: too few, or a chart that cannot be drawn). */
  readonly limits: ControlLimits | null;
}

export type SpcState = { readonly limits: ControlLimits | null };

/**
 * A characteristic's control limits (stream spc:<work center>/<measurement>), drawn from a baseline an engineer
 * chose and then fixed: later points are judged against them, not against limits that follow the process. Refused:
 * an empty period, too few points, no variation at all.
 */
export const spcDecider: Decider<SpcState, SetSpcLimits, SpcEvent> = {
  initialState: () => ({ limits: null }),
  decide(c, state) {
    const i = c.input;
    if (Date.parse(i.to) <= Date.parse(i.from)) return refuse(ErrorCode.validation, 'The baseline period is empty: "to" must be after "from".');
    const needed = i.chart === 'imr' ? MIN_BASELINE : MIN_BASELINE * i.subgroupSize;
    if (c.values.length < needed || !c.limits) {
      return refuse(
        ErrorCode.validation,
        `The baseline has ${c.values.length} ${i.measurement} readings at ${i.workCenter}; ${i.chart === 'imr' ? `an individuals chart needs at least ${MIN_BASELINE}` : `an X̄-R chart needs at least ${MIN_BASELINE} subgroups of ${i.subgroupSize} (${needed} readings)`}. Choose a longer period.`,
      );
    }
    if (!(c.limits.sigma > 0)) return refuse(ErrorCode.validation, `The baseline's ${i.measurement} readings do not vary at all: no limits can be drawn from them (is the gauge reporting?).`);
    return accept({
      type: 'SpcLimitsSet',
      data: {
        workCenter: i.workCenter, measurement: i.measurement, from: new Date(Date.parse(i.from)).toISOString(), to: new Date(Date.parse(i.to)).toISOString(),
        rules: i.rules, limits: c.limits, points: c.values.length, before: state.limits,
      },
    });
  },
  evolve: (_s, e) => ({ limits: e.data.limits }),
};
