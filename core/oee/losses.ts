import type { ShiftTimes } from './time-model';

/** What the loss waterfall is made of, for one work center or summed over several (seconds and pieces). */
export interface LossInputs {
  readonly times: ShiftTimes;
  readonly produced: number;
  readonly good: number;
  /** Rejects made within the startup window after a stop. */
  readonly startupScrap: number;
  /** Σ ideal cycle time × pieces made. */
  readonly idealSeconds: number;
  /** Stop time in the planned busy time by the loss of its reason (micro-stops are small stops). */
  readonly stops: { readonly breakdown: number; readonly setup: number; readonly smallStop: number };
  /** Downtime reported by hand (no stop records behind it). */
  readonly reported: number;
}

export type WaterfallStep =
  | 'planned' | 'breakdowns' | 'setup' | 'small-stops' | 'unreasoned' | 'reported' | 'no-data'
  | 'run' | 'speed' | 'startup-rejects' | 'production-rejects' | 'productive';

export interface WaterfallBar {
  readonly step: WaterfallStep;
  readonly label: string;
  /** A total (planned, run, fully productive) or a loss taken from the total before it. */
  readonly kind: 'total' | 'loss';
  readonly seconds: number;
}

/** The six big losses, in seconds of planned busy time; stops still without a reason are kept apart until they have one. */
export interface SixBigLosses {
  readonly breakdowns: number;
  readonly setupAndAdjustments: number;
  readonly smallStops: number;
  readonly reducedSpeed: number;
  readonly startupRejects: number;
  readonly productionRejects: number;
  readonly unassigned: number;
}

/**
 * From planned busy time to fully productive time: the stops by their reasons' losses (what is down or delayed and has
 * no reason yet is its own bar, as is time with no state recorded) leave the run time; running slower than the ideal
 * cycle leaves the net run time; rejects at their ideal time leave the fully productive time (= OEE × planned busy
 * time). The stops are taken from the state times (down + delay), so the bars add up whatever the records say.
 */
export function lossWaterfall(x: LossInputs): { bars: WaterfallBar[]; six: SixBigLosses } {
  const t = x.times;
  const stopped = t.adot + t.adet;
  const breakdown = Math.min(x.stops.breakdown, stopped);
  const setup = Math.min(x.stops.setup, stopped - breakdown);
  const small = Math.min(x.stops.smallStop, stopped - breakdown - setup);
  const reported = Math.min(x.reported, stopped - breakdown - setup - small);
  const unreasoned = stopped - breakdown - setup - small - reported;
  const perPiece = x.produced > 0 ? x.idealSeconds / x.produced : 0;
  const startup = perPiece * Math.min(x.startupScrap, x.produced - x.good);
  const production = perPiece * (x.produced - x.good) - startup;
  const productive = perPiece * x.good;
  const speed = t.apt - x.idealSeconds;
  const bars: WaterfallBar[] = [
    { step: 'planned', label: 'Planned production time', kind: 'total', seconds: t.pbt },
    { step: 'breakdowns', label: 'Breakdowns', kind: 'loss', seconds: breakdown },
    { step: 'setup', label: 'Setup and adjustments', kind: 'loss', seconds: setup },
    { step: 'small-stops', label: 'Small stops', kind: 'loss', seconds: small },
    { step: 'unreasoned', label: 'Stops without a reason', kind: 'loss', seconds: unreasoned },
    { step: 'reported', label: 'Downtime reported by hand', kind: 'loss', seconds: reported },
    { step: 'no-data', label: 'No state recorded', kind: 'loss', seconds: t.unknown },
    { step: 'run', label: 'Run time', kind: 'total', seconds: t.apt },
    { step: 'speed', label: 'Reduced speed', kind: 'loss', seconds: speed },
    { step: 'startup-rejects', label: 'Startup rejects', kind: 'loss', seconds: startup },
    { step: 'production-rejects', label: 'Production rejects', kind: 'loss', seconds: production },
    { step: 'productive', label: 'Fully productive time', kind: 'total', seconds: productive },
  ];
  return {
    bars,
    six: { breakdowns: breakdown + reported, setupAndAdjustments: setup, smallStops: small, reducedSpeed: speed, startupRejects: startup, productionRejects: production, unassigned: unreasoned },
  };
}
