/** The quantities of a period at a work unit (ISO 22400-2: PQ produced, GQ good, SQ scrap, RQ rework). */
export interface Quantities {
  readonly produced: number;
  readonly good: number;
  readonly scrap: number;
  readonly rework?: number;
  /** Good the first time through, never reworked (for first pass yield); unknown if absent. */
  readonly firstPass?: number;
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
  /** PQ per hour of actual unit busy time (AUBT = APT + ADET). */
  readonly throughputPerHour: number | null;
}

/** The KPIs a plant reports beside OEE (ISO 22400-2, and TEEP, which the plant reports against all the time there is). */
export interface Kpis extends OeeKpis {
  /** Allocation efficiency AUBT / PBT: how much of the planned busy time the unit was busy (running or delayed, not down). */
  readonly allocationEfficiency: number | null;
  /** Utilization efficiency APT / AUBT: how much of the busy time it produced. */
  readonly utilizationEfficiency: number | null;
  /** TEEP: OEE over the whole period's time, not only the planned busy time (good output at the ideal rate / calendar time). */
  readonly teep: number | null;
  /** Mean operating time between failures: APT / FE. */
  readonly mtbfSeconds: number | null;
  /** Mean time to repair: ADOT / FE. */
  readonly mttrSeconds: number | null;
  /** First pass yield: good the first time / PQ. */
  readonly firstPassYield: number | null;
}

/** The times a KPI needs, in seconds (see ShiftTimes). */
export interface KpiTimes {
  readonly pbt: number;
  readonly apt: number;
  readonly adot?: number;
  readonly adet?: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * The KPIs of a period: `idealSeconds` is Σ PRI × PQ over what was made (each item at its routing's ideal cycle time,
 * so a work center making two products is judged by each one's), `failures` the stops that interrupted production (null:
 * not known), `calendarSeconds` all the time of the period (for TEEP). Effectiveness may pass 1 when an ideal cycle time
 * is set slower than the machine runs: it is reported as it is, not capped, so a wrong ideal shows.
 */
export function kpis(t: KpiTimes, q: Quantities, idealSeconds: number, o: { readonly failures?: number | null; readonly calendarSeconds?: number } = {}): Kpis {
  const availability = ratio(t.apt, t.pbt);
  const effectiveness = ratio(idealSeconds, t.apt);
  const quality = ratio(q.good, q.produced);
  const aubt = t.apt + (t.adet ?? 0);
  const failures = o.failures ?? null;
  return {
    availability,
    effectiveness,
    quality,
    oee: availability === null || effectiveness === null || quality === null ? null : availability * effectiveness * quality,
    scrapRatio: ratio(q.scrap, q.produced),
    throughputPerHour: ratio(q.produced * 3600, aubt),
    allocationEfficiency: ratio(aubt, t.pbt),
    utilizationEfficiency: ratio(t.apt, aubt),
    teep: o.calendarSeconds ? ratio(idealSeconds * (quality ?? 0), o.calendarSeconds) : null,
    mtbfSeconds: failures === null ? null : ratio(t.apt, failures),
    mttrSeconds: failures === null ? null : ratio(t.adot ?? 0, failures),
    firstPassYield: q.firstPass === undefined ? null : ratio(q.firstPass, q.produced),
  };
}

/** OEE and its factors with one ideal cycle time for everything made (ISO 22400-2: PRI). */
export function oeeKpis(t: KpiTimes, q: Quantities, idealCycleSeconds: number): OeeKpis {
  const k = kpis(t, q, idealCycleSeconds * q.produced);
  return { availability: k.availability, effectiveness: k.effectiveness, quality: k.quality, oee: k.oee, scrapRatio: k.scrapRatio, throughputPerHour: k.throughputPerHour };
}
