import type { PackMLState } from '../packml/states';

/** A stretch of time, [start, end) in epoch milliseconds. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * One shift as planned: when it runs, its breaks and its planned downtime (a changeover, planned maintenance). A
 * shift may run across midnight; breaks and planned downtime outside it count for nothing.
 */
export interface PlannedShift extends Span {
  readonly breaks: readonly Span[];
  readonly plannedDowntime: readonly Span[];
}

/** What a PackML state's time is in ISO 22400-2 terms: producing, down, delayed (waiting, not faulted), or planned. */
export type TimeClass = 'run' | 'down' | 'delay' | 'planned';

/**
 * The default mapping of PackML states to ISO 22400 times (engineers may change it per line): Execute is run time
 * (APT); the states a fault or a stop puts the machine in are down time (ADOT); waiting for an upstream or downstream
 * or an operator's restart is delay (ADET); the transient states on the way back to Execute count as delay too.
 */
export const DEFAULT_TIME_CLASSES: Readonly<Record<PackMLState, TimeClass>> = {
  Execute: 'run',
  Stopped: 'down', Stopping: 'down', Aborting: 'down', Aborted: 'down', Clearing: 'down', Held: 'down', Holding: 'down',
  Idle: 'delay', Starting: 'delay', Suspended: 'delay', Suspending: 'delay', Unsuspending: 'delay', Unholding: 'delay', Resetting: 'delay',
  Completing: 'delay', Complete: 'delay',
};

/** A work center's state from a moment until the next change (the PackML state history). */
export interface StateSpan extends Span {
  readonly state: PackMLState;
}

/** The ISO 22400-2 time elements of one shift at one work unit, in seconds. */
export interface ShiftTimes {
  /** Planned operation time: the shift less its breaks. */
  readonly pot: number;
  /** Planned downtime inside the planned operation time. */
  readonly pdt: number;
  /** Planned busy time: the time the work unit is planned to produce (POT − PDT). */
  readonly pbt: number;
  /** Actual production time: run time within the planned busy time. */
  readonly apt: number;
  /** Actual unit down time within the planned busy time. */
  readonly adot: number;
  /** Actual unit delay time within the planned busy time. */
  readonly adet: number;
  /** Planned busy time with no state known (no record): neither run nor down. */
  readonly unknown: number;
}

/** The parts of `span` not covered by any of `holes`. */
export function subtract(span: Span, holes: readonly Span[]): Span[] {
  let parts: Span[] = [span];
  for (const h of holes) {
    const next: Span[] = [];
    for (const p of parts) {
      if (h.end <= p.start || h.start >= p.end) {
        next.push(p);
        continue;
      }
      if (h.start > p.start) next.push({ start: p.start, end: h.start });
      if (h.end < p.end) next.push({ start: h.end, end: p.end });
    }
    parts = next;
  }
  return parts;
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
const length = (spans: readonly Span[]) => spans.reduce((n, s) => n + (s.end - s.start), 0);

/** The shift less its breaks (planned operation time) and, of that, less its planned downtime (planned busy time). */
export function plannedSpans(shift: PlannedShift): { readonly operating: Span[]; readonly busy: Span[] } {
  const operating = subtract(shift, shift.breaks);
  return { operating, busy: operating.flatMap((s) => subtract(s, shift.plannedDowntime)) };
}

/** The spans cut off at an instant (a shift still running counts up to now). */
export const clipSpans = (spans: readonly Span[], until: number): Span[] =>
  spans.flatMap((s) => (s.start >= until ? [] : [{ start: s.start, end: Math.min(s.end, until) }]));

/**
 * A shift's times from its plan and the milliseconds spent in each state during its planned busy time (`busy`, as
 * plannedSpans gives it, perhaps cut off at now): each state's time counted as run, down or delay by the mapping; a
 * state classed as planned counts as planned downtime.
 */
export function timesOf(
  operating: readonly Span[],
  busy: readonly Span[],
  msByState: Readonly<Partial<Record<PackMLState, number>>>,
  classes: Readonly<Record<PackMLState, TimeClass>> = DEFAULT_TIME_CLASSES,
): ShiftTimes {
  const totals = { run: 0, down: 0, delay: 0, planned: 0 };
  for (const [state, ms] of Object.entries(msByState) as [PackMLState, number][]) totals[classes[state]] += ms;
  const pot = length(operating);
  const pdt = pot - length(busy) + totals.planned;
  const pbt = pot - pdt;
  const s = (ms: number) => ms / 1000;
  return { pot: s(pot), pdt: s(pdt), pbt: s(pbt), apt: s(totals.run), adot: s(totals.down), adet: s(totals.delay), unknown: s(pbt - totals.run - totals.down - totals.delay) };
}

/**
 * A shift's times from its plan and the state history: the planned busy time is the shift less its breaks and
 * planned downtime; each state span is clipped to it (a stop across a break counts only outside the break) and
 * counted as run, down or delay by the mapping; a state classed as planned counts as planned downtime.
 */
export function shiftTimes(shift: PlannedShift, states: readonly StateSpan[], classes: Readonly<Record<PackMLState, TimeClass>> = DEFAULT_TIME_CLASSES): ShiftTimes {
  const { operating, busy } = plannedSpans(shift);
  const ms: Partial<Record<PackMLState, number>> = {};
  for (const st of states) for (const b of busy) ms[st.state] = (ms[st.state] ?? 0) + overlap(st, b);
  return timesOf(operating, busy, ms, classes);
}
