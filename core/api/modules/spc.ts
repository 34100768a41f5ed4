import { z } from 'zod';
import { SpcBaselineInput } from '../../spc/baseline';
import { RULE_SETS } from '../../spc/rules';
import { none, op } from '../operation';
import { isoDateTime } from '../schemas';

// Statistical process control on the measurements: characteristics, control charts with their rule violations,
// capability, and the baselines engineers choose.

const RuleIds = z.array(z.enum(['WE1', 'WE2', 'WE3', 'WE4', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'MR', 'R']));

export const LimitsView = z.object({
  chart: z.enum(['imr', 'xbar-r']),
  n: z.number().int(),
  center: z.number(),
  ucl: z.number(),
  lcl: z.number(),
  sigma: z.number(),
  sigmaWithin: z.number(),
  dispersion: z.object({ center: z.number(), ucl: z.number(), lcl: z.number() }),
});

export const SpcSettingsView = z.object({
  from: isoDateTime, to: isoDateTime, rules: z.enum(RULE_SETS), limits: LimitsView, points: z.number().int(), setAt: isoDateTime, setBy: z.string(),
});
export type SpcSettingsView = z.infer<typeof SpcSettingsView>;

export const CharacteristicView = z.object({
  workCenter: z.string(),
  measurement: z.string(),
  unit: z.string(),
  low: z.number(),
  high: z.number(),
  points: z.number().int(),
  lastAt: isoDateTime.nullable(),
  settings: SpcSettingsView.nullable(),
  /** The latest point breaks a rule (its SPC alarm is active). */
  outOfControl: z.boolean(),
});
export type CharacteristicView = z.infer<typeof CharacteristicView>;

export const SpcChartView = z.object({
  workCenter: z.string(),
  measurement: z.string(),
  unit: z.string(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  settings: SpcSettingsView.nullable(),
  /** The limits the points are judged by: the baseline's, or trial limits from the points shown when none is set. */
  limits: LimitsView.nullable(),
  provisional: z.boolean(),
  rules: z.enum(RULE_SETS),
  points: z.array(z.object({ n: z.number().int(), at: isoDateTime, value: z.number(), serial: z.string(), mr: z.number().nullable(), rules: RuleIds })),
  /** X̄-R: complete subgroups of consecutive points. */
  subgroups: z.array(z.object({ index: z.number().int(), at: isoDateTime, mean: z.number(), range: z.number(), rules: RuleIds })),
  capability: z.object({ n: z.number(), mean: z.number(), sigmaWithin: z.number(), sigmaOverall: z.number(), cp: z.number().nullable(), cpk: z.number().nullable(), pp: z.number().nullable(), ppk: z.number().nullable() }).nullable(),
});
export type SpcChartView = z.infer<typeof SpcChartView>;

export const spcApi = {
  spcCharacteristics: op({ method: 'GET', path: '/spc/characteristics', summary: 'Every measured characteristic (work center × measurement), its limits and whether it is in control', input: none, output: z.array(CharacteristicView), permission: 'view' }),
  spcChart: op({
    method: 'GET', path: '/spc/chart', summary: 'A control chart: points (or subgroups) with the rules each breaks, the limits, and Cp/Cpk against the routing limits',
    input: z.object({
      workCenter: z.string().min(1).max(32), measurement: z.string().min(1).max(64),
      from: isoDateTime.optional(), to: isoDateTime.optional(),
      /** Without a range: the last this many points. */
      last: z.coerce.number().int().min(10).max(5000).default(200),
    }),
    output: SpcChartView, permission: 'view',
  }),
  setSpcBaseline: op({ method: 'POST', path: '/spc/baseline', summary: "Draw a characteristic's control limits from a baseline period and fix them", input: SpcBaselineInput, output: CharacteristicView, permission: 'spc.configure' }),
} as const;
