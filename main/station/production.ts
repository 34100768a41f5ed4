import {
  DEFAULT_TIME_CLASSES,
  ErrorCode,
  PACKML_STATES,
  ProductionReportInput,
  ShiftCalendar,
  TimeClassSettings,
  describeIssues,
  fail,
  findShift,
  ok,
  productionReportDecider,
  productionSettingsDecider,
  streams,
  timeClassesOf,
  type CommandContext,
  type LineSetup,
  type OeeRow,
  type ProductionReportView,
  type ProductionSettingsView,
  type Result,
  type TimeClassSettings as TimeClassSettingsT,
} from '../../core';
import type { OeeLine, OeeModel } from '../oee';
import type { EventStore } from '../store';
import type { Clock } from './clock';
import { exec } from './exec';
import { orderRow, productDefinition } from './facts';

/** The line as OEE sees it: its work centers, those without a PLC folder reported by hand. */
export const oeeLineOf = (l: LineSetup | null): OeeLine | null =>
  l ? { id: l.line.id, workCenters: l.line.workCenters.map((w) => ({ id: w.id, handReported: w.plcFolder.trim() === '' })) } : null;

/**
 * OEE at the station: the line's shift calendar and time classes (recorded, each change with who and what it was), hand
 * reports of shifts for work centers without a PLC, and the KPIs by shift, day, order and for the shift running now.
 */
