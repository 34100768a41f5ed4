import { kpis, type Kpis } from './kpi';
import type { ShiftTimes } from './time-model';

/** What was measured of a period at a work unit (or a line): its times, what it made, its ideal time, its failures. */
export interface Measured {
  readonly times: ShiftTimes;
  readonly quantities: { readonly produced: number; readonly good: number; readonly scrap: number; readonly rework: number; readonly firstPass: number };
  /** Σ PRI × PQ, seconds. */
  readonly idealSeconds: number;
  /** Run → down transitions; null where not known (a hand report without a count of stops). */
  readonly failures: number | null;
  /** All the time of the period, for TEEP. */
  readonly calendarSeconds: number;
}

const ZERO_TIMES: ShiftTimes = { pot: 0, pdt: 0, pbt: 0, apt: 0, adot: 0, adet: 0, unknown: 0 };

/**
 * Several periods or work units as one: times, quantities and ideal time summed, so the KPIs of the whole are
 * weighted by time and output (a line's OEE is its work centers' good ideal time over their planned busy time, not an
 * average of percentages). `calendarSeconds` is the whole's own (a day is 24 hours however many shifts it had).
 */
export function sumMeasured(parts: readonly Measured[], calendarSeconds?: number): Measured {
  const times = { ...ZERO_TIMES };
  const q = { produced: 0, good: 0, scrap: 0, rework: 0, firstPass: 0 };
  let ideal = 0;
  let failures: number | null = null;
  for (const p of parts) {
    for (const k of Object.keys(times) as (keyof ShiftTimes)[]) times[k] += p.times[k];
    for (const k of Object.keys(q) as (keyof typeof q)[]) q[k] += p.quantities[k];
    ideal += p.idealSeconds;
    if (p.failures !== null) failures = (failures ?? 0) + p.failures;
  }
  return { times, quantities: q, idealSeconds: ideal, failures, calendarSeconds: calendarSeconds ?? Math.max(0, ...parts.map((p) => p.calendarSeconds)) };
}

/** The ISO 22400-2 KPIs of what was measured. */
export const kpisOf = (m: Measured): Kpis => kpis(m.times, m.quantities, m.idealSeconds, { failures: m.failures, calendarSeconds: m.calendarSeconds });
