import { z } from 'zod';
import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import type { ShiftInstance } from './calendar';
import { shiftTimes } from './time-model';

const count = (what: string) => z.number().int(`${what} is a whole number`).min(0, `${what} cannot be negative`).max(10_000_000);

/** What a shift lead reports by hand for a work center without a PLC: one shift's output and downtime. */
export const ProductionReportInput = z.object({
  workCenter: z.string().min(1).max(32),
  /** The shift: its day and name as the calendar has them, e.g. 2026-12-07/A. */
  shift: z.string().min(1).max(40),
  produced: count('the quantity produced'),
  /** Pieces scrapped (not good, not to be reworked). */
  scrap: count('scrap').default(0),
  /** Pieces sent to rework (not good first time). */
  rework: count('rework').default(0),
  downtimeMinutes: z.number().min(0, 'downtime cannot be negative').max(24 * 60),
  /** How many stops the downtime was (for MTBF and MTTR); unknown if not given. */
  stops: count('the number of stops').optional(),
  note: z.string().trim().max(400).default(''),
  /** The order the shift worked on: its routing gives the ideal cycle time (without it, effectiveness is not known). */
  order: z.string().trim().min(1).max(40).optional(),
  /** A second report for a shift must say it replaces the first. */
  replaces: z.boolean().default(false),
});
export type ProductionReportInput = z.infer<typeof ProductionReportInput>;

export interface ReportedProduction {
  readonly workCenter: string;
  readonly line: string;
  readonly shift: string;
  readonly start: string;
  readonly end: string;
  readonly produced: number;
  readonly good: number;
  readonly scrap: number;
  readonly rework: number;
  readonly downtimeSeconds: number;
  readonly stops: number | null;
  readonly note: string;
  readonly order: string | null;
  /** The routing's standard cycle time at this work center for the order's product (null: not known). */
  readonly idealCycleSeconds: number | null;
  /** The report this one replaces (its figures), null for the first. */
  readonly replaced: { readonly produced: number; readonly scrap: number; readonly rework: number; readonly downtimeSeconds: number } | null;
}

export type ProductionReportEvent = { readonly type: 'ProductionReported'; readonly data: ReportedProduction };

/** The report with what the station knows around it: the line, the shift as the calendar has it, whether a PLC counts here. */
export interface ReportProduction {
  readonly type: 'ReportProduction';
  readonly report: ProductionReportInput;
  readonly line: string;
  /** The work center is on the line. */
  readonly known: boolean;
  /** The work center's PLC counts its output and states: a hand report would count it twice. */
  readonly machineCounted: boolean;
  /** The shift as the line's calendar has it; null when the calendar has no such shift. */
  readonly shift: ShiftInstance | null;
  /** Whether the line has a calendar at all. */
  readonly hasCalendar: boolean;
  /** The order named: null if the station has no such order; its routing's cycle time here, null if it has no operation here. */
  readonly order: { readonly idealCycleSeconds: number | null } | null;
}

export type ProductionReportState = { readonly reported: ReportedProduction | null };

/**
 * A hand report of one shift at one work center (stream report:<work center>/<shift>). Refused: a work center not on
 * the line or counted by its PLC, a shift the calendar does not have or that has not begun, more scrap and rework than
 * pieces, more downtime than the shift's planned busy time, a second report that does not say it replaces the first.
 */
export const productionReportDecider: Decider<ProductionReportState, ReportProduction, ProductionReportEvent> = {
  initialState: () => ({ reported: null }),
  decide(c, state, ctx) {
    const r = c.report;
    if (!c.known) return refuse(ErrorCode.notFound, `Work center ${r.workCenter} is not on line ${c.line}.`);
    if (c.machineCounted) {
      return refuse(ErrorCode.conflict, `Work center ${r.workCenter} is counted by its PLC: its output and stops come from the machine. Reports by hand are for work centers without one.`);
    }
    if (!c.hasCalendar) return refuse(ErrorCode.conflict, `Line ${c.line} has no shift calendar yet: an engineer or supervisor sets one up first (OEE › Calendar).`);
    const shift = c.shift;
    if (!shift) return refuse(ErrorCode.notFound, `Line ${c.line}'s calendar has no shift ${r.shift} (a shift is its day and name, e.g. 2026-12-07/A; not on a non-working day).`);
    if (Date.parse(ctx.at) < shift.start) return refuse(ErrorCode.conflict, `Shift ${r.shift} has not begun yet (it starts ${new Date(shift.start).toISOString()}).`);
    if (r.scrap + r.rework > r.produced) {
      return refuse(ErrorCode.validation, `${r.scrap} scrapped and ${r.rework} reworked is more than the ${r.produced} pieces produced.`);
    }
    if (r.order !== undefined && !c.order) return refuse(ErrorCode.notFound, `There is no order ${r.order} at this station.`);
    if (r.order !== undefined && c.order?.idealCycleSeconds === null) {
      return refuse(ErrorCode.validation, `Order ${r.order}'s routing has no operation at ${r.workCenter}: name the order this work center worked on.`);
    }
    const busy = shiftTimes(shift, []).pbt;
    const downtimeSeconds = Math.round(r.downtimeMinutes * 60);
    if (downtimeSeconds > busy) {
      return refuse(ErrorCode.validation, `${r.downtimeMinutes} minutes down is more than shift ${r.shift}'s ${Math.round(busy / 60)} minutes of planned production (breaks and planned downtime left out).`);
    }
    if (state.reported && !r.replaces) {
      const p = state.reported;
      return refuse(ErrorCode.conflict, `Shift ${r.shift} at ${r.workCenter} is already reported (${p.produced} produced, ${Math.round(p.downtimeSeconds / 60)} min down). To correct it, say the new report replaces it.`);
    }
    const p = state.reported;
    return accept({
      type: 'ProductionReported',
      data: {
        workCenter: r.workCenter, line: c.line, shift: shift.id, start: new Date(shift.start).toISOString(), end: new Date(shift.end).toISOString(),
        produced: r.produced, good: r.produced - r.scrap - r.rework, scrap: r.scrap, rework: r.rework, downtimeSeconds, stops: r.stops ?? null, note: r.note,
        order: r.order ?? null, idealCycleSeconds: c.order?.idealCycleSeconds ?? null,
        replaced: p ? { produced: p.produced, scrap: p.scrap, rework: p.rework, downtimeSeconds: p.downtimeSeconds } : null,
      },
    });
  },
  evolve: (_state, event) => ({ reported: event.data }),
};
