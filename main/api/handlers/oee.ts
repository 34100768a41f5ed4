import { ok, type CommandContext, type OeeRow, type ProductionReportView, type ProductionSettingsView, type Result, type oeeApi } from '../../../core';
import type { Handlers } from './handler';

/** What OEE's operations need of the station. */
export interface OeePorts {
  readonly production: {
    settings(): ProductionSettingsView;
    setCalendar(input: unknown, ctx: CommandContext): Promise<Result<ProductionSettingsView>>;
    setTimeClasses(input: unknown, ctx: CommandContext): Promise<Result<ProductionSettingsView>>;
    report(input: unknown, ctx: CommandContext): Promise<Result<ProductionReportView>>;
    reports(from: number, to: number): ProductionReportView[];
    oee(q: { by: 'shift' | 'day'; from: string; to: string; workCenter?: string | undefined }): Result<{ line: string | null; rows: OeeRow[] }>;
    current(): { line: string | null; shift: string | null; rows: OeeRow[]; asOf: string };
    order(number: string): Result<{ line: string | null; rows: OeeRow[] }>;
  };
  readonly shiftReports: {
    report(shift: string, format: 'csv' | 'pdf', made: { by: string; at: string }): Result<{ fileName: string; contentType: string; base64: string }>;
  };
}

export function oeeHandlers(s: OeePorts): Handlers<typeof oeeApi> {
  return {
    oee: (input) => s.production.oee(input),
    currentOee: () => ok(s.production.current()),
    orderOee: (input) => s.production.order(input.number),
    productionSettings: () => ok(s.production.settings()),
    setShiftCalendar: (input, caller) => s.production.setCalendar(input, caller.context),
    setTimeClasses: (input, caller) => s.production.setTimeClasses(input, caller.context),
    reportProduction: (input, caller) => s.production.report(input, caller.context),
    shiftReport: (input, caller) =>
      s.shiftReports.report(input.shift, input.format, { by: caller.user ? `${caller.user.displayName} (${caller.user.username})` : 'unknown', at: caller.context.at }),
    productionReports: (input) => ok(s.production.reports(Date.parse(input.from), Date.parse(input.to))),
  };
}
