/** The quantities of a period at a work unit (ISO 22400-2: PQ produced, GQ good, SQ scrap, RQ rework). */
export interface Quantities {
  readonly produced: number;
  readonly good: number;
  readonly scrap: number;
  readonly rework?: number;
}

/** ISO 22400-2 KPIs of a period at a work unit, from its times (seconds) and quantities; ratios 0..1, null when undefined. */
export interface OeeKpis {
  /** APT / PBT */
  readonly availability: number | null;
  /** Effectiveness (performance): PRI × PQ / APT */
  readonly effectiveness: number | null;
  /** GQ / PQ */
  readonly quality: number | null;
  /** Availability × effectiveness × quality: good output at the ideal rate over the planned busy time. */
  readonly oee: number | null;
  /** SQ / PQ */
  readonly scrapRatio: number | null;
  /** PQ per hour of actual production time. */
  readonly throughputPerHour: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * OEE and its factors (ISO 22400-2): availability APT/PBT, effectiveness PRI×PQ/APT with PRI the planned run time per
 * item (the routing's ideal cycle time), quality GQ/PQ. Effectiveness may pass 1 when the ideal cycle time is set
 * slower than the machine runs: it is reported as it is, not capped, so a wrong ideal shows.
 */
export function oeeKpis(t: { readonly pbt: number; readonly apt: number }, q: Quantities, idealCycleSeconds: number): OeeKpis {
  const availability = ratio(t.apt, t.pbt);
  const effectiveness = ratio(idealCycleSeconds * q.produced, t.apt);
  const quality = ratio(q.good, q.produced);
  return {
    availability,
    effectiveness,
    quality,
    oee: availability === null || effectiveness === null || quality === null ? null : availability * effectiveness * quality,
    scrapRatio: ratio(q.scrap, q.produced),
    throughputPerHour: ratio(q.produced * 3600, t.apt),
  };
}
