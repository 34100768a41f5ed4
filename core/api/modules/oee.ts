import { z } from 'zod';
import { ShiftCalendar } from '../../oee/calendar';
import { ProductionReportInput } from '../../oee/production-report';
import { TIME_CLASSES, TimeClassSettings } from '../../oee/settings';
import { PACKML_STATES } from '../../packml/states';
import { none, op } from '../operation';
import { isoDateTime } from '../schemas';

// OEE per ISO 22400-2: a line's shift calendar and time classes, hand reports for work centers without a PLC, and the
// KPIs per work center and line by shift, day and order.

const seconds = z.number();
const ratio = z.number().nullable();

/** ISO 22400-2 times of a period, in seconds. */
export const OeeTimes = z.object({
  /** Planned operation time: the shifts less their breaks. */
  pot: seconds,
  /** Planned downtime. */
  pdt: seconds,
  /** Planned busy time: POT − PDT. */
  pbt: seconds,
  /** Actual production time (run). */
  apt: seconds,
  /** Actual unit down time. */
  adot: seconds,
  /** Actual unit delay time. */
  adet: seconds,
  /** Actual unit busy time: APT + ADET. */
  aubt: seconds,
  /** Planned busy time with no state recorded. */
  unknown: seconds,
});
export type OeeTimes = z.infer<typeof OeeTimes>;

export const OeeQuantities = z.object({ produced: z.number(), good: z.number(), scrap: z.number(), rework: z.number(), firstPass: z.number() });
export type OeeQuantities = z.infer<typeof OeeQuantities>;

export const OeeKpisView = z.object({
  availability: ratio, effectiveness: ratio, quality: ratio, oee: ratio, teep: ratio,
  allocationEfficiency: ratio, utilizationEfficiency: ratio, firstPassYield: ratio, scrapRatio: ratio,
  throughputPerHour: z.number().nullable(), mtbfSeconds: z.number().nullable(), mttrSeconds: z.number().nullable(),
});
export type OeeKpisView = z.infer<typeof OeeKpisView>;

export const OeePeriod = z.object({
  kind: z.enum(['shift', 'day', 'order']),
  /** 2026-12-07/A, 2026-12-07 or the order number. */
  id: z.string(),
  start: isoDateTime,
  end: isoDateTime,
  /** Still running: its figures are up to now. */
  running: z.boolean(),
});
export type OeePeriod = z.infer<typeof OeePeriod>;

export const OeeRow = z.object({
  period: OeePeriod,
  /** null: the line (its work centers' times and quantities summed). */
  workCenter: z.string().nullable(),
  /** machine: from the PLC's states and counts; report: a shift lead's report; mixed: the line of both; none: nothing recorded. */
  source: z.enum(['machine', 'report', 'mixed', 'none']),
  times: OeeTimes,
  quantities: OeeQuantities,
  /** Σ ideal cycle time × pieces made (s): PRI × PQ. */
  idealSeconds: z.number(),
  /** Stops that interrupted production (run → down); null where not known. */
  failures: z.number().nullable(),
  kpis: OeeKpisView,
});
export type OeeRow = z.infer<typeof OeeRow>;

export const OeeQuery = z.object({
  by: z.enum(['shift', 'day']).default('shift'),
  from: isoDateTime,
  to: isoDateTime,
  workCenter: z.string().min(1).max(32).optional(),
});

export const ProductionSettingsView = z.object({
  line: z.string().nullable(),
  calendar: ShiftCalendar.nullable(),
  calendarSet: z.object({ at: isoDateTime, by: z.string() }).nullable(),
  /** Every PackML state's class as it stands (the engineers' choices over the default), and which they chose. */
  timeClasses: z.record(z.enum(PACKML_STATES), z.enum(TIME_CLASSES)),
  overrides: TimeClassSettings.shape.classes,
  microStopSeconds: z.number(),
  /** Work centers with no PLC: their output and downtime are reported by hand. */
  handReported: z.array(z.string()),
});
export type ProductionSettingsView = z.infer<typeof ProductionSettingsView>;

export const ProductionReportView = z.object({
  workCenter: z.string(), shift: z.string(), start: isoDateTime, end: isoDateTime,
  produced: z.number(), good: z.number(), scrap: z.number(), rework: z.number(), downtimeMinutes: z.number(), stops: z.number().nullable(),
  order: z.string().nullable(), note: z.string(), reportedBy: z.string(), reportedAt: isoDateTime, replaced: z.boolean(),
});
export type ProductionReportView = z.infer<typeof ProductionReportView>;

const OeeResult = z.object({ line: z.string().nullable(), rows: z.array(OeeRow) });

export const oeeApi = {
  oee: op({ method: 'GET', path: '/oee', summary: 'OEE and the ISO 22400-2 KPIs per work center and for the line, by shift or day', input: OeeQuery, output: OeeResult, permission: 'view' }),
  currentOee: op({
    method: 'GET', path: '/oee/current', summary: 'OEE of the shift running now, up to now, per work center and for the line',
    input: none, output: OeeResult.extend({ shift: z.string().nullable(), /** When the figures were computed (up to then). */ asOf: isoDateTime }), permission: 'view',
  }),
  orderOee: op({ method: 'GET', path: '/oee/orders/{number}', summary: "OEE of one order at each work center it went through, and the order's whole", input: z.object({ number: z.string().min(1).max(40) }), output: OeeResult, permission: 'view' }),
  productionSettings: op({ method: 'GET', path: '/oee/settings', summary: "The line's shift calendar and time classes", input: none, output: ProductionSettingsView, permission: 'view' }),
  setShiftCalendar: op({ method: 'POST', path: '/oee/calendar', summary: "Set the line's shift calendar (shifts, breaks, planned downtime, non-working days)", input: ShiftCalendar, output: ProductionSettingsView, permission: 'production.calendar' }),
  setTimeClasses: op({ method: 'POST', path: '/oee/time-classes', summary: 'Set which PackML states are run, down, delay or planned time, and the micro-stop threshold', input: TimeClassSettings, output: ProductionSettingsView, permission: 'line.configure' }),
  reportProduction: op({ method: 'POST', path: '/production-reports', summary: 'Report a shift by hand at a work center without a PLC: counts, rejects, downtime', input: ProductionReportInput, output: ProductionReportView, permission: 'production.report' }),
  shiftReport: op({
    method: 'GET', path: '/oee/shift-report', summary: 'The report a shift lead hands over (CSV or PDF): output, OEE, top losses, stops without a reason, alarms',
    input: z.object({ shift: z.string().min(1).max(40), format: z.enum(['csv', 'pdf']).default('pdf') }),
    output: z.object({ fileName: z.string(), contentType: z.string(), base64: z.string() }), permission: 'view',
  }),
  productionReports: op({
    method: 'GET', path: '/production-reports', summary: 'Hand reports of shifts in a time range',
    input: z.object({ from: isoDateTime, to: isoDateTime }), output: z.array(ProductionReportView), permission: 'view',
  }),
} as const;