export class Production {
  private readonly versions: OeeModel['versions'];
  private readonly reads: OeeModel['reads'];
  private readonly reportsBetween;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly line: () => LineSetup | null,
    model: OeeModel,
  ) {
    this.versions = model.versions;
    this.reads = model.reads;
    this.reportsBetween = store.db.prepare(
      `SELECT work_center AS workCenter, shift, start_ms AS startMs, end_ms AS endMs, produced, good, scrap, rework, downtime_s AS downtime, stops,
         order_number AS "order", note, reported_by AS reportedBy, reported_at AS reportedAt, replaced
       FROM production_reports WHERE start_ms < ? AND end_ms > ? ORDER BY start_ms, work_center`,
    );
  }

  private oeeLine(): OeeLine | null {
    return oeeLineOf(this.line());
  }

  settings(): ProductionSettingsView {
    const l = this.oeeLine();
    const now = this.clock.now().getTime();
    const v = l ? this.versions.calendarAt(l.id, now) : null;
    const tc = l ? this.versions.timeClassSettingsAt(l.id, now) : null;
    return {
      line: l?.id ?? null,
      calendar: v?.calendar ?? null,
      calendarSet: v ? { at: new Date(v.setAt).toISOString(), by: v.setBy } : null,
      timeClasses: { ...timeClassesOf(tc) },
      overrides: tc?.classes ?? {},
      microStopSeconds: tc?.microStopSeconds ?? TimeClassSettings.parse({}).microStopSeconds,
      handReported: l?.workCenters.filter((w) => w.handReported).map((w) => w.id) ?? [],
    };
  }

  async setCalendar(input: unknown, ctx: CommandContext): Promise<Result<ProductionSettingsView>> {
    const l = this.oeeLine();
    if (!l) return fail(ErrorCode.conflict, 'No line is set up yet: an engineer sets up the line first (Line setup).');
    const parsed = ShiftCalendar.safeParse(input);
    if (!parsed.success) return fail(ErrorCode.validation, `The shift calendar is not valid — ${describeIssues(parsed.error.issues, '(calendar)')}`);
    const r = await this.store.submit((tx) => exec(tx, streams.production(l.id), productionSettingsDecider, { type: 'SetShiftCalendar', line: l.id, calendar: parsed.data }, ctx));
    return r.ok ? ok(this.settings()) : r;
  }

  async setTimeClasses(input: unknown, ctx: CommandContext): Promise<Result<ProductionSettingsView>> {
    const l = this.oeeLine();
    if (!l) return fail(ErrorCode.conflict, 'No line is set up yet: an engineer sets up the line first (Line setup).');
    const parsed = TimeClassSettings.safeParse(input);
    if (!parsed.success) return fail(ErrorCode.validation, `The time classes are not valid — ${describeIssues(parsed.error.issues, '(time classes)')}`);
    // Only what differs from the default is kept: the default may then improve without a line's choices hiding it.
    const classes = Object.fromEntries(PACKML_STATES.flatMap((s) => (parsed.data.classes[s] && parsed.data.classes[s] !== DEFAULT_TIME_CLASSES[s] ? [[s, parsed.data.classes[s]]] : [])));
    const settings: TimeClassSettingsT = { classes, microStopSeconds: parsed.data.microStopSeconds, startupMinutes: parsed.data.startupMinutes };
    const r = await this.store.submit((tx) => exec(tx, streams.production(l.id), productionSettingsDecider, { type: 'SetTimeClasses', line: l.id, settings }, ctx));
    return r.ok ? ok(this.settings()) : r;
  }

  async report(input: unknown, ctx: CommandContext): Promise<Result<ProductionReportView>> {
    const l = this.oeeLine();
    if (!l) return fail(ErrorCode.conflict, 'No line is set up yet: an engineer sets up the line first (Line setup).');
    const parsed = ProductionReportInput.safeParse(input);
    if (!parsed.success) return fail(ErrorCode.validation, `The production report is not valid — ${describeIssues(parsed.error.issues, '(report)')}`);
    const report = parsed.data;
    const wc = l.workCenters.find((w) => w.id === report.workCenter);
    const r = await this.store.submit((tx) => {
      // The shift as the calendar in force now has it (a report comes during or after its shift).
      const v = this.versions.calendarAt(l.id, Date.parse(ctx.at));
      const order = report.order === undefined ? null : orderRow(tx.db, report.order);
      const definition = order ? productDefinition(tx.db, order.product, order.revision) : null;
      const cycle = definition?.routing.find((op) => op.workCenter === report.workCenter)?.standardCycleSeconds ?? null;
      return exec(tx, streams.productionReport(report.workCenter, report.shift), productionReportDecider, {
        type: 'ReportProduction', report, line: l.id, known: !!wc, machineCounted: !!wc && !wc.handReported,
        shift: v ? findShift(v.calendar, report.shift) : null, hasCalendar: !!v, order: order ? { idealCycleSeconds: cycle } : null,
      }, ctx);
    });
    if (!r.ok) return r;
    const shown = this.reports(0, Number.MAX_SAFE_INTEGER).find((x) => x.workCenter === report.workCenter && x.shift === report.shift);
    return shown ? ok(shown) : fail(ErrorCode.internal, 'The report was recorded but cannot be read back.');
  }

  reports(from: number, to: number): ProductionReportView[] {
    type Row = Omit<ProductionReportView, 'start' | 'end' | 'downtimeMinutes' | 'replaced'> & { startMs: number; endMs: number; downtime: number; replaced: number };
    return (this.reportsBetween.all(to, from) as Row[]).map(({ startMs, endMs, downtime, replaced, ...r }) => ({
      ...r, start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(), downtimeMinutes: downtime / 60, replaced: replaced === 1,
    }));
  }

  oee(q: { by: 'shift' | 'day'; from: string; to: string; workCenter?: string | undefined }): Result<{ line: string | null; rows: OeeRow[] }> {
    const l = this.oeeLine();
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (to <= from) return fail(ErrorCode.validation, 'The time range is empty: "to" must be after "from".');
    if (to - from > 400 * 86_400_000) return fail(ErrorCode.validation, 'Ask for at most 400 days at a time.');
    if (!l) return ok({ line: null, rows: [] });
    if (q.workCenter !== undefined && !l.workCenters.some((w) => w.id === q.workCenter)) return fail(ErrorCode.notFound, `Work center ${q.workCenter} is not on line ${l.id}.`);
    return ok({ line: l.id, rows: q.by === 'day' ? this.reads.byDay(l, from, to, q.workCenter) : this.reads.byShift(l, from, to, q.workCenter) });
  }

  current(): { line: string | null; shift: string | null; rows: OeeRow[]; asOf: string } {
    const l = this.oeeLine();
    const asOf = this.clock.now().toISOString();
    return l ? { line: l.id, ...this.reads.current(l), asOf } : { line: null, shift: null, rows: [], asOf };
  }

  order(number: string): Result<{ line: string | null; rows: OeeRow[] }> {
    const l = this.oeeLine();
    if (!orderRow(this.store.db, number)) return fail(ErrorCode.notFound, `There is no order ${number} at this station.`);
    return ok({ line: l?.id ?? null, rows: l ? this.reads.byOrder(l, number) : [] });
  }
}
